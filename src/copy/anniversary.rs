//! The words of `/anniversary`: its registration, its private answers, the note in the channel
//! when the date changes, and the line that marks the day itself.

use chrono::{Datelike, NaiveDate};

use super::{plural, user};
use crate::domain::anniversary::DateError;
use crate::domain::ids::UserId;

pub const ANNIVERSARY: &str = "Your anniversary: see it, set it or clear it.";
pub const ANNIVERSARY_SHOW: &str = "See the date of your anniversary.";
pub const ANNIVERSARY_SET: &str = "Set or change the date of your anniversary.";
pub const ANNIVERSARY_SET_DATE: &str = "The date, as year-month-day (for example 2019-03-14).";
pub const ANNIVERSARY_CLEAR: &str = "Clear the date of your anniversary.";

/// The anniversary deck's name, the title of that day's nudge.
pub const ANNIVERSARY_TITLE: &str = "Your anniversary";

/// The button under the note in the channel: shows the date to a partner, privately.
pub const SEE_THE_DATE_BUTTON: &str = "See the date";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in words: "14 March 2019".
pub fn long_date(d: NaiveDate) -> String {
    let month = MONTHS[d.month0() as usize % 12];
    format!("{} {month} {}", d.day(), d.year())
}

/// An anniversary's number of years: "1 year", "8 years".
fn years(n: u32) -> String {
    plural(n, "{n} year", "{n} years")
}

/// Where the next anniversary stands (`next` and its years, from the domain's rule).
pub fn anniversary_next(next: NaiveDate, years_then: u32, today: NaiveDate) -> String {
    if next == today {
        format!("Today is your anniversary: {}.", years(years_then))
    } else {
        format!(
            "Your next anniversary is on {}: {}.",
            long_date(next),
            years(years_then)
        )
    }
}

/// `/anniversary show`, and the See the date button.
pub fn anniversary_is(date: NaiveDate, next: Option<(NaiveDate, u32)>, today: NaiveDate) -> String {
    let mut out = format!("Your anniversary is {}.", long_date(date));
    if let Some((when, n)) = next {
        out.push(' ');
        out.push_str(&anniversary_next(when, n, today));
    }
    out.push_str(
        "\nEither of you can change it with /anniversary set, or clear it with /anniversary clear.",
    );
    out
}

pub const NO_ANNIVERSARY: &str = "You haven't set an anniversary yet. Either of you can set one with /anniversary set, for example date:2019-03-14. It belongs to you both: you'll each be able to see it, and the channel is told (without the date) whenever it changes.";

pub const NO_ANNIVERSARY_TO_CLEAR: &str = "There's no anniversary date to clear.";

/// The private answer to the partner who set or changed the date (`was`: the date before).
pub fn anniversary_saved(
    date: NaiveDate,
    was: Option<NaiveDate>,
    next: Option<(NaiveDate, u32)>,
    today: NaiveDate,
) -> String {
    let mut out = match was {
        Some(was) => format!(
            "Changed: your anniversary is now {} (it was {}).",
            long_date(date),
            long_date(was)
        ),
        None => format!("Saved: your anniversary is {}.", long_date(date)),
    };
    if let Some((when, n)) = next {
        out.push(' ');
        out.push_str(&anniversary_next(when, n, today));
    }
    out.push_str("\nOn the day, unless nudges are paused or skipped, the first one will be about your story. Your partner will see a short note in the channel that you made this change; the note doesn't show the date.");
    out
}

/// The date asked for is the one already kept: nothing changed and nothing is posted.
pub fn anniversary_unchanged(date: NaiveDate) -> String {
    format!(
        "Your anniversary is already {}, so nothing changed.",
        long_date(date)
    )
}

/// A sixth change within 24 hours: nothing changed.
pub const ANNIVERSARY_CHANGED_ENOUGH: &str = "The date has changed a few times in the last day, so I've left it as it is for now. Either of you can change it again by this time tomorrow.";

pub const ANNIVERSARY_CLEARED: &str = "Cleared: haven no longer keeps an anniversary date for the two of you. Your partner will see a short note in the channel that you cleared it.";

/// Why a typed date was not taken.
pub fn anniversary_date_refused(e: DateError) -> String {
    match e {
        DateError::Malformed => {
            "I couldn't read that as a date. Please write it as year-month-day, for example 2019-03-14."
        }
        DateError::NoSuchDay => {
            "That day isn't on the calendar. Please check the month and the day (29 February comes only in leap years)."
        }
        DateError::TooEarly => "Please choose a date from 1900 onwards.",
        DateError::InTheFuture => {
            "That date hasn't come yet. An anniversary marks a day you've already had: please choose today or an earlier date."
        }
    }
    .to_string()
}

/// The note in the channel (through the outbox) when a partner sets the date; it pings
/// nobody and does not show the date.
pub fn anniversary_set_note(by: UserId) -> String {
    format!(
        "{} set the date of your anniversary. Press the button to see it.",
        user(by)
    )
}

/// The note in the channel when a partner changes the date.
pub fn anniversary_changed_note(by: UserId) -> String {
    format!(
        "{} changed the date of your anniversary. Press the button to see it.",
        user(by)
    )
}

/// The note in the channel when a partner clears the date.
pub fn anniversary_cleared_note(by: UserId) -> String {
    format!(
        "{} cleared the date of your anniversary. Either of you can set one again with /anniversary set.",
        user(by)
    )
}

/// The line at the top of the anniversary's nudge: which anniversary it is (0: the date set
/// is today itself, so there is no number to tell).
pub fn anniversary_line(years_today: u32) -> String {
    match years_today {
        0 => "Today is the day you chose to remember. Happy anniversary.".to_string(),
        n => format!("Happy anniversary: {} today.", years(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_and_years_read_as_words() {
        assert_eq!(long_date(d(2019, 3, 14)), "14 March 2019");
        assert_eq!(long_date(d(2020, 12, 1)), "1 December 2020");
        assert_eq!(anniversary_line(1), "Happy anniversary: 1 year today.");
        assert_eq!(anniversary_line(5), "Happy anniversary: 5 years today.");
        assert!(!anniversary_line(0).chars().any(|c| c.is_ascii_digit()));
        let today = d(2026, 11, 26);
        assert_eq!(
            anniversary_next(d(2027, 3, 14), 8, today),
            "Your next anniversary is on 14 March 2027: 8 years."
        );
        assert_eq!(
            anniversary_next(today, 1, today),
            "Today is your anniversary: 1 year."
        );
    }

    #[test]
    fn the_channel_note_never_shows_the_date() {
        for note in [
            anniversary_set_note(UserId(5)),
            anniversary_changed_note(UserId(5)),
            anniversary_cleared_note(UserId(5)),
        ] {
            assert!(note.starts_with("<@5> "));
            assert!(!MONTHS.iter().any(|m| note.contains(m)), "{note}");
            assert_eq!(note.chars().filter(|c| c.is_ascii_digit()).count(), 1);
        }
    }

    #[test]
    fn help_names_the_command_and_still_fits_one_message() {
        assert!(super::super::help_commands(super::super::Lang::ENGLISH).contains("`/anniversary`"));
        // Discord's limit on a message's content.
        assert!(
            super::super::help(super::super::Lang::ENGLISH)
                .chars()
                .count()
                <= 2000
        );
    }

    #[test]
    fn every_refusal_is_one_kind_sentence_or_two() {
        for e in [
            DateError::Malformed,
            DateError::NoSuchDay,
            DateError::TooEarly,
            DateError::InTheFuture,
        ] {
            let t = anniversary_date_refused(e);
            assert!(t.ends_with('.') && t.len() < 200, "{t}");
        }
    }
}
