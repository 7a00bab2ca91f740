# エンジン自身の言葉と、どこからでも使えるコマンド（日本語）。

## コマンド：住民が入力できる言葉を | で区切る
command-menu = メニュー | めにゅー | 最初 | トップ | ホーム
command-cancel = やめる | キャンセル | 中止 | 止める | とりけし | 取り消し | おわり | 終わり
command-back = 戻る | もどる | 前へ | ひとつ前
command-language = 言語 | 言葉 | げんご | 言語を変える | ことば
command-help = ヘルプ | へるぷ | 使い方 | つかいかた

cancelled = 中止しました。ご用のときは「メニュー」と送ってください。
command-back-none = これより前には戻れません。
label-cancel = やめる
label-back = 戻る
label-menu = メニュー
label-done = 終わる

## セッション
session-expired = しばらく時間がたったので、前回のやりとりを終了しました。もう一度はじめからどうぞ。
still-there = まだご利用中ですか？準備ができたら上の質問にお答えいただくか、下のボタンを押してください。
flow-changed = このサービスの内容が更新されたため、はじめからやり直します。ご迷惑をおかけします。
flow-stay = 先にこちらを済ませましょう。やめるときは「やめる」と送ってください。
action-failed = 申し訳ありません。システムで問題が起きました。少し時間をおいてもう一度お試しください。
ask-gave-up = うまく理解できませんでした。いったん終了します。「メニュー」と送るとはじめからやり直せます。

## 質問に合わない答え
ask-wrong-text = 文字として読み取れませんでした。
ask-wrong-choice = 選択肢の中に見つかりませんでした。
ask-wrong-number = 数字で送ってください（例：3）。
ask-wrong-date = 日付として読み取れませんでした。
ask-wrong-time = 時刻として読み取れませんでした。
ask-wrong-datetime = 日時として読み取れませんでした。
ask-wrong-phone = 電話番号の形になっていないようです。
ask-wrong-kana = お名前はカタカナかひらがなで入力してください。
ask-wrong-image = 写真を送ってください。
ask-wrong-location = 位置情報を送ってください。
ask-again-text = 文字で入力してください（あと{ $remaining }回）。
ask-again-choice = 下のボタンから選んでください（あと{ $remaining }回）。
ask-again-number = 半角数字だけで入力してください。例：2（あと{ $remaining }回）
ask-again-date = 「日付を選ぶ」を押すか、2026-05-01 のように入力してください（あと{ $remaining }回）。
ask-again-time = 「時刻を選ぶ」を押すか、14:30 のように入力してください（あと{ $remaining }回）。
ask-again-datetime = 「日時を選ぶ」を押すか、2026-05-01 14:30 のように入力してください（あと{ $remaining }回）。
ask-again-phone = 市外局番から、042-481-7111 のように入力してください（あと{ $remaining }回）。
ask-again-kana = 例：ヤマダ ハナコ（あと{ $remaining }回）
ask-again-image = 下の「カメラ」か「写真」を押してください（あと{ $remaining }回）。
ask-again-location = 下の「位置情報を送る」を押してください（あと{ $remaining }回）。
ask-skip = スキップ
ask-pick-date = 日付を選ぶ
ask-pick-time = 時刻を選ぶ
ask-pick-datetime = 日時を選ぶ
ask-camera = カメラ
ask-camera-roll = 写真
ask-location = 位置情報を送る
