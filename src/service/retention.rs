//! Retention after haven leaves a server: the server's couples are kept for
//! `storage.retention_days_after_removal` days in case haven is added back, then deleted.

use super::{Outcome, Services};
use crate::domain::ids::GuildId;
use crate::store::removals;

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
