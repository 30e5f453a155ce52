# Replies to commands: /help, check-ins, streaks, appreciations, prompts, export and forget.

how-long-title = How long it is kept
hard-times-title = When things are hard
how-long-it-is-kept = Your check-ins, moods, reflections, appreciations, streaks, weekly pulses and notes stay until either of you runs `/forget`, or until { $days ->
        [one] { $days } day after haven is removed from this server
       *[other] { $days } days after haven is removed from this server
    }. `/forget` deletes them for good; it can't reach exports you already made, or the host's backups until those expire.
help = **haven** helps the two of you build closeness through small daily habits: appreciating each other, listening well, and checking in.

    {"*"}*Getting started**: in a private channel you share, run `/setup partner:@them timezone:Your/City`. Your partner gets an invitation to accept. Add `private_channel:true` and I'll create a private channel for you both after they accept.

    {"*"}*Privacy**: I only post where outsiders can't read, and I check the channel's permissions before I start. The server owner and anyone with an administrator role can read every channel in a server, including yours. The person hosting haven can read its database, where your check-ins are stored. I never read your messages (I don't have that permission) and only see what you give me through my commands.
help-commands-title = Commands
help-commands =
    • `/setup`: invite your partner and choose where haven lives.
    • `/schedule show` / `/schedule set`: when your daily nudge arrives (time, days, time zone, or cron).
    • `/pause [days]`, `/resume`, `/skip`: take a break, come back, or skip just the next nudge. A pause is yours: only you can end it early.
    • `/prompt now [practice]`: a prompt right away (*After a disagreement* comes only this way). `/prompt add`: add one of your own (shown with who added it; up to 20 each). `/prompt remove`: remove any of yours.
    • `/checkin`: your mood and your answer to today's question, private until you've both checked in; then I reveal both together.
    • `/appreciate`: tell your partner what you appreciate. *Appreciate this* (on a message of theirs) keeps it in your jar.
    • `/streak`: your streak together and the last 26 weeks; your own numbers are shown only to you.
    • `/notify`: whether my posts ping you and whether I remind you to check in; only you see or change yours.
    • `/anniversary`: a date you both keep; on the day, the first nudge is about your story.
    • `/onmymind`: private notes of what you'd like to talk about, unseen until you bring one up.
    • `/pulse`: four private questions on each digest day, for your own chart (more below).
    • `/settings`: your day start, digest day, together or apart, and the language of your channel; your own time zone and language.
    • `/export`: a file of your data. `/forget`: delete everything haven stores about your couple (after you confirm).
    • `/help`: this message.
when-things-are-hard = haven is a small daily habit, not counselling, and it can't help in a crisis. Free, confidential helplines are listed at <{ $url }>. If you're ever afraid of your partner, your safety comes first: `/pause` and `/forget` work from any other channel of this server too, and there only you see my answer.
with-care-line =
    { $confirmation }

    The last few days sound heavy. You don't have to carry that alone: if talking to someone outside the two of you would help, free and confidential support is here: <{ $url }>
forget-what = **Forgetting deletes, for both of you and for good:**
    • every check-in and mood, yours and your partner's
    • reflections, appreciations and your appreciation jar
    • your streak history
    • your custom prompts
    • each of your weekly pulses and notes to yourself, and your “on my mind” notes
    • your couple's settings, such as the schedule, time zone and anniversary
    • invitations that name either of you in this server (a “not right now” someone gave one of you stays until its waiting time is over, then goes by itself)

    {"*"}*What it can't reach:** exports you already made stay wherever you saved them, and the host's backups keep a copy for their retention period. Your own messages in { $channel } stay, and so does the channel.

    Nothing has been deleted yet. If you'd like a copy of your data first, run `/export`.
forget-confirm =
    { $what }

    {"*"}*haven's posts in { $channel }:** should I remove every message I posted there for the two of you (nudges, check-in notices, reveals, appreciations and my answers to your commands), or leave them?
forget-confirm-partner =
    { $what }

    { $remove_posts ->
        [yes] **haven's posts in { $channel }:** I'll remove them.
       *[no] **haven's posts in { $channel }:** I'll leave them.
    }

    {"*"}*{ $partner }:** should I post a short note in { $channel } telling them that you asked me to forget your couple (nothing else, none of your words), or forget quietly?
forgotten = Done: everything haven stored about your couple is deleted. { $remove_posts ->
        [yes] I'm removing my posts from { $channel } now.
       *[no] My posts in { $channel } stay as they are.
    } { $told ->
        [yes] A short note there lets { $partner } know.
       *[no] I haven't told { $partner }.
    } You're always welcome back with /setup.
forget-remove-posts-button = Remove haven's posts
forget-leave-posts-button = Leave haven's posts
forget-tell-button = Tell them, then forget
forget-quietly-button = Forget quietly
forget-cancel-button = Cancel, delete nothing
forget-cancelled = Nothing was deleted.
not-paired-pause = You're not part of a couple in this server, so there are no nudges of yours to pause.
not-paired = You're not part of a couple in this server, and no invitation here names you, so there's nothing of yours for me to forget.
invitations-deleted = { $n ->
    [one] I've deleted the invitation that named you in this server.
   *[other] I've deleted the { $n } invitations that named you in this server.
}
invitations-lifted = { $n ->
    [one] One of them was an invitation you answered “not right now”, so the person who sent it may invite you again; you can always say not right now.
   *[other] { $n } of them were invitations you answered “not right now”, so the people who sent them may invite you again; you can always say not right now.
}
invitations-kept = { $n ->
    [one] One invitation you sent was answered “not right now”. I keep it for a while so that answer is respected, then delete it on my own.
   *[other] { $n } invitations you sent were answered “not right now”. I keep them for a while so those answers are respected, then delete them on my own.
}
invitations-nothing-else = You're not part of a couple here, so there's nothing else of yours to forget.
prompt-added = { $practice ->
    [appreciation] Added to your appreciation prompts.
    [active-listening] Added to your active listening prompts.
    [vulnerability] Added to your being vulnerable prompts.
    [quality-time] Added to your quality time prompts.
   *[validation] Added to your validating feelings prompts.
} It'll come up in its turn.
checkin-title = Today's check-in
mood-label = Mood, 1 (heavy) to 5 (light)
question-label = Today's question
appreciated-label = Something I appreciated about you today
hear-label = Something I'd like you to really hear
reflect-title = Reflect back
reflect-label = What I heard you say is...
felt-heard = { $author } felt heard. Thank you, { $reflector }.
not-quite = { $author } said: not quite. That's useful to know; maybe ask one gentle question about what you missed, { $reflector }.
checkin-updated = Updated. Your answers stay private until { $partner } checks in too.
checkin-saved = Thank you for checking in. Your answers stay private until { $partner } checks in too; then I'll reveal both together.
checkin-revealed = Thank you. You've both checked in: I'm revealing your answers in the channel now.
checkin-kept-nothing-written = I kept your mood. A check-in also needs a few words: answer today's question, or share something you appreciated or would like them to hear. Press Edit when you're ready.
checkin-kept-invalid = I kept what you wrote, but { $why }. Press Edit to fix it.
checkin-kept-day-over = That day's check-in has closed, so I kept what you wrote as a draft. Press Edit to check in for today instead.
checkin-kept-already-revealed = Today's answers were already revealed, so they can't be changed now. I kept what you wrote as a draft.
streak-fresh-start = A fresh start: check in together today and your streak begins.
streak-together = **Together**: { $current ->
        [one] { $current } day
       *[other] { $current } days
    } (longest { $longest ->
        [one] { $longest } day
       *[other] { $longest } days
    })
streak-freezes = **Freezes held**: { $held } of 2 (one is earned every 7 days you both check in; a missed day uses one, kindly)
streak-so-far = **So far**: { $days ->
        [one] { $days } day
       *[other] { $days } days
    } together
own-streak-begins-again = Only you can see this. Your own streak begins again with your next check-in.
own-streak = Only you can see this. Your own streak: { $current ->
        [one] { $current } day
       *[other] { $current } days
    } (longest { $longest ->
        [one] { $longest } day
       *[other] { $longest } days
    }).
own-check-ins = { $n ->
    [one] You've checked in once so far.
   *[other] You've checked in { $n } times so far.
}
notifications-saved = Saved. These are yours alone: your partner doesn't see them, and only you can change them.
notifications-heading = Your notifications. These are yours alone: your partner doesn't see them, and only you can change them.
mentions-on = **Mentions**: on. When one of my posts is meant for you, it will ping you.
mentions-off = **Mentions**: off. My posts may still name you, but they never ping you.
reminders-on = **Reminders**: on. If you haven't checked in a few hours after the day's first nudge, I'll send you one gentle reminder, never before 18:00 your time.
reminders-off = **Reminders**: off. I won't remind you to check in.
notifications-how = Change them with `/notify mentions:on|off reminders:on|off`.
prompt-removed = Removed “{ $text }” from your prompts. It won't come up again.
appreciation = { $to }, { $from } appreciates you:
jar-saved = Saved to your appreciation jar. It'll turn up again in your weekly digest.
jar-already = That message is already in your jar.
export-ready = Here is everything haven keeps that is yours or that you two share. Your partner's answers appear only for days they were revealed to you both.
not-paired-export = You're not part of a couple in this server, so there's nothing of yours to export.
edit-button = Edit
streak-title = Your streak
reflection-sent = Sent. Listening like this is a gift.
