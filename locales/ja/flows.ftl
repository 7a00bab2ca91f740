# 同梱のフローの文言（日本語）。

## ようこそ
welcome-greeting = 市のLINE窓口へようこそ！ごみの分け方などのご案内を、13の言語で行っています。
welcome-language-prompt = 日本語でご案内します。ほかの言語がよろしければ、下から選んでください。

## メニュー
menu-prompt = ご用件を下から選んでください。
menu-garbage = ごみの分け方
menu-childcare = 子育てひろば予約
menu-dumping = 不法投棄の通報
menu-language = 言語 / Language
menu-help = 使い方
fallback-not-understood = すみません、うまく理解できませんでした。

## 言語
language-prompt = どの言語にしますか？
language-changed = これからは日本語でご案内します。

## 使い方
help-text = 使い方のご案内：
    ・「メニュー」と送ると、いつでもご用件を選べます。
    ・「やめる」と送ると、途中でやめられます。
    ・「戻る」と送ると、ひとつ前の答えを直せます。
    ・「言語」と送ると、言語を変えられます。
    そのほかのご用件は、平日に市役所へお電話ください。

## まだ始まっていないサービス
childcare-unavailable = 子育てひろばのLINE予約は、まだご利用いただけません。ただいま準備中です。もうしばらくお待ちください。
dumping-unavailable = 不法投棄のLINE通報は、まだご利用いただけません。それまでは市役所へお電話ください。ご協力ありがとうございます。

## ごみの分け方
garbage-keywords = ごみ | ゴミ | 分別 | ごみの分け方 | ごみ分別 | 捨て方 | リサイクル
garbage-ask-item = 何を捨てますか？品目の名前を入力してください（例：電池、フライパン）。
garbage-item-too-long = 少し長すぎるようです。
garbage-choose = どれのことですか？
garbage-found = { $item }：{ $category }
    { $how }
garbage-notes = ご注意：{ $notes }
garbage-fee = 手数料：{ $fee }
garbage-none = すみません、その品目は見つかりませんでした。「空き缶」なら「缶」のように、別の言葉でお試しください。
garbage-unavailable = 申し訳ありません。ただいまごみの分け方案内を利用できません。しばらくしてからお試しください。
garbage-another = ほかの品目も調べられます。終わるときは「終わる」を押してください。
garbage-bye = ごみの分別にご協力いただき、ありがとうございます！
