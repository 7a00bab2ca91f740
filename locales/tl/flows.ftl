# Ang mga salita ng mga kasamang daloy (Tagalog).

## pagbati
welcome-greeting = Maligayang pagdating sa LINE service counter ng lungsod! Tumutulong kami sa paghihiwalay ng basura at iba pa, sa 13 wika.
welcome-language-prompt = Susulatan kita sa Tagalog. Kung gusto mo ng ibang wika, pumili sa ibaba.

## menu
menu-prompt = Ano ang maitutulong namin? Pumili sa ibaba.
menu-garbage = Pag-uuri ng basura
menu-childcare = Booking sa childcare
menu-dumping = Ulat ng pagtatapon
menu-language = Wika / Language
menu-help = Tulong
fallback-not-understood = Paumanhin, hindi ko iyon naintindihan.

## wika
language-prompt = Anong wika ang gusto mo?
language-changed = Sige, susulatan na kita sa Tagalog mula ngayon.

## tulong
help-text = Paano gamitin ang serbisyong ito:
    • I-type ang "menu" kahit kailan para makita ang mga serbisyo.
    • I-type ang "kanselahin" para itigil ang ginagawa mo.
    • I-type ang "bumalik" para baguhin ang huling sagot mo.
    • I-type ang "wika" para pumili ng ibang wika.
    Para sa iba pang bagay, tumawag sa city hall tuwing karaniwang araw.

## mga serbisyong hindi pa bukas
childcare-unavailable = Hindi pa puwedeng mag-book sa childcare plaza sa LINE. Inihahanda pa namin ito. Salamat sa paghihintay!
dumping-unavailable = Hindi pa puwedeng mag-ulat ng ilegal na pagtatapon ng basura sa LINE. Habang wala pa, pakitawagan ang city hall. Salamat sa pag-unawa.

## basura
garbage-keywords = basura | paghihiwalay ng basura | pagtatapon | recycle
garbage-ask-item = Ano ang gusto mong itapon? I-type ang pangalan ng bagay, halimbawa "baterya" o "kawali".
garbage-item-too-long = Medyo mahaba iyan.
garbage-choose = Alin ang ibig mong sabihin?
garbage-found = { $item }: { $category }
    { $how }
garbage-notes = Paalala: { $notes }
garbage-fee = Bayad: { $fee }
garbage-none = Paumanhin, hindi ko nahanap ang bagay na iyon. Subukan ang ibang salita, halimbawa "lata" sa halip na "walang lamang lata".
garbage-unavailable = Paumanhin, hindi magagamit ngayon ang gabay sa paghihiwalay ng basura. Pakisubukan ulit mamaya.
garbage-another = Puwede kang mag-type ng iba pang bagay. Kapag tapos ka na, pindutin ang "Tapos na".
garbage-bye = Salamat sa maayos na paghihiwalay ng basura!
