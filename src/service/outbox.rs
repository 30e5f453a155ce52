//! The outbox engine: every post haven makes on its own is recorded here before it is sent,
//! handed out to the sender, and closed by what each delivery attempt leads to.

use chrono::{DateTime, Duration, Utc};

use super::{Outcome, Services};
use crate::domain::couple::{Couple, PauseReason};
use crate::domain::delivery::{self, day_has_ended, AttemptError, Next, NONCE_WINDOW};
use crate::domain::ids::{CoupleId, MessageId, OutboxId};
use crate::domain::post::{Post, PostKind, SkipReason};
use crate::render::posts;
use crate::store::outbox::{self, OutboxRow, Status};
use crate::store::{couples, partner_settings, Db, Result as StoreResult};

/// How many couples one transaction of start-up preparation handles.
const PREPARE_BATCH: usize = 50;
/// A claimed row is not handed out again for this long (a crash mid-send frees it).
const LEASE: Duration = Duration::seconds(30);
/// How often a held post is looked at again.
pub const HOLD: Duration = Duration::seconds(60);

/// What to do with a claimed row.
#[derive(Debug, Clone)]
pub enum Attempt {
    /// POST it with its nonce now.
    Send(OutboxRow),
    /// Its nonce window has passed: read the channel back before sending again.
    ReadBack(OutboxRow),
}

/// Records one occurrence of a post in the couple's channel, pending and due at `due`. An
/// occurrence already recorded is left as it is (`None`).
pub fn record(
    db: &Db,
    couple: &Couple,
    kind: PostKind,
    occurrence: DateTime<Utc>,
    post: &Post,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<Option<OutboxId>> {
    insert(db, couple, kind, occurrence, post, None, due, now)
}

/// Records an occurrence that is closed at once, with why it was skipped.
pub fn record_skipped(
    db: &Db,
    couple: &Couple,
    kind: PostKind,
    occurrence: DateTime<Utc>,
    reason: SkipReason,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    insert(
        db,
        couple,
        kind,
        occurrence,
        &Post::default(),
        Some(reason),
        now,
        now,
    )?;
    Ok(())
}

/// Records a post of the bot's own in the couple's channel, due at once (inside the caller's
/// transaction). An occurrence already recorded is left as it is.
pub fn enqueue(
    db: &Db,
    couple: &Couple,
    kind: PostKind,
    occurrence: DateTime<Utc>,
    post: &Post,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    record(db, couple, kind, occurrence, post, now, now)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert(
    db: &Db,
    couple: &Couple,
    kind: PostKind,
    occurrence: DateTime<Utc>,
    post: &Post,
    skipped: Option<SkipReason>,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<Option<OutboxId>> {
    outbox::insert(
        db,
        &outbox::NewRow {
            // A nudge's couple-day is fixed when it is recorded (streaks read it).
            day: (kind == PostKind::Nudge).then(|| {
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
            next_attempt_at: due,
            now,
        },
    )
}

impl Services {
    /// When the scheduler next has something to do: the soonest nudge, pending retry or errand
    /// of the forget queue.
    pub async fn next_wake(&self) -> Outcome<Option<DateTime<Utc>>> {
        Ok(self
            .store
            .call(|c| {
                let couple = couples::earliest_due(c)?;
                let retry = outbox::next_due(c)?;
                let errand = crate::store::forget::next_due(c)?;
                Ok([couple, retry, errand].into_iter().flatten().min())
            })
            .await?)
    }

    /// Hands out up to `limit` pending rows due at `now`, each leased so it is not handed out
    /// twice, with what to do for each: stale or paused rows are closed instead.
    pub async fn claim(&self, now: DateTime<Utc>, limit: usize) -> Outcome<Vec<Attempt>> {
        Ok(self
            .store
            .write(move |tx| {
                let mut attempts = Vec::new();
                for row in outbox::due(tx, now, limit)? {
                    if let Some(a) = begin_attempt(tx, row, now)? {
                        attempts.push(a);
                    }
                }
                Ok(attempts)
            })
            .await?)
    }

    /// Run once when the sender starts. Every attempted row becomes due now, so occurrences
    /// that were in flight at a crash are retried at once (within their nonce window) rather
    /// than after their lease, and so does every errand of the forget queue; couples whose
    /// next nudge was never computed (stored before schedules existed) get one.
    pub async fn prepare_after_start(&self) -> Outcome<()> {
        let now = self.clock.now();
        self.store
            .call(move |c| {
                outbox::release_attempted(c, now)?;
                crate::store::forget::release(c, now)
            })
            .await?;
        let mut after = CoupleId(0);
        loop {
            let batch = self
                .store
                .write(move |tx| {
                    let batch = couples::unscheduled(tx, after, PREPARE_BATCH)?;
                    for couple in &batch {
                        couples::set_next_due(
                            tx,
                            couple.id,
                            super::nudge::first_due(couple, now),
                            false,
                        )?;
                    }
                    Ok(batch
                        .last()
                        .map(|c| c.id)
                        .filter(|_| batch.len() == PREPARE_BATCH))
                })
                .await?;
            match batch {
                Some(last) => after = last,
                None => return Ok(()),
            }
        }
    }

    /// The channel read-back found no copy of the post: open a new nonce window and send.
    pub async fn resend_after_read_back(&self, row: &OutboxRow) -> Outcome<()> {
        let (id, now) = (row.id, self.clock.now());
        self.store
            .call(move |c| outbox::start_window(c, id, now))
            .await?;
        Ok(())
    }

    /// Tries a row again at `at`.
    pub async fn retry_at(&self, id: OutboxId, at: DateTime<Utc>) -> Outcome<()> {
        self.store
            .call(move |c| outbox::retry_at(c, id, at))
            .await?;
        Ok(())
    }

    /// The post of `row` became `message`. If its couple was forgotten while it was on its
    /// way, with its posts removed, the message is queued for deletion.
    pub async fn delivered(&self, row: &OutboxRow, message: MessageId) -> Outcome<()> {
        let now = self.clock.now();
        let (id, couple, channel) = (row.id, row.couple_id, row.channel_id);
        let queued = self
            .store
            .write(move |tx| {
                if outbox::mark_sent(tx, id, message, now)? {
                    return Ok(false);
                }
                super::forget::late_post(tx, couple, channel, message, now)
            })
            .await?;
        if queued {
            self.wake.notify_one();
        }
        Ok(())
    }

    /// Records a failed attempt and returns what follows from it.
    pub async fn attempt_failed(&self, row: &OutboxRow, err: &AttemptError) -> Outcome<Next> {
        let now = self.clock.now();
        let next = delivery::after_failure(err, row.attempts.max(1), now);
        let (id, couple, kind) = (row.id, row.couple_id, row.kind);
        let decided = next.clone();
        self.store
            .write(move |tx| {
                match decided {
                    Next::RetryAt(at) => outbox::retry_at(tx, id, at)?,
                    Next::PauseCouple => {
                        super::channel::pause_for_channel(tx, couple)?;
                        if kind.skipped_while_paused() {
                            outbox::finish(tx, id, Status::Skipped, SkipReason::Paused)?;
                        } else {
                            // A reveal or a reflection waits, like a held post, for /resume.
                            outbox::retry_at(tx, id, now + HOLD)?;
                        }
                    }
                    Next::GiveUp => outbox::finish(tx, id, Status::Failed, SkipReason::Rejected)?,
                    // The row stays pending; the next start sends it.
                    Next::StopProcess => {}
                }
                Ok(())
            })
            .await?;
        Ok(next)
    }

    /// A post with a partner's words found the channel readable by outsiders: the couple is
    /// paused, the partners are told without content how to fix it, and the post waits.
    pub async fn hold_post(&self, row: &OutboxRow) -> Outcome<()> {
        let now = self.clock.now();
        let (couple_id, row_id, occurrence) = (row.couple_id, row.id, row.occurrence);
        self.store
            .write(move |tx| {
                let Some(couple) = couples::by_id(tx, couple_id)? else {
                    return Ok(());
                };
                super::channel::pause_for_channel(tx, couple_id)?;
                outbox::retry_at(tx, row_id, now + HOLD)?;
                let post = posts::held_notice(
                    couple.language,
                    couple.partners,
                    &PostKind::Held.marker(occurrence, couple_id),
                );
                enqueue(tx, &couple, PostKind::Held, occurrence, &post, now)?;
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

/// Decides a claimed row's attempt inside the claiming transaction.
fn begin_attempt(db: &Db, mut row: OutboxRow, now: DateTime<Utc>) -> StoreResult<Option<Attempt>> {
    let Some(couple) = couples::by_id(db, row.couple_id)? else {
        return Ok(None);
    };
    // Held, not lost: while the channel is in trouble a post with a partner's words (a nudge
    // with one of the couple's own prompts too) waits for /resume. Posts without them (the
    // notice that something was held) still go.
    if couple.pause_reason == Some(PauseReason::Channel)
        && couple.is_paused_at(now)
        && row.carries_words()
    {
        if row.kind.goes_stale() && day_has_ended(row.occurrence, now, couple.timezone.0) {
            // Its day passed while it was held, paused.
            outbox::finish(db, row.id, Status::Skipped, SkipReason::Paused)?;
        } else {
            outbox::retry_at(db, row.id, now + HOLD)?;
        }
        return Ok(None);
    }
    // A pause is "no nudges": the reminder of a talk is skipped too (see `PostKind`).
    if matches!(row.kind, PostKind::Nudge | PostKind::TalkReminder) && couple.is_paused_at(now) {
        outbox::finish(db, row.id, Status::Skipped, SkipReason::Paused)?;
        return Ok(None);
    }
    if row.kind == PostKind::Digest && row.window_start.is_none() {
        if couple.is_paused_at(now) {
            outbox::finish(db, row.id, Status::Skipped, SkipReason::Paused)?;
            return Ok(None);
        }
        // The week is summed up when the digest leaves, not when it was planned.
        let post = super::digest::render(db, &couple, now, &row.marker())?;
        outbox::set_post(db, row.id, &post)?;
        row.post = post;
    }
    if row.kind == PostKind::Reminder {
        if let Some(reason) = super::nudge::reminder_not_needed(db, &couple, &row, now)? {
            outbox::finish(db, row.id, Status::Skipped, reason)?;
            return Ok(None);
        }
    }
    if row.kind.goes_stale() && day_has_ended(row.occurrence, now, couple.timezone.0) {
        outbox::finish(db, row.id, Status::Skipped, SkipReason::DayEnded)?;
        tracing::info!(outbox = row.id.0, "a stale post was skipped");
        return Ok(None);
    }
    // Whatever a post was recorded with, it pings only the partners who allow it now.
    let settings = partner_settings::of_couple(db, &couple)?;
    row.keep_mentions(|u| couple.may_ping(&settings, u));
    outbox::retry_at(db, row.id, now + LEASE)?;
    Ok(Some(match row.window_start {
        None => {
            outbox::start_window(db, row.id, now)?;
            Attempt::Send(OutboxRow {
                window_start: Some(now),
                attempts: row.attempts + 1,
                ..row
            })
        }
        Some(start) if now - start < NONCE_WINDOW => {
            outbox::count_attempt(db, row.id)?;
            Attempt::Send(OutboxRow {
                attempts: row.attempts + 1,
                ..row
            })
        }
        Some(_) => Attempt::ReadBack(row),
    }))
}
