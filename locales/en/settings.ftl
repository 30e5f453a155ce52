# /settings: the couple's settings and a partner's own, the refusals of what cannot be used,
# the word about nudges at night, and the announcement of a couple-wide change.

# The label of a weekday among the option's choices.
settings-weekday = { $day ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
# The label of each "together or apart" choice.
settings-togetherness = { $togetherness ->
    [together] Mostly together
    [apart] Mostly apart
   *[both] Both
}
settings-togetherness-line = { $togetherness ->
    [together] **Together or apart**: mostly together.
    [apart] **Together or apart**: mostly apart, so I leave out prompts that only work when you're in the same place.
   *[both] **Together or apart**: both, some days together and some apart.
}

settings-couple-heading = **Your settings as a couple.** Either of you can change these, and each change is announced in the channel.
settings-own-heading = **Your own settings.** Only you see and change these; your partner isn't told about them.
settings-saved = Saved.
settings-how = Change any of them with `/settings` and its options, like `/settings day_start:05:00`; for your own time zone, start typing your city after `timezone:` and pick a suggestion.
settings-day-start = **The day starts at** { $time }. A check-in belongs to the day it's written in, and each day turns over at this time.
# The digest's weekday, $day from 1 (Monday) to 7 (Sunday): the couple's own choice, or the server's usual day.
settings-digest-default = { $day ->
    [1] **Weekly digest**: on Mondays, the server's usual day.
    [2] **Weekly digest**: on Tuesdays, the server's usual day.
    [3] **Weekly digest**: on Wednesdays, the server's usual day.
    [4] **Weekly digest**: on Thursdays, the server's usual day.
    [5] **Weekly digest**: on Fridays, the server's usual day.
    [6] **Weekly digest**: on Saturdays, the server's usual day.
   *[7] **Weekly digest**: on Sundays, the server's usual day.
}
settings-digest = { $day ->
    [1] **Weekly digest**: on Mondays.
    [2] **Weekly digest**: on Tuesdays.
    [3] **Weekly digest**: on Wednesdays.
    [4] **Weekly digest**: on Thursdays.
    [5] **Weekly digest**: on Fridays.
    [6] **Weekly digest**: on Saturdays.
   *[7] **Weekly digest**: on Sundays.
}
settings-zone-own = **Your time zone**: { $own }, your own. Your days, reminders and check-ins follow it; the couple's time zone is { $couple }.
settings-zone-couple = **Your time zone**: { $couple }, the couple's. If you live somewhere else, set your own and your days will follow it.
settings-mentions = { $on ->
    [yes] **Mentions**: on.
   *[no] **Mentions**: off.
}
settings-reminders = { $on ->
    [yes] **Reminders**: on.
   *[no] **Reminders**: off.
}
settings-channel-language = **Your channel's language**: { $language }. My posts in your channel are in it; either of you can change it with `/settings channel_language:`.
settings-language = **Your language**: { $language }, your choice. I answer you in it wherever you use haven, and my messages to you alone are in it too, whatever language your Discord is set to.
settings-language-not-chosen = **Your language**: not chosen, so I follow your Discord's language when I speak it, and English otherwise. To choose one for yourself, use `/settings language:`.

# A couple-wide change, announced in the channel, naming who made it.
settings-changed-day-start = { $who } changed when your day starts: it now turns over at { $time }. Days that have already ended stay closed.
settings-changed-digest = { $day ->
    [1] { $who } moved your weekly digest: it now comes on Mondays.
    [2] { $who } moved your weekly digest: it now comes on Tuesdays.
    [3] { $who } moved your weekly digest: it now comes on Wednesdays.
    [4] { $who } moved your weekly digest: it now comes on Thursdays.
    [5] { $who } moved your weekly digest: it now comes on Fridays.
    [6] { $who } moved your weekly digest: it now comes on Saturdays.
   *[7] { $who } moved your weekly digest: it now comes on Sundays.
}
settings-changed-togetherness = { $togetherness ->
    [apart] { $who } set you as mostly apart: I'll leave out prompts that only work when you're in the same place.
    [together] { $who } set you as mostly together.
   *[both] { $who } set you as some days together and some apart.
}

# What cannot be used ($input: what was typed, shortened and tidied).
settings-bad-day-start = “{ $input }” isn't a time I can use for when your day starts. Please use 24-hour HH:MM, like 04:00 or 05:30.
settings-bad-weekday = I couldn't use that day for the digest. Please pick one of the days offered.
settings-bad-togetherness = I couldn't use that answer. Please pick mostly together, mostly apart, or both.
settings-changed-language = { $who } changed the language of my posts in your channel: from now on I write them in { $language }.
settings-bad-language = I don't speak that language yet. Please pick one of the languages offered.

# Nudges that fall at night (00:00-07:00) for someone; $times is a list of times ("00:30, 06:00").
settings-nudges-at-night = A gentle heads-up: in your time zone, some of your nudges now arrive at night ({ $times }). If that's too late or too early, either of you can move them with `/schedule set`.
settings-schedule-at-night-for-you = A gentle heads-up: some of these nudges arrive at night for you ({ $times }, your time). You can move them any time with `/schedule set`.
settings-schedule-at-night = A gentle heads-up: for { $partner }, some of these nudges arrive at night ({ $times }, their time). You might pick a time that suits you both.
