//! Facts about the process itself that outlive a restart: where the slash commands were
//! registered last time.

use super::{Outcome, Services};
use crate::domain::ids::GuildId;
use crate::store::meta;

const REGISTERED_GUILD_KEY: &str = "commands.registered_guild_id";

impl Services {
    /// The server the commands were registered in last time; None when they were registered
    /// globally (or never).
    pub async fn registered_guild(&self) -> Outcome<Option<GuildId>> {
        let value = self
            .store
            .call(|c| meta::get(c, REGISTERED_GUILD_KEY))
            .await?;
        Ok(value.and_then(|v| v.parse().ok()).map(GuildId))
    }

    /// Records where the commands are registered now: in one server, or globally (None).
    pub async fn set_registered_guild(&self, guild: Option<GuildId>) -> Outcome<()> {
        self.store
            .call(move |c| match guild {
                Some(g) => meta::set(c, REGISTERED_GUILD_KEY, &g.to_string()),
                None => meta::delete(c, REGISTERED_GUILD_KEY),
            })
            .await?;
        Ok(())
    }
}
