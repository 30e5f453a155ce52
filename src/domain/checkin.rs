//! Check-ins: the couple-day they belong to, the mood scale, and what makes an answer
//! acceptable. Lengths are counted in characters, as Discord counts them.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::text::clean;
use super::time::LocalTime;

/// Longest answer, in characters (Discord's own limit is set on the form's inputs too).
pub const MAX_ANSWER: usize = 1000;
/// A form opened for a day may still be submitted this long after that day ends.
pub const LATE_GRACE: Duration = Duration::hours(1);
/// When a couple-day starts, unless the couple chose otherwise.
pub const DEFAULT_DAY_START: LocalTime = LocalTime { hour: 4, minute: 0 };

/// The couple-day of an instant: days run from `day_start` local time to the same time the
/// next day, so a late-night check-in belongs to the evening it was written in.
pub fn couple_day(t: DateTime<Utc>, tz: Tz, day_start: LocalTime) -> NaiveDate {
    let local = t.with_timezone(&tz).naive_local();
    let start = chrono::NaiveTime::from_hms_opt(day_start.hour.into(), day_start.minute.into(), 0)
        .unwrap_or_default();
    let day = if local.time() < start {
        local.date().pred_opt().unwrap_or(local.date())
    } else {
        local.date()
    };
    // A start that exists twice (clocks going back) is its first occurrence: the repeated
    // hour after it already belongs to the new day, so no day comes back once it ended.
    if local.time() < start && t >= day_end(day, tz, day_start) {
        day.succ_opt().unwrap_or(day)
    } else {
        day
    }
}

/// The instant a couple-day ends (the next day's start), with haven's DST rule: a start time
/// that does not exist that night is the transition instant; one that exists twice is its
/// first occurrence.
pub fn day_end(day: NaiveDate, tz: Tz, day_start: LocalTime) -> DateTime<Utc> {
    let next = day.succ_opt().unwrap_or(day);
    let start = chrono::NaiveTime::from_hms_opt(day_start.hour.into(), day_start.minute.into(), 0)
        .unwrap_or_default();
    super::time::local_instant(tz, next, start)
}

/// A partner's day's reminder never comes before this local time: it falls in their evening.
pub const REMINDER_EVENING: LocalTime = LocalTime {
    hour: 18,
    minute: 0,
};

/// The couple-day, in the partner's zone `tz`, that the nudge at `nudge` belongs to, and when
/// that partner's reminder is due: `after` the nudge, and not before [`REMINDER_EVENING`] of
/// that day in their own zone.
pub fn reminder_due(
    nudge: DateTime<Utc>,
    after: Duration,
    tz: Tz,
    day_start: LocalTime,
) -> (NaiveDate, DateTime<Utc>) {
    let day = couple_day(nudge, tz, day_start);
    let at = |d: NaiveDate, t: LocalTime| {
        let time =
            chrono::NaiveTime::from_hms_opt(t.hour.into(), t.minute.into(), 0).unwrap_or_default();
        super::time::local_instant(tz, d, time)
    };
    let began = at(day, day_start);
    let mut evening = at(day, REMINDER_EVENING);
    if evening < began {
        evening = at(day.succ_opt().unwrap_or(day), REMINDER_EVENING);
    }
    (day, (nudge + after).max(evening))
}

/// Whether a form opened for `day` may still be submitted at `now`.
pub fn accepts_submission(
    day: NaiveDate,
    now: DateTime<Utc>,
    tz: Tz,
    day_start: LocalTime,
) -> bool {
    let today = couple_day(now, tz, day_start);
    day == today || (day < today && now < day_end(day, tz, day_start) + LATE_GRACE)
}

/// How many days back the moods are read for [`feels_heavy`].
pub const CARE_WINDOW_DAYS: i64 = 7;
/// The least time between two offers of the support line to one partner.
pub const CARE_EVERY: Duration = Duration::days(7);

/// Whether a partner's own recent moods call for a gentle, private pointer to support: a mood
/// of 2 or lower on at least 3 of their last 5 check-ins within 7 days, or 1 on two check-ins
/// in a row. `moods` are (couple-day, mood) of that partner alone, in any order.
pub fn feels_heavy(moods: &[(NaiveDate, u8)], today: NaiveDate) -> bool {
    let from = today - Duration::days(CARE_WINDOW_DAYS - 1);
    let mut recent: Vec<(NaiveDate, u8)> = moods
        .iter()
        .copied()
        .filter(|(d, _)| *d >= from && *d <= today)
        .collect();
    recent.sort();
    let last5 = &recent[recent.len().saturating_sub(5)..];
    let low = last5.iter().filter(|(_, m)| *m <= 2).count();
    let two_at_one = recent
        .windows(2)
        .last()
        .is_some_and(|w| w[0].1 == 1 && w[1].1 == 1);
    low >= 3 || two_at_one
}

/// A mood from 1 (heavy) to 5 (light).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mood(u8);

impl Mood {
    pub fn get(self) -> u8 {
        self.0
    }

    pub fn new(n: u8) -> Option<Mood> {
        (1..=5).contains(&n).then_some(Mood(n))
    }

    /// Lenient: "4", " 4 ", "4/5", "4 of 5", "four", "IV"? no — a digit 1-5 or its English word,
    /// with anything after a leading digit ignored when it is "/5" or " of 5".
    pub fn parse(input: &str) -> Option<Mood> {
        let s = input.trim().to_lowercase();
        let s = s
            .strip_suffix("/5")
            .or_else(|| s.strip_suffix(" of 5"))
            .or_else(|| s.strip_suffix("/ 5"))
            .unwrap_or(&s)
            .trim()
            .to_string();
        let n = match s.as_str() {
            "1" | "one" => 1,
            "2" | "two" => 2,
            "3" | "three" => 3,
            "4" | "four" => 4,
            "5" | "five" => 5,
            _ => return None,
        };
        Mood::new(n)
    }
}

/// Longest answer to the day's question, in characters.
pub const MAX_QUESTION_ANSWER: usize = 1000;
/// Longest "something I appreciated" and "something I'd like you to hear", in characters.
///
/// With up to three answers per partner, the reveal must fit Discord's limits: 1,024
/// characters a field and 6,000 across all embeds of a message. Two partners' answers at
/// 1000 + 800 + 800 characters are 5,200, which leaves room for the question (at most
/// [`MAX_QUESTION_CHARS`]), the labels, the moods and the names (see
/// `render::posts::reveal` and its worst-case test).
pub const MAX_NOTE: usize = 800;
/// The longest question a reveal shows, in characters: a library prompt's longest text (a
/// couple's own prompts are no longer).
pub const MAX_QUESTION_CHARS: usize = super::prompt::MAX_TEXT_CHARS;
/// The longest short form of a question (a form's placeholder holds 100).
pub const MAX_SHORT_CHARS: usize = super::prompt::MAX_SHORT_CHARS;

const _: () =
    assert!(super::prompt::CUSTOM_MAX_CHARS <= MAX_QUESTION_CHARS && MAX_SHORT_CHARS <= 100);

/// The day's question as the check-in asks it: the whole question, and the short form that
/// fits the form's placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayQuestion {
    pub text: String,
    pub short: String,
}

/// What a partner wrote, before it is accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub mood: String,
    /// The answer to the day's question (empty when the day has none).
    pub answer: String,
    pub appreciated: String,
    pub hear: String,
}

/// An accepted check-in. Every answer is optional, but at least one is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub mood: Mood,
    /// The day's question this check-in answered (as it was asked), when the day had one.
    pub question: Option<String>,
    pub answer: Option<String>,
    pub appreciated: Option<String>,
    pub hear: Option<String>,
}

/// Why a submission could not be accepted (its text is kept as a draft).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    Mood,
    /// Only the mood: a check-in needs at least one answer besides it.
    NothingWritten,
    AnswerTooLong(usize),
    AppreciatedTooLong(usize),
    HearTooLong(usize),
    /// An answer was written to a question the day no longer asks (it changed while the form
    /// was open): it is kept as a draft and shown back, never silently dropped.
    QuestionGone(String),
}

impl std::error::Error for AnswerError {}

/// A cleaned optional answer, refused with `too_long` when over `max` characters.
fn optional(
    text: &str,
    max: usize,
    too_long: fn(usize) -> AnswerError,
) -> Result<Option<String>, AnswerError> {
    let cleaned = clean(text);
    let n = cleaned.as_deref().map_or(0, |t| t.chars().count());
    if n > max {
        return Err(too_long(n));
    }
    Ok(cleaned)
}

impl Draft {
    /// Checks the draft against the day's question (`None` on a day without one: an answer in
    /// the draft is then ignored). Answers are cleaned by the rule for every partner's free text
    /// ([`clean`]), lengths counted in characters; the mood and at least one answer are needed.
    pub fn accept(&self, question: Option<&DayQuestion>) -> Result<Answers, AnswerError> {
        let mood = Mood::parse(&self.mood).ok_or(AnswerError::Mood)?;
        let answer = optional(
            &self.answer,
            MAX_QUESTION_ANSWER,
            AnswerError::AnswerTooLong,
        )?;
        let answer = match (question, answer) {
            (None, Some(orphan)) => return Err(AnswerError::QuestionGone(orphan)),
            (_, answer) => answer,
        };
        let appreciated = optional(&self.appreciated, MAX_NOTE, AnswerError::AppreciatedTooLong)?;
        let hear = optional(&self.hear, MAX_NOTE, AnswerError::HearTooLong)?;
        if answer.is_none() && appreciated.is_none() && hear.is_none() {
            return Err(AnswerError::NothingWritten);
        }
        Ok(Answers {
            mood,
            question: question.map(|q| q.text.clone()),
            answer,
            appreciated,
            hear,
        })
    }
}

/// A couple-day in a custom id: `YYYYMMDD`.
pub fn day_code(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

pub fn parse_day_code(s: &str) -> Option<NaiveDate> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y%m%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_start_that_is_skipped_or_repeated_follows_the_dst_rule() {
        use chrono::TimeZone;
        let start = LocalTime {
            hour: 2,
            minute: 30,
        };
        // Toronto skips 02:00-03:00 on 14 March 2027: 13 March ends at the jump (07:00 UTC).
        let toronto = super::super::time::Timezone::parse("America/Toronto")
            .unwrap()
            .0;
        let d13 = NaiveDate::from_ymd_opt(2027, 3, 13).unwrap();
        let jump = Utc.with_ymd_and_hms(2027, 3, 14, 7, 0, 0).unwrap();
        assert_eq!(day_end(d13, toronto, start), jump);
        assert_eq!(couple_day(jump - Duration::seconds(1), toronto, start), d13);
        assert_eq!(couple_day(jump, toronto, start), d13.succ_opt().unwrap());
        // Auckland repeats 02:00-03:00 on 4 April 2027: 3 April ends at the first 02:30
        // (13:30 UTC), and the repeated hour belongs to 4 April.
        let auckland = super::super::time::Timezone::parse("Pacific/Auckland")
            .unwrap()
            .0;
        let a3 = NaiveDate::from_ymd_opt(2027, 4, 3).unwrap();
        let first = Utc.with_ymd_and_hms(2027, 4, 3, 13, 30, 0).unwrap();
        assert_eq!(day_end(a3, auckland, start), first);
        assert_eq!(
            couple_day(first - Duration::seconds(1), auckland, start),
            a3
        );
        for minutes in [0, 20, 45, 60, 90] {
            let t = first + Duration::minutes(minutes);
            assert_eq!(
                couple_day(t, auckland, start),
                a3.succ_opt().unwrap(),
                "{t}"
            );
        }
    }

    #[test]
    fn each_partners_reminder_falls_in_their_own_evening() {
        use chrono::TimeZone;
        let tz = |n: &str| super::super::time::Timezone::parse(n).unwrap().0;
        let start = DEFAULT_DAY_START;
        let three = Duration::hours(3);
        // 20:00 in Berlin on 10 March 2026 (19:00 UTC).
        let nudge = Utc.with_ymd_and_hms(2026, 3, 10, 19, 0, 0).unwrap();
        let d10 = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        // Berlin: three hours after the nudge, 23:00.
        assert_eq!(
            reminder_due(nudge, three, tz("Europe/Berlin"), start),
            (d10, Utc.with_ymd_and_hms(2026, 3, 10, 22, 0, 0).unwrap())
        );
        // Toronto (EDT since 8 March): the nudge is at 15:00, the reminder at 18:00 there.
        assert_eq!(
            reminder_due(nudge, three, tz("America/Toronto"), start),
            (d10, Utc.with_ymd_and_hms(2026, 3, 10, 22, 0, 0).unwrap())
        );
        // Los Angeles: nudge at 12:00, reminder at 18:00 there (01:00 UTC the next day).
        assert_eq!(
            reminder_due(nudge, three, tz("America/Los_Angeles"), start),
            (d10, Utc.with_ymd_and_hms(2026, 3, 11, 1, 0, 0).unwrap())
        );
        // Auckland: the nudge is 08:00 on the 11th there, so the 11th's reminder at 18:00.
        assert_eq!(
            reminder_due(nudge, three, tz("Pacific/Auckland"), start),
            (
                d10.succ_opt().unwrap(),
                Utc.with_ymd_and_hms(2026, 3, 11, 5, 0, 0).unwrap()
            )
        );
        // A day that starts after 18:00 has its evening on the next date.
        let late = LocalTime {
            hour: 20,
            minute: 0,
        };
        let at_nine = Utc.with_ymd_and_hms(2026, 3, 10, 21, 0, 0).unwrap();
        let (day, due) = reminder_due(at_nine, Duration::hours(1), tz("UTC"), late);
        assert_eq!(day, d10);
        assert_eq!(due, Utc.with_ymd_and_hms(2026, 3, 11, 18, 0, 0).unwrap());
    }

    fn moods(today: NaiveDate, back_and_mood: &[(i64, u8)]) -> Vec<(NaiveDate, u8)> {
        back_and_mood
            .iter()
            .map(|(back, m)| (today - Duration::days(*back), *m))
            .collect()
    }

    #[test]
    fn heavy_moods_are_noticed_by_the_rule() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        // Three of the last five at 2 or lower, within the week.
        assert!(feels_heavy(
            &moods(t, &[(0, 2), (1, 4), (2, 1), (3, 5), (4, 2)]),
            t
        ));
        // Only two low days.
        assert!(!feels_heavy(
            &moods(t, &[(0, 2), (1, 4), (2, 1), (3, 5), (4, 3)]),
            t
        ));
        // Three low days, but one is older than the week.
        assert!(!feels_heavy(&moods(t, &[(0, 2), (1, 2), (7, 1)]), t));
        // The last five only: two older low days do not count.
        assert!(!feels_heavy(
            &moods(t, &[(0, 4), (1, 4), (2, 2), (3, 4), (4, 4), (5, 1), (6, 1)]),
            t
        ));
        // 1 on two check-ins in a row, even with a day between them.
        assert!(feels_heavy(&moods(t, &[(0, 1), (2, 1)]), t));
        assert!(!feels_heavy(&moods(t, &[(0, 1), (1, 3), (2, 1)]), t));
        assert!(!feels_heavy(&[], t));
    }
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn late_night_belongs_to_the_evening_before() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        // 01:30 local on the 27th is still the 26th's couple-day.
        assert_eq!(
            couple_day(utc(2026, 11, 27, 0, 30), tz, DEFAULT_DAY_START),
            date(2026, 11, 26)
        );
        // 04:00 local starts the 27th.
        assert_eq!(
            couple_day(utc(2026, 11, 27, 3, 0), tz, DEFAULT_DAY_START),
            date(2026, 11, 27)
        );
        assert_eq!(
            couple_day(utc(2026, 11, 27, 2, 59), tz, DEFAULT_DAY_START),
            date(2026, 11, 26)
        );
    }

    #[test]
    fn day_end_follows_the_dst_rule() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(
            day_end(date(2026, 11, 26), tz, DEFAULT_DAY_START),
            utc(2026, 11, 27, 3, 0)
        );
        // A 02:30 start does not exist on 2026-03-29 in Berlin: the transition instant.
        let start = LocalTime {
            hour: 2,
            minute: 30,
        };
        assert_eq!(
            day_end(date(2026, 3, 28), tz, start),
            utc(2026, 3, 29, 1, 0)
        );
        // It exists twice on 2026-10-25: the first.
        assert_eq!(
            day_end(date(2026, 10, 24), tz, start),
            utc(2026, 10, 25, 0, 30)
        );
    }

    #[test]
    fn a_form_is_accepted_until_an_hour_after_its_day() {
        let tz: Tz = "UTC".parse().unwrap();
        let d = date(2026, 11, 26);
        assert!(accepts_submission(
            d,
            utc(2026, 11, 26, 12, 0),
            tz,
            DEFAULT_DAY_START
        ));
        assert!(accepts_submission(
            d,
            utc(2026, 11, 27, 4, 59),
            tz,
            DEFAULT_DAY_START
        ));
        assert!(!accepts_submission(
            d,
            utc(2026, 11, 27, 5, 0),
            tz,
            DEFAULT_DAY_START
        ));
        // A day in the future is not accepted.
        assert!(!accepts_submission(
            date(2026, 11, 28),
            utc(2026, 11, 26, 12, 0),
            tz,
            DEFAULT_DAY_START
        ));
    }

    #[test]
    fn mood_is_parsed_leniently() {
        for (s, n) in [
            ("4", 4),
            (" 5 ", 5),
            ("3/5", 3),
            ("2 of 5", 2),
            ("One", 1),
            ("FOUR", 4),
        ] {
            assert_eq!(Mood::parse(s).map(Mood::get), Some(n), "{s}");
        }
        for s in [
            "",
            "0",
            "6",
            "-1",
            "4.5",
            "x",
            "５",
            &"4".repeat(5000),
            "4\u{200b}",
        ] {
            assert_eq!(Mood::parse(s), None, "{s:?}");
        }
    }

    fn question() -> DayQuestion {
        DayQuestion {
            text: "What made you laugh this week, and who were you with?".into(),
            short: "What made you laugh this week?".into(),
        }
    }

    #[test]
    fn answers_are_checked_in_characters() {
        let ok = Draft {
            mood: "4".into(),
            appreciated: "You made tea.".into(),
            hear: "  ".into(),
            ..Draft::default()
        };
        let accepted = ok.accept(None).unwrap();
        assert_eq!(accepted.hear, None);
        assert_eq!(accepted.appreciated.as_deref(), Some("You made tea."));
        let long = Draft {
            appreciated: "é".repeat(MAX_NOTE),
            ..ok.clone()
        };
        assert!(
            long.accept(None).is_ok(),
            "the limit is in characters, whatever the bytes"
        );
        let too_long = Draft {
            appreciated: "é".repeat(MAX_NOTE + 1),
            ..ok.clone()
        };
        assert_eq!(
            too_long.accept(None),
            Err(AnswerError::AppreciatedTooLong(MAX_NOTE + 1))
        );
        let bad_mood = Draft {
            mood: "great".into(),
            ..ok.clone()
        };
        assert_eq!(bad_mood.accept(None), Err(AnswerError::Mood));
        let hear_long = Draft {
            hear: "x".repeat(5000),
            ..ok.clone()
        };
        assert_eq!(hear_long.accept(None), Err(AnswerError::HearTooLong(5000)));
        let q = question();
        let answer_long = Draft {
            answer: "ü".repeat(MAX_QUESTION_ANSWER + 1),
            ..ok.clone()
        };
        assert_eq!(
            answer_long.accept(Some(&q)),
            Err(AnswerError::AnswerTooLong(MAX_QUESTION_ANSWER + 1))
        );
        let answer_max = Draft {
            answer: "ü".repeat(MAX_QUESTION_ANSWER),
            ..ok
        };
        assert!(answer_max.accept(Some(&q)).is_ok());
    }

    #[test]
    fn a_check_in_needs_the_mood_and_at_least_one_answer() {
        let q = question();
        let mood_only = Draft {
            mood: "3".into(),
            ..Draft::default()
        };
        assert_eq!(mood_only.accept(None), Err(AnswerError::NothingWritten));
        assert_eq!(mood_only.accept(Some(&q)), Err(AnswerError::NothingWritten));
        // Blank and invisible text is no answer.
        let blank = Draft {
            mood: "3".into(),
            answer: " \n ".into(),
            appreciated: "\u{200b}\u{202e} ".into(),
            hear: "\t".into(),
        };
        assert_eq!(blank.accept(Some(&q)), Err(AnswerError::NothingWritten));
        // The mood is checked first: a bad mood is named even when nothing else was written.
        let nothing = Draft::default();
        assert_eq!(nothing.accept(Some(&q)), Err(AnswerError::Mood));
        // Any one answer is enough; the appreciation is optional now.
        for draft in [
            Draft {
                answer: "My sister's story about the goat.".into(),
                ..mood_only.clone()
            },
            Draft {
                appreciated: "You waited for me.".into(),
                ..mood_only.clone()
            },
            Draft {
                hear: "I'm nervous about Monday.".into(),
                ..mood_only.clone()
            },
        ] {
            let a = draft.accept(Some(&q)).unwrap();
            assert_eq!(a.question.as_deref(), Some(q.text.as_str()));
            assert_eq!(a.mood.get(), 3);
        }
        // The answer to a question counts only on a day that asks one; one written to a
        // question that is gone is refused, to be kept and shown back, never dropped.
        let answer_only = Draft {
            answer: "An answer to no question.".into(),
            ..mood_only
        };
        assert_eq!(
            answer_only.accept(None),
            Err(AnswerError::QuestionGone(
                "An answer to no question.".into()
            ))
        );
        let a = answer_only.accept(Some(&q)).unwrap();
        assert_eq!(
            (a.answer.as_deref(), a.appreciated, a.hear),
            (Some("An answer to no question."), None, None)
        );
    }

    #[test]
    fn day_codes_round_trip_and_refuse_junk() {
        let d = date(2026, 2, 28);
        assert_eq!(parse_day_code(&day_code(d)), Some(d));
        for bad in [
            "",
            "2026022",
            "20260230",
            "2026-02-28",
            "+2026022",
            "２０２６０２２８",
        ] {
            assert_eq!(parse_day_code(bad), None, "{bad}");
        }
    }
}
