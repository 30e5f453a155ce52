//! Scheduled nudges through the outbox: recording each due occurrence before it is sent,
//! choosing its prompt, and deciding what every delivery attempt leads to.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, TransactionBehavior};

use super::{Outcome, Services};
use crate::copy;
use crate::domain::couple::{Couple, PauseReason};
use crate::domain::delivery::{self, day_has_ended, AttemptError, Next, NONCE_WINDOW};
use crate::domain::ids::{CoupleId, MessageId, OutboxId};
use crate::domain::post::Post;
use crate::domain::prompt::{self, Library, Practice};
use crate::domain::schedule::{occurrences_after, CronExpr};
use crate::store::outbox::{self, OutboxRow, Status};
use crate::store::{couples, prompts, Result as StoreResult};

/// The outbox kind of a scheduled nudge.
pub const NUDGE: &str = "nudge";
/// How many couples one planning transaction handles.
const PLAN_BATCH: usize = 50;
/// The most missed occurrences of one couple recorded in one catch-up.
const MAX_CATCH_UP: usize = 400;
/// A claimed row is not handed out again for this long (a crash mid-send frees it).
const LEASE: Duration = Duration::seconds(30);
/// How often a held post is looked at again.
pub const HOLD: Duration = Duration::seconds(60);

/// Posts that carry a partner's words: the channel's visibility is checked again before each.
pub fn carries_words(kind: &str) -> bool {
    matches!(
        kind,
        super::checkin::REVEAL | super::checkin::REFLECTION | super::digest::DIGEST
    )
}

/// What to do with a claimed row.
#[derive(Debug, Clone)]
pub enum Attempt {
    /// POST it with its nonce now.
    Send(OutboxRow),
    /// Its nonce window has passed: read the channel back before sending again.
    ReadBack(OutboxRow),
}

/// The result of one planning pass.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub to_send: usize,
    pub skipped: usize,
}

pub fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

impl Services {
    /// Records every nudge occurrence due at `now`: the one to send as a pending outbox row
    /// (with its prompt chosen and rendered), the others as skipped, and moves each couple's
    /// next due instant on. Safe to call again: an occurrence is recorded once.
    pub async fn plan_due(&self, now: DateTime<Utc>) -> Outcome<Planned> {
        let mut total = Planned::default();
        let remind_after = Duration::hours(i64::from(self.settings.reminders.after_nudge_hours));
        let digest_day = self.settings.digest_weekday();
        loop {
            let batch = self
                .store
                .call(move |c| {
                    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                    let due = couples::due(&tx, now, PLAN_BATCH)?;
                    let mut planned = Planned::default();
                    for couple in &due {
                        let p = plan_couple(&tx, couple, now, remind_after, digest_day)?;
                        planned.to_send += p.to_send;
                        planned.skipped += p.skipped;
                    }
                    tx.commit()?;
                    Ok((planned, due.len()))
                })
                .await?;
            total.to_send += batch.0.to_send;
            total.skipped += batch.0.skipped;
            if batch.1 < PLAN_BATCH {
                return Ok(total);
            }
        }
    }

    /// When the scheduler next has something to do: the soonest nudge or pending retry.
    pub async fn next_wake(&self) -> Outcome<Option<DateTime<Utc>>> {
        Ok(self
            .store
            .call(|c| {
                let couple = couples::earliest_due(c)?;
                let retry = outbox::next_due_ms(c)?.and_then(DateTime::from_timestamp_millis);
                Ok(match (couple, retry) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                })
            })
            .await?)
    }

    /// Hands out up to `limit` pending rows due at `now`, each leased so it is not handed out
    /// twice, with what to do for each: stale or paused rows are closed instead.
    pub async fn claim(&self, now: DateTime<Utc>, limit: usize) -> Outcome<Vec<Attempt>> {
        Ok(self
            .store
            .call(move |c| {
                let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let mut attempts = Vec::new();
                for row in outbox::due(&tx, ms(now), limit)? {
                    if let Some(a) = begin_attempt(&tx, row, now)? {
                        attempts.push(a);
                    }
                }
                tx.commit()?;
                Ok(attempts)
            })
            .await?)
    }

    /// Run once when the sender starts. Every pending row becomes due now, so occurrences that
    /// were in flight at a crash are retried at once (within their nonce window) rather than
    /// after their lease; couples whose next nudge was never computed (stored before
    /// schedules existed) get one.
    pub async fn prepare_after_start(&self) -> Outcome<()> {
        let now = self.clock.now();
        self.store
            .call(move |c| {
                // Only rows that were attempted (leased or backing off), not posts planned
                // for later such as reminders.
                c.execute(
                    "UPDATE outbox SET next_attempt_at = ?1
                     WHERE status = 'pending' AND next_attempt_at > ?1 AND window_start IS NOT NULL",
                    [ms(now)],
                )?;
                let mut after = CoupleId(0);
                loop {
                    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                    let batch = couples::unscheduled(&tx, after, PLAN_BATCH)?;
                    for couple in &batch {
                        couples::set_next_due(&tx, couple.id, first_due(couple, now), false)?;
                    }
                    tx.commit()?;
                    match batch.last() {
                        Some(last) if batch.len() == PLAN_BATCH => after = last.id,
                        _ => return Ok(()),
                    }
                }
            })
            .await?;
        Ok(())
    }

    /// The channel read-back found no copy of the post: open a new nonce window and send.
    pub async fn resend_after_read_back(&self, row: &OutboxRow) -> Outcome<()> {
        let (id, now) = (row.id, ms(self.clock.now()));
        self.store
            .call(move |c| outbox::start_window(c, id, now))
            .await?;
        Ok(())
    }

    /// Tries a row again at `at`.
    pub async fn retry_at(&self, id: OutboxId, at: DateTime<Utc>) -> Outcome<()> {
        self.store
            .call(move |c| outbox::retry_at(c, id, ms(at)))
            .await?;
        Ok(())
    }

    pub async fn delivered(&self, id: OutboxId, message: MessageId) -> Outcome<()> {
        let now = self.clock.now();
        self.store
            .call(move |c| outbox::mark_sent(c, id, message, now))
            .await?;
        Ok(())
    }

    /// Records a failed attempt and returns what follows from it.
    pub async fn attempt_failed(&self, row: &OutboxRow, err: &AttemptError) -> Outcome<Next> {
        let now = self.clock.now();
        let next = delivery::after_failure(err, row.attempts.max(1), now);
        let (id, couple, kind) = (row.id, row.couple_id, row.kind.clone());
        let next2 = next.clone();
        self.store
            .call(move |c| {
                let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                match next2 {
                    Next::RetryAt(at) => outbox::retry_at(&tx, id, ms(at))?,
                    Next::PauseCouple => {
                        pause_for_channel(&tx, couple)?;
                        if kind == NUDGE || kind == super::checkin::REMINDER {
                            outbox::finish(&tx, id, Status::Skipped, "paused")?;
                        } else {
                            // A reveal or a reflection waits, like a held post, for /resume.
                            outbox::retry_at(&tx, id, ms(now + HOLD))?;
                        }
                    }
                    Next::GiveUp => outbox::finish(&tx, id, Status::Failed, "rejected by Discord")?,
                    // The row stays pending; the next start sends it.
                    Next::StopProcess => {}
                }
                tx.commit()?;
                Ok(())
            })
            .await?;
        Ok(next)
    }

    /// A nudge drawn now, outside the schedule (`/prompt now`, Another prompt).
    pub async fn prompt_now(
        &self,
        couple: CoupleId,
        practice: Practice,
    ) -> Outcome<(Practice, String)> {
        let now = self.clock.now();
        Ok(self
            .store
            .call(move |c| {
                let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let text = draw_prompt(&tx, couple, practice, now)?;
                tx.commit()?;
                Ok((practice, text))
            })
            .await?)
    }
}

/// The first nudge of a couple after `now`, by its stored schedule.
pub fn first_due(couple: &Couple, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let expr = CronExpr::parse(&couple.schedule_cron).ok()?;
    occurrences_after(&expr, couple.timezone.0, now).next()
}

fn plan_couple(
    tx: &Connection,
    couple: &Couple,
    now: DateTime<Utc>,
    remind_after: Duration,
    digest_day: Option<chrono::Weekday>,
) -> StoreResult<Planned> {
    let Some(first) = couple.next_due else {
        return Ok(Planned::default());
    };
    let expr = match CronExpr::parse(&couple.schedule_cron) {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(couple = couple.id.0, error = %e, "stored schedule does not parse; nudges stop until /schedule set");
            couples::set_next_due(tx, couple.id, None, false)?;
            return Ok(Planned::default());
        }
    };
    let tz = couple.timezone.0;
    let mut due = vec![first];
    due.extend(
        occurrences_after(&expr, tz, first)
            .take_while(|t| *t <= now)
            .take(MAX_CATCH_UP),
    );
    if due.len() > MAX_CATCH_UP {
        // A long outage: the record stops after MAX_CATCH_UP, but the latest occurrences (the
        // last day's, one of which may still be sent) are always looked at.
        let last_day = now - Duration::days(1);
        let from = due.last().copied().unwrap_or(first).max(last_day);
        due.extend(occurrences_after(&expr, tz, from).take_while(|t| *t <= now));
    }
    let last = *due.last().unwrap_or(&first);
    let next = occurrences_after(&expr, tz, last.max(now)).next();

    let mut planned = Planned::default();
    let mut eligible = Vec::new();
    let mut skip_at = couple.skip_at;
    for &o in &due {
        let reason = if couple.is_paused_at(o) {
            Some("paused")
        } else if skip_at == Some(o) {
            skip_at = None;
            Some("skipped by a partner")
        } else {
            None
        };
        match reason {
            Some(r) => {
                record_skipped(tx, couple, o, r, now)?;
                planned.skipped += 1;
            }
            None => eligible.push(o),
        }
    }
    let (send, missed) = delivery::catch_up(&eligible, now, tz);
    for o in &missed {
        record_skipped(tx, couple, *o, "missed while haven was not running", now)?;
        planned.skipped += 1;
    }
    if !missed.is_empty() {
        tracing::info!(
            couple = couple.id.0,
            missed = missed.len(),
            "stale nudges skipped after a pause in service"
        );
    }
    let mut sent_one = false;
    if let Some(o) = send {
        let practice = Practice::for_nudge(couple.nudge_count);
        let text = draw_prompt(tx, couple.id, practice, now)?;
        let mut post = nudge_post(couple, practice, &text, o);
        if let Some(news) = streak_news(tx, couple, now)? {
            post.content = Some(match post.content.take() {
                Some(mentions) => format!("{mentions}\n{news}"),
                None => news,
            });
        }
        let id = record(tx, couple, NUDGE, o, &post, None, now, now)?;
        sent_one = id.is_some();
        planned.to_send += usize::from(sent_one);
        if sent_one {
            plan_reminders(tx, couple, o, now, remind_after)?;
        }
    }
    if skip_at != couple.skip_at || couple.skip_at.is_some_and(|s| s < now) {
        couples::set_skip(tx, couple.id, skip_at.filter(|s| *s > now))?;
    }
    couples::set_next_due(tx, couple.id, next, sent_one)?;
    if let Some(weekday) = digest_day {
        super::digest::plan(tx, couple, &expr, now, weekday)?;
    }
    Ok(planned)
}

fn record_skipped(
    tx: &Connection,
    couple: &Couple,
    o: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    record(
        tx,
        couple,
        NUDGE,
        o,
        &Post::default(),
        Some(reason),
        now,
        now,
    )?;
    Ok(())
}

/// Records one occurrence of a post in the couple's channel: pending and due at `due`, or,
/// with a `skipped` reason, closed at once. An occurrence already recorded is left as it is
/// (`None`).
#[allow(clippy::too_many_arguments)]
pub fn record(
    tx: &Connection,
    couple: &Couple,
    kind: &str,
    occurrence: DateTime<Utc>,
    post: &Post,
    skipped: Option<&str>,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<Option<OutboxId>> {
    outbox::insert(
        tx,
        &outbox::NewRow {
            day: (kind == NUDGE).then(|| {
                crate::domain::checkin::couple_day(occurrence, couple.timezone.0, couple.day_start)
            }),
            couple_id: couple.id,
            kind,
            occurrence,
            channel_id: couple.channel_id,
            post,
            status: if skipped.is_some() {
                Status::Skipped
            } else {
                Status::Pending
            },
            skip_reason: skipped,
            next_attempt_at: ms(due),
            now,
        },
    )
}

/// The marker a nudge carries in its button, found again when the channel is read back.
pub fn nudge_marker(occurrence: DateTime<Utc>) -> String {
    marker_for(NUDGE, occurrence)
}

fn nudge_post(couple: &Couple, practice: Practice, text: &str, occurrence: DateTime<Utc>) -> Post {
    copy::nudge(
        practice,
        text,
        couple.mention_partners.then_some(couple.partners),
        &nudge_marker(occurrence),
    )
}

fn pause_for_channel(tx: &Connection, couple: CoupleId) -> StoreResult<()> {
    tracing::warn!(
        couple = couple.0,
        "the couple's channel refused a post; the couple is paused until /resume"
    );
    couples::set_pause(
        tx,
        couple,
        Some(crate::domain::couple::paused_indefinitely()),
        Some(PauseReason::Channel),
    )
}

/// Draws the next prompt of `practice` from the couple's deck and returns its text.
fn draw_prompt(
    tx: &Connection,
    couple: CoupleId,
    practice: Practice,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let library = Library::builtin();
    let custom = prompts::custom_of(tx, couple, practice)?;
    let mut candidates: Vec<String> = library.of(practice).iter().map(|p| p.key.clone()).collect();
    candidates.extend(custom.iter().map(|(k, _)| k.clone()));
    let (used, last) = prompts::drawn(tx, couple, practice)?;
    let used: std::collections::HashSet<String> = used.into_iter().collect();
    let Some(draw) = prompt::draw(&candidates, &used, last.as_deref(), &mut rand::rng()) else {
        return Ok(copy::NO_PROMPT.to_string());
    };
    if draw.new_round {
        prompts::clear_round(tx, couple, practice)?;
    }
    prompts::record_draw(tx, couple, practice, &draw.key, now)?;
    Ok(match library.get(&draw.key) {
        Some(p) => p.text.clone(),
        None => custom
            .into_iter()
            .find(|(k, _)| *k == draw.key)
            .map(|(_, t)| t)
            .unwrap_or_else(|| copy::NO_PROMPT.to_string()),
    })
}

/// Decides a claimed row's attempt inside the claiming transaction.
fn begin_attempt(
    tx: &Connection,
    mut row: OutboxRow,
    now: DateTime<Utc>,
) -> StoreResult<Option<Attempt>> {
    let Some(couple) = couples::by_id(tx, row.couple_id)? else {
        return Ok(None);
    };
    if row.kind == NUDGE && couple.is_paused_at(now) {
        outbox::finish(tx, row.id, Status::Skipped, "paused")?;
        return Ok(None);
    }
    // Held, not lost: while the channel is in trouble a post with a partner's words waits for
    // /resume. Posts without them (the notice that something was held) still go.
    if couple.pause_reason == Some(PauseReason::Channel)
        && couple.is_paused_at(now)
        && carries_words(&row.kind)
    {
        outbox::retry_at(tx, row.id, ms(now + HOLD))?;
        return Ok(None);
    }
    if row.kind == super::digest::DIGEST && row.window_start.is_none() {
        if couple.is_paused_at(now) {
            outbox::finish(tx, row.id, Status::Skipped, "paused")?;
            return Ok(None);
        }
        // The week is summed up when the digest leaves, not when it was planned.
        let post = super::digest::render(tx, &couple, row.occurrence, now, &marker(&row))?;
        outbox::set_post(tx, row.id, &post)?;
        row.post = post;
    }
    if row.kind == super::checkin::REMINDER {
        if let Some(reason) = reminder_not_needed(tx, &couple, &row, now)? {
            outbox::finish(tx, row.id, Status::Skipped, reason)?;
            return Ok(None);
        }
    }
    // Only nudges go stale: a reveal or a reflection is still wanted the day after.
    if row.kind == NUDGE && day_has_ended(row.occurrence, now, couple.timezone.0) {
        outbox::finish(
            tx,
            row.id,
            Status::Skipped,
            "its day ended before it could be sent",
        )?;
        tracing::info!(outbox = row.id.0, "a stale post was skipped");
        return Ok(None);
    }
    outbox::retry_at(tx, row.id, ms(now + LEASE))?;
    let now_ms = ms(now);
    Ok(Some(match row.window_start {
        None => {
            outbox::start_window(tx, row.id, now_ms)?;
            Attempt::Send(OutboxRow {
                window_start: Some(now_ms),
                attempts: row.attempts + 1,
                ..row
            })
        }
        Some(start) if now_ms - start < NONCE_WINDOW.num_milliseconds() => {
            outbox::count_attempt(tx, row.id)?;
            Attempt::Send(OutboxRow {
                attempts: row.attempts + 1,
                ..row
            })
        }
        Some(_) => Attempt::ReadBack(row),
    }))
}

/// The most prompts of its own a couple keeps.
pub const MAX_CUSTOM_PROMPTS: u64 = 200;

impl Services {
    /// Adds a couple's own prompt to its deck of `practice`.
    pub async fn add_prompt(
        &self,
        couple: &Couple,
        practice: Practice,
        text: &str,
        by: crate::domain::ids::UserId,
    ) -> Outcome<()> {
        let (id, text, now) = (couple.id, text.to_string(), self.clock.now());
        let added = self
            .store
            .call(move |c| {
                let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                if prompts::count_custom(&tx, id)? >= MAX_CUSTOM_PROMPTS {
                    return Ok(false);
                }
                prompts::add_custom(&tx, id, practice, &text, by, now)?;
                tx.commit()?;
                Ok(true)
            })
            .await?;
        if added {
            Ok(())
        } else {
            Err(super::Refusal::PromptLimit {
                max: MAX_CUSTOM_PROMPTS,
            }
            .into())
        }
    }
}

/// The outbox kind of the welcome post in a channel haven created.
pub const WELCOME: &str = "welcome";
/// The outbox kind of the content-free notice that a post was held.
pub const HELD: &str = "held";

impl Services {
    /// A post with a partner's words found the channel readable by outsiders: the couple is
    /// paused, the partners are told without content how to fix it, and the post waits.
    pub async fn hold_post(&self, row: &OutboxRow) -> Outcome<()> {
        let now = self.clock.now();
        let (couple_id, row_id, occurrence) = (row.couple_id, row.id, row.occurrence);
        self.store
            .call(move |c| {
                let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let Some(couple) = couples::by_id(&tx, couple_id)? else {
                    return Ok(());
                };
                pause_for_channel(&tx, couple_id)?;
                outbox::retry_at(&tx, row_id, ms(now + HOLD))?;
                let post = copy::held_notice(couple.partners, &marker_for(HELD, occurrence));
                enqueue_in(&tx, &couple, HELD, occurrence, &post, now)?;
                tx.commit()?;
                Ok(())
            })
            .await?;
        self.wake.notify_one();
        Ok(())
    }

    pub async fn couple(&self, id: CoupleId) -> Outcome<Option<Couple>> {
        Ok(self.store.call(move |c| couples::by_id(c, id)).await?)
    }
}

/// The marker of an outbox row's post, by its kind: the kind's initial and the occurrence.
pub fn marker(row: &OutboxRow) -> String {
    marker_for(&row.kind, row.occurrence)
}

/// A post's marker: a letter per kind and the occurrence, unique within a couple's channel.
pub fn marker_for(kind: &str, occurrence: DateTime<Utc>) -> String {
    let code = match kind {
        NUDGE => 'n',
        WELCOME => 'w',
        super::checkin::NOTICE => 'c',
        super::checkin::REVEAL => 'v',
        super::checkin::REFLECTION => 'f',
        super::checkin::REMINDER => 'm',
        super::digest::DIGEST => 'd',
        HELD => 'h',
        _ => 'x',
    };
    format!("{code}{}", occurrence.timestamp())
}

/// Records a post of the bot's own in the couple's channel, due at once (inside the caller's
/// transaction). An occurrence already recorded is left as it is.
pub fn enqueue_in(
    tx: &Connection,
    couple: &Couple,
    kind: &str,
    occurrence: DateTime<Utc>,
    post: &Post,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    record(tx, couple, kind, occurrence, post, None, now, now)?;
    Ok(())
}

impl Services {
    /// Records the welcome post of a new couple channel and wakes the sender.
    pub async fn welcome(&self, couple: &Couple, time: &str) -> Outcome<()> {
        let now = self.clock.now();
        let occurrence = couple.created_at;
        let post = copy::welcome_post(
            couple.partners,
            couple.timezone.name(),
            time,
            &marker_for(WELCOME, occurrence),
        );
        let couple = couple.clone();
        self.store
            .call(move |c| enqueue_in(c, &couple, WELCOME, occurrence, &post, now))
            .await?;
        self.wake.notify_one();
        Ok(())
    }
}

/// After the day's first nudge, one reminder per partner, due `remind_after` later. The key is
/// the couple-day and the partner, so later nudges of the same day add none.
fn plan_reminders(
    tx: &Connection,
    couple: &Couple,
    nudge: DateTime<Utc>,
    now: DateTime<Utc>,
    remind_after: Duration,
) -> StoreResult<()> {
    use super::checkin::{day_key, REMINDER};
    let day = crate::domain::checkin::couple_day(nudge, couple.timezone.0, couple.day_start);
    for (slot, partner) in couple.partners.iter().enumerate() {
        let key = day_key(day, slot);
        let post = copy::reminder(*partner, &marker_for(REMINDER, key));
        record(
            tx,
            couple,
            REMINDER,
            key,
            &post,
            None,
            nudge + remind_after,
            now,
        )?;
    }
    Ok(())
}

/// Why a due reminder is not sent: the partner checked in, the couple is paused, or the
/// couple-day has ended.
fn reminder_not_needed(
    tx: &Connection,
    couple: &Couple,
    row: &OutboxRow,
    now: DateTime<Utc>,
) -> StoreResult<Option<&'static str>> {
    let (day, slot) = super::checkin::day_of_key(row.occurrence);
    if couple.is_paused_at(now) {
        return Ok(Some("paused"));
    }
    if now >= crate::domain::checkin::day_end(day, couple.timezone.0, couple.day_start) {
        return Ok(Some("its day ended"));
    }
    let partner = couple.partners[slot];
    if crate::store::checkins::get(tx, couple.id, day, partner)?.is_some() {
        return Ok(Some("already checked in"));
    }
    Ok(None)
}

/// Milestones reached and freezes spent since the couple was last told, said once each with
/// the next nudge (never at midnight).
fn streak_news(
    tx: &Connection,
    couple: &Couple,
    now: DateTime<Utc>,
) -> StoreResult<Option<String>> {
    let records = super::streak::records(tx, couple)?;
    let today = crate::domain::checkin::couple_day(now, couple.timezone.0, couple.day_start);
    let streaks = crate::domain::streak::compute(&records, today);
    let Some(run) = streaks.run_start else {
        return Ok(None);
    };
    let run = run.to_string();
    let told = |kind: &str| -> StoreResult<Vec<String>> {
        let mut stmt = tx.prepare_cached(
            "SELECT value FROM streak_notes WHERE couple_id = ?1 AND run_start = ?2 AND kind = ?3",
        )?;
        let rows = stmt
            .query_map(rusqlite::params![couple.id.to_sql(), run, kind], |r| {
                r.get(0)
            })?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    };
    let announced: Vec<u32> = told("milestone")?
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    let milestones = streaks.newly_reached(&announced);
    let told_frozen = told("freeze")?;
    let frozen: Vec<String> = streaks
        .frozen
        .iter()
        .map(|d| d.to_string())
        .filter(|d| !told_frozen.contains(d))
        .collect();
    let note = |kind: &str, value: &str| -> StoreResult<()> {
        tx.execute(
            "INSERT OR IGNORE INTO streak_notes (couple_id, run_start, kind, value) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![couple.id.to_sql(), run, kind, value],
        )?;
        Ok(())
    };
    for m in &milestones {
        note("milestone", &m.to_string())?;
    }
    for d in &frozen {
        note("freeze", d)?;
    }
    Ok(copy::streak_news(
        milestones.iter().max().copied(),
        frozen.len(),
        streaks.current,
    ))
}
