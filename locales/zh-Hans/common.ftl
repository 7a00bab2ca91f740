# 引擎自身的用语和随时可用的指令（简体中文）。

## 指令：居民可以输入的词语，用 | 分隔
command-menu = 菜单 | 主菜单 | 首页 | 开始
command-cancel = 取消 | 停止 | 退出 | 不要了 | 结束
command-back = 返回 | 上一步 | 后退
command-language = 语言 | 切换语言 | 更改语言
command-help = 帮助 | 使用方法 | 说明

cancelled = 已取消。有需要时，请随时发送“菜单”。
command-back-none = 已经没有可以返回的步骤了。
label-cancel = 取消
label-back = 返回
label-menu = 菜单
label-done = 完成

## 会话
session-expired = 由于间隔时间较长，上次的对话已结束。请重新开始。
still-there = 您还在吗？准备好后，请回答上面的问题，或点击下方的按钮。
flow-changed = 此服务刚刚更新，需要从头开始。给您带来不便，敬请谅解。
flow-stay = 请先完成当前的操作。如需中止，请发送“取消”。
action-failed = 抱歉，系统出现了问题。请稍后再试。
ask-gave-up = 抱歉，未能理解您的意思，本次操作先到这里。发送“菜单”即可重新开始。

## 与问题不符的回答
ask-wrong-text = 无法识别为文字。
ask-wrong-choice = 抱歉，这不在选项之中。
ask-wrong-number = 请发送数字，例如 3。
ask-wrong-date = 无法识别为日期。
ask-wrong-time = 无法识别为时间。
ask-wrong-datetime = 无法识别为日期和时间。
ask-wrong-phone = 这似乎不是日本的电话号码。
ask-wrong-kana = 请用片假名或平假名输入姓名。
ask-wrong-image = 请发送照片。
ask-wrong-location = 请发送位置信息。
ask-again-text = 请输入文字回答（还可以尝试 { $remaining } 次）。
ask-again-choice = 请点击下方的按钮进行选择（还可以尝试 { $remaining } 次）。
ask-again-number = 请只输入数字，例如 2（还可以尝试 { $remaining } 次）。
ask-again-date = 请点击“选择日期”，或按 2026-05-01 的格式输入（还可以尝试 { $remaining } 次）。
ask-again-time = 请点击“选择时间”，或按 14:30 的格式输入（还可以尝试 { $remaining } 次）。
ask-again-datetime = 请点击“选择日期时间”，或按 2026-05-01 14:30 的格式输入（还可以尝试 { $remaining } 次）。
ask-again-phone = 请从区号开始输入，例如 042-481-7111（还可以尝试 { $remaining } 次）。
ask-again-kana = 例如：ヤマダ ハナコ（还可以尝试 { $remaining } 次）。
ask-again-image = 请点击下方的“相机”或“相册”（还可以尝试 { $remaining } 次）。
ask-again-location = 请点击下方的“发送位置”（还可以尝试 { $remaining } 次）。
ask-skip = 跳过
ask-pick-date = 选择日期
ask-pick-time = 选择时间
ask-pick-datetime = 选择日期时间
ask-camera = 相机
ask-camera-roll = 相册
ask-location = 发送位置
