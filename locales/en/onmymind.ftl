# "On my mind": the command's descriptions, the replies only the author sees, the post their
# partner answers, the reminder, and the follow-up asked of the author alone.

omm-command = Private notes of things you'd like to talk about, and help bringing one up gently
omm-command-add = Keep a private note (only you can see it)
omm-command-add-text = What's on your mind (at most 500 characters)
omm-command-list = Your notes, only to you, with a button to bring one up
omm-command-edit = Change one of your notes
omm-command-edit-text = The new words (at most 500 characters)
omm-command-delete = Delete one of your notes
omm-command-bring = Bring one of your notes up with your partner, gently
omm-command-note = Start typing and pick one of your notes

omm-kept = Kept, just for you. Nobody in the server sees this note, your partner included, and nothing about it is posted until you choose to bring it up. Like everything haven keeps, it is stored where the person hosting haven could read it (`/help` says more). `/onmymind list` shows your notes.
omm-edited = Updated. The note is still yours alone.
omm-deleted = Deleted. It's gone from your list.
omm-deleted-after-bringing-up = Deleted. It's gone from your list, and any reminder or follow-up about it that was still to come won't be sent. What was already posted in your channel stays there.
omm-list-empty = Nothing here yet. When something is on your mind, `/onmymind add` keeps it privately until you feel ready.
omm-list-title = On your mind (only you can see this)
omm-list-hint = When you feel ready, a button below helps you find a gentle way to start. Nothing is posted until you say so.
# One line of the list: its number, the note's words (already tidied), and where it stands.
omm-list-line = { $status ->
    [brought-up] **{ $n }.** { $text } (brought up; your talk is still to come)
    [done] **{ $n }.** { $text } (talked about)
   *[open] **{ $n }.** { $text }
}
# A suggestion while a note is being picked: its number and its words.
omm-suggestion = { $n }. { $text }
# The button that opens the form for note number $n.
omm-bring-up-button = Bring up { $n }

# The form that helps phrase a gentle start. The three "-start" texts pre-fill its boxes, and
# the author writes on from them: each ends where their own words begin.
omm-form-title = A gentle way to start
omm-form-feel = What I've been feeling
omm-form-about = About what
omm-form-love = What I would love
omm-form-feel-start = I've been feeling{" "}
omm-form-about-start = about { $note }
omm-form-love-start = and I'd love it if{" "}

omm-draft-ready = Here is your start, as you wrote it. Should I post it in your channel with these words, or only let { $partner } know that you have something you'd like to talk about, without them? Either way they'll be asked to pick a calm moment, with no pressure, and nothing is posted until you choose.
omm-draft-title = Your start
omm-post-with-words-button = Post with my words
omm-post-without-words-button = Post without my words
omm-brought-up = { $with_words ->
    [yes] Done. I'm letting { $partner } know in your channel, with your words. They can pick a time (tonight, tomorrow or this weekend), and I'll remind you both then. If they need a little more time, that's okay too.
   *[no] Done. I'm letting { $partner } know in your channel that you have something you'd like to talk about; your words stay with you. They can pick a time (tonight, tomorrow or this weekend), and I'll remind you both then. If they need a little more time, that's okay too.
}

# The post in the channel: the author would like to talk, at a calm moment.
omm-talk-invitation = { $with_words ->
    [yes] { $partner }, { $author } has something on their mind that they'd like to talk about with you, at a calm moment. They chose to share how they'd like to start. There's no rush and nothing to prepare. When would suit you?
   *[no] { $partner }, { $author } has something on their mind that they'd like to talk about with you, at a calm moment. There's no rush and nothing to prepare. When would suit you?
}
# What the times (the buttons below) mean, in the couple's time zone.
omm-talk-times = Tonight means 20:00, or an hour from when you pick it if 20:00 has passed (after 23:00, tomorrow at 20:00); tomorrow means 20:00; this weekend means the next Saturday or Sunday at 11:00. Times are in { $timezone }. Only the person asked can pick.
omm-in-their-words = In their words
omm-pick-tonight-button = Tonight
omm-pick-tomorrow-button = Tomorrow
omm-pick-weekend-button = This weekend
omm-pick-more-time-button = I need a little more time
# The public answer to a pick: who picked, when it is ($when in full, $relative as "in 3 hours"), and what haven will do.
omm-picked = { $paused ->
    [yes] { $partner } picked { $when } ({ $relative }) to talk. haven is paused then, so I won't send a reminder; the time is yours to keep.
   *[no] { $partner } picked { $when } ({ $relative }) to talk. I'll remind you both then, once.
}
omm-more-time = That's completely okay. Take the time you need: these buttons stay here, and you can pick a moment whenever you feel ready. Nobody is told that you pressed this.
# The reminder at the picked time: never a word of the note.
omm-talk-reminder = { $first } { $second }, it's the time you picked to talk. Go gently: one of you speaks while the other listens, then swap. It's fine to pause and pick it up another day.
# The follow-up, by DM to the author alone; $when is the time they picked, in full.
omm-talk-ask = Hello from haven. { $when } was the time you and your partner picked to talk about something that was on your mind. Did you get to talk? Whatever the answer, that's okay. Only you see this question.
# The same question, in the author's next reply in the server, when a DM could not reach them.
omm-talk-ask-here = I couldn't reach you by direct message, so I'm asking here, where only you can see it: { $when } was the time you and your partner picked to talk about something that was on your mind. Did you get to talk? Whatever the answer, that's okay.
omm-we-talked-button = We talked
omm-keep-on-list-button = Keep it on my list
omm-marked-talked = Thank you for letting me know. I've marked it as talked about. However it went, bringing it up took care.
omm-kept-on-list = It's back on your private list, just for you. Bring it up again whenever it feels right.

# A kind no about a note.
omm-refusal-not-found = I couldn't find that note on your list. `/onmymind list` shows the notes you keep.
omm-refusal-empty = That looks empty once invisible and control characters are taken out. Write a few words, and I'll keep them for you.
omm-refusal-too-long = { $max ->
    [one] That's a little long: please keep it to { $max } character. A few words are enough.
   *[other] That's a little long: please keep it to { $max } characters. A few words are enough.
}
omm-refusal-too-many = { $max ->
    [one] You're keeping { $max } note already, which is as many as haven holds at once. Once you've talked it through, or deleted it, there'll be room for a new one.
   *[other] You're keeping { $max } notes already, which is as many as haven holds at once. Once you've talked one through, or deleted one you no longer need, there'll be room for a new one.
}
omm-refusal-already-brought-up = You've already brought this one up, so it stays as it is for now. After the time you two picked, I'll ask you how it went.
omm-refusal-no-draft = That form has expired. Please open it again from `/onmymind list`.
omm-refusal-for-your-partner = This one is for your partner to answer, so the time feels right for them too. You'll see what they pick here.
omm-refusal-not-for-you = These buttons are for the person this was shared with.
omm-refusal-already-reminded = The reminder for this talk has already gone out, so the time can't change now. You can always agree on another moment together.
omm-refusal-over = This is no longer waiting for an answer: the note was answered, deleted or forgotten.
