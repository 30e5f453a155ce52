//! The words of the weekly pulse: `/pulse`, its private form and picture, the digest's button
//! and shared lines, and the private offer of repair (`locales/<lang>/pulse.ftl`). Each
//! sentence is whole, with named slots.

use chrono::NaiveDate;

use super::{long_date, tr, user, Lang};
use crate::domain::ids::UserId;
use crate::domain::pulse::{PulseError, Statement, CHART_WEEKS, MAX_NOTE};

/// `/pulse` as Discord shows it.
pub fn command(lang: Lang) -> String {
    tr!(lang, "pulse-command")
}

pub fn command_turn(lang: Lang) -> String {
    tr!(lang, "pulse-command-turn")
}

pub fn command_share(lang: Lang) -> String {
    tr!(lang, "pulse-command-share")
}

/// The two choices of `turn` and `share` (their values stay "on" and "off").
pub fn on(lang: Lang) -> String {
    tr!(lang, "pulse-choice-on")
}

pub fn off(lang: Lang) -> String {
    tr!(lang, "pulse-choice-off")
}

/// The button under every weekly digest (in the couple's language).
pub fn digest_button(lang: Lang) -> String {
    tr!(lang, "pulse-digest-button")
}

/// The button under `/pulse` that opens this week's form.
pub fn answer_button(lang: Lang) -> String {
    tr!(lang, "pulse-answer-button")
}

pub fn change_button(lang: Lang) -> String {
    tr!(lang, "pulse-change-button")
}

/// The button that reopens a form with what was typed.
pub fn try_again_button(lang: Lang) -> String {
    tr!(lang, "pulse-try-again-button")
}

/// The form's title (at most 45 characters).
pub fn form_title(lang: Lang) -> String {
    tr!(lang, "pulse-form-title")
}

/// A statement as the form asks it (at most 45 characters).
pub fn statement_label(lang: Lang, s: Statement) -> String {
    match s {
        Statement::Close => tr!(lang, "pulse-statement-close"),
        Statement::BeyondLogistics => tr!(lang, "pulse-statement-beyond-logistics"),
        Statement::FreeToShare => tr!(lang, "pulse-statement-free-to-share"),
        Statement::Unsettled => tr!(lang, "pulse-statement-unsettled"),
    }
}

/// The placeholder of every score (at most 100 characters).
pub fn score_placeholder(lang: Lang) -> String {
    tr!(lang, "pulse-score-placeholder")
}

pub fn note_label(lang: Lang) -> String {
    tr!(lang, "pulse-note-label")
}

pub fn note_placeholder(lang: Lang) -> String {
    tr!(lang, "pulse-note-placeholder")
}

/// A statement's short name on the picture's legend (Latin-1: the picture's font has no more).
pub fn chart_legend(lang: Lang, s: Statement) -> String {
    match s {
        Statement::Close => tr!(lang, "pulse-legend-close"),
        Statement::BeyondLogistics => tr!(lang, "pulse-legend-beyond-logistics"),
        Statement::FreeToShare => tr!(lang, "pulse-legend-free-to-share"),
        Statement::Unsettled => tr!(lang, "pulse-legend-unsettled"),
    }
}

/// The picture's label under its oldest week.
pub fn chart_oldest(lang: Lang) -> String {
    tr!(lang, "pulse-chart-oldest", weeks = CHART_WEEKS - 1)
}

/// The picture's label under the current week.
pub fn chart_newest(lang: Lang) -> String {
    tr!(lang, "pulse-chart-newest")
}

/// What the pulse is, for someone who has not turned it on.
pub fn about(lang: Lang) -> String {
    tr!(lang, "pulse-about")
}

pub fn turned_on(lang: Lang) -> String {
    tr!(lang, "pulse-turned-on")
}

pub fn turned_off(lang: Lang) -> String {
    tr!(lang, "pulse-turned-off")
}

pub fn share_on(lang: Lang) -> String {
    tr!(lang, "pulse-share-on")
}

pub fn share_off(lang: Lang) -> String {
    tr!(lang, "pulse-share-off")
}

/// The /help paragraph about the pulse: its title.
pub fn help_title(lang: Lang) -> String {
    tr!(lang, "pulse-help-title")
}

/// The /help paragraph about the pulse (at most 1,024 characters, an embed field's limit).
pub fn help_text(lang: Lang) -> String {
    tr!(lang, "pulse-help-text")
}

/// `/pulse`'s picture, above it.
/// The pulse chart described in words, for anyone who cannot see it (its alt text).
pub fn chart_alt(lang: Lang) -> String {
    tr!(lang, "pulse-chart-alt")
}

pub fn chart_title(lang: Lang) -> String {
    tr!(lang, "pulse-chart-title")
}

/// Under the picture: what it shows, for its reader alone.
pub fn chart_description(lang: Lang, weeks_answered: u32, enabled: bool) -> String {
    if enabled {
        tr!(
            lang,
            "pulse-chart-description-on",
            weeks = CHART_WEEKS,
            answered = weeks_answered
        )
    } else {
        tr!(
            lang,
            "pulse-chart-description-off",
            weeks = CHART_WEEKS,
            answered = weeks_answered
        )
    }
}

/// One note's heading: the week it belongs to.
pub fn note_heading(lang: Lang, week: NaiveDate) -> String {
    tr!(lang, "pulse-note-heading", week = long_date(lang, week))
}

/// Under a note shortened to fit: where the whole note is.
pub fn note_shortened(lang: Lang) -> String {
    tr!(lang, "pulse-note-shortened")
}

/// The form was saved.
pub fn saved(lang: Lang) -> String {
    tr!(lang, "pulse-saved")
}

/// Why a form was not saved, with what was typed kept.
pub fn not_saved(lang: Lang, e: PulseError) -> String {
    match e {
        PulseError::Score(s) => tr!(
            lang,
            "pulse-not-saved-score",
            statement = statement_label(lang, s)
        ),
        PulseError::NoteTooLong => tr!(lang, "pulse-not-saved-note-too-long", max = MAX_NOTE),
    }
}

/// A form for a week that has closed: kept for this week's instead.
pub fn week_closed(lang: Lang) -> String {
    tr!(lang, "pulse-week-closed")
}

/// A form of an earlier pairing, or from someone it wasn't opened for.
pub fn stale_form(lang: Lang) -> String {
    tr!(lang, "pulse-stale-form")
}

/// A form submitted after the partner turned the pulse off.
pub fn off_not_saved(lang: Lang) -> String {
    tr!(lang, "pulse-off-not-saved")
}

/// Added, for its author alone, to a check-in's confirmation when their own latest pulse says
/// something feels unsettled (at most once per pulse week).
pub fn with_unsettled_offer(lang: Lang, confirmation: &str) -> String {
    tr!(lang, "pulse-unsettled-offer", confirmation = confirmation)
}

/// The button of that offer.
pub fn repair_button(lang: Lang) -> String {
    tr!(lang, "pulse-repair-button")
}

/// The digest's field of one partner's shared pulse (both chose to share).
pub fn shared_title(lang: Lang) -> String {
    tr!(lang, "pulse-shared-title")
}

/// One partner's shared pulse, their own answers only.
pub fn shared_line(lang: Lang, who: UserId, scores: [u8; 4]) -> String {
    let [close, talk, free, unsettled] = scores;
    tr!(
        lang,
        "pulse-shared-line",
        who = user(who),
        close = close,
        talk = talk,
        free = free,
        unsettled = unsettled
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanish() -> Lang {
        Lang::from_code("es").expect("Spanish is shipped")
    }

    /// The picture's font draws Latin-1 only.
    fn latin1(s: &str) -> bool {
        s.chars().all(|c| u32::from(c) <= 0xFF)
    }

    #[test]
    fn form_labels_and_placeholders_fit_discord() {
        for lang in Lang::shipped() {
            for s in Statement::ALL {
                let label = statement_label(lang, s);
                assert!(label.chars().count() <= 45, "{}: {label}", lang.code());
                assert!(latin1(&chart_legend(lang, s)), "{}: {s:?}", lang.code());
            }
            // The legend's four names share one line of the 560-pixel picture (7 pixels a
            // letter, with a sample and a gap for each).
            let legend: usize = Statement::ALL
                .iter()
                .map(|s| chart_legend(lang, *s).chars().count())
                .sum();
            assert!(legend <= 51, "{}: {legend}", lang.code());
            assert!(form_title(lang).chars().count() <= 45);
            assert!(note_label(lang).chars().count() <= 45);
            assert!(score_placeholder(lang).chars().count() <= 100);
            assert!(note_placeholder(lang).chars().count() <= 100);
            for label in [
                digest_button(lang),
                answer_button(lang),
                change_button(lang),
                try_again_button(lang),
                repair_button(lang),
            ] {
                assert!(label.chars().count() <= 80, "{label}");
            }
            for d in [command(lang), command_turn(lang), command_share(lang)] {
                assert!(d.chars().count() <= 100, "{d}");
            }
            for choice in [on(lang), off(lang)] {
                assert!(!choice.is_empty() && choice.chars().count() <= 100);
            }
            assert!(latin1(&chart_oldest(lang)) && latin1(&chart_newest(lang)));
            assert!(help_text(lang).chars().count() <= 1024);
        }
        assert_eq!(chart_oldest(Lang::ENGLISH), "11 weeks ago");
        assert_eq!(chart_oldest(spanish()), "hace 11 semanas");
    }

    #[test]
    fn the_buttons_the_words_name_are_the_buttons_shown() {
        for lang in Lang::shipped() {
            let try_again = format!("**{}**", try_again_button(lang));
            for text in [
                not_saved(lang, PulseError::Score(Statement::Close)),
                not_saved(lang, PulseError::NoteTooLong),
                week_closed(lang),
                off_not_saved(lang),
            ] {
                assert!(text.contains(&try_again), "{text}");
            }
            let digest = format!("**{}**", digest_button(lang));
            assert!(turned_on(lang).contains(&digest), "{}", lang.code());
        }
    }

    #[test]
    fn the_words_read_as_before_in_english() {
        let en = Lang::ENGLISH;
        assert_eq!(
            chart_description(en, 3, true),
            "Your last 12 weeks, just for you. You answered 3 of these weeks. For the first three \
             lines, higher means more of it; for “unsettled”, lower is calmer. A gap is a week \
             you let pass, and that's fine."
        );
        assert_eq!(
            chart_description(en, 1, false),
            "Your last 12 weeks, just for you. You answered 1 of these weeks. Your weekly pulse \
             is off; `/pulse turn:on` brings it back."
        );
        assert_eq!(
            not_saved(en, PulseError::Score(Statement::Unsettled)),
            "Each answer needs a whole number from 1 to 5, and “Something between us feels \
             unsettled” didn't have one. I kept what you typed: press **Try again** to finish."
        );
        assert_eq!(
            not_saved(en, PulseError::NoteTooLong),
            "Your note to yourself is longer than 500 characters. I kept what you typed: press \
             **Try again** to shorten it."
        );
        assert_eq!(
            note_heading(en, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
            "Week of 22 November 2026"
        );
        assert_eq!(
            shared_line(en, UserId(7), [4, 3, 5, 1]),
            "<@7>\nFelt close: 4 of 5\nMore than logistics: 3 of 5\nFree to share: 5 of 5\n\
             Something unsettled: 1 of 5"
        );
        assert!(with_unsettled_offer(en, "Saved.")
            .starts_with("Saved.\n\nYour pulse said something between you feels unsettled."));
    }

    #[test]
    fn spanish_reads_as_spanish() {
        let es = spanish();
        assert_eq!(
            note_heading(es, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
            "Semana del 22 de noviembre de 2026"
        );
        assert_eq!(
            shared_line(es, UserId(7), [4, 3, 5, 1]),
            "<@7>\nSe sintió cerca: 4 de 5\nMás que logística: 3 de 5\nLibertad para compartir: \
             5 de 5\nAlgo pendiente: 1 de 5"
        );
        assert!(with_unsettled_offer(es, "Guardado.").starts_with("Guardado.\n\nSegún tu pulso"));
        assert!(not_saved(es, PulseError::Score(Statement::Close))
            .contains("«Esta semana me sentí cerca de mi pareja»"));
    }

    #[test]
    fn the_words_never_compare_or_press() {
        let avoid: [(Lang, &[&str]); 2] = [
            (
                Lang::ENGLISH,
                &[
                    "should",
                    "must",
                    "lower than",
                    "higher than",
                    "than your partner",
                    "fail",
                    "guilt",
                    "score:",
                    "streak",
                ],
            ),
            (
                spanish(),
                &[
                    "deberías",
                    "debes",
                    "tienes que",
                    "más bajo que",
                    "más alto que",
                    "que tu pareja",
                    "fallo",
                    "fallaste",
                    "culpa",
                    "puntuación:",
                    "racha",
                ],
            ),
        ];
        for (lang, words) in avoid {
            assert!(help_text(lang).chars().count() <= 1024);
            let all = [
                about(lang),
                help_text(lang),
                turned_on(lang),
                turned_off(lang),
                share_on(lang),
                share_off(lang),
                saved(lang),
                week_closed(lang),
                stale_form(lang),
                off_not_saved(lang),
                with_unsettled_offer(lang, "Saved."),
                shared_line(lang, UserId(1), [1, 2, 3, 4]),
                chart_description(lang, 3, true),
                chart_description(lang, 1, false),
                not_saved(lang, PulseError::Score(Statement::Close)),
                not_saved(lang, PulseError::NoteTooLong),
            ];
            for text in &all {
                let lower = text.to_lowercase();
                for word in words {
                    assert!(!lower.contains(word), "{word:?} in {text}");
                }
            }
        }
    }
}
