# Ang sariling mga salita ng makina at ang mga utos na gumagana kahit kailan (Tagalog).

## Mga utos: mga salitang maaaring i-type ng residente, pinaghihiwalay ng |
command-menu = menu | pangunahing menu | simula
command-cancel = kanselahin | ikansela | itigil | tigil | huwag na
command-back = bumalik | balik | nakaraan
command-language = wika | palitan ang wika | pumili ng wika
command-help = tulong | paano gamitin

cancelled = Kinansela na. I-type ang "menu" kahit kailan kung may kailangan ka.
command-back-none = Wala nang mababalikan.
label-cancel = Kanselahin
label-back = Bumalik
label-menu = Menu
label-done = Tapos na

## Mga sesyon
session-expired = Matagal ka nang hindi sumasagot kaya isinara ko ang huling usapan natin. Magsimula tayo ulit.
still-there = Nandiyan ka pa ba? Kapag handa ka na, sagutin ang tanong sa itaas o pumindot ng button sa ibaba.
flow-changed = Kaka-update lang ng serbisyong ito kaya kailangan nating magsimula ulit. Paumanhin!
flow-stay = Tapusin muna natin ito. I-type ang "kanselahin" kung gusto mong tumigil.
action-failed = Paumanhin, nagkaproblema ang aming sistema. Pakisubukan ulit mamaya.
ask-gave-up = Paumanhin, hindi kita naintindihan. Dito muna tayo titigil. I-type ang "menu" para magsimula ulit.

## Mga sagot na hindi tugma sa tanong
ask-wrong-text = Hindi ko iyon mabasa bilang teksto.
ask-wrong-choice = Paumanhin, wala iyon sa mga pagpipilian.
ask-wrong-number = Pakipadala ng numero, halimbawa 3.
ask-wrong-date = Hindi ko iyon mabasa bilang petsa.
ask-wrong-time = Hindi ko iyon mabasa bilang oras.
ask-wrong-datetime = Hindi ko iyon mabasa bilang petsa at oras.
ask-wrong-phone = Mukhang hindi iyon numero ng telepono sa Japan.
ask-wrong-kana = Pakisulat ang pangalan sa katakana o hiragana.
ask-wrong-image = Pakipadala ng larawan.
ask-wrong-location = Pakipadala ng lokasyon.
ask-again-text = Pakitype ang iyong sagot. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-again-choice = Pumili sa mga button sa ibaba. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-again-number = Mga digit lang ang i-type, halimbawa 2. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-again-date = Pindutin ang "Pumili ng petsa" o i-type tulad ng 2026-05-01. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-again-time = Pindutin ang "Pumili ng oras" o i-type tulad ng 14:30. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-again-datetime = Pindutin ang "Petsa at oras" o i-type tulad ng 2026-05-01 14:30. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-again-phone = I-type kasama ang area code, tulad ng 042-481-7111. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-again-kana = Halimbawa: ヤマダ ハナコ. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-again-image = Pindutin ang "Camera" o "Mga larawan" sa ibaba. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-again-location = Pindutin ang "Ipadala ang lokasyon" sa ibaba. { $remaining ->
    [1] Ito na ang huling subok.
   *[other] { $remaining } subok pa ang natitira.
}
ask-skip = Laktawan
ask-pick-date = Pumili ng petsa
ask-pick-time = Pumili ng oras
ask-pick-datetime = Petsa at oras
ask-camera = Camera
ask-camera-roll = Mga larawan
ask-location = Ipadala ang lokasyon
