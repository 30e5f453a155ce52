//! `/settings` as plain data: what a partner sees of the couple's settings and their own, what
//! they asked to change, and what changed for both (which is announced in the channel).

use crate::domain::lang::Lang;
use chrono::Weekday;

use super::couple::{Notifications, Togetherness};
use super::time::{LocalTime, Timezone};

/// The couple's settings and the invoker's own, as `/settings` shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsView {
    pub day_start: LocalTime,
    /// The digest's weekday in force.
    pub digest_weekday: Weekday,
    /// The weekday is the host's default (the couple never chose one).
    pub digest_is_default: bool,
    pub togetherness: Togetherness,
    /// The couple's time zone.
    pub couple_zone: Timezone,
    /// The invoker's own time zone, when they set one.
    pub own_zone: Option<Timezone>,
    pub notifications: Notifications,
    /// The invoker's own language, when they chose one: every private answer to them and
    /// every message to them alone uses it, whatever their Discord language.
    pub language: Option<Lang>,
    /// The language of haven's posts in the couple's channel.
    pub channel_language: Lang,
}

/// What `/settings` was asked to change; `None`: left as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsChange {
    pub day_start: Option<LocalTime>,
    pub digest_weekday: Option<Weekday>,
    pub togetherness: Option<Togetherness>,
    /// A zone equal to the couple's means "the couple's" (nothing of one's own is kept).
    pub timezone: Option<Timezone>,
    pub mentions: Option<bool>,
    pub reminders: Option<bool>,
    pub language: Option<Lang>,
    /// The couple's channel language (couple-wide: announced).
    pub channel_language: Option<Lang>,
}

impl SettingsChange {
    pub fn is_empty(&self) -> bool {
        *self == SettingsChange::default()
    }
}

/// A change that affects both partners, announced in the channel with who made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoupleChange {
    DayStart(LocalTime),
    DigestWeekday(Weekday),
    Togetherness(Togetherness),
    /// The language of haven's posts in the channel.
    Language(Lang),
}

/// What one `/settings` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChanged {
    pub view: SettingsView,
    /// The couple-wide changes (announced), in the order above; empty when none changed.
    pub announced: Vec<CoupleChange>,
    /// Something personal changed (never announced).
    pub personal: bool,
    /// After a change of their own zone, the local times at which the nudges now fall between
    /// 00:00 and 07:00 for them (see [`night_times`]), for a word to them alone.
    pub night: Vec<LocalTime>,
}

/// How far ahead a schedule is looked at for nudges that fall at night.
pub const NIGHT_LOOKAHEAD_DAYS: i64 = 14;
/// Night, for a partner: from 00:00 to (not including) this hour, local time.
pub const NIGHT_ENDS_HOUR: u8 = 7;

/// The local times in `viewer` (distinct, earliest first) at which the schedule's nudges (by
/// the couple's zone `tz`) of the next [`NIGHT_LOOKAHEAD_DAYS`] fall between 00:00 and 07:00.
pub fn night_times(
    expr: &super::schedule::CronExpr,
    tz: chrono_tz::Tz,
    viewer: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<LocalTime> {
    use chrono::Timelike;
    let until = now + chrono::Duration::days(NIGHT_LOOKAHEAD_DAYS);
    let mut times: Vec<LocalTime> = super::schedule::occurrences_after(expr, tz, now)
        .take_while(|t| *t <= until)
        .take(2_000)
        .map(|t| t.with_timezone(&viewer))
        .filter(|l| l.hour() < u32::from(NIGHT_ENDS_HOUR))
        .map(|l| LocalTime {
            hour: l.hour() as u8,
            minute: l.minute() as u8,
        })
        .collect();
    times.sort_by_key(|t| (t.hour, t.minute));
    times.dedup();
    times
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::CronExpr;
    use chrono::TimeZone;

    fn tz(name: &str) -> chrono_tz::Tz {
        Timezone::parse(name).unwrap().0
    }

    #[test]
    fn nudges_at_night_are_found_in_each_partners_zone() {
        // Two weeks from 2 March 2026, across Toronto's change of clocks on 8 March.
        let now = chrono::Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap();
        let eight_pm = CronExpr::parse("0 0 20 * * *").unwrap();
        let berlin = tz("Europe/Berlin");
        // 20:00 in Berlin: never night in Berlin, London or Toronto, nor in Auckland (08:00/09:00).
        for viewer in [
            "Europe/Berlin",
            "Europe/London",
            "America/Toronto",
            "Pacific/Auckland",
        ] {
            assert!(
                night_times(&eight_pm, berlin, tz(viewer), now).is_empty(),
                "{viewer}"
            );
        }
        // 20:00 in Toronto is 02:00 in Berlin, and 01:00 in the weeks when only Toronto has
        // moved its clocks.
        let toronto = tz("America/Toronto");
        let t = |h| LocalTime { hour: h, minute: 0 };
        assert_eq!(night_times(&eight_pm, toronto, berlin, now), [t(1), t(2)]);
        assert!(night_times(&eight_pm, toronto, toronto, now).is_empty());
        // 18:30 in Auckland is 05:30 or 06:30 in Berlin.
        let half_six = CronExpr::parse("0 30 18 * * *").unwrap();
        let at = night_times(&half_six, tz("Pacific/Auckland"), berlin, now);
        assert!(
            !at.is_empty() && at.iter().all(|l| l.hour == 5 || l.hour == 6),
            "{at:?}"
        );
        // An hour apart: 23:30 in London is 00:30 in Berlin.
        let late = CronExpr::parse("0 30 23 * * *").unwrap();
        assert_eq!(
            night_times(&late, tz("Europe/London"), berlin, now),
            [LocalTime {
                hour: 0,
                minute: 30
            }]
        );
    }
}
