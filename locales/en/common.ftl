# The engine's own words and the global commands, in English.

## Global commands: the words a resident may type, separated by |
command-menu = menu | main menu | top | home | start
command-cancel = cancel | stop | quit | exit | abort
command-back = back | go back | previous | undo
command-language = language | languages | change language | lang
command-help = help | how to use

cancelled = Cancelled. Type "menu" whenever you need anything.
command-back-none = There is nothing to go back to.
label-cancel = Cancel
label-back = Back
label-menu = Menu
label-done = Done

## Sessions
session-expired = It has been a while, so I closed our last conversation. Let's start again.
still-there = Are you still there? Answer the question above when you are ready, or tap a button below.
flow-changed = This service was just updated, so we have to start it again from the beginning. Sorry!
flow-stay = Let's finish this first. You can type "cancel" to stop.
action-failed = Sorry, something went wrong on our side. Please try again a little later.
ask-gave-up = Sorry, I could not understand. Let's stop here for now. Type "menu" to start again.

## Answers that do not fit the question
ask-wrong-text = I could not read that as text.
ask-wrong-choice = Sorry, that is not one of the choices.
ask-wrong-number = Please send a number, such as 3.
ask-wrong-date = I could not read that as a date.
ask-wrong-time = I could not read that as a time.
ask-wrong-datetime = I could not read that as a date and time.
ask-wrong-phone = That does not look like a Japanese phone number.
ask-wrong-kana = Please write the name in katakana or hiragana.
ask-wrong-image = Please send a photo.
ask-wrong-location = Please send a location.
ask-again-text = Please type your answer. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-again-choice = Please tap one of the buttons below. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-again-number = Type digits only, for example 2. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-again-date = Tap "Pick a date" or type it like 2026-05-01. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-again-time = Tap "Pick a time" or type it like 14:30. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-again-datetime = Tap "Pick date & time" or type it like 2026-05-01 14:30. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-again-phone = Type it with the area code, like 042-481-7111. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-again-kana = For example: ヤマダ ハナコ. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-again-image = Tap "Camera" or "Photos" below. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-again-location = Tap "Send location" below. { $remaining ->
    [1] This is the last try.
   *[other] { $remaining } tries left.
}
ask-skip = Skip
ask-pick-date = Pick a date
ask-pick-time = Pick a time
ask-pick-datetime = Pick date & time
ask-camera = Camera
ask-camera-roll = Photos
ask-location = Send location
