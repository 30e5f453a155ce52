//! The words of `/settings` (`locales/<lang>/settings.ftl`): the couple's settings and a
//! partner's own, the refusals of what cannot be used, the word about nudges at night, and the
//! announcement of a couple-wide change.

use chrono::Weekday;

use super::{tr, user, Lang};
use crate::domain::couple::Togetherness;
use crate::domain::ids::UserId;
use crate::domain::settings::{CoupleChange, SettingsView};
use crate::domain::text::{clip, escape_markdown};
use crate::domain::time::LocalTime;

/// A yes-or-no choice, as the messages select on it.
fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// A weekday as the messages select on it: 1 (Monday) to 7 (Sunday).
fn day_number(d: Weekday) -> u32 {
    d.number_from_monday()
}

/// The label of a weekday among the option's choices.
pub fn weekday_name(lang: Lang, d: Weekday) -> String {
    tr!(lang, "settings-weekday", day = day_number(d))
}

/// The label of each "together or apart" choice.
pub fn togetherness_name(lang: Lang, t: Togetherness) -> String {
    tr!(lang, "settings-togetherness", togetherness = t.code())
}

fn togetherness_line(lang: Lang, t: Togetherness) -> String {
    tr!(lang, "settings-togetherness-line", togetherness = t.code())
}

pub fn settings_couple_heading(lang: Lang) -> String {
    tr!(lang, "settings-couple-heading")
}

pub fn settings_own_heading(lang: Lang) -> String {
    tr!(lang, "settings-own-heading")
}

pub fn settings_saved(lang: Lang) -> String {
    tr!(lang, "settings-saved")
}

pub fn settings_how(lang: Lang) -> String {
    tr!(lang, "settings-how")
}

/// What `/settings` shows a partner: the couple's settings, then their own, one whole line each.
pub fn settings_view(lang: Lang, v: &SettingsView, saved: bool) -> String {
    let day_start = tr!(lang, "settings-day-start", time = v.day_start.to_string());
    let day = day_number(v.digest_weekday);
    let digest = if v.digest_is_default {
        tr!(lang, "settings-digest-default", day = day)
    } else {
        tr!(lang, "settings-digest", day = day)
    };
    let zone = match v.own_zone {
        Some(own) => tr!(
            lang,
            "settings-zone-own",
            own = own.to_string(),
            couple = v.couple_zone.to_string(),
        ),
        None => tr!(
            lang,
            "settings-zone-couple",
            couple = v.couple_zone.to_string()
        ),
    };
    let mentions = tr!(
        lang,
        "settings-mentions",
        on = yes_no(v.notifications.mentions)
    );
    let reminders = tr!(
        lang,
        "settings-reminders",
        on = yes_no(v.notifications.reminders)
    );
    let language = match v.language {
        Some(own) => tr!(
            lang,
            "settings-language",
            language = super::language_name(own)
        ),
        None => tr!(lang, "settings-language-not-chosen"),
    };
    let channel_language = tr!(
        lang,
        "settings-channel-language",
        language = super::language_name(v.channel_language)
    );
    let mut lines = Vec::new();
    if saved {
        lines.push(settings_saved(lang));
    }
    lines.extend([
        settings_couple_heading(lang),
        day_start,
        digest,
        togetherness_line(lang, v.togetherness),
        channel_language,
        String::new(),
        settings_own_heading(lang),
        zone,
        mentions,
        reminders,
        language,
        String::new(),
        settings_how(lang),
    ]);
    lines.join("\n")
}

/// One line of a couple-wide change, naming who made it.
fn change_line(lang: Lang, by: UserId, c: &CoupleChange) -> String {
    let who = user(by);
    match c {
        CoupleChange::DayStart(t) => tr!(
            lang,
            "settings-changed-day-start",
            who = who,
            time = t.to_string(),
        ),
        CoupleChange::DigestWeekday(d) => tr!(
            lang,
            "settings-changed-digest",
            who = who,
            day = day_number(*d),
        ),
        CoupleChange::Togetherness(t) => tr!(
            lang,
            "settings-changed-togetherness",
            togetherness = t.code(),
            who = who,
        ),
        CoupleChange::Language(l) => tr!(
            lang,
            "settings-changed-language",
            who = who,
            language = super::language_name(*l),
        ),
    }
}

/// The channel's announcement of couple-wide changes: one whole sentence per change.
pub fn settings_announced(lang: Lang, by: UserId, changes: &[CoupleChange]) -> String {
    changes
        .iter()
        .map(|c| change_line(lang, by, c))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A day start that is not HH:MM (the input is echoed, clipped and tidied).
pub fn bad_day_start(lang: Lang, input: &str) -> String {
    tr!(
        lang,
        "settings-bad-day-start",
        input = escape_markdown(&clip(input, 16))
    )
}

pub fn bad_weekday(lang: Lang) -> String {
    tr!(lang, "settings-bad-weekday")
}

pub fn bad_togetherness(lang: Lang) -> String {
    tr!(lang, "settings-bad-togetherness")
}

pub fn bad_language(lang: Lang) -> String {
    tr!(lang, "settings-bad-language")
}

/// The most night-time nudge times listed in one reply.
const MAX_TIMES_SAID: usize = 6;

/// The night-time nudge times, at most [`MAX_TIMES_SAID`], as the language lists them.
fn times_list(lang: Lang, times: &[LocalTime]) -> String {
    let mut said = times.iter().take(MAX_TIMES_SAID).map(ToString::to_string);
    let first = said.next().unwrap_or_default();
    said.fold(first, |init, next| {
        tr!(lang, "list-comma", init = init, next = next)
    })
}

/// After a change of one's own zone: the nudges now fall at night for them.
pub fn nudges_at_night(lang: Lang, times: &[LocalTime]) -> String {
    tr!(
        lang,
        "settings-nudges-at-night",
        times = times_list(lang, times)
    )
}

/// After `/schedule set`: its nudges fall at night for the one who set it.
pub fn schedule_at_night_for_you(lang: Lang, times: &[LocalTime]) -> String {
    tr!(
        lang,
        "settings-schedule-at-night-for-you",
        times = times_list(lang, times)
    )
}

/// After `/schedule set`: its nudges fall at night for the partner.
pub fn schedule_at_night(lang: Lang, partner: UserId, times: &[LocalTime]) -> String {
    tr!(
        lang,
        "settings-schedule-at-night",
        partner = user(partner),
        times = times_list(lang, times),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::couple::Notifications;
    use crate::domain::time::Timezone;

    const EN: Lang = Lang::ENGLISH;

    fn lt(hour: u8, minute: u8) -> LocalTime {
        LocalTime { hour, minute }
    }

    fn view() -> SettingsView {
        SettingsView {
            day_start: lt(4, 0),
            digest_weekday: Weekday::Wed,
            digest_is_default: false,
            togetherness: Togetherness::Apart,
            couple_zone: Timezone::parse("America/Argentina/ComodRivadavia").unwrap(),
            own_zone: Some(Timezone::parse("America/North_Dakota/New_Salem").unwrap()),
            notifications: Notifications::default(),
            language: Lang::from_code("es"),
            channel_language: Lang::ENGLISH,
        }
    }

    #[test]
    fn help_and_the_longest_settings_reply_fit_one_discord_message() {
        let night: Vec<LocalTime> = (0..7).map(|h| lt(h, 59)).collect();
        for lang in Lang::shipped() {
            assert!(crate::copy::help(lang).chars().count() <= 2000);
            let text = format!(
                "{}\n\n{}",
                settings_view(lang, &view(), true),
                nudges_at_night(lang, &night)
            );
            assert!(text.chars().count() <= 2000, "{}", text.chars().count());
            assert!(
                !nudges_at_night(lang, &night).contains("06:59"),
                "at most six times"
            );
            // Each couple-wide change is one whole sentence naming who made it.
            let all = settings_announced(
                lang,
                UserId(5),
                &[
                    CoupleChange::DayStart(lt(5, 30)),
                    CoupleChange::DigestWeekday(Weekday::Wed),
                    CoupleChange::Togetherness(Togetherness::Apart),
                    CoupleChange::Language(Lang::ENGLISH),
                ],
            );
            assert_eq!(all.lines().count(), 4);
            assert!(all
                .lines()
                .all(|l| l.starts_with("<@5> ") && l.ends_with('.')));
            // Hostile input is echoed short, without control characters or markdown.
            let refused = bad_day_start(lang, &format!("**{}\u{0}\n", "9".repeat(10_000)));
            assert!(refused.chars().count() < 200);
            assert!(!refused.contains('\n') && !refused.contains('\u{0}'));
            assert!(!refused.contains("**"));
        }
    }

    #[test]
    fn the_english_words_read_as_before() {
        let v = SettingsView {
            digest_is_default: true,
            digest_weekday: Weekday::Sun,
            own_zone: None,
            togetherness: Togetherness::Both,
            language: None,
            ..view()
        };
        assert_eq!(
            settings_view(EN, &v, true),
            "Saved.\n\
             **Your settings as a couple.** Either of you can change these, and each change is announced in the channel.\n\
             **The day starts at** 04:00. A check-in belongs to the day it's written in, and each day turns over at this time.\n\
             **Weekly digest**: on Sundays, the server's usual day.\n\
             **Together or apart**: both, some days together and some apart.\n\
             **Your channel's language**: English. My posts in your channel are in it; either of you can change it with `/settings channel_language:`.\n\
             \n\
             **Your own settings.** Only you see and change these; your partner isn't told about them.\n\
             **Your time zone**: America/Argentina/ComodRivadavia, the couple's. If you live somewhere else, set your own and your days will follow it.\n\
             **Mentions**: on.\n\
             **Reminders**: on.\n\
             **Your language**: not chosen, so I follow your Discord's language when I speak it, and English otherwise. To choose one for yourself, use `/settings language:`.\n\
             \n\
             Change any of them with `/settings` and its options, like `/settings day_start:05:00`; for your own time zone, start typing your city after `timezone:` and pick a suggestion."
        );
        assert_eq!(
            settings_announced(EN, UserId(5), &[CoupleChange::DigestWeekday(Weekday::Fri)]),
            "<@5> moved your weekly digest: it now comes on Fridays."
        );
        assert_eq!(
            schedule_at_night(EN, UserId(6), &[lt(0, 30), lt(6, 0)]),
            "A gentle heads-up: for <@6>, some of these nudges arrive at night (00:30, 06:00, their time). You might pick a time that suits you both."
        );
        assert_eq!(weekday_name(EN, Weekday::Mon), "Monday");
        assert_eq!(togetherness_name(EN, Togetherness::Apart), "Mostly apart");
    }

    #[test]
    fn spanish_says_the_days_and_changes_in_spanish() {
        let es = Lang::from_code("es").expect("Spanish ships");
        assert_eq!(weekday_name(es, Weekday::Wed), "Miércoles");
        assert_eq!(
            settings_announced(es, UserId(5), &[CoupleChange::DigestWeekday(Weekday::Sun)]),
            "<@5> movió su resumen semanal: ahora llega los domingos."
        );
        assert!(settings_view(es, &view(), false).contains("**Resumen semanal**: los miércoles."));
    }
}
