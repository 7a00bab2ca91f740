# 内置流程的用语（简体中文）。

## 欢迎
welcome-greeting = 欢迎使用市政府的LINE服务窗口！我们用13种语言为您提供垃圾分类等指南。
welcome-language-prompt = 我将用简体中文为您服务。如需使用其他语言，请在下方选择。

## 菜单
menu-prompt = 请从下方选择您要办理的事项。
menu-garbage = 垃圾分类
menu-childcare = 育儿广场预约
menu-dumping = 举报非法丢弃
menu-language = 语言 / Language
menu-help = 使用方法
fallback-not-understood = 抱歉，我没能理解您的意思。

## 语言
language-prompt = 您想使用哪种语言？
language-changed = 好的，今后我将用简体中文为您服务。

## 使用方法
help-text = 使用方法：
    • 随时发送“菜单”，即可查看可办理的事项。
    • 发送“取消”，可以中止当前的操作。
    • 发送“返回”，可以修改上一个回答。
    • 发送“语言”，可以切换语言。
    其他事项请在工作日致电市政府。

## 尚未开放的服务
childcare-unavailable = 育儿广场的LINE预约暂未开放，目前正在准备中。敬请期待！
dumping-unavailable = 非法丢弃的LINE举报暂未开放。在此之前，请致电市政府。感谢您的理解。

## 垃圾分类
garbage-keywords = 垃圾 | 垃圾分类 | 扔垃圾 | 回收
garbage-ask-item = 您要扔什么？请输入物品名称，例如“电池”或“平底锅”。
garbage-item-too-long = 输入的内容有点长。
garbage-choose = 您指的是哪一个？
garbage-found = { $item }：{ $category }
    { $how }
garbage-notes = 注意：{ $notes }
garbage-fee = 费用：{ $fee }
garbage-none = 抱歉，没有找到该物品。请换个说法试试，例如把“空罐子”改为“罐子”。
garbage-unavailable = 抱歉，垃圾分类指南暂时无法使用。请稍后再试。
garbage-another = 还可以查询其他物品。查询结束后，请点击“完成”。
garbage-bye = 感谢您配合垃圾分类！
