# 引擎本身的用語與隨時可用的指令（繁體中文）。

## 指令：居民可以輸入的詞語，以 | 分隔
command-menu = 選單 | 主選單 | 首頁 | 開始
command-cancel = 取消 | 停止 | 退出 | 不要了 | 結束
command-back = 返回 | 上一步 | 回上一步
command-language = 語言 | 切換語言 | 變更語言
command-help = 幫助 | 說明 | 使用方法

cancelled = 已取消。有需要時，請隨時傳送「選單」。
command-back-none = 已經沒有可以返回的步驟了。
label-cancel = 取消
label-back = 返回
label-menu = 選單
label-done = 完成

## 對話
session-expired = 由於間隔時間較長，上次的對話已結束。請重新開始。
still-there = 您還在嗎？準備好後，請回答上面的問題，或點選下方的按鈕。
flow-changed = 這項服務剛剛更新，需要從頭開始。造成不便，敬請見諒。
flow-stay = 請先完成目前的操作。如要中止，請傳送「取消」。
action-failed = 抱歉，系統發生問題。請稍後再試。
ask-gave-up = 抱歉，無法理解您的意思，這次先到這裡。傳送「選單」即可重新開始。

## 與問題不符的回答
ask-wrong-text = 無法辨識為文字。
ask-wrong-choice = 抱歉，這不在選項之中。
ask-wrong-number = 請傳送數字，例如 3。
ask-wrong-date = 無法辨識為日期。
ask-wrong-time = 無法辨識為時間。
ask-wrong-datetime = 無法辨識為日期與時間。
ask-wrong-phone = 這似乎不是日本的電話號碼。
ask-wrong-kana = 請以片假名或平假名輸入姓名。
ask-wrong-image = 請傳送照片。
ask-wrong-location = 請傳送位置資訊。
ask-again-text = 請輸入文字回答（還可以嘗試 { $remaining } 次）。
ask-again-choice = 請點選下方的按鈕（還可以嘗試 { $remaining } 次）。
ask-again-number = 請只輸入數字，例如 2（還可以嘗試 { $remaining } 次）。
ask-again-date = 請點選「選擇日期」，或以 2026-05-01 的格式輸入（還可以嘗試 { $remaining } 次）。
ask-again-time = 請點選「選擇時間」，或以 14:30 的格式輸入（還可以嘗試 { $remaining } 次）。
ask-again-datetime = 請點選「選擇日期時間」，或以 2026-05-01 14:30 的格式輸入（還可以嘗試 { $remaining } 次）。
ask-again-phone = 請從區碼開始輸入，例如 042-481-7111（還可以嘗試 { $remaining } 次）。
ask-again-kana = 例如：ヤマダ ハナコ（還可以嘗試 { $remaining } 次）。
ask-again-image = 請點選下方的「相機」或「相簿」（還可以嘗試 { $remaining } 次）。
ask-again-location = 請點選下方的「傳送位置」（還可以嘗試 { $remaining } 次）。
ask-skip = 略過
ask-pick-date = 選擇日期
ask-pick-time = 選擇時間
ask-pick-datetime = 選擇日期時間
ask-camera = 相機
ask-camera-roll = 相簿
ask-location = 傳送位置
