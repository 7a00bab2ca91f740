# The wording of the shipped flows, in English.

## welcome
welcome-greeting = Welcome to the city's LINE service counter! We can help with garbage sorting and more, in 13 languages.
welcome-language-prompt = I will write to you in English. To use another language, tap it below.

## menu
menu-prompt = What can we help you with? Choose below.
menu-garbage = Garbage sorting
menu-childcare = Childcare booking
menu-dumping = Report dumping
menu-language = Language
menu-help = Help
fallback-not-understood = Sorry, I did not understand that.

## language
language-prompt = Which language would you like?
language-changed = OK, I will write to you in English from now on.

## help
help-text = How to use this service:
    • Type "menu" at any time to see what we offer.
    • Type "cancel" to stop what you are doing.
    • Type "back" to change your last answer.
    • Type "language" to choose another language.
    For anything else, please call the city office on weekdays.

## services that are not open yet
childcare-unavailable = Childcare plaza booking is not available on LINE yet. We are getting it ready. Sorry for the wait!
dumping-unavailable = Reporting illegal dumping is not available on LINE yet. Until then, please call the city office. Thank you for your patience.

## garbage
garbage-keywords = garbage | trash | rubbish | garbage sorting | recycling
garbage-ask-item = What would you like to throw away? Type the name of the item, for example "battery" or "frying pan".
garbage-item-too-long = That is a bit long.
garbage-choose = Which one do you mean?
garbage-found = { $item }: { $category }
    { $how }
garbage-notes = Note: { $notes }
garbage-fee = Fee: { $fee }
garbage-none = Sorry, I could not find that item. Try another word, for example "can" instead of "empty can".
garbage-unavailable = Sorry, the garbage sorting guide is not available right now. Please try again later.
garbage-another = You can type another item. When you are finished, tap "Done".
garbage-bye = Thank you for sorting your garbage!
