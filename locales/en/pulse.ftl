# The weekly pulse: /pulse as Discord shows it, its private form and picture, its answers, the
# digest's button and shared lines, and the private offer of repair.

pulse-command = Your private weekly pulse: your last 12 weeks, or turn it on or off
pulse-command-turn = Take the weekly pulse, four short questions just for you
pulse-command-share = Show your scores in the weekly digest, only if your partner chooses to share too
# The two choices of /pulse's options turn and share.
pulse-choice-on = on
pulse-choice-off = off

pulse-digest-button = My weekly pulse
pulse-answer-button = Answer this week's pulse
pulse-change-button = Change this week's pulse
pulse-try-again-button = Try again
pulse-repair-button = A repair prompt

# The private form: its title and each statement at most 45 characters, placeholders at most 100.
pulse-form-title = Your private weekly pulse
pulse-statement-close = This week I felt close to my partner
pulse-statement-beyond-logistics = We talked about more than logistics
pulse-statement-free-to-share = I felt free to share what was on my mind
pulse-statement-unsettled = Something between us feels unsettled
pulse-score-placeholder = A number from 1 to 5: 1 is not at all, 5 is very much
pulse-note-label = A note to yourself (optional)
pulse-note-placeholder = Your partner never sees this note.

# The picture's labels (drawn in a bitmap font: Latin-1 letters only). The legend's four names
# share one line of the picture: about 50 characters in all.
pulse-legend-close = Close
pulse-legend-beyond-logistics = Beyond logistics
pulse-legend-free-to-share = Free to share
pulse-legend-unsettled = Unsettled
pulse-chart-oldest = { $weeks ->
    [one] { $weeks } week ago
   *[other] { $weeks } weeks ago
}
pulse-chart-newest = This week

pulse-about = The weekly pulse is four short questions once a week, on the digest day, just for you: how close you felt, whether you talked about more than logistics, whether you felt free to share what was on your mind, and whether something between you feels unsettled, each from 1 to 5, with a note to yourself if you like. Unless you both choose to share, your partner never sees your answers and isn't told whether you take the pulse; your notes are never shared. It quietly shapes which prompts come up next week. Like your check-ins, it is stored in haven's database, which the person hosting haven can read. If you'd like it, run `/pulse turn:on`.
pulse-turned-on = Your weekly pulse is on. On the digest day, press **My weekly pulse** under the digest, or run `/pulse`, to answer four short questions just for you. Unless you both choose `/pulse share:on`, your partner never sees your answers and isn't told that you take the pulse; your notes are never shared.
pulse-turned-off = Your weekly pulse is off, and I won't ask you again. The weeks you already answered stay here for you alone: `/pulse` still shows them, and `/forget` deletes them.
pulse-share-on = Sharing is on for you. The weekly digest shows your scores next to your partner's only if they choose to share too, and I never tell either of you whether the other has. Your notes to yourself are never shared. `/pulse share:off` stops it from the next digest on.
pulse-share-off = Sharing is off. From the next digest on, your pulse stays with you alone.

# The /help paragraph about the pulse (at most 1,024 characters).
pulse-help-title = Your weekly pulse
pulse-help-text = `/pulse turn:on`: four short questions on each digest day, for your own chart (`/pulse`) and your notes to yourself. Unless you both choose `/pulse share:on`, your partner never sees your answers or learns whether you take it; if you both do, the digest shows each of your scores side by side, never your notes. Your answers are stored like your check-ins (the person hosting haven can read its database) until `/forget`, and `/export` includes your own.

# /pulse's picture and what is under it, for its reader alone.
pulse-chart-title = Your weekly pulse
pulse-chart-description-on = Your last { $weeks } weeks, just for you. { $answered ->
        [one] You answered { $answered } of these weeks.
       *[other] You answered { $answered } of these weeks.
    } For the first three lines, higher means more of it; for “unsettled”, lower is calmer. A gap is a week you let pass, and that's fine.
pulse-chart-description-off = Your last { $weeks } weeks, just for you. { $answered ->
        [one] You answered { $answered } of these weeks.
       *[other] You answered { $answered } of these weeks.
    } Your weekly pulse is off; `/pulse turn:on` brings it back.
# A note's heading: the week it belongs to ($week: a date in words).
pulse-note-heading = Week of { $week }
pulse-note-shortened = (shortened here; `/export` has it whole)

pulse-saved = Thank you. Your pulse for this week is saved. Your note stays yours; your scores appear in the digest only if you and your partner both chose to share them. You can change it until the next digest day with `/pulse`.
# Why a form was not saved, with what was typed kept ($statement: the statement as the form asks it).
pulse-not-saved-score = Each answer needs a whole number from 1 to 5, and “{ $statement }” didn't have one. I kept what you typed: press **Try again** to finish.
pulse-not-saved-note-too-long = Your note to yourself is longer than { $max } characters. I kept what you typed: press **Try again** to shorten it.
pulse-week-closed = That week's pulse has closed, so I kept what you typed for this week's instead. Press **Try again** to look it over.
pulse-stale-form = That form is no longer valid, so I didn't save it. Run `/pulse` to answer this week's pulse.
pulse-off-not-saved = Your weekly pulse is off, so I didn't save this. I kept what you typed: run `/pulse turn:on`, then press **Try again** if you'd like to keep it.

# Added under a check-in's confirmation, for its author alone, when their latest pulse says
# something feels unsettled.
pulse-unsettled-offer =
    { $confirmation }

    Your pulse said something between you feels unsettled. If you'd like, once you're both calm, a repair prompt can help you talk it through: the button below posts one in your channel for the two of you, without saying why. And `/onmymind` keeps a private note of what you'd like to bring up, until you're ready.

# The digest's field of one partner's shared pulse (both chose to share): their own answers only.
pulse-shared-title = Last week's pulse
pulse-shared-line =
    { $who }
    Felt close: { $close } of 5
    More than logistics: { $talk } of 5
    Free to share: { $free } of 5
    Something unsettled: { $unsettled } of 5
# The pulse chart in words (its alt text, read aloud by screen readers).
pulse-chart-alt = Your own weekly pulse over the last 12 weeks: one point a week, from 1 to 5, on each of four lines: Close, Beyond logistics, Free to share and Unsettled.
