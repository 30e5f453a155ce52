//! The couple's own prompts and the prompts drawn in the current round of each deck.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::Result;
use crate::domain::ids::{CoupleId, UserId};
use crate::domain::prompt::{CustomPrompt, Deck, Practice};

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

/// How many prompts of their own `by` keeps in the couple's decks.
pub fn count_custom_by(c: &Connection, couple: CoupleId, by: UserId) -> Result<u64> {
    Ok(c.query_row(
        "SELECT count(*) FROM custom_prompts WHERE couple_id = ?1 AND created_by = ?2",
        params![couple.to_sql(), by.to_sql()],
        |r| r.get(0),
    )?)
}

/// The couple's own prompts of a practice, as (key, text, who added it).
pub fn custom_of(
    c: &Connection,
    couple: CoupleId,
    practice: Practice,
) -> Result<Vec<(String, String, UserId)>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, text, created_by FROM custom_prompts WHERE couple_id = ?1 AND practice = ?2 ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![couple.to_sql(), practice.key()], |r| {
            Ok((
                custom_key(r.get(0)?),
                r.get(1)?,
                UserId::from_sql(r.get(2)?),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every prompt of the couple's own, oldest first.
pub fn all_custom(c: &Connection, couple: CoupleId) -> Result<Vec<CustomPrompt>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, practice, text, created_by FROM custom_prompts WHERE couple_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([couple.to_sql()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                UserId::from_sql(r.get(3)?),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, practice, text, added_by)| {
            Some(CustomPrompt {
                id,
                practice: Practice::parse(&practice)?,
                text,
                added_by,
            })
        })
        .collect())
}

/// Removes one of the couple's own prompts (and its place in the current round); `None` when
/// the couple has no prompt with that id.
pub fn remove_custom(c: &Connection, couple: CoupleId, id: i64) -> Result<Option<CustomPrompt>> {
    let found = c
        .query_row(
            "SELECT practice, text, created_by FROM custom_prompts WHERE id = ?1 AND couple_id = ?2",
            params![id, couple.to_sql()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    UserId::from_sql(r.get(2)?),
                ))
            },
        )
        .optional()?;
    let Some((practice, text, added_by)) = found else {
        return Ok(None);
    };
    c.execute(
        "DELETE FROM custom_prompts WHERE id = ?1 AND couple_id = ?2",
        params![id, couple.to_sql()],
    )?;
    c.execute(
        "DELETE FROM prompt_draws WHERE couple_id = ?1 AND prompt_key = ?2",
        params![couple.to_sql(), custom_key(id)],
    )?;
    Ok(Practice::parse(&practice).map(|practice| CustomPrompt {
        id,
        practice,
        text,
        added_by,
    }))
}

/// Keys drawn in the current round of a deck (its `practice` column holds the deck's key),
/// the one drawn longest ago first.
pub fn drawn(c: &Connection, couple: CoupleId, deck: Deck) -> Result<Vec<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT prompt_key FROM prompt_draws WHERE couple_id = ?1 AND practice = ?2 ORDER BY seq",
    )?;
    let keys = stmt
        .query_map(params![couple.to_sql(), deck.key()], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(keys)
}

/// Starts a new round of a deck.
pub fn clear_round(c: &Connection, couple: CoupleId, deck: Deck) -> Result<()> {
    c.execute(
        "DELETE FROM prompt_draws WHERE couple_id = ?1 AND practice = ?2",
        params![couple.to_sql(), deck.key()],
    )?;
    Ok(())
}

/// Records a draw; a key drawn again in the same round moves to the end of its order.
pub fn record_draw(
    c: &Connection,
    couple: CoupleId,
    deck: Deck,
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
        params![couple.to_sql(), deck.key(), key, now.timestamp(), seq],
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
