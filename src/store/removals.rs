//! Servers haven was removed from, and when: their couples are deleted after the retention
//! period unless haven is added back.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::{to_unix, Result};
use crate::domain::ids::GuildId;

/// Records that haven left `guild` at `at` (the first time counts).
pub fn removed(c: &Connection, guild: GuildId, at: DateTime<Utc>) -> Result<()> {
    c.execute(
        "INSERT INTO guild_removals (guild_id, removed_at) VALUES (?1, ?2)
         ON CONFLICT (guild_id) DO NOTHING",
        params![guild.to_sql(), to_unix(at)],
    )?;
    Ok(())
}

/// haven is in `guild` (again): nothing of it is due for deletion.
pub fn present(c: &Connection, guild: GuildId) -> Result<()> {
    c.execute(
        "DELETE FROM guild_removals WHERE guild_id = ?1",
        [guild.to_sql()],
    )?;
    Ok(())
}

/// Servers haven left at or before `cutoff`.
pub fn removed_before(c: &Connection, cutoff: DateTime<Utc>) -> Result<Vec<GuildId>> {
    let mut stmt =
        c.prepare_cached("SELECT guild_id FROM guild_removals WHERE removed_at <= ?1")?;
    let rows = stmt
        .query_map([to_unix(cutoff)], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(GuildId::from_sql).collect())
}

/// Deletes every couple (with all it owns) and invitation of `guild`, the channels haven
/// created there, and its removal record. Returns how many couples went.
pub fn delete_guild(c: &Connection, guild: GuildId) -> Result<usize> {
    let g = guild.to_sql();
    let removed = c.execute("DELETE FROM couples WHERE guild_id = ?1", [g])?;
    c.execute("DELETE FROM invitations WHERE guild_id = ?1", [g])?;
    c.execute("DELETE FROM created_channels WHERE guild_id = ?1", [g])?;
    c.execute("DELETE FROM guild_removals WHERE guild_id = ?1", [g])?;
    Ok(removed)
}
