//! Scheduled nudges: planning each couple's due occurrences into the outbox (the one to send
//! with its prompt drawn, the others recorded as skipped), the day's reminders, and the streak
//! news said with the next nudge.

use chrono::{DateTime, Duration, Utc, Weekday};

use super::outbox::{record, record_skipped};
use super::{Outcome, Services};
use crate::copy;
use crate::domain::checkin::{couple_day, day_end, reminder_due};
use crate::domain::couple::{Couple, Notifications};
use crate::domain::delivery;
use crate::domain::ids::UserId;
use crate::domain::post::OutboxRow;
use crate::domain::post::{Post, PostKind, SkipReason};
use crate::domain::prompt::Drawn;
use crate::domain::schedule::{occurrences_after, Limits};
use crate::render::posts;
use crate::store::streak_notes::{self, NoteKind};
use crate::store::{checkins, couples, outbox, partner_settings, Db, Result as StoreResult};

/// How many couples one planning transaction handles.
const PLAN_BATCH: usize = 50;
/// The most missed occurrences of one couple recorded in one catch-up.
const MAX_CATCH_UP: usize = 400;

/// The result of one planning pass.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub to_send: usize,
    pub skipped: usize,
    /// Due couples were left for a later pass (see [`Services::plan_due_some`]).
    pub more: bool,
}

/// What planning needs from the settings.
#[derive(Debug, Clone, Copy)]
struct Plan {
    now: DateTime<Utc>,
    limits: Limits,
    remind_after: Duration,
    digest_day: Option<Weekday>,
}

impl Services {
    /// Records every nudge occurrence due at `now`: the one to send as a pending outbox row
    /// (with its prompt chosen and rendered), the others as skipped, and moves each couple's
    /// next due instant on. Safe to call again: an occurrence is recorded once.
    pub async fn plan_due(&self, now: DateTime<Utc>) -> Outcome<Planned> {
        self.plan_due_some(now, usize::MAX).await
    }

    /// As [`plan_due`](Self::plan_due), in at most `batches` transactions of a few dozen
    /// couples, so a sender can hand out what is planned while a peak of thousands of couples
    /// due at once is still being planned (`Planned::more` then says that some are left).
    pub async fn plan_due_some(&self, now: DateTime<Utc>, batches: usize) -> Outcome<Planned> {
        let plan = Plan {
            now,
            limits: self.settings.schedule_limits(),
            remind_after: Duration::hours(i64::from(self.settings.reminders.after_nudge_hours)),
            digest_day: self.settings.digest_weekday(),
        };
        let mut total = Planned::default();
        for _ in 0..batches {
            let (planned, couples_seen) = self
                .store
                .write(move |tx| {
                    let due = couples::due(tx, now, PLAN_BATCH)?;
                    let mut planned = Planned::default();
                    for couple in &due {
                        let p = plan_couple(tx, couple, plan)?;
                        planned.to_send += p.to_send;
                        planned.skipped += p.skipped;
                    }
                    Ok((planned, due.len()))
                })
                .await?;
            total.to_send += planned.to_send;
            total.skipped += planned.skipped;
            if couples_seen < PLAN_BATCH {
                return Ok(total);
            }
        }
        total.more = true;
        Ok(total)
    }
}

/// The first nudge of a couple after `now`, by its schedule.
pub fn first_due(couple: &Couple, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    occurrences_after(couple.schedule.cron()?, couple.timezone.0, now).next()
}

fn plan_couple(tx: &Db, couple: &Couple, plan: Plan) -> StoreResult<Planned> {
    let now = plan.now;
    let Some(first) = couple.next_due else {
        return Ok(Planned::default());
    };
    let Some(expr) = couple.schedule.cron() else {
        tracing::error!(
            couple = couple.id.0,
            "stored schedule does not parse; nudges stop until /schedule set"
        );
        couples::set_next_due(tx, couple.id, None, false)?;
        return Ok(Planned::default());
    };
    let tz = couple.timezone.0;
    let due = due_occurrences(expr, tz, first, now);
    let last = *due.last().unwrap_or(&first);
    let next = occurrences_after(expr, tz, last.max(now)).next();

    let mut planned = Planned::default();
    let mut skip = |o, reason| {
        planned.skipped += 1;
        record_skipped(tx, couple, PostKind::Nudge, o, reason, now)
    };
    let mut eligible = Vec::new();
    let mut skip_at = couple.skip_at;
    for &o in &due {
        if couple.is_paused_at(o) {
            skip(o, SkipReason::Paused)?;
        } else if skip_at == Some(o) {
            skip_at = None;
            skip(o, SkipReason::SkippedByPartner)?;
        } else {
            eligible.push(o);
        }
    }
    let (send, missed) = delivery::catch_up(&eligible, now, tz);
    for &o in &missed {
        skip(o, SkipReason::MissedWhileDown)?;
    }
    if !missed.is_empty() {
        tracing::info!(
            couple = couple.id.0,
            missed = missed.len(),
            "stale nudges skipped after a pause in service"
        );
    }
    let send = match send {
        Some(o) if over_limits(tx, couple, o, plan.limits)? => {
            tracing::warn!(
                couple = couple.id.0,
                "a nudge would break the host's limits and was skipped"
            );
            skip(o, SkipReason::OverLimit)?;
            None
        }
        other => other,
    };
    // The anniversary's own nudge does not take a turn of the rotation.
    let (sent_one, rotated) = match send {
        Some(o) => record_nudge(tx, couple, o, plan)?,
        None => (false, false),
    };
    planned.to_send += usize::from(sent_one);
    if skip_at != couple.skip_at || couple.skip_at.is_some_and(|s| s < now) {
        couples::set_skip(tx, couple.id, skip_at.filter(|s| *s > now))?;
    }
    couples::set_next_due(tx, couple.id, next, rotated)?;
    if let Some(weekday) = couple.digest_weekday.or(plan.digest_day) {
        super::digest::plan(tx, couple, expr, now, weekday)?;
    }
    Ok(planned)
}

/// The occurrences from `first` up to `now`. After a long outage the record stops after
/// [`MAX_CATCH_UP`], but the latest occurrences (the last day's, one of which may still be
/// sent) are always looked at.
fn due_occurrences(
    expr: &crate::domain::schedule::CronExpr,
    tz: chrono_tz::Tz,
    first: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let mut due = vec![first];
    due.extend(
        occurrences_after(expr, tz, first)
            .take_while(|t| *t <= now)
            .take(MAX_CATCH_UP),
    );
    if due.len() > MAX_CATCH_UP {
        let last_day = now - Duration::days(1);
        let from = due.last().copied().unwrap_or(first).max(last_day);
        due.extend(occurrences_after(expr, tz, from).take_while(|t| *t <= now));
    }
    due
}

/// Records the nudge of occurrence `o` with its prompt drawn, the streak news said with it,
/// and the day's reminders: (recorded, took a turn of the rotation). The first nudge of the
/// couple's anniversary draws from the anniversary's deck and says which anniversary it is.
/// Nothing is recorded when the occurrence already was.
fn record_nudge(
    tx: &Db,
    couple: &Couple,
    o: DateTime<Utc>,
    plan: Plan,
) -> StoreResult<(bool, bool)> {
    let now = plan.now;
    let anniversary = super::anniversary::marked_by_nudge(tx, couple, o)?;
    let ask = match anniversary {
        Some(_) => super::prompt::Ask::Anniversary(couple.nudge_count),
        None => super::prompt::Ask::Nudge(couple.nudge_count),
    };
    let drawn = super::prompt::draw(tx, couple, ask, false, o, now)?;
    let settings = partner_settings::of_couple(tx, couple)?;
    let mut post = nudge_post(couple, &settings, &drawn, o, anniversary);
    if let Some(news) = streak_news(tx, couple, now)? {
        post.content = Some(match post.content.take() {
            Some(mentions) => format!("{mentions}\n{news}"),
            None => news,
        });
    }
    let recorded = record(tx, couple, PostKind::Nudge, o, &post, now, now)?.is_some();
    if recorded {
        super::prompt::make_day_prompt(tx, couple, &drawn, o, now)?;
        plan_reminders(tx, couple, o, now, plan.remind_after)?;
    }
    let rotated = recorded && drawn.deck != crate::domain::prompt::Deck::Anniversary;
    Ok((recorded, rotated))
}

/// Whether sending a nudge at `o` would come sooner than `min_interval_secs` after another of
/// the couple's nudges, or exceed `max_per_day` on its couple-day. /schedule set checks a
/// schedule against both; this holds them whatever a schedule turns out to do.
fn over_limits(tx: &Db, couple: &Couple, o: DateTime<Utc>, limits: Limits) -> StoreResult<bool> {
    // A gap longer than the window a schedule is checked over means one nudge a year at most.
    let min = Duration::seconds(limits.min_interval_secs.min(366 * 86_400) as i64);
    let since = o - min.max(Duration::days(2));
    let recent = outbox::nudges_since(tx, couple.id, since)?;
    let day = couple_day(o, couple.timezone.0, couple.day_start);
    let too_soon = recent.iter().any(|(t, _)| *t != o && (o - *t).abs() < min);
    let same_day = recent
        .iter()
        .filter(|(t, d)| *t != o && *d == Some(day))
        .count();
    Ok(too_soon || same_day >= usize::try_from(limits.max_per_day).unwrap_or(usize::MAX))
}

/// The nudge of `occurrence`: it mentions the partners who allow it (when the couple's nudges
/// mention them at all).
fn nudge_post(
    couple: &Couple,
    settings: &[Notifications; 2],
    drawn: &Drawn,
    occurrence: DateTime<Utc>,
    anniversary: Option<u32>,
) -> Post {
    let mention: Vec<UserId> = couple
        .partners
        .into_iter()
        .filter(|p| couple.mention_partners && couple.may_ping(settings, *p))
        .collect();
    let marker = PostKind::Nudge.marker(occurrence, couple.id);
    match anniversary {
        Some(years) => posts::anniversary_nudge(couple.language, drawn, years, &mention, &marker),
        None => posts::drawn_nudge(couple.language, drawn, &mention, &marker),
    }
}

/// After the day's first nudge, one reminder per partner, due `remind_after` later. The key is
/// the couple-day and the partner, so later nudges of the same day add none.
fn plan_reminders(
    tx: &Db,
    couple: &Couple,
    nudge: DateTime<Utc>,
    now: DateTime<Utc>,
    remind_after: Duration,
) -> StoreResult<()> {
    for (slot, partner) in couple.partners.iter().enumerate() {
        // The partner's own couple-day of the nudge, and their own evening.
        let tz = couple.zone_of_slot(slot).0;
        let (day, due) = reminder_due(nudge, remind_after, tz, couple.day_start);
        let key = super::checkin::day_key(day, slot);
        let post = crate::render::posts::reminder(
            couple.language,
            *partner,
            &PostKind::Reminder.marker(key, couple.id),
        );
        record(tx, couple, PostKind::Reminder, key, &post, due, now)?;
    }
    Ok(())
}

/// Why a due reminder is not sent: the couple is paused, the partner turned reminders off, the
/// couple-day has ended, or the partner checked in.
pub(super) fn reminder_not_needed(
    tx: &Db,
    couple: &Couple,
    row: &OutboxRow,
    now: DateTime<Utc>,
) -> StoreResult<Option<SkipReason>> {
    let (day, slot) = super::checkin::day_of_key(row.occurrence);
    if couple.is_paused_at(now) {
        return Ok(Some(SkipReason::Paused));
    }
    let partner = couple.partners[slot];
    if !partner_settings::notifications(tx, couple.id, partner)?.reminders {
        return Ok(Some(SkipReason::RemindersOff));
    }
    if now >= day_end(day, couple.zone_of_slot(slot).0, couple.day_start) {
        return Ok(Some(SkipReason::DayEnded));
    }
    if checkins::get(tx, couple.id, day, partner)?.is_some() {
        return Ok(Some(SkipReason::AlreadyCheckedIn));
    }
    Ok(None)
}

/// Milestones reached and freezes spent since the couple was last told, said once each with
/// the next nudge (never at midnight).
fn streak_news(tx: &Db, couple: &Couple, now: DateTime<Utc>) -> StoreResult<Option<String>> {
    let records = super::streak::records(tx, couple)?;
    let today = couple.streak_today(now);
    let streaks = crate::domain::streak::compute(&records, today);
    let Some(run) = streaks.run_start else {
        return Ok(None);
    };
    let announced: Vec<u32> = streak_notes::told(tx, couple.id, run, NoteKind::Milestone)?
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    let milestones = streaks.newly_reached(&announced);
    let told_frozen = streak_notes::told(tx, couple.id, run, NoteKind::Freeze)?;
    let frozen: Vec<String> = streaks
        .frozen
        .iter()
        .map(|d| d.to_string())
        .filter(|d| !told_frozen.contains(d))
        .collect();
    for m in &milestones {
        streak_notes::note(tx, couple.id, run, NoteKind::Milestone, &m.to_string())?;
    }
    for d in &frozen {
        streak_notes::note(tx, couple.id, run, NoteKind::Freeze, d)?;
    }
    Ok(copy::streak_news(
        couple.language,
        milestones.iter().max().copied(),
        frozen.len(),
        streaks.current,
    ))
}
