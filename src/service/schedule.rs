//! A couple's schedule: showing it, changing it, pausing, resuming and skipping one nudge.

use chrono::{DateTime, Duration, Utc, Weekday};

pub use crate::domain::view::ScheduleView;

use super::nudge::first_due;
use super::{Outcome, Refusal, Services};
use crate::domain::couple::{paused_indefinitely, Couple, PauseReason};
use crate::domain::ids::UserId;
use crate::domain::schedule::{check_schedule, occurrences_after, CronExpr};
use crate::domain::time::{LocalTime, Timezone};
use crate::store::couples;

/// The options of /schedule set, parsed.
#[derive(Debug, Clone, Default)]
pub struct ScheduleChange {
    pub time: Option<LocalTime>,
    pub days: Option<Vec<Weekday>>,
    pub cron: Option<CronExpr>,
    pub timezone: Option<Timezone>,
}

/// `0 M H * * DOW`: the time of day and the day-of-week field of a simple schedule.
fn simple_parts(expr: &str) -> Option<(LocalTime, String)> {
    let f: Vec<&str> = expr.split_whitespace().collect();
    match f.as_slice() {
        ["0", m, h, "*", "*", dow] | ["0", m, h, "*", "*", dow, "*"] => {
            let t = LocalTime::parse(&format!("{h}:{m:0>2}")).ok()?;
            Some((t, dow.to_string()))
        }
        _ => None,
    }
}

impl Services {
    /// Applies a /schedule set: validated, at least `schedule.min_interval_secs` between nudges
    /// and at most `schedule.max_nudges_per_day` on one couple-day
    /// over the next year, and at least one nudge.
    pub async fn set_schedule(
        &self,
        couple: &Couple,
        change: ScheduleChange,
    ) -> Outcome<ScheduleView> {
        let now = self.clock.now();
        if change.cron.is_some() && (change.time.is_some() || change.days.is_some()) {
            return Err(Refusal::CronWithTimeOrDays.into());
        }
        let tz = change.timezone.unwrap_or(couple.timezone);
        let current = simple_parts(couple.schedule.text());
        let expr = match (change.cron, change.time, change.days) {
            (Some(cron), _, _) => cron,
            (None, None, None) => {
                if change.timezone.is_none() {
                    return Err(Refusal::NothingToChange.into());
                }
                couple.schedule.cron().cloned().ok_or(Refusal::NeedsTime)?
            }
            (None, time, Some(days)) => {
                let time = time
                    .or(current.as_ref().map(|c| c.0))
                    .ok_or(Refusal::NeedsTime)?;
                CronExpr::at_on_days(time, &days)
            }
            (None, Some(time), None) => match &current {
                Some((_, dow)) if dow != "*" => {
                    CronExpr::parse(&format!("0 {} {} * * {dow}", time.minute, time.hour))
                        .unwrap_or_else(|_| CronExpr::daily_at(time))
                }
                _ => CronExpr::daily_at(time),
            },
        };
        let limits = self.settings.schedule_limits();
        let day_start = couple.day_start;
        // A year of instants is CPU work: keep it off the async workers.
        let (checked, expr) = tokio::task::spawn_blocking(move || {
            (check_schedule(&expr, tz.0, day_start, now, limits), expr)
        })
        .await
        .map_err(|_| crate::store::StoreError::Worker)?;
        checked.map_err(Refusal::ScheduleInterval)?;
        let next = occurrences_after(&expr, tz.0, now).next();
        let id = couple.id;
        // Leaving a time zone closes the days that ended in it: no zone reopens them.
        let closed_before = if tz != couple.timezone {
            Some(couple.closed_before_leaving_zone(now))
        } else {
            couple.closed_before
        };
        let updated = self
            .store
            .call(move |c| {
                couples::set_schedule(c, id, &expr, tz, next, closed_before)?;
                couples::by_id(c, id)
            })
            .await?
            .ok_or(Refusal::NotYourCouple)?;
        self.wake.notify_one();
        Ok(ScheduleView::of(&updated, now))
    }

    /// `by` pauses nudges for `days` days, or until /resume; the pause is theirs. A pause of
    /// the other partner's still in force is theirs to change.
    pub async fn pause(
        &self,
        couple: &Couple,
        days: Option<u32>,
        by: UserId,
    ) -> Outcome<ScheduleView> {
        let now = self.clock.now();
        let until = match days {
            Some(d @ 1..=60) => now + Duration::days(i64::from(d)),
            Some(_) => return Err(Refusal::PauseDays.into()),
            None => paused_indefinitely(),
        };
        self.change_pause(couple, now, by, false, move |c, current| {
            couples::set_pause(
                c,
                current.id,
                Some(until),
                Some(PauseReason::User),
                Some(by),
            )
        })
        .await
    }

    /// `by` ends the pause: their own, or one for the channel's sake; never the other
    /// partner's before it ends.
    pub async fn resume(&self, couple: &Couple, by: UserId) -> Outcome<ScheduleView> {
        let now = self.clock.now();
        self.change_pause(couple, now, by, true, move |c, current| {
            let id = current.id;
            couples::set_pause(c, id, None, None, None)?;
            couples::set_next_due(c, id, first_due(current, now), false)?;
            // Posts held while paused (a reveal, say) go out now.
            crate::store::outbox::release_couple(c, id, now)
        })
        .await
    }

    /// Runs `f` in one transaction on the couple as it is now, unless the pause in force is
    /// the other partner's (or, with `paused_only`, there is none).
    async fn change_pause(
        &self,
        couple: &Couple,
        now: DateTime<Utc>,
        by: UserId,
        paused_only: bool,
        f: impl FnOnce(&crate::store::Db, &Couple) -> crate::store::Result<()> + Send + 'static,
    ) -> Outcome<ScheduleView> {
        let id = couple.id;
        let updated = self
            .store
            .write_or_refuse(move |tx| {
                let Some(current) = couples::by_id(tx, id)? else {
                    return Ok(Err(Refusal::NotYourCouple));
                };
                if paused_only && !current.is_paused_at(now) {
                    return Ok(Err(Refusal::NotPaused));
                }
                if let Some(owner) = current.pause_owner(now).filter(|o| *o != by) {
                    return Ok(Err(Refusal::PausedByPartner {
                        by: owner,
                        until: current.paused_until.filter(|u| *u != paused_indefinitely()),
                    }));
                }
                f(tx, &current)?;
                Ok(couples::by_id(tx, id)?.ok_or(Refusal::NotYourCouple))
            })
            .await??;
        self.wake.notify_one();
        Ok(ScheduleView::of(&updated, now))
    }

    /// Skips the next nudge only; returns the view (its list starts after the skipped one)
    /// and the skipped instant.
    pub async fn skip_next(&self, couple: &Couple) -> Outcome<(DateTime<Utc>, ScheduleView)> {
        let now = self.clock.now();
        if couple.is_paused_at(now) {
            return Err(Refusal::SkipWhilePaused.into());
        }
        let expr = couple.schedule.cron().ok_or(Refusal::NothingToSkip)?;
        let upcoming = occurrences_after(expr, couple.timezone.0, now)
            .find(|t| Some(*t) != couple.skip_at)
            .ok_or(Refusal::NothingToSkip)?;
        // A second /skip moves on to the nudge after the one already skipped.
        let target = match couple.skip_at {
            Some(s) if s > now => upcoming.max(s),
            _ => upcoming,
        };
        let view = self
            .update(couple, now, move |c, id| {
                couples::set_skip(c, id, Some(target))
            })
            .await?;
        Ok((target, view))
    }

    async fn update(
        &self,
        couple: &Couple,
        now: DateTime<Utc>,
        f: impl FnOnce(&crate::store::Db, crate::domain::ids::CoupleId) -> crate::store::Result<()>
            + Send
            + 'static,
    ) -> Outcome<ScheduleView> {
        let id = couple.id;
        let updated = self
            .store
            .call(move |c| {
                f(c, id)?;
                couples::by_id(c, id)
            })
            .await?
            .ok_or(Refusal::NotYourCouple)?;
        self.wake.notify_one();
        Ok(ScheduleView::of(&updated, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_schedules_are_recognised() {
        assert_eq!(
            simple_parts("0 30 7 * * Mon-Fri"),
            Some((
                LocalTime {
                    hour: 7,
                    minute: 30
                },
                "Mon-Fri".to_string()
            ))
        );
        assert_eq!(
            simple_parts("0 0 20 * * *"),
            Some((
                LocalTime {
                    hour: 20,
                    minute: 0
                },
                "*".to_string()
            ))
        );
        assert_eq!(simple_parts("0 */30 * * * *"), None);
        assert_eq!(simple_parts("0 0 20 1 * *"), None);
    }
}
