# haven's own posts in a couple's channel: nudges, notices, reveals, reminders, the digest.

check-in-button = Check in
another-prompt-button = Another prompt
help-button = How haven works
felt-heard-button = Felt heard
not-quite-button = Not quite
nudge-footer = A small moment for the two of you.
not-asked = (wasn't asked this question)
nothing-today = (nothing today)
from-your-jar = From your jar
digest-title = Your week together

# The streak picture's labels: month names, short; three weekdays; the legend.
heatmap-month = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
heatmap-monday = Mon
heatmap-wednesday = Wed
heatmap-friday = Fri
heatmap-both = Both checked in
heatmap-one = One
heatmap-not-yet = Not yet
heatmap-rest-day = Rest day
heatmap-frozen = Frozen

practice-appreciation = Appreciation
practice-active-listening = Active listening
practice-vulnerability = Being vulnerable
practice-quality-time = Quality time
practice-validation = Validating feelings

lighter-button = Something lighter
question-kept = Today's check-in keeps the question one of you has already answered; this one is just for talking.
no-prompt = Take a quiet minute together tonight and tell each other one thing you're glad about.
added-by-label = Added by
checkin-notice = { $who } checked in for today. { $other }, whenever you're ready, your answers will be revealed together.
reveal-mood = { $mood ->
    [1] Mood 1/5 (heavy)
    [2] Mood 2/5 (low)
    [3] Mood 3/5 (okay)
    [4] Mood 4/5 (good)
   *[other] Mood { $mood }/5 (light)
}
reveal-from = From { $who }
reveal-intro = { $first } and { $second }, you've both checked in. Here's what you shared today. Take a moment with each other's words; "Reflect back" lets you say what you heard.
todays-question = Today's question
reveal-first-answer-title = First answer
# Over each partner's own question, when the two were asked different ones.
reveal-first-question-title = The question of the first answer
reveal-second-question-title = The question of the second answer
reveal-second-answer-title = Second answer
reveal-answer =
    { $who }
    { $answer }
reflect-back-first-button = Reflect back (first)
reflect-back-second-button = Reflect back (second)
reflection-intro = { $author }, { $reflector } reflected back what you shared:
held-notice = { $first } { $second }, I'm holding back something you shared: people outside your couple can read this channel now. Change its permissions so only the two of you (and I) can view it, then use /resume and I'll post it.
reminder = { $partner }, a gentle nudge: there's still time to check in today. A few honest words are plenty.
digest-intro = { $first } { $second }, here's your week.
jar-line = { $who }: { $text }
digest-description = **This week**: { $together ->
        [one] { $together } day
       *[other] { $together } days
    } together, { $appreciations ->
        [one] { $appreciations } appreciation
       *[other] { $appreciations } appreciations
    }, { $reflections ->
        [one] { $reflections } reflection
       *[other] { $reflections } reflections
    }.
    {"*"}*Your streak**: { $streak ->
        [one] { $streak } day
       *[other] { $streak } days
    }.{ $together ->
        [0] {"\u000A"}A quiet week happens. Tonight is a lovely time to begin again.
       *[other] {""}
    }
streak-milestone = { $days } days in a row, together. That's something to be glad about.
streak-freeze-used = A day slipped by, and that's fine: a freeze kept your { $current }-day streak safe.
forget-note = { $partner }, { $by } asked haven to forget your couple, so everything haven stored about the two of you has been deleted.
# The streak picture in words (its alt text, read aloud by screen readers).
streak-picture-alt = Your last 26 weeks, one square for each day, marked by whether you both checked in, one of you did, it was a rest day, a streak freeze kept it, or it hasn't come yet.
