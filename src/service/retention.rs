//! Retention after haven leaves a server: the server's couples are kept for
//! `storage.retention_days_after_removal` days in case haven is added back, then deleted.

use super::{Outcome, Services};
use crate::domain::ids::GuildId;
use crate::store::{couples, removals};

impl Services {
    /// The bot was removed from a server: its couples' data is kept for the retention period
    /// in case it is added back.
    pub async fn guild_removed(&self, guild: GuildId) -> Outcome<()> {
        let now = self.clock.now();
        self.store
            .call(move |c| removals::removed(c, guild, now))
            .await?;
        Ok(())
    }

    /// The bot is in a server (again): nothing of it is due for deletion.
    pub async fn guild_present(&self, guild: GuildId) -> Outcome<()> {
        self.store
            .call(move |c| removals::present(c, guild))
            .await?;
        Ok(())
    }

    /// haven (re)connected and Discord listed the servers it is in, `present`, for the shard
    /// `shard` (its number and the number of shards; `None` for a single connection). A server
    /// with couples that this shard would be told about but is not listed removed haven while
    /// it was offline: the retention clock starts now (or keeps its earlier start). A listed
    /// server has nothing due for deletion.
    pub async fn guilds_at_connect(
        &self,
        present: Vec<GuildId>,
        shard: Option<(u32, u32)>,
    ) -> Outcome<usize> {
        let now = self.clock.now();
        Ok(self
            .store
            .write(move |tx| {
                for &g in &present {
                    removals::present(tx, g)?;
                }
                let mut gone = 0;
                for g in couples::guilds(tx)? {
                    let ours = shard.is_none_or(|(id, total)| g.on_shard(id, total));
                    if ours && !present.contains(&g) {
                        removals::removed(tx, g, now)?;
                        gone += 1;
                    }
                }
                Ok(gone)
            })
            .await?)
    }

    /// Deletes, in one transaction per server, every couple of servers the bot left more than
    /// `storage.retention_days_after_removal` days ago. Returns how many couples went.
    pub async fn sweep_removed_guilds(&self) -> Outcome<usize> {
        let days = i64::from(self.settings.storage.retention_days_after_removal);
        let cutoff = self.clock.now() - chrono::Duration::days(days);
        let guilds = self
            .store
            .call(move |c| removals::removed_before(c, cutoff))
            .await?;
        let mut removed = 0;
        for guild in guilds {
            removed += self
                .store
                .write(move |tx| removals::delete_guild(tx, guild))
                .await?;
            tracing::info!(
                guild = guild.0,
                "data of a server haven left was deleted after the retention period"
            );
        }
        Ok(removed)
    }
}
