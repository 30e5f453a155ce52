# The domain's refusals of input: a check-in, a custom prompt, a time zone, a time, a schedule.

answer-error-mood = the mood should be a number from 1 to 5
answer-error-nothing-written = a check-in needs a few words besides the mood: answer today's question, or share something you appreciated or would like them to hear
answer-error-answer-too-long = your answer to today's question is { $chars } characters; please keep it to { $max }
answer-error-appreciated-too-long = “something I appreciated” is { $chars } characters; please keep it to { $max }
answer-error-question-gone = the question you were answering changed while you were writing, so your answer has nothing to go with now. So it isn't lost, here it is: “{ $answer }”
answer-error-hear-too-long = “something I'd like you to hear” is { $chars } characters; please keep it to { $max }

custom-prompt-empty = The prompt is empty. Write a short question or invitation for the two of you.
custom-prompt-too-short = The prompt is a little short ({ $chars } characters). Please write at least { $min }.
custom-prompt-too-long = The prompt is { $chars } characters long. Please shorten it to { $max } or fewer.
custom-prompt-line-break = Please keep the prompt on one line: remove the line breaks.
custom-prompt-no-words = The prompt needs at least one word, not only spaces, punctuation or symbols.

timezone-empty = no time zone was given
timezone-unknown = unknown time zone
local-time-error = a time must look like 20:00 (24-hour HH:MM)


cron-empty = no schedule was given
cron-too-long = the expression is too long
cron-field-count = expected 5 fields (minute hour day month weekday) or 6-7 with seconds, got { $count }
# $field: second, minute, hour, day-of-month, month, day-of-week, classic-day-of-week (0-7 weekdays) or year.
cron-bad-value = the { $field ->
        [second] seconds
        [minute] minute
        [hour] hour
        [day-of-month] day-of-month
        [month] month
        [year] year
       *[day-of-week] day-of-week
    } field “{ $value }” is not { $field ->
    [second] a second (use 0-59)
    [minute] a minute (use 0-59)
    [hour] an hour (use 0-23)
    [day-of-month] a day of the month (use 1-31)
    [month] a month (use 1-12 or jan-dec)
    [classic-day-of-week] a day (use 0-7 or mon-sun)
    [year] a year (use 1970-2100)
   *[day-of-week] a day (use 1-7 where 1 is Sunday, or sun-sat)
}
cron-backwards-range = the { $field ->
        [second] seconds
        [minute] minute
        [hour] hour
        [day-of-month] day-of-month
        [month] month
        [year] year
       *[day-of-week] day-of-week
    } field “{ $value }” is a range that runs backwards: put the smaller end first
cron-bad-step = the { $field ->
        [second] seconds
        [minute] minute
        [hour] hour
        [day-of-month] day-of-month
        [month] month
        [year] year
       *[day-of-week] day-of-week
    } field “{ $value }” has a step that is not between 1 and { $max }
cron-both-days-restricted = both day-of-month and day-of-week are restricted, and cron dialects disagree on what that means: restrict only one
cron-named-step = the { $field ->
        [second] seconds
        [minute] minute
        [hour] hour
        [day-of-month] day-of-month
        [month] month
        [year] year
       *[day-of-week] day-of-week
    } field “{ $value }” puts a step after a single name: use a range before the step instead
cron-not-understood = the expression was not understood
cron-no-days = no days were given (use daily, weekdays, weekends or a list like mon,wed,fri)
cron-unknown-day = “{ $day }” is not a day of the week (use daily, weekdays, weekends or names like mon,wed,fri)
cron-days-too-long = the list of days is too long

interval-never-fires = this schedule never fires in the next year
interval-too-close = two nudges would come only { $gap } apart ({ $first } and { $second }); the minimum is { $min }
interval-too-many-in-a-day = { $max ->
    [one] it would send more than one nudge on { $day }, and one a day is the most
   *[other] it would send more than { $max } nudges on { $day }, and { $max } a day is the most
}

# Durations, said in parts: "1 hour 30 minutes".
duration-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
duration-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
duration-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
duration-seconds = { $n ->
    [one] { $n } second
   *[other] { $n } seconds
}
