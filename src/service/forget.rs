//! Forgetting a couple: every row that names it or its partners, in one transaction.

use rusqlite::TransactionBehavior;

use super::{Outcome, Refusal, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::{CoupleId, MessageId, UserId};
use crate::store::{couples, invitations};

impl Services {
    /// Deletes the couple, its partners and their invitations in this server. Only a partner
    /// of that couple may do it.
    /// As [`Services::forget`], also returning the bot's own posts in the channel (to delete).
    pub async fn forget_with_posts(
        &self,
        couple: CoupleId,
        by: UserId,
    ) -> Outcome<(Couple, Vec<MessageId>)> {
        let posts = self
            .store
            .call(move |c| {
                let mut stmt = c.prepare(
                    "SELECT message_id FROM outbox WHERE couple_id = ?1 AND message_id IS NOT NULL",
                )?;
                let ids = stmt
                    .query_map([couple.to_sql()], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(ids.into_iter().map(MessageId::from_sql).collect::<Vec<_>>())
            })
            .await?;
        let gone = self.forget(couple, by).await?;
        Ok((gone, posts))
    }

    pub async fn forget(&self, couple: CoupleId, by: UserId) -> Outcome<Couple> {
        self.store
            .call(move |c| {
                let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let Some(found) = couples::by_id(&tx, couple)? else {
                    return Ok(Err(Refusal::NotYourCouple));
                };
                if !found.is_partner(by) {
                    return Ok(Err(Refusal::NotYourCouple));
                }
                for p in found.partners {
                    invitations::delete_for_user(&tx, found.guild_id, p)?;
                }
                couples::delete(&tx, found.id)?;
                tx.commit()?;
                Ok(Ok(found))
            })
            .await?
            .map_err(Into::into)
    }
}

impl Services {
    /// The bot was removed from a server: its couples' data is kept for the retention period
    /// in case it is added back.
    pub async fn guild_removed(&self, guild: crate::domain::ids::GuildId) -> Outcome<()> {
        let now = self.clock.now().timestamp();
        self.store
            .call(move |c| {
                c.execute(
                    "INSERT INTO guild_removals (guild_id, removed_at) VALUES (?1, ?2)
                     ON CONFLICT (guild_id) DO NOTHING",
                    rusqlite::params![guild.to_sql(), now],
                )?;
                Ok(())
            })
            .await?;
        Ok(())
    }

    /// The bot is in a server (again): nothing of it is due for deletion.
    pub async fn guild_present(&self, guild: crate::domain::ids::GuildId) -> Outcome<()> {
        self.store
            .call(move |c| {
                c.execute(
                    "DELETE FROM guild_removals WHERE guild_id = ?1",
                    [guild.to_sql()],
                )?;
                Ok(())
            })
            .await?;
        Ok(())
    }

    /// Deletes, in one transaction per server, every couple of servers the bot left more than
    /// `storage.retention_days_after_removal` days ago. Returns how many couples went.
    pub async fn sweep_removed_guilds(&self) -> Outcome<usize> {
        let days = i64::from(self.settings.storage.retention_days_after_removal);
        let cutoff = (self.clock.now() - chrono::Duration::days(days)).timestamp();
        Ok(self
            .store
            .call(move |c| {
                let guilds: Vec<i64> = {
                    let mut stmt = c.prepare_cached(
                        "SELECT guild_id FROM guild_removals WHERE removed_at <= ?1",
                    )?;
                    let rows = stmt.query_map([cutoff], |r| r.get(0))?;
                    rows.collect::<rusqlite::Result<Vec<_>>>()?
                };
                let mut removed = 0;
                for g in guilds {
                    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                    removed += tx.execute("DELETE FROM couples WHERE guild_id = ?1", [g])?;
                    tx.execute("DELETE FROM invitations WHERE guild_id = ?1", [g])?;
                    tx.execute("DELETE FROM guild_removals WHERE guild_id = ?1", [g])?;
                    tx.commit()?;
                    tracing::info!(
                        guild = g,
                        "data of a server haven left was deleted after the retention period"
                    );
                }
                Ok(removed)
            })
            .await?)
    }
}
