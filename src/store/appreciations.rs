//! Appreciations and the couple's jar.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::Result;
use crate::domain::ids::{CoupleId, MessageId, UserId};

/// Stores an appreciation; false when that message is already in the jar.
pub fn add(
    c: &Connection,
    couple: CoupleId,
    from: UserId,
    to: UserId,
    text: &str,
    jar_message: Option<MessageId>,
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(c.execute(
        "INSERT OR IGNORE INTO appreciations (couple_id, from_user, to_user, text, source, message_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            couple.to_sql(),
            from.to_sql(),
            to.to_sql(),
            text,
            if jar_message.is_some() { "jar" } else { "command" },
            jar_message.map(MessageId::to_sql),
            now.timestamp(),
        ],
    )? == 1)
}

/// How many appreciations a couple has, and how many are in the jar.
pub fn counts(c: &Connection, couple: CoupleId) -> Result<(u64, u64)> {
    Ok(c.query_row(
        "SELECT count(*), coalesce(sum(source = 'jar'), 0) FROM appreciations WHERE couple_id = ?1",
        [couple.to_sql()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// How many appreciations `from` said with /appreciate since `since`.
pub fn said_since(
    c: &Connection,
    couple: CoupleId,
    from: UserId,
    since: DateTime<Utc>,
) -> Result<u32> {
    Ok(c.query_row(
        "SELECT count(*) FROM appreciations
         WHERE couple_id = ?1 AND from_user = ?2 AND source = 'command' AND created_at >= ?3",
        params![couple.to_sql(), from.to_sql(), since.timestamp()],
        |r| r.get(0),
    )?)
}
