//! The couple's own prompts and the prompts drawn in the current round of each deck.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::Result;
use crate::domain::ids::{CoupleId, UserId};
use crate::domain::prompt::Practice;

/// The key under which a couple's own prompt sits in its deck.
pub fn custom_key(id: i64) -> String {
    format!("c-{id}")
}

pub fn add_custom(
    c: &Connection,
    couple: CoupleId,
    practice: Practice,
    text: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<String> {
    c.execute(
        "INSERT INTO custom_prompts (couple_id, practice, text, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![couple.to_sql(), practice.key(), text, by.to_sql(), now.timestamp()],
    )?;
    Ok(custom_key(c.last_insert_rowid()))
}

pub fn count_custom(c: &Connection, couple: CoupleId) -> Result<u64> {
    Ok(c.query_row(
        "SELECT count(*) FROM custom_prompts WHERE couple_id = ?1",
        [couple.to_sql()],
        |r| r.get(0),
    )?)
}

/// The couple's own prompts of a practice, as (key, text).
pub fn custom_of(
    c: &Connection,
    couple: CoupleId,
    practice: Practice,
) -> Result<Vec<(String, String)>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, text FROM custom_prompts WHERE couple_id = ?1 AND practice = ?2 ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![couple.to_sql(), practice.key()], |r| {
            Ok((custom_key(r.get(0)?), r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Keys drawn in the current round of a practice, and the most recent one.
pub fn drawn(
    c: &Connection,
    couple: CoupleId,
    practice: Practice,
) -> Result<(Vec<String>, Option<String>)> {
    let mut stmt = c.prepare_cached(
        "SELECT prompt_key FROM prompt_draws WHERE couple_id = ?1 AND practice = ?2 ORDER BY seq",
    )?;
    let keys = stmt
        .query_map(params![couple.to_sql(), practice.key()], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let last = keys.last().cloned();
    Ok((keys, last))
}

/// Starts a new round of a practice's deck.
pub fn clear_round(c: &Connection, couple: CoupleId, practice: Practice) -> Result<()> {
    c.execute(
        "DELETE FROM prompt_draws WHERE couple_id = ?1 AND practice = ?2",
        params![couple.to_sql(), practice.key()],
    )?;
    Ok(())
}

pub fn record_draw(
    c: &Connection,
    couple: CoupleId,
    practice: Practice,
    key: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let seq: i64 = c
        .query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM prompt_draws WHERE couple_id = ?1",
            [couple.to_sql()],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(1);
    c.execute(
        "INSERT OR REPLACE INTO prompt_draws (couple_id, practice, prompt_key, drawn_at, seq) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![couple.to_sql(), practice.key(), key, now.timestamp(), seq],
    )?;
    Ok(())
}

/// The text of a custom prompt key of this couple.
pub fn custom_text(c: &Connection, couple: CoupleId, key: &str) -> Result<Option<String>> {
    let Some(id) = key.strip_prefix("c-").and_then(|n| n.parse::<i64>().ok()) else {
        return Ok(None);
    };
    Ok(c.query_row(
        "SELECT text FROM custom_prompts WHERE id = ?1 AND couple_id = ?2",
        params![id, couple.to_sql()],
        |r| r.get(0),
    )
    .optional()?)
}
