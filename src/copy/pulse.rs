//! The words of the weekly pulse: `/pulse`, its private form and picture, the digest's button
//! and shared lines, and the private offer of repair. Each sentence is whole, with named slots.

use chrono::NaiveDate;

use crate::domain::ids::UserId;
use crate::domain::pulse::{PulseError, Statement, CHART_WEEKS, MAX_NOTE};

/// `/pulse` as Discord shows it.
pub const COMMAND: &str = "Your private weekly pulse: your last 12 weeks, or turn it on or off";
pub const COMMAND_TURN: &str = "Take the weekly pulse, four short questions just for you";
pub const COMMAND_SHARE: &str =
    "Show your scores in the weekly digest, only if your partner chooses to share too";
pub const ON: &str = "on";
pub const OFF: &str = "off";

/// The button under every weekly digest, the same for every couple.
pub const DIGEST_BUTTON: &str = "My weekly pulse";
/// The button under `/pulse` that opens this week's form.
pub const ANSWER_BUTTON: &str = "Answer this week's pulse";
pub const CHANGE_BUTTON: &str = "Change this week's pulse";
/// The button that reopens a form with what was typed.
pub const TRY_AGAIN_BUTTON: &str = "Try again";

/// The form's title (at most 45 characters).
pub const FORM_TITLE: &str = "Your private weekly pulse";

/// A statement as the form asks it (at most 45 characters).
pub fn statement_label(s: Statement) -> &'static str {
    match s {
        Statement::Close => "This week I felt close to my partner",
        Statement::BeyondLogistics => "We talked about more than logistics",
        Statement::FreeToShare => "I felt free to share what was on my mind",
        Statement::Unsettled => "Something between us feels unsettled",
    }
}

/// The placeholder of every score (at most 100 characters).
pub const SCORE_PLACEHOLDER: &str = "A number from 1 to 5: 1 is not at all, 5 is very much";
pub const NOTE_LABEL: &str = "A note to yourself (optional)";
pub const NOTE_PLACEHOLDER: &str = "Your partner never sees this note.";

/// A statement's short name on the picture's legend (ASCII: the picture's font has no more).
pub fn chart_legend(s: Statement) -> &'static str {
    match s {
        Statement::Close => "Close",
        Statement::BeyondLogistics => "Beyond logistics",
        Statement::FreeToShare => "Free to share",
        Statement::Unsettled => "Unsettled",
    }
}

/// The picture's label under its oldest week.
pub fn chart_oldest() -> String {
    format!("{} weeks ago", CHART_WEEKS - 1)
}
/// The picture's label under the current week.
pub const CHART_NEWEST: &str = "This week";

/// What the pulse is, for someone who has not turned it on.
pub const ABOUT: &str = "The weekly pulse is four short questions once a week, on the digest day, \
just for you: how close you felt, whether you talked about more than logistics, whether you felt \
free to share what was on your mind, and whether something between you feels unsettled, each \
from 1 to 5, with a note to yourself if you like. Unless you both choose to share, your partner \
never sees your answers and isn't told whether you take the pulse; your notes are never shared. \
It quietly shapes which prompts come up next week. Like your \
check-ins, it is stored in haven's database, which the person hosting haven can read. If you'd \
like it, run `/pulse turn:on`.";

pub const TURNED_ON: &str =
    "Your weekly pulse is on. On the digest day, press **My weekly pulse** \
under the digest, or run `/pulse`, to answer four short questions just for you. Unless you both \
choose `/pulse share:on`, your partner never sees your answers and isn't told that you take the \
pulse; your notes are never shared.";

pub const TURNED_OFF: &str = "Your weekly pulse is off, and I won't ask you again. The weeks you \
already answered stay here for you alone: `/pulse` still shows them, and `/forget` deletes them.";

pub const SHARE_ON: &str = "Sharing is on for you. The weekly digest shows your scores next to \
your partner's only if they choose to share too, and I never tell either of you whether the \
other has. Your notes to yourself are never shared. `/pulse share:off` stops it from the next \
digest on.";

pub const SHARE_OFF: &str = "Sharing is off. From the next digest on, your pulse stays with you \
alone.";

/// The /help paragraph about the pulse.
pub const HELP_TITLE: &str = "Your weekly pulse";
pub const HELP_TEXT: &str = "`/pulse turn:on`: four short questions on each digest day, for \
your own chart (`/pulse`) and your notes to yourself. Unless you both choose `/pulse share:on`, \
your partner never sees your answers or learns whether you take it; if you both do, the digest \
shows each of your scores side by side, never your notes. Your answers are stored like your check-ins (the person hosting \
haven can read its database) until `/forget`, and `/export` includes your own.";

/// `/pulse`'s picture, above it.
pub const CHART_TITLE: &str = "Your weekly pulse";

/// Under the picture: what it shows, for its reader alone.
pub fn chart_description(weeks_answered: u32, enabled: bool) -> String {
    let weeks = super::plural(
        weeks_answered,
        "You answered {n} of these weeks.",
        "You answered {n} of these weeks.",
    );
    if enabled {
        format!(
            "Your last {CHART_WEEKS} weeks, just for you. {weeks} For the first three lines, \
             higher means more of it; for “unsettled”, lower is calmer. A gap is a week you \
             let pass, and that's fine."
        )
    } else {
        format!(
            "Your last {CHART_WEEKS} weeks, just for you. {weeks} Your weekly pulse is off; \
             `/pulse turn:on` brings it back."
        )
    }
}

/// One note's heading: the week it belongs to.
pub fn note_heading(week: NaiveDate) -> String {
    format!("Week of {}", week.format("%-d %B %Y"))
}

/// Under a note shortened to fit: where the whole note is.
pub const NOTE_SHORTENED: &str = "(shortened here; `/export` has it whole)";

/// The form was saved.
pub const SAVED: &str = "Thank you. Your pulse for this week is saved. Your note stays yours; \
your scores appear in the digest only if you and your partner both chose to share them. You can \
change it until the next digest day with `/pulse`.";

/// Why a form was not saved, with what was typed kept.
pub fn not_saved(e: PulseError) -> String {
    match e {
        PulseError::Score(s) => format!(
            "Each answer needs a whole number from 1 to 5, and “{statement}” didn't have one. \
             I kept what you typed: press **Try again** to finish.",
            statement = statement_label(s)
        ),
        PulseError::NoteTooLong => format!(
            "Your note to yourself is longer than {MAX_NOTE} characters. I kept what you typed: \
             press **Try again** to shorten it."
        ),
    }
}

/// A form for a week that has closed: kept for this week's instead.
pub const WEEK_CLOSED: &str = "That week's pulse has closed, so I kept what you typed for this \
week's instead. Press **Try again** to look it over.";

/// A form of an earlier pairing, or from someone it wasn't opened for.
pub const STALE_FORM: &str = "That form is no longer valid, so I didn't save it. Run `/pulse` to \
answer this week's pulse.";

/// A form submitted after the partner turned the pulse off.
pub const OFF_NOT_SAVED: &str = "Your weekly pulse is off, so I didn't save this. I kept what you \
typed: run `/pulse turn:on`, then press **Try again** if you'd like to keep it.";

/// Added, for its author alone, to a check-in's confirmation when their own latest pulse says
/// something feels unsettled (at most once per pulse week).
pub fn with_unsettled_offer(confirmation: &str) -> String {
    format!(
        "{confirmation}\n\nYour pulse said something between you feels unsettled. If you'd like, \
         once you're both calm, a repair prompt can help you talk it through: the button below \
         posts one in your channel for the two of you, without saying why. And `/onmymind` keeps \
         a private note of what you'd like to bring up, until you're ready."
    )
}

/// The button of that offer.
pub const REPAIR_BUTTON: &str = "A repair prompt";

/// The digest's field of one partner's shared pulse (both chose to share).
pub const SHARED_TITLE: &str = "Last week's pulse";

/// One partner's shared pulse, their own answers only.
pub fn shared_line(who: UserId, scores: [u8; 4]) -> String {
    let [close, talk, free, unsettled] = scores;
    format!(
        "{who}\nFelt close: {close} of 5\nMore than logistics: {talk} of 5\nFree to share: \
         {free} of 5\nSomething unsettled: {unsettled} of 5",
        who = super::user(who)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_labels_and_placeholders_fit_discord() {
        for s in Statement::ALL {
            assert!(statement_label(s).chars().count() <= 45, "{s:?}");
            assert!(chart_legend(s).is_ascii());
        }
        assert!(FORM_TITLE.chars().count() <= 45);
        assert!(NOTE_LABEL.chars().count() <= 45);
        assert!(SCORE_PLACEHOLDER.chars().count() <= 100);
        assert!(NOTE_PLACEHOLDER.chars().count() <= 100);
        for label in [
            DIGEST_BUTTON,
            ANSWER_BUTTON,
            CHANGE_BUTTON,
            TRY_AGAIN_BUTTON,
            REPAIR_BUTTON,
        ] {
            assert!(label.chars().count() <= 80);
        }
        for d in [COMMAND, COMMAND_TURN, COMMAND_SHARE] {
            assert!(d.chars().count() <= 100, "{d}");
        }
        assert!(chart_oldest().is_ascii() && CHART_NEWEST.is_ascii());
    }

    #[test]
    fn the_words_never_compare_or_press() {
        assert!(HELP_TEXT.chars().count() <= 1024);
        let all = [
            ABOUT.to_string(),
            HELP_TEXT.into(),
            TURNED_ON.into(),
            TURNED_OFF.into(),
            SHARE_ON.into(),
            SHARE_OFF.into(),
            SAVED.into(),
            WEEK_CLOSED.into(),
            STALE_FORM.into(),
            OFF_NOT_SAVED.into(),
            with_unsettled_offer("Saved."),
            shared_line(UserId(1), [1, 2, 3, 4]),
            chart_description(3, true),
            chart_description(1, false),
            not_saved(PulseError::Score(Statement::Close)),
            not_saved(PulseError::NoteTooLong),
        ];
        for text in &all {
            let lower = text.to_lowercase();
            for word in [
                "should",
                "must",
                "lower than",
                "higher than",
                "than your partner",
                "fail",
                "guilt",
                "score:",
                "streak",
            ] {
                assert!(!lower.contains(word), "{word:?} in {text}");
            }
        }
    }
}
