# /anniversary: its registration, its private answers, the note in the channel when the date
# changes, and the line that marks the day itself.

anniv-command = Your anniversary: see it, set it or clear it.
anniv-command-show = See the date of your anniversary.
anniv-command-set = Set or change the date of your anniversary.
anniv-command-set-date = The date, as year-month-day (for example 2019-03-14).
anniv-command-clear = Clear the date of your anniversary.

# The button under the note in the channel: shows the date to a partner, privately.
anniv-see-the-date-button = See the date

# A date in words ($month: 1 to 12).
anniv-long-date = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }

# Where the next anniversary stands ($years: which anniversary it is, at least 1).
anniv-next-today = Today is your anniversary: { $years ->
    [one] { $years } year
   *[other] { $years } years
}.
anniv-next = Your next anniversary is on { $date }: { $years ->
    [one] { $years } year
   *[other] { $years } years
}.

# /anniversary show and the See the date button: the date, then (when there is one) where the
# next anniversary stands, then on a line of its own what either partner can do.
anniv-is = Your anniversary is { $date }.
anniv-change-or-clear = Either of you can change it with /anniversary set, or clear it with /anniversary clear.
anniv-none = You haven't set an anniversary yet. Either of you can set one with /anniversary set, for example date:2019-03-14. It belongs to you both: you'll each be able to see it, and the channel is told (without the date) whenever it changes.
anniv-none-to-clear = There's no anniversary date to clear.

# The private answer to the partner who set or changed the date: what was saved, then (when
# there is one) where the next anniversary stands, then on a line of its own what happens next.
anniv-changed = Changed: your anniversary is now { $date } (it was { $was }).
anniv-saved = Saved: your anniversary is { $date }.
anniv-on-the-day = On the day, unless nudges are paused or skipped, the first one will be about your story. Your partner will see a short note in the channel that you made this change; the note doesn't show the date.
anniv-unchanged = Your anniversary is already { $date }, so nothing changed.
anniv-changed-enough = The date has changed a few times in the last day, so I've left it as it is for now. Either of you can change it again by this time tomorrow.
anniv-cleared = Cleared: haven no longer keeps an anniversary date for the two of you. Your partner will see a short note in the channel that you cleared it.

# Why a typed date was not taken.
anniv-date-malformed = I couldn't read that as a date. Please write it as year-month-day, for example 2019-03-14.
anniv-date-no-such-day = That day isn't on the calendar. Please check the month and the day (29 February comes only in leap years).
anniv-date-too-early = Please choose a date from 1900 onwards.
anniv-date-in-the-future = That date hasn't come yet. An anniversary marks a day you've already had: please choose today or an earlier date.

# The notes in the channel when a partner sets, changes or clears the date: they ping nobody
# and never show the date.
anniv-set-note = { $by } set the date of your anniversary. Press the button to see it.
anniv-changed-note = { $by } changed the date of your anniversary. Press the button to see it.
anniv-cleared-note = { $by } cleared the date of your anniversary. Either of you can set one again with /anniversary set.

# The line at the top of the anniversary's nudge: on the date set itself, then on each
# anniversary after it.
anniv-line-the-day = Today is the day you chose to remember. Happy anniversary.
anniv-line = Happy anniversary: { $years ->
    [one] { $years } year
   *[other] { $years } years
} today.
