//! Plain data the words need: what /schedule shows, what a digest found, why a check-in was
//! kept as a draft. Built by the use-cases, read by `crate::copy`.

use chrono::{DateTime, Duration, Utc};

use super::checkin::AnswerError;
use super::couple::{paused_indefinitely, Couple, PauseReason};
use super::ids::UserId;
use super::schedule::occurrences_after;
use super::time::Timezone;

/// How many upcoming nudges a view lists.
pub const PREVIEW: usize = 5;

/// What /schedule show and every change echo back.
#[derive(Debug, Clone)]
pub struct ScheduleView {
    pub timezone: Timezone,
    /// The schedule as stored (the words describe it).
    pub expression: super::couple::CoupleSchedule,
    /// The next nudges that will really be sent (pause and skip taken into account).
    pub next: Vec<DateTime<Utc>>,
    pub paused_until: Option<DateTime<Utc>>,
    pub pause_reason: Option<PauseReason>,
    /// The partner whose pause it is (only they can end it early).
    pub paused_by: Option<UserId>,
    pub skip_at: Option<DateTime<Utc>>,
    /// Each partner and the zone they live in, when the view shows the nudges in both
    /// partners' local times (`/schedule show`, which only the invoker sees).
    pub local_times: Option<[(UserId, Timezone); 2]>,
}

impl ScheduleView {
    pub fn of(couple: &Couple, now: DateTime<Utc>) -> ScheduleView {
        let expr = couple.schedule.cron();
        // Start where a pause ends, so a long pause never means a long scan.
        let start = match couple.paused_until.filter(|u| *u > now) {
            None => Some(now),
            Some(u) if u == paused_indefinitely() => None,
            Some(u) => Some(u - Duration::seconds(1)),
        };
        let next = match (expr, start) {
            (Some(e), Some(start)) => occurrences_after(e, couple.timezone.0, start)
                .filter(|t| Some(*t) != couple.skip_at)
                .take(PREVIEW)
                .collect(),
            _ => vec![],
        };
        ScheduleView {
            timezone: couple.timezone,
            expression: couple.schedule.clone(),
            next,
            paused_until: couple.paused_until.filter(|u| *u > now),
            pause_reason: couple.pause_reason.filter(|_| couple.is_paused_at(now)),
            paused_by: couple.pause_owner(now),
            skip_at: couple.skip_at.filter(|s| *s > now),
            local_times: None,
        }
    }

    /// The view with the nudges also in each partner's own local time.
    pub fn with_local_times(self, couple: &Couple) -> ScheduleView {
        let p = couple.partners;
        ScheduleView {
            local_times: Some([
                (p[0], couple.zone_of_slot(0)),
                (p[1], couple.zone_of_slot(1)),
            ]),
            ..self
        }
    }
}

/// The week a digest sums up, and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    pub days_together: u32,
    pub appreciations: u32,
    pub reflections: u32,
    pub streak: u32,
    /// One appreciation from the jar: who wrote it, and what.
    pub from_jar: Option<(UserId, String)>,
}

/// Why a submission was kept as a draft instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    Invalid(AnswerError),
    DayOver,
    AlreadyRevealed,
}
