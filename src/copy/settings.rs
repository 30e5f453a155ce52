//! The words of `/settings`: the couple's settings and a partner's own, the refusals of what
//! cannot be used, the word about nudges at night, and the announcement of a couple-wide change.

use chrono::Weekday;

use super::Lang;
use crate::domain::couple::Togetherness;
use crate::domain::ids::UserId;
use crate::domain::settings::{CoupleChange, SettingsView};
use crate::domain::text::{clip, escape_markdown};
use crate::domain::time::LocalTime;

/// A weekday as the digest's day is said ("on Sundays").
fn on_weekdays(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "on Mondays",
        Weekday::Tue => "on Tuesdays",
        Weekday::Wed => "on Wednesdays",
        Weekday::Thu => "on Thursdays",
        Weekday::Fri => "on Fridays",
        Weekday::Sat => "on Saturdays",
        Weekday::Sun => "on Sundays",
    }
}

/// The label of a weekday among the option's choices.
pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The label of each "together or apart" choice.
pub fn togetherness_name(t: Togetherness) -> &'static str {
    match t {
        Togetherness::Together => "Mostly together",
        Togetherness::Apart => "Mostly apart",
        Togetherness::Both => "Both",
    }
}

fn togetherness_line(t: Togetherness) -> &'static str {
    match t {
        Togetherness::Together => "**Together or apart**: mostly together.",
        Togetherness::Apart => "**Together or apart**: mostly apart, so I leave out prompts that only work when you're in the same place.",
        Togetherness::Both => "**Together or apart**: both, some days together and some apart.",
    }
}

pub const SETTINGS_COUPLE_HEADING: &str =
    "**Your settings as a couple.** Either of you can change these, and each change is announced in the channel.";

pub const SETTINGS_OWN_HEADING: &str =
    "**Your own settings.** Only you see and change these; your partner isn't told about them.";

pub const SETTINGS_SAVED: &str = "Saved.";

pub const SETTINGS_HOW: &str =
    "Change any of them with `/settings` and its options, like `/settings day_start:05:00`; for your own time zone, start typing your city after `timezone:` and pick a suggestion.";

/// What `/settings` shows a partner: the couple's settings, then their own.
pub fn settings_view(v: &SettingsView, saved: bool) -> String {
    let day_start = format!(
        "**The day starts at** {}. A check-in belongs to the day it's written in, and each day turns over at this time.",
        v.day_start
    );
    let digest = if v.digest_is_default {
        format!(
            "**Weekly digest**: {}, the server's usual day.",
            on_weekdays(v.digest_weekday)
        )
    } else {
        format!("**Weekly digest**: {}.", on_weekdays(v.digest_weekday))
    };
    let zone = match v.own_zone {
        Some(own) => format!(
            "**Your time zone**: {own}, your own. Your days, reminders and check-ins follow it; the couple's time zone is {}.",
            v.couple_zone
        ),
        None => format!(
            "**Your time zone**: {}, the couple's. If you live somewhere else, set your own and your days will follow it.",
            v.couple_zone
        ),
    };
    let mentions = if v.notifications.mentions {
        "**Mentions**: on."
    } else {
        "**Mentions**: off."
    };
    let reminders = if v.notifications.reminders {
        "**Reminders**: on."
    } else {
        "**Reminders**: off."
    };
    let language = match v.language.as_deref() {
        Some(code) => format!(
            "**Language**: {}. I've kept your choice; for now I still write in English.",
            super::language_name(Lang::from_code(code).unwrap_or_default())
        ),
        None => "**Language**: not chosen. For now I write in English.".to_string(),
    };
    let saved = if saved {
        format!("{SETTINGS_SAVED}\n")
    } else {
        String::new()
    };
    format!(
        "{saved}{SETTINGS_COUPLE_HEADING}\n{day_start}\n{digest}\n{}\n\n{SETTINGS_OWN_HEADING}\n{zone}\n{mentions}\n{reminders}\n{language}\n\n{SETTINGS_HOW}",
        togetherness_line(v.togetherness)
    )
}

/// One line of a couple-wide change, naming who made it.
fn change_line(by: UserId, c: &CoupleChange) -> String {
    let who = super::user(by);
    match c {
        CoupleChange::DayStart(t) => format!(
            "{who} changed when your day starts: it now turns over at {t}. Days that have already ended stay closed."
        ),
        CoupleChange::DigestWeekday(d) => format!(
            "{who} moved your weekly digest: it now comes {}.",
            on_weekdays(*d)
        ),
        CoupleChange::Togetherness(Togetherness::Apart) => format!(
            "{who} set you as mostly apart: I'll leave out prompts that only work when you're in the same place."
        ),
        CoupleChange::Togetherness(Togetherness::Together) => {
            format!("{who} set you as mostly together.")
        }
        CoupleChange::Togetherness(Togetherness::Both) => {
            format!("{who} set you as some days together and some apart.")
        }
    }
}

/// The channel's announcement of couple-wide changes: one whole sentence per change.
pub fn settings_announced(by: UserId, changes: &[CoupleChange]) -> String {
    changes
        .iter()
        .map(|c| change_line(by, c))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A day start that is not HH:MM (the input is echoed, clipped and tidied).
pub fn bad_day_start(input: &str) -> String {
    format!(
        "“{}” isn't a time I can use for when your day starts. Please use 24-hour HH:MM, like 04:00 or 05:30.",
        escape_markdown(&clip(input, 16))
    )
}

pub const BAD_WEEKDAY: &str =
    "I couldn't use that day for the digest. Please pick one of the days offered.";

pub const BAD_TOGETHERNESS: &str =
    "I couldn't use that answer. Please pick mostly together, mostly apart, or both.";

pub const BAD_LANGUAGE: &str =
    "I don't speak that language yet. Please pick one of the languages offered.";

/// The most night-time nudge times listed in one reply.
const MAX_TIMES_SAID: usize = 6;

/// After a change of one's own zone: the nudges now fall at night for them.
pub fn nudges_at_night(times: &[LocalTime]) -> String {
    let list = times
        .iter()
        .take(MAX_TIMES_SAID)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "A gentle heads-up: in your time zone, some of your nudges now arrive at night ({list}). If that's too late or too early, either of you can move them with `/schedule set`."
    )
}

/// After `/schedule set`: its nudges fall at night for the one who set it.
pub fn schedule_at_night_for_you(times: &[LocalTime]) -> String {
    let list = times
        .iter()
        .take(MAX_TIMES_SAID)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "A gentle heads-up: some of these nudges arrive at night for you ({list}, your time). You can move them any time with `/schedule set`."
    )
}

/// After `/schedule set`: its nudges fall at night for the partner.
pub fn schedule_at_night(partner: UserId, times: &[LocalTime]) -> String {
    let list = times
        .iter()
        .take(MAX_TIMES_SAID)
        .take(MAX_TIMES_SAID)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "A gentle heads-up: for {}, some of these nudges arrive at night ({list}, their time). You might pick a time that suits you both.",
        super::user(partner)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::couple::Notifications;
    use crate::domain::time::Timezone;

    #[test]
    fn help_and_the_longest_settings_reply_fit_one_discord_message() {
        assert!(super::super::help(super::Lang::ENGLISH).chars().count() <= 2000);
        let v = SettingsView {
            day_start: LocalTime { hour: 4, minute: 0 },
            digest_weekday: Weekday::Wed,
            digest_is_default: false,
            togetherness: Togetherness::Apart,
            couple_zone: Timezone::parse("America/Argentina/ComodRivadavia").unwrap(),
            own_zone: Some(Timezone::parse("America/North_Dakota/New_Salem").unwrap()),
            notifications: Notifications::default(),
            language: Some("es".into()),
        };
        let night: Vec<LocalTime> = (0..7)
            .map(|h| LocalTime {
                hour: h,
                minute: 59,
            })
            .collect();
        let text = format!("{}\n\n{}", settings_view(&v, true), nudges_at_night(&night));
        assert!(text.chars().count() <= 2000, "{}", text.chars().count());
        assert!(
            !nudges_at_night(&night).contains("06:59"),
            "at most six times"
        );
        // Each couple-wide change is one whole sentence naming who made it.
        let all = settings_announced(
            UserId(5),
            &[
                CoupleChange::DayStart(LocalTime {
                    hour: 5,
                    minute: 30,
                }),
                CoupleChange::DigestWeekday(Weekday::Wed),
                CoupleChange::Togetherness(Togetherness::Apart),
            ],
        );
        assert_eq!(all.lines().count(), 3);
        assert!(all
            .lines()
            .all(|l| l.starts_with("<@5> ") && l.ends_with('.')));
        // Hostile input is echoed short, without control characters or markdown.
        let refused = bad_day_start(&format!("**{}\u{0}\n", "9".repeat(10_000)));
        assert!(refused.chars().count() < 200);
        assert!(!refused.contains('\n') && !refused.contains('\u{0}'));
        assert!(!refused.contains("**"));
    }
}
