//! The words of the domain's refusals: each error type of the domain is shown to people (and
//! to the host, on the command line) through these `Display` impls.

use std::fmt;

use crate::domain::checkin::{AnswerError, MAX_NOTE, MAX_QUESTION_ANSWER};
use crate::domain::prompt::CustomPromptError;
use crate::domain::schedule::{CronError, CronField, IntervalError};
use crate::domain::time::{LocalTimeError, TimezoneError};

use super::plural;

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::Mood => write!(f, "the mood should be a number from 1 to 5"),
            AnswerError::NothingWritten => write!(
                f,
                "a check-in needs a few words besides the mood: answer today's question, or share something you appreciated or would like them to hear"
            ),
            AnswerError::AnswerTooLong(n) => write!(
                f,
                "your answer to today's question is {n} characters; please keep it to {MAX_QUESTION_ANSWER}"
            ),
            AnswerError::AppreciatedTooLong(n) => write!(
                f,
                "“something I appreciated” is {n} characters; please keep it to {MAX_NOTE}"
            ),
            AnswerError::HearTooLong(n) => write!(
                f,
                "“something I'd like you to hear” is {n} characters; please keep it to {MAX_NOTE}"
            ),
        }
    }
}

impl fmt::Display for CustomPromptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CustomPromptError::Empty => write!(
                f,
                "The prompt is empty. Write a short question or invitation for the two of you."
            ),
            CustomPromptError::TooShort { chars, min } => write!(
                f,
                "The prompt is a little short ({chars} characters). Please write at least {min}."
            ),
            CustomPromptError::TooLong { chars, max } => write!(
                f,
                "The prompt is {chars} characters long. Please shorten it to {max} or fewer."
            ),
            CustomPromptError::LineBreak => write!(
                f,
                "Please keep the prompt on one line: remove the line breaks."
            ),
            CustomPromptError::NoWords => write!(
                f,
                "The prompt needs at least one word, not only spaces, punctuation or symbols."
            ),
        }
    }
}

impl fmt::Display for TimezoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimezoneError::Empty => write!(f, "no time zone was given"),
            TimezoneError::Unknown => write!(f, "unknown time zone"),
        }
    }
}

impl fmt::Display for LocalTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a time must look like 20:00 (24-hour HH:MM)")
    }
}

/// A field's name, what a value of it is, and which values it takes.
fn field_words(field: CronField) -> (&'static str, &'static str, &'static str) {
    match field {
        CronField::Second => ("seconds", "a second", "0-59"),
        CronField::Minute => ("minute", "a minute", "0-59"),
        CronField::Hour => ("hour", "an hour", "0-23"),
        CronField::DayOfMonth => ("day-of-month", "a day of the month", "1-31"),
        CronField::Month => ("month", "a month", "1-12 or jan-dec"),
        CronField::ClassicDayOfWeek => ("day-of-week", "a day", "0-7 or mon-sun"),
        CronField::DayOfWeek => ("day-of-week", "a day", "1-7 where 1 is Sunday, or sun-sat"),
        CronField::Year => ("year", "a year", "1970-2100"),
    }
}

impl fmt::Display for CronError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CronError::Empty => write!(f, "no schedule was given"),
            CronError::TooLong => write!(f, "the expression is too long"),
            CronError::FieldCount(n) => write!(
                f,
                "expected 5 fields (minute hour day month weekday) or 6-7 with seconds, got {n}"
            ),
            CronError::BadValue { field, value } => {
                let (field, what, hint) = field_words(*field);
                write!(f, "the {field} field “{value}” is not {what} (use {hint})")
            }
            CronError::BackwardsRange { field, value } => write!(
                f,
                "the {} field “{value}” is a range that runs backwards: put the smaller end first",
                field_words(*field).0
            ),
            CronError::BadStep { field, value, max } => write!(
                f,
                "the {} field “{value}” has a step that is not between 1 and {max}",
                field_words(*field).0
            ),
            CronError::BothDaysRestricted => write!(
                f,
                "both day-of-month and day-of-week are restricted, and cron dialects disagree on what that means: restrict only one"
            ),
            CronError::NamedStep { field, value } => write!(
                f,
                "the {} field “{value}” puts a step after a single name: use a range before the step instead",
                field_words(*field).0
            ),
            CronError::NotUnderstood(why) => {
                write!(f, "the expression was not understood ({why})")
            }
            CronError::NoDays => write!(
                f,
                "no days were given (use daily, weekdays, weekends or a list like mon,wed,fri)"
            ),
            CronError::UnknownDay(day) => write!(
                f,
                "“{day}” is not a day of the week (use daily, weekdays, weekends or names like mon,wed,fri)"
            ),
            CronError::DaysTooLong => write!(f, "the list of days is too long"),
        }
    }
}

impl fmt::Display for IntervalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntervalError::NeverFires => write!(f, "this schedule never fires in the next year"),
            IntervalError::TooClose {
                gap_secs,
                min_secs,
                first,
                second,
            } => write!(
                f,
                "two nudges would come only {} apart ({first} and {second}); the minimum is {}",
                duration(*gap_secs),
                duration(*min_secs)
            ),
            IntervalError::TooManyInADay { max, day } => {
                let most = plural(
                    *max,
                    "it would send more than one nudge on {day}, and one a day is the most",
                    "it would send more than {n} nudges on {day}, and {n} a day is the most",
                );
                write!(f, "{}", most.replace("{day}", &day.to_string()))
            }
        }
    }
}

/// "30 minutes", "1 hour", "1 hour 30 minutes", "1 day", "45 seconds", "0 seconds".
pub fn duration(secs: u64) -> String {
    let units: [(u64, &str, &str); 4] = [
        (86_400, "{n} day", "{n} days"),
        (3_600, "{n} hour", "{n} hours"),
        (60, "{n} minute", "{n} minutes"),
        (1, "{n} second", "{n} seconds"),
    ];
    let mut rest = secs;
    let mut parts = Vec::new();
    for (size, one, other) in units {
        let n = rest / size;
        rest %= size;
        if n > 0 {
            parts.push(plural(u32::try_from(n).unwrap_or(u32::MAX), one, other));
        }
    }
    if parts.is_empty() {
        plural(0, "{n} second", "{n} seconds")
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(0), "0 seconds");
        assert_eq!(duration(1), "1 second");
        assert_eq!(duration(1800), "30 minutes");
        assert_eq!(duration(3600), "1 hour");
        assert_eq!(duration(5400), "1 hour 30 minutes");
        assert_eq!(duration(86_400 * 2 + 61), "2 days 1 minute 1 second");
    }
}
