//! The couple's channel in trouble: Discord refused a post, or outsiders can now read it. Either
//! way the couple is paused (reason `channel`) until a partner fixes it and runs /resume, and
//! nothing with a partner's words is posted meanwhile. Also: a channel haven created was
//! deleted.

use super::{Outcome, Services};
use crate::domain::couple::{paused_indefinitely, Couple, PauseReason};
use crate::domain::ids::{ChannelId, CoupleId, GuildId};
use crate::store::{couples, Db, Result as StoreResult};

/// Pauses the couple until /resume because of its channel (inside the caller's transaction).
pub fn pause_for_channel(db: &Db, couple: CoupleId) -> StoreResult<()> {
    tracing::warn!(
        couple = couple.0,
        "the couple's channel cannot take posts with their words; the couple is paused until /resume"
    );
    couples::set_pause(
        db,
        couple,
        Some(paused_indefinitely()),
        Some(PauseReason::Channel),
        None,
    )
}

impl Services {
    /// The channel became readable by outsiders: nothing with a partner's words is posted
    /// until a partner fixes it and resumes.
    pub async fn hold_for_visibility(&self, couple: &Couple) -> Outcome<()> {
        let id = couple.id;
        self.store.call(move |c| pause_for_channel(c, id)).await?;
        Ok(())
    }

    /// A channel was deleted in `guild`: if haven created it, it no longer counts toward the
    /// server's cap on created channels (only someone allowed to manage channels can delete it).
    pub async fn channel_deleted(&self, guild: GuildId, channel: ChannelId) -> Outcome<()> {
        self.store
            .call(move |c| couples::created_channel_deleted(c, guild, channel))
            .await?;
        Ok(())
    }
}
