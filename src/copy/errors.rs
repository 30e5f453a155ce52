//! The words of the domain's refusals of input, in any language (`locales/<lang>/errors.ftl`).
//! Each error type's `Display` says it in English, for the host on the command line.

use std::fmt;

use crate::domain::checkin::{AnswerError, MAX_NOTE, MAX_QUESTION_ANSWER};
use crate::domain::prompt::CustomPromptError;
use crate::domain::schedule::{CronError, CronField, IntervalError};
use crate::domain::time::{LocalTimeError, TimezoneError};

use super::{tr, Lang};

pub fn answer_error(lang: Lang, e: &AnswerError) -> String {
    match e {
        AnswerError::Mood => tr!(lang, "answer-error-mood"),
        AnswerError::NothingWritten => tr!(lang, "answer-error-nothing-written"),
        AnswerError::AnswerTooLong(n) => tr!(
            lang,
            "answer-error-answer-too-long",
            chars = *n,
            max = MAX_QUESTION_ANSWER
        ),
        AnswerError::AppreciatedTooLong(n) => tr!(
            lang,
            "answer-error-appreciated-too-long",
            chars = *n,
            max = MAX_NOTE
        ),
        AnswerError::QuestionGone(answer) => tr!(
            lang,
            "answer-error-question-gone",
            answer = crate::domain::text::escape_markdown(answer)
        ),
        AnswerError::HearTooLong(n) => {
            tr!(
                lang,
                "answer-error-hear-too-long",
                chars = *n,
                max = MAX_NOTE
            )
        }
    }
}

pub fn custom_prompt_error(lang: Lang, e: &CustomPromptError) -> String {
    match e {
        CustomPromptError::Empty => tr!(lang, "custom-prompt-empty"),
        CustomPromptError::TooShort { chars, min } => {
            tr!(lang, "custom-prompt-too-short", chars = *chars, min = *min)
        }
        CustomPromptError::TooLong { chars, max } => {
            tr!(lang, "custom-prompt-too-long", chars = *chars, max = *max)
        }
        CustomPromptError::LineBreak => tr!(lang, "custom-prompt-line-break"),
        CustomPromptError::NoWords => tr!(lang, "custom-prompt-no-words"),
    }
}

pub fn timezone_error(lang: Lang, e: &TimezoneError) -> String {
    match e {
        TimezoneError::Empty => tr!(lang, "timezone-empty"),
        TimezoneError::Unknown => tr!(lang, "timezone-unknown"),
    }
}

pub fn local_time_error(lang: Lang) -> String {
    tr!(lang, "local-time-error")
}

/// A field as the messages select on it.
fn field_key(field: CronField) -> &'static str {
    match field {
        CronField::Second => "second",
        CronField::Minute => "minute",
        CronField::Hour => "hour",
        CronField::DayOfMonth => "day-of-month",
        CronField::Month => "month",
        CronField::ClassicDayOfWeek => "classic-day-of-week",
        CronField::DayOfWeek => "day-of-week",
        CronField::Year => "year",
    }
}

pub fn cron_error(lang: Lang, e: &CronError) -> String {
    match e {
        CronError::Empty => tr!(lang, "cron-empty"),
        CronError::TooLong => tr!(lang, "cron-too-long"),
        CronError::FieldCount(n) => tr!(lang, "cron-field-count", count = *n),
        CronError::BadValue { field, value } => tr!(
            lang,
            "cron-bad-value",
            field = field_key(*field),
            value = value.as_str()
        ),
        CronError::BackwardsRange { field, value } => tr!(
            lang,
            "cron-backwards-range",
            field = field_key(*field),
            value = value.as_str()
        ),
        CronError::BadStep { field, value, max } => tr!(
            lang,
            "cron-bad-step",
            field = field_key(*field),
            value = value.as_str(),
            max = *max
        ),
        CronError::BothDaysRestricted => tr!(lang, "cron-both-days-restricted"),
        CronError::NamedStep { field, value } => tr!(
            lang,
            "cron-named-step",
            field = field_key(*field),
            value = value.as_str()
        ),
        // The parser's own words are English, and mean little to a couple: not shown.
        CronError::NotUnderstood(_) => tr!(lang, "cron-not-understood"),
        CronError::NoDays => tr!(lang, "cron-no-days"),
        CronError::UnknownDay(day) => tr!(lang, "cron-unknown-day", day = day.as_str()),
        CronError::DaysTooLong => tr!(lang, "cron-days-too-long"),
    }
}

pub fn interval_error(lang: Lang, e: &IntervalError) -> String {
    match e {
        IntervalError::NeverFires => tr!(lang, "interval-never-fires"),
        IntervalError::TooClose {
            gap_secs,
            min_secs,
            first,
            second,
        } => tr!(
            lang,
            "interval-too-close",
            gap = duration(lang, *gap_secs),
            first = super::full_time(*first),
            second = super::full_time(*second),
            min = duration(lang, *min_secs)
        ),
        IntervalError::TooManyInADay { max, day } => tr!(
            lang,
            "interval-too-many-in-a-day",
            max = *max,
            day = super::long_date(lang, *day)
        ),
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&answer_error(Lang::ENGLISH, self))
    }
}

impl fmt::Display for CustomPromptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&custom_prompt_error(Lang::ENGLISH, self))
    }
}

impl fmt::Display for TimezoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&timezone_error(Lang::ENGLISH, self))
    }
}

impl fmt::Display for LocalTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&local_time_error(Lang::ENGLISH))
    }
}

impl fmt::Display for CronError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&cron_error(Lang::ENGLISH, self))
    }
}

impl fmt::Display for IntervalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&interval_error(Lang::ENGLISH, self))
    }
}

/// "30 minutes", "1 hour", "1 hour 30 minutes", "1 day", "45 seconds", "0 seconds".
pub fn duration(lang: Lang, secs: u64) -> String {
    let mut rest = secs;
    let mut parts = Vec::new();
    for size in [86_400, 3_600, 60, 1] {
        let n = rest / size;
        rest %= size;
        if n > 0 {
            parts.push(duration_part(lang, size, n));
        }
    }
    if parts.is_empty() {
        duration_part(lang, 1, 0)
    } else {
        parts.join(" ")
    }
}

fn duration_part(lang: Lang, size: u64, n: u64) -> String {
    match size {
        86_400 => tr!(lang, "duration-days", n = n),
        3_600 => tr!(lang, "duration-hours", n = n),
        60 => tr!(lang, "duration-minutes", n = n),
        _ => tr!(lang, "duration-seconds", n = n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let en = Lang::ENGLISH;
        assert_eq!(duration(en, 0), "0 seconds");
        assert_eq!(duration(en, 1), "1 second");
        assert_eq!(duration(en, 1800), "30 minutes");
        assert_eq!(duration(en, 3600), "1 hour");
        assert_eq!(duration(en, 5400), "1 hour 30 minutes");
        assert_eq!(duration(en, 86_400 * 2 + 61), "2 days 1 minute 1 second");
        let es = Lang::from_code("es").expect("Spanish");
        assert_eq!(duration(es, 5400), "1 hora 30 minutos");
        assert_eq!(duration(es, 1), "1 segundo");
    }

    #[test]
    fn cron_errors_name_the_field_in_each_language() {
        let e = CronError::BadValue {
            field: CronField::Hour,
            value: "25".into(),
        };
        assert_eq!(
            e.to_string(),
            "the hour field “25” is not an hour (use 0-23)"
        );
        let es = Lang::from_code("es").expect("Spanish");
        assert_eq!(
            cron_error(es, &e),
            "el campo de la hora «25» no es una hora (usa 0-23)"
        );
    }
}
