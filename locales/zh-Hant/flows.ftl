# 內建流程的用語（繁體中文）。

## 歡迎
welcome-greeting = 歡迎使用市政府的LINE服務窗口！我們以13種語言提供垃圾分類等指南。
welcome-language-prompt = 我將以繁體中文為您服務。如需使用其他語言，請從下方選擇。

## 選單
menu-prompt = 請從下方選擇您要辦理的事項。
menu-garbage = 垃圾分類
menu-childcare = 育兒廣場預約
menu-dumping = 檢舉非法丟棄
menu-language = 語言 / Language
menu-help = 使用方法
fallback-not-understood = 抱歉，我沒能理解您的意思。

## 語言
language-prompt = 您想使用哪種語言？
language-changed = 好的，之後我將以繁體中文為您服務。

## 使用方法
help-text = 使用方法：
    • 隨時傳送「選單」，即可查看可辦理的事項。
    • 傳送「取消」，可以中止目前的操作。
    • 傳送「返回」，可以修改上一個回答。
    • 傳送「語言」，可以切換語言。
    其他事項請於平日致電市政府。

## 尚未開放的服務
childcare-unavailable = 育兒廣場的LINE預約尚未開放，目前正在準備中。敬請期待！
dumping-unavailable = 非法丟棄的LINE檢舉尚未開放。在此之前，請致電市政府。感謝您的耐心。

## 垃圾分類
garbage-keywords = 垃圾 | 垃圾分類 | 丟垃圾 | 資源回收
garbage-ask-item = 您要丟什麼？請輸入物品名稱，例如「電池」或「平底鍋」。
garbage-item-too-long = 輸入的內容有點長。
garbage-choose = 您指的是哪一個？
garbage-found = { $item }：{ $category }
    { $how }
garbage-notes = 注意：{ $notes }
garbage-fee = 費用：{ $fee }
garbage-none = 抱歉，找不到這項物品。請換個說法試試，例如把「空罐」改成「罐子」。
garbage-unavailable = 抱歉，垃圾分類指南暫時無法使用。請稍後再試。
garbage-another = 還可以查詢其他物品。查詢結束後，請點選「完成」。
garbage-bye = 感謝您配合垃圾分類！
