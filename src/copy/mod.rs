//! Every sentence haven says, in every language it speaks. The sentences themselves are Fluent
//! messages in `locales/<lang>/<area>.ftl` (one file per module here); each function takes the
//! reader's [`Lang`] first and looks its message up with named values (see [`fluent`]). Only
//! words live here (layout is in `crate::render`), and this module reads only the domain's
//! plain data. Each sentence is whole: values are slotted into it, never sentences glued from
//! pieces a translator could not reorder; plurals follow each language's rules in its file.

mod anniversary;
pub mod commands;
mod decks;
mod errors;
pub(crate) mod fluent;
#[cfg(test)]
mod l10n_tests;
pub mod onmymind;
mod pairing;
mod posts;
pub mod pulse;
mod refusals;
mod replies;
mod schedule;
mod settings;

pub use anniversary::*;
pub use decks::*;
pub use errors::*;
pub use pairing::*;
pub use posts::*;
pub use refusals::*;
pub use replies::*;
pub use schedule::*;
pub use settings::*;

pub use crate::domain::lang::Lang;
pub(crate) use fluent::tr;

use chrono::{DateTime, Utc};

use crate::domain::couple::{ForgottenInvitations, InvitationStatus};
use crate::domain::ids::{ChannelId, UserId};
use crate::domain::prompt::Practice;
use crate::domain::refusal::Refusal;
use crate::domain::view::{Kept, ScheduleView, Week};
use crate::domain::visibility::{perms, Outsider, Visibility};

/// A language's own name, as its speakers write it ("English", "Español").
pub fn language_name(lang: Lang) -> String {
    tr!(lang, "language-name")
}

pub fn user(u: UserId) -> String {
    format!("<@{u}>")
}

pub fn channel(c: ChannelId) -> String {
    format!("<#{c}>")
}

pub fn when(t: DateTime<Utc>) -> String {
    format!("<t:{}:R>", t.timestamp())
}

/// A Discord timestamp in full, in the reader's own time zone and language.
pub fn full_time(t: DateTime<Utc>) -> String {
    format!("<t:{}:F>", t.timestamp())
}

pub fn something_went_wrong(lang: Lang) -> String {
    tr!(lang, "something-went-wrong")
}

pub fn dm_not_supported(lang: Lang) -> String {
    tr!(lang, "dm-not-supported")
}

pub fn guild_not_ready(lang: Lang) -> String {
    tr!(lang, "guild-not-ready")
}

pub fn unknown_command(lang: Lang) -> String {
    tr!(lang, "unknown-command")
}

pub fn bad_options(lang: Lang) -> String {
    tr!(lang, "bad-options")
}

pub fn stale_button(lang: Lang) -> String {
    tr!(lang, "stale-button")
}

pub fn not_text_channel(lang: Lang) -> String {
    tr!(lang, "not-text-channel")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::CronExpr;
    use crate::domain::time::LocalTime;
    use chrono::Weekday;

    fn expr(s: &str) -> CronExpr {
        CronExpr::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn lt(hour: u8, minute: u8) -> LocalTime {
        LocalTime { hour, minute }
    }

    fn words(e: &CronExpr) -> String {
        schedule_in_words(Lang::ENGLISH, e)
    }

    #[test]
    fn schedules_in_words() {
        use Weekday::*;
        assert_eq!(words(&CronExpr::daily_at(lt(20, 0))), "every day at 20:00");
        assert_eq!(
            words(&CronExpr::at_on_days(lt(7, 30), &[Mon, Tue, Wed, Thu, Fri])),
            "on weekdays at 07:30"
        );
        assert_eq!(
            words(&CronExpr::at_on_days(lt(10, 0), &[Sat, Sun])),
            "on weekends at 10:00"
        );
        assert_eq!(
            words(&CronExpr::at_on_days(lt(18, 15), &[Mon, Wed, Fri])),
            "on Mon, Wed and Fri at 18:15"
        );
        assert_eq!(
            words(&CronExpr::at_on_days(lt(9, 0), &[Mon])),
            "on Mondays at 09:00"
        );
        assert_eq!(words(&expr("0 9 * * 1-5")), "on weekdays at 09:00");
        assert_eq!(words(&expr("0 0 9 * * 1")), "on Sundays at 09:00");
        assert_eq!(words(&expr("@weekly")), "on Sundays at 00:00");
        assert_eq!(words(&expr("0 8,20 * * *")), "every day at 08:00 and 20:00");
        assert_eq!(
            words(&expr("0 */30 * * * *")),
            "on the cron schedule `0 */30 * * * *`"
        );
        assert_eq!(
            words(&expr("0 0 9 1 * *")),
            "on the cron schedule `0 0 9 1 * *`"
        );
        assert_eq!(
            words(&expr("30 0 9 * * *")),
            "on the cron schedule `30 0 9 * * *`"
        );
    }

    #[test]
    fn names_of_missing_permissions() {
        assert_eq!(
            permission_names(Lang::ENGLISH, perms::SEND_MESSAGES | perms::EMBED_LINKS),
            vec!["Send Messages", "Embed Links"]
        );
    }

    #[test]
    fn the_channel_sees_the_couple_and_each_partner_only_their_own() {
        use crate::domain::streak::{compute, DayRecord};
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let both = |d, checked_in| DayRecord {
            date: day(d),
            required: true,
            paused: false,
            checked_in,
        };
        let s = compute(&[both(26, [true, true]), both(27, [true, false])], day(27));
        let public = streak_description(Lang::ENGLISH, &s);
        assert!(public.contains("**Together**: 1 day"), "{public}");
        assert!(
            !public.contains("<@") && !public.contains("check-in") && !public.contains("2 days"),
            "no partner's own numbers: {public}"
        );
        assert_eq!(
            own_streak(Lang::ENGLISH, &s, 0),
            "Only you can see this. Your own streak: 2 days (longest 2 days). You've checked in 2 times so far."
        );
        assert_eq!(
            own_streak(Lang::ENGLISH, &s, 1),
            "Only you can see this. Your own streak: 1 day (longest 1 day). You've checked in once so far."
        );
        let none = compute(&[], day(27));
        assert_eq!(
            own_streak(Lang::ENGLISH, &none, 1),
            "Only you can see this. Your own streak begins again with your next check-in."
        );
    }

    #[test]
    fn a_pause_refusal_says_whose_pause_and_until_when() {
        let until = chrono::DateTime::from_timestamp(1_796_000_000, 0).unwrap();
        let dated = refusal(
            Lang::ENGLISH,
            &Refusal::PausedByPartner {
                by: UserId(5),
                until: Some(until),
            },
        );
        assert!(
            dated.starts_with("<@5> paused your nudges until <t:1796000000:F>."),
            "{dated}"
        );
        let open = refusal(
            Lang::ENGLISH,
            &Refusal::PausedByPartner {
                by: UserId(5),
                until: None,
            },
        );
        assert!(
            open.starts_with("<@5> paused your nudges until they resume."),
            "{open}"
        );
    }

    #[test]
    fn notifications_say_what_each_switch_does() {
        use crate::domain::couple::Notifications;
        let all = notifications(Lang::ENGLISH, &Notifications::default(), false);
        assert!(all.contains("**Mentions**: on") && all.contains("**Reminders**: on"));
        let quiet = Notifications {
            mentions: false,
            reminders: false,
        };
        let words = notifications(Lang::ENGLISH, &quiet, true);
        assert!(words.starts_with("Saved."), "{words}");
        assert!(words.contains("never ping you") && words.contains("I won't remind you"));
    }

    #[test]
    fn the_forget_confirmation_says_what_goes_and_fits_in_a_message() {
        let (ch, partner) = (ChannelId(u64::MAX >> 1), UserId(u64::MAX >> 1));
        let steps = [
            forget_confirm(Lang::ENGLISH, ch),
            forget_confirm_partner(Lang::ENGLISH, ch, partner, true),
            forget_confirm_partner(Lang::ENGLISH, ch, partner, false),
        ];
        for text in &steps {
            assert!(text.chars().count() <= 2000, "{}", text.len());
            for words in [
                "every check-in and mood",
                "reflections, appreciations and your appreciation jar",
                "streak history",
                "custom prompts",
                "weekly pulses and notes to yourself",
                "“on my mind” notes",
                "settings",
                "invitations",
                "exports you already made",
                "the host's backups keep a copy for their retention period",
                "`/export`",
                "Nothing has been deleted yet",
            ] {
                assert!(text.contains(words), "{words:?} in {text}");
            }
        }
        assert!(steps[0].contains("should I remove every message"));
        assert!(steps[1].contains("I'll remove them") && steps[1].contains("forget quietly"));
        for told in [true, false] {
            assert!(
                forgotten(Lang::ENGLISH, ch, partner, told, told)
                    .chars()
                    .count()
                    <= 2000
            );
        }
        assert!(forget_note(Lang::ENGLISH, partner, partner).chars().count() <= 2000);
    }

    #[test]
    fn every_practice_title_reads_back() {
        for p in Practice::ALL {
            let title = practice_title(Lang::ENGLISH, p);
            assert_eq!(Practice::parse(&title), Some(p));
            assert_eq!(Practice::parse(&title.to_uppercase()), Some(p));
        }
    }

    #[test]
    fn forgotten_invitations_are_told_in_whole_sentences() {
        let say = |deleted, kept, lifted| {
            invitations_forgotten(
                Lang::ENGLISH,
                &ForgottenInvitations {
                    deleted,
                    kept,
                    lifted,
                },
            )
        };
        assert_eq!(say(0, 0, 0), not_paired(Lang::ENGLISH));
        assert!(say(1, 0, 0).starts_with("I've deleted the invitation that named you"));
        assert!(say(2, 0, 0).starts_with("I've deleted the 2 invitations that named you"));
        assert!(say(2, 0, 1).contains("One of them was an invitation you answered"));
        let kept = say(0, 2, 0);
        assert!(
            kept.starts_with("2 invitations you sent were answered"),
            "{kept}"
        );
        assert!(!kept.contains("deleted the"), "{kept}");
    }

    #[test]
    fn a_refusal_after_a_no_offers_no_date() {
        let words = refusal(Lang::ENGLISH, &Refusal::RecentlyDeclined);
        assert!(!words.contains("<t:"), "{words}");
        assert_eq!(
            refusal(Lang::ENGLISH, &Refusal::TooManyOpenInvitations { max: 3 }),
            "You have 3 invitations waiting for an answer, the most I keep open for one person. One makes room once it's answered or after a day."
        );
    }
}
