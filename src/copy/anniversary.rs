//! The words of `/anniversary`: its registration, its private answers, the note in the channel
//! when the date changes, and the line that marks the day itself
//! (`locales/<lang>/anniversary.ftl`).

use chrono::{Datelike, NaiveDate};

use super::{tr, user, Lang};
use crate::domain::anniversary::DateError;
use crate::domain::ids::UserId;

pub fn anniversary_command(lang: Lang) -> String {
    tr!(lang, "anniv-command")
}

pub fn anniversary_show_command(lang: Lang) -> String {
    tr!(lang, "anniv-command-show")
}

pub fn anniversary_set_command(lang: Lang) -> String {
    tr!(lang, "anniv-command-set")
}

pub fn anniversary_set_date_option(lang: Lang) -> String {
    tr!(lang, "anniv-command-set-date")
}

pub fn anniversary_clear_command(lang: Lang) -> String {
    tr!(lang, "anniv-command-clear")
}

/// The button under the note in the channel: shows the date to a partner, privately.
pub fn see_the_date_button(lang: Lang) -> String {
    tr!(lang, "anniv-see-the-date-button")
}

/// A date in words: "14 March 2019", "14 de marzo de 2019".
pub fn long_date(lang: Lang, d: NaiveDate) -> String {
    tr!(
        lang,
        "anniv-long-date",
        day = d.day(),
        month = d.month(),
        year = d.year().to_string()
    )
}

/// Where the next anniversary stands (`next` and its years, from the domain's rule): one
/// sentence, also shown on its own under a partner's own `/streak`.
pub fn anniversary_next(lang: Lang, next: NaiveDate, years_then: u32, today: NaiveDate) -> String {
    if next == today {
        tr!(lang, "anniv-next-today", years = years_then)
    } else {
        tr!(
            lang,
            "anniv-next",
            date = long_date(lang, next),
            years = years_then
        )
    }
}

/// Whole sentences one after the other, then on a line of its own the last one.
fn paragraph(sentences: Vec<String>, last: String) -> String {
    format!("{}\n{last}", sentences.join(" "))
}

/// `/anniversary show`, and the See the date button.
pub fn anniversary_is(
    lang: Lang,
    date: NaiveDate,
    next: Option<(NaiveDate, u32)>,
    today: NaiveDate,
) -> String {
    let mut said = vec![tr!(lang, "anniv-is", date = long_date(lang, date))];
    if let Some((when, n)) = next {
        said.push(anniversary_next(lang, when, n, today));
    }
    paragraph(said, tr!(lang, "anniv-change-or-clear"))
}

pub fn no_anniversary(lang: Lang) -> String {
    tr!(lang, "anniv-none")
}

pub fn no_anniversary_to_clear(lang: Lang) -> String {
    tr!(lang, "anniv-none-to-clear")
}

/// The private answer to the partner who set or changed the date (`was`: the date before).
pub fn anniversary_saved(
    lang: Lang,
    date: NaiveDate,
    was: Option<NaiveDate>,
    next: Option<(NaiveDate, u32)>,
    today: NaiveDate,
) -> String {
    let mut said = vec![match was {
        Some(was) => tr!(
            lang,
            "anniv-changed",
            date = long_date(lang, date),
            was = long_date(lang, was)
        ),
        None => tr!(lang, "anniv-saved", date = long_date(lang, date)),
    }];
    if let Some((when, n)) = next {
        said.push(anniversary_next(lang, when, n, today));
    }
    paragraph(said, tr!(lang, "anniv-on-the-day"))
}

/// The date asked for is the one already kept: nothing changed and nothing is posted.
pub fn anniversary_unchanged(lang: Lang, date: NaiveDate) -> String {
    tr!(lang, "anniv-unchanged", date = long_date(lang, date))
}

/// A sixth change within 24 hours: nothing changed.
pub fn anniversary_changed_enough(lang: Lang) -> String {
    tr!(lang, "anniv-changed-enough")
}

pub fn anniversary_cleared(lang: Lang) -> String {
    tr!(lang, "anniv-cleared")
}

/// Why a typed date was not taken.
pub fn anniversary_date_refused(lang: Lang, e: DateError) -> String {
    match e {
        DateError::Malformed => tr!(lang, "anniv-date-malformed"),
        DateError::NoSuchDay => tr!(lang, "anniv-date-no-such-day"),
        DateError::TooEarly => tr!(lang, "anniv-date-too-early"),
        DateError::InTheFuture => tr!(lang, "anniv-date-in-the-future"),
    }
}

/// The note in the channel (through the outbox, in the couple's language) when a partner sets
/// the date; it pings nobody and does not show the date.
pub fn anniversary_set_note(lang: Lang, by: UserId) -> String {
    tr!(lang, "anniv-set-note", by = user(by))
}

/// The note in the channel when a partner changes the date.
pub fn anniversary_changed_note(lang: Lang, by: UserId) -> String {
    tr!(lang, "anniv-changed-note", by = user(by))
}

/// The note in the channel when a partner clears the date.
pub fn anniversary_cleared_note(lang: Lang, by: UserId) -> String {
    tr!(lang, "anniv-cleared-note", by = user(by))
}

/// The line at the top of the anniversary's nudge: which anniversary it is (0: the date set
/// is today itself, so there is no number to tell).
pub fn anniversary_line(lang: Lang, years_today: u32) -> String {
    match years_today {
        0 => tr!(lang, "anniv-line-the-day"),
        n => tr!(lang, "anniv-line", years = n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn spanish() -> Lang {
        Lang::from_code("es").expect("Spanish is shipped")
    }

    #[test]
    fn dates_and_years_read_as_words() {
        let en = Lang::ENGLISH;
        assert_eq!(long_date(en, d(2019, 3, 14)), "14 March 2019");
        assert_eq!(long_date(en, d(2020, 12, 1)), "1 December 2020");
        assert_eq!(anniversary_line(en, 1), "Happy anniversary: 1 year today.");
        assert_eq!(anniversary_line(en, 5), "Happy anniversary: 5 years today.");
        let today = d(2026, 11, 26);
        assert_eq!(
            anniversary_next(en, d(2027, 3, 14), 8, today),
            "Your next anniversary is on 14 March 2027: 8 years."
        );
        assert_eq!(
            anniversary_next(en, today, 1, today),
            "Today is your anniversary: 1 year."
        );
        for lang in Lang::shipped() {
            assert!(!anniversary_line(lang, 0)
                .chars()
                .any(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn spanish_dates_and_years() {
        let es = spanish();
        assert_eq!(long_date(es, d(2019, 3, 14)), "14 de marzo de 2019");
        assert_eq!(long_date(es, d(2020, 12, 1)), "1 de diciembre de 2020");
        assert_eq!(
            anniversary_line(es, 1),
            "Feliz aniversario: hoy cumplen 1 año."
        );
        assert_eq!(
            anniversary_line(es, 5),
            "Feliz aniversario: hoy cumplen 5 años."
        );
        let today = d(2026, 11, 26);
        assert_eq!(
            anniversary_next(es, d(2027, 3, 14), 8, today),
            "Su próximo aniversario es el 14 de marzo de 2027: cumplirán 8 años."
        );
        assert_eq!(
            anniversary_next(es, today, 1, today),
            "Hoy es su aniversario: cumplen 1 año."
        );
    }

    #[test]
    fn the_answers_read_as_before_in_english() {
        let en = Lang::ENGLISH;
        let today = d(2026, 11, 26);
        assert_eq!(
            anniversary_is(en, d(2019, 3, 14), Some((d(2027, 3, 14), 8)), today),
            "Your anniversary is 14 March 2019. Your next anniversary is on 14 March 2027: 8 \
             years.\nEither of you can change it with /anniversary set, or clear it with \
             /anniversary clear."
        );
        assert_eq!(
            anniversary_is(en, today, None, today),
            "Your anniversary is 26 November 2026.\nEither of you can change it with \
             /anniversary set, or clear it with /anniversary clear."
        );
        let saved = anniversary_saved(en, d(2019, 3, 14), Some(d(2019, 3, 15)), None, today);
        assert!(
            saved.starts_with(
                "Changed: your anniversary is now 14 March 2019 (it was 15 March 2019).\nOn the \
                 day, unless nudges are paused or skipped,"
            ),
            "{saved}"
        );
        assert_eq!(
            anniversary_unchanged(en, d(2019, 3, 14)),
            "Your anniversary is already 14 March 2019, so nothing changed."
        );
    }

    #[test]
    fn the_channel_note_never_shows_the_date() {
        for lang in Lang::shipped() {
            // Every month's name, as a date in words spells it.
            let months: Vec<String> = (1..=12)
                .flat_map(|m| {
                    long_date(lang, d(2019, m, 14))
                        .split_whitespace()
                        .filter(|w| w.chars().count() > 2 && w.chars().all(char::is_alphabetic))
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>()
                })
                .collect();
            assert!(months.len() >= 12, "{months:?}");
            for note in [
                anniversary_set_note(lang, UserId(5)),
                anniversary_changed_note(lang, UserId(5)),
                anniversary_cleared_note(lang, UserId(5)),
            ] {
                assert!(note.starts_with("<@5> "));
                let lower = note.to_lowercase();
                assert!(!months.iter().any(|m| lower.contains(m.as_str())), "{note}");
                assert_eq!(note.chars().filter(|c| c.is_ascii_digit()).count(), 1);
            }
        }
    }

    #[test]
    fn help_names_the_command_and_still_fits_one_message() {
        for lang in Lang::shipped() {
            assert!(super::super::help_commands(lang).contains("`/anniversary`"));
            // Discord's limit on a message's content.
            assert!(super::super::help(lang).chars().count() <= 2000);
        }
    }

    #[test]
    fn every_refusal_is_one_kind_sentence_or_two() {
        for lang in Lang::shipped() {
            for e in [
                DateError::Malformed,
                DateError::NoSuchDay,
                DateError::TooEarly,
                DateError::InTheFuture,
            ] {
                let t = anniversary_date_refused(lang, e);
                assert!(t.ends_with('.') && t.chars().count() < 200, "{t}");
            }
        }
    }

    #[test]
    fn the_command_descriptions_fit_discord() {
        for lang in Lang::shipped() {
            for d in [
                anniversary_command(lang),
                anniversary_show_command(lang),
                anniversary_set_command(lang),
                anniversary_set_date_option(lang),
                anniversary_clear_command(lang),
            ] {
                assert!(!d.is_empty() && d.chars().count() <= 100, "{d}");
            }
            assert!(see_the_date_button(lang).chars().count() <= 80);
        }
    }
}
