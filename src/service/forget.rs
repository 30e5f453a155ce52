//! Forgetting a couple: every row that names it or its partners, in one transaction, and the
//! work that leaves in Discord (removing haven's posts, telling the partner), queued so that it
//! survives a restart and sent by the sender under the same pacing as every other request.

use chrono::{DateTime, Duration, Utc};

use super::{Outcome, Refusal, Services};
use crate::domain::couple::Couple;
use crate::domain::forget::{self as rules, AfterFailure, ForgetChoice, ForgetTask};
use crate::domain::ids::{ChannelId, CoupleId, MessageId, UserId};
use crate::store::{couples, forget, invitations, Db, Result as StoreResult};

/// A handed-out errand is not handed out again for this long (a crash mid-request frees it).
const LEASE: Duration = Duration::seconds(30);
/// How long a couple forgotten with its posts removed is remembered: long enough for any post
/// of its that was on its way to Discord to arrive.
const REMEMBER_FORGOTTEN: Duration = Duration::days(1);

/// A couple just forgotten, and what is left to do in Discord.
#[derive(Debug, Clone)]
pub struct Forgotten {
    pub couple: Couple,
    /// haven's messages queued for deletion.
    pub posts_queued: usize,
    /// The partner who will be told, if the person asked for that.
    pub told: Option<UserId>,
}

impl Services {
    /// Deletes the couple, its partners and their invitations in this server, in one
    /// transaction; in the same transaction queues what `choice` asks for in Discord. Only a
    /// partner of that couple may do it. The caller then runs [`Services::empty_wal`] (once
    /// the person has their answer: it can take a moment).
    pub async fn forget(
        &self,
        couple: CoupleId,
        by: UserId,
        choice: ForgetChoice,
    ) -> Outcome<Forgotten> {
        let now = self.clock.now();
        let declined_after = now - self.settings.reinvite_after_decline();
        let gone = self
            .store
            .write_or_refuse(move |tx| {
                let Some(found) = couples::by_id(tx, couple)? else {
                    return Ok(Err(Refusal::NotYourCouple));
                };
                if !found.is_partner(by) {
                    return Ok(Err(Refusal::NotYourCouple));
                }
                // The note first, so the partner hears before every old post is gone.
                let told = found.other(by).filter(|_| choice.tell_partner);
                if let Some(partner) = told {
                    let ping =
                        crate::store::partner_settings::notifications(tx, found.id, partner)?
                            .mentions;
                    forget::queue_note(
                        tx,
                        found.channel_id,
                        partner,
                        by,
                        ping,
                        found.language,
                        now,
                    )?;
                }
                let mut posts_queued = 0;
                forget::purge_forgotten(tx, now - REMEMBER_FORGOTTEN)?;
                if choice.remove_posts {
                    posts_queued = forget::queue_couple_messages(tx, found.id, now)?;
                    forget::remember_forgotten(tx, found.id, now)?;
                }
                // A "not right now" someone gave one of them stays for its cooldown (then the
                // sweep deletes it): forgetting, with an accomplice or not, never erases a no.
                for p in found.partners {
                    invitations::forget_naming(tx, found.guild_id, p, declined_after)?;
                }
                couples::delete(tx, found.id)?;
                Ok(Ok(Forgotten {
                    couple: found,
                    posts_queued,
                    told,
                }))
            })
            .await??;
        self.wake.notify_one();
        Ok(gone)
    }

    /// After a forget: the WAL is folded into the database and emptied, so no copy of the
    /// deleted words stays in the database files (`secure_delete` zeroes them in the database
    /// itself). Retried briefly while a reader, such as a backup, holds the WAL.
    pub async fn empty_wal(&self) {
        match self.store.truncate_wal().await {
            Ok(true) => {}
            Ok(false) => tracing::warn!(
                "a reader kept the WAL busy after a forget; it is emptied at a later checkpoint"
            ),
            Err(e) => tracing::error!(error = %e, "could not empty the WAL after a forget"),
        }
    }

    /// Records a message haven posted for `couple` outside the outbox (a public reply, the
    /// invitation it was paired from), so a forget can remove it. If the couple was forgotten
    /// meanwhile with its posts removed, the message is queued for deletion at once.
    pub async fn record_post(
        &self,
        couple: CoupleId,
        channel: ChannelId,
        message: MessageId,
    ) -> Outcome<()> {
        let now = self.clock.now();
        let queued = self
            .store
            .write(move |tx| {
                if couples::by_id(tx, couple)?.is_some() {
                    forget::record_message(tx, couple, channel, message, now)?;
                    Ok(false)
                } else {
                    late_post(tx, couple, channel, message, now)
                }
            })
            .await?;
        if queued {
            self.wake.notify_one();
        }
        Ok(())
    }

    /// Hands out up to `limit` errands of the forget queue due at `now`, each leased so it is
    /// not handed out twice.
    pub async fn claim_forget_tasks(
        &self,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Outcome<Vec<ForgetTask>> {
        // Most steps find nothing due: a read says so without taking the write lock.
        let due = self.store.call(|c| forget::next_due(c)).await?;
        if due.is_none_or(|at| at > now) {
            return Ok(vec![]);
        }
        Ok(self
            .store
            .write(move |tx| forget::claim(tx, now, now + LEASE, limit))
            .await?)
    }

    /// The errand's request succeeded: it leaves the queue.
    pub async fn forget_task_done(&self, task: &ForgetTask) -> Outcome<()> {
        let id = task.id;
        self.store.call(move |c| forget::done(c, id)).await?;
        Ok(())
    }

    /// The errand's request failed with `status` (`None`: no answer came); returns what follows.
    pub async fn forget_task_failed(
        &self,
        task: &ForgetTask,
        status: Option<u16>,
    ) -> Outcome<AfterFailure> {
        let next = rules::after_failure(&task.errand, status, task.attempts, self.clock.now());
        let id = task.id;
        self.store
            .call(move |c| match next {
                AfterFailure::RetryAt(at) => forget::retry_at(c, id, at),
                AfterFailure::Done | AfterFailure::GiveUp => forget::done(c, id),
                // Stays queued; the next start tries again.
                AfterFailure::StopProcess => Ok(()),
            })
            .await?;
        Ok(next)
    }
}

/// A post of `couple` arrived after the couple was deleted: queued for deletion if the couple
/// was forgotten with its posts removed. Returns whether it was queued.
pub(super) fn late_post(
    db: &Db,
    couple: CoupleId,
    channel: ChannelId,
    message: MessageId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    if forget::forgotten_with_posts(db, couple)? {
        forget::queue_message(db, channel, message, now)?;
        tracing::info!(
            couple = couple.0,
            "a post that arrived after its couple was forgotten is queued for removal"
        );
        return Ok(true);
    }
    Ok(false)
}
