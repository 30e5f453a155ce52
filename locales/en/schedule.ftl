# Schedules: a schedule described, and the replies to /schedule, /pause, /resume and /skip.

schedule-when = **When**: { $when }
schedule-timezone = **Time zone**: { $timezone }
paused-for-channel = **Paused**: I couldn't post in your channel (it may have been deleted or my permissions changed). Fix that, then use /resume.
paused-by-until-resume = **Paused** by { $by } until they /resume.
paused-by-until = **Paused** by { $by } until { $until }.
paused-until-resume = **Paused** until you /resume.
paused-until = **Paused** until { $until }.
skipping-nudge = **Skipping** the nudge of { $at }.
no-nudges-coming = No nudges are coming up.
next-nudges = **Next nudges**
schedule-changed = { $by } changed your schedule.
paused = { $by } paused your nudges. Take all the time you need.
resumed = { $by } resumed your nudges. Welcome back.
skipped = { $by } skipped the nudge of { $at }. The ones after it come as usual.
# A schedule in words; $at is one time or a list of times ("08:00 and 20:00").
schedule-every-day = every day at { $at }
schedule-weekdays = on weekdays at { $at }
schedule-weekends = on weekends at { $at }
# One day of the week, $day from 1 (Monday) to 7 (Sunday).
schedule-one-day = on { $day ->
        [1] Mondays
        [2] Tuesdays
        [3] Wednesdays
        [4] Thursdays
        [5] Fridays
        [6] Saturdays
       *[7] Sundays
    } at { $at }
schedule-some-days = on { $days } at { $at }
schedule-cron = on the cron schedule `{ $cron }`
day-short = { $day ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
# A list of two or more: "a and b", "a, b and c".
list-and = { $init } and { $last }
list-comma = { $init }, { $next }
schedule-title = Your schedule
schedule-updated-title = Schedule updated
paused-title = Nudges paused
resumed-title = Nudges resumed
skipping-title = Skipping one nudge
# One coming nudge, then the local day and time of each partner.
next-nudge-both = { $at }: { $a_day } { $a_time } for { $a }, { $b_day } { $b_time } for { $b }
