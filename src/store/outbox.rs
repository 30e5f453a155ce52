//! The outbox: every post haven makes on its own, recorded before it is sent.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{from_unix, Result};

fn to_unix_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn from_unix_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::MIN_UTC)
}
use crate::domain::ids::{ChannelId, CoupleId, MessageId, OutboxId};
pub use crate::domain::post::{OutboxRow, Status};
use crate::domain::post::{Post, PostKind, SkipReason};

/// A fresh nonce: 18 characters, random, so it never repeats an older post's.
fn new_nonce() -> String {
    format!("hv{:016x}", rand::random::<u64>())
}

const COLUMNS: &str = "id, couple_id, kind, occurrence, channel_id, payload, status, attempts, window_start, next_attempt_at, message_id, nonce";

fn from_row(r: &Row<'_>) -> rusqlite::Result<OutboxRow> {
    let payload: String = r.get(5)?;
    let post: Post = serde_json::from_str(&payload).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(OutboxRow {
        id: OutboxId::from_sql(r.get(0)?),
        couple_id: CoupleId::from_sql(r.get(1)?),
        kind: {
            let code: String = r.get(2)?;
            PostKind::from_code(&code).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    2,
                    rusqlite::types::Type::Text,
                    format!("unknown outbox kind {code:?}").into(),
                )
            })?
        },
        occurrence: from_unix(r.get(3)?),
        channel_id: ChannelId::from_sql(r.get(4)?),
        post,
        status: Status::parse(&r.get::<_, String>(6)?),
        attempts: r.get::<_, i64>(7)?.clamp(0, u32::MAX as i64) as u32,
        window_start: r.get::<_, Option<i64>>(8)?.map(from_unix_ms),
        next_attempt_at: from_unix_ms(r.get(9)?),
        message_id: r.get::<_, Option<i64>>(10)?.map(MessageId::from_sql),
        stored_nonce: r.get(11)?,
    })
}

pub struct NewRow<'a> {
    /// The couple-day a nudge belongs to, fixed when it is recorded.
    pub day: Option<chrono::NaiveDate>,
    pub couple_id: CoupleId,
    pub kind: PostKind,
    pub occurrence: DateTime<Utc>,
    pub channel_id: ChannelId,
    pub post: &'a Post,
    pub status: Status,
    pub skip_reason: Option<SkipReason>,
    pub next_attempt_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

/// Records an occurrence; `None` when it was already recorded (it is recorded only once).
pub fn insert(c: &Connection, row: &NewRow<'_>) -> Result<Option<OutboxId>> {
    let payload = serde_json::to_string(row.post).map_err(|e| {
        super::StoreError::Sql(rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    })?;
    let n = c.execute(
        "INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, skip_reason, next_attempt_at, created_at, day, nonce)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (couple_id, kind, occurrence) DO NOTHING",
        params![
            row.couple_id.to_sql(),
            row.kind.code(),
            row.occurrence.timestamp(),
            row.channel_id.to_sql(),
            payload,
            row.status.as_str(),
            row.skip_reason.map(SkipReason::code),
            to_unix_ms(row.next_attempt_at),
            row.now.timestamp(),
            row.day.map(|d| d.format("%Y-%m-%d").to_string()),
            new_nonce(),
        ],
    )?;
    if let (true, Some(reason)) = (n > 0, row.skip_reason) {
        super::health::closed_unsent(row.kind, reason);
    }
    Ok((n > 0).then(|| OutboxId::from_sql(c.last_insert_rowid())))
}

pub fn get(c: &Connection, id: OutboxId) -> Result<Option<OutboxRow>> {
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1"),
        [id.to_sql()],
        from_row,
    )
    .optional()?)
}

/// Pending rows whose next attempt is due at `now`, oldest first.
pub fn due(c: &Connection, now: DateTime<Utc>, limit: usize) -> Result<Vec<OutboxRow>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1
         ORDER BY next_attempt_at, id LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![to_unix_ms(now), limit as i64], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// When the earliest pending row is due.
pub fn next_due(c: &Connection) -> Result<Option<DateTime<Utc>>> {
    Ok(c.query_row(
        "SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'",
        [],
        |r| r.get::<_, Option<i64>>(0),
    )?
    .map(from_unix_ms))
}

/// Opens a new nonce window: the POST about to happen is the first of it.
pub fn start_window(c: &Connection, id: OutboxId, now: DateTime<Utc>) -> Result<()> {
    c.execute(
        "UPDATE outbox SET window_start = ?2, attempts = attempts + 1 WHERE id = ?1 AND status = 'pending'",
        params![id.to_sql(), to_unix_ms(now)],
    )?;
    Ok(())
}

/// Counts an attempt inside the current nonce window.
pub fn count_attempt(c: &Connection, id: OutboxId) -> Result<()> {
    c.execute(
        "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?1 AND status = 'pending'",
        [id.to_sql()],
    )?;
    Ok(())
}

/// Records the message a post became; false when the row is gone (its couple was forgotten).
pub fn mark_sent(
    c: &Connection,
    id: OutboxId,
    message: MessageId,
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(c.execute(
        "UPDATE outbox SET status = 'sent', message_id = ?2, sent_at = ?3 WHERE id = ?1",
        params![id.to_sql(), message.to_sql(), now.timestamp()],
    )? > 0)
}

pub fn retry_at(c: &Connection, id: OutboxId, at: DateTime<Utc>) -> Result<()> {
    c.execute(
        "UPDATE outbox SET next_attempt_at = ?2 WHERE id = ?1 AND status = 'pending'",
        params![id.to_sql(), to_unix_ms(at)],
    )?;
    Ok(())
}

pub fn finish(c: &Connection, id: OutboxId, status: Status, reason: SkipReason) -> Result<()> {
    let kind = c
        .query_row(
            "UPDATE outbox SET status = ?2, skip_reason = ?3 WHERE id = ?1 AND status = 'pending'
             RETURNING kind",
            params![id.to_sql(), status.as_str(), reason.code()],
            |r| r.get::<_, String>(0),
        )
        .optional()?;
    if let Some(kind) = kind.as_deref().and_then(PostKind::from_code) {
        super::health::closed_unsent(kind, reason);
    }
    Ok(())
}

/// The message a sent post became.
pub fn message_of(
    c: &Connection,
    couple: CoupleId,
    kind: PostKind,
    occurrence: DateTime<Utc>,
) -> Result<Option<MessageId>> {
    Ok(c.query_row(
        "SELECT message_id FROM outbox WHERE couple_id = ?1 AND kind = ?2 AND occurrence = ?3",
        params![couple.to_sql(), kind.code(), occurrence.timestamp()],
        |r| r.get::<_, Option<i64>>(0),
    )
    .optional()?
    .flatten()
    .map(MessageId::from_sql))
}

/// One recorded nudge occurrence: when, its couple-day as recorded, how it ended, and why it
/// was skipped.
pub type NudgeRecord = (
    DateTime<Utc>,
    Option<chrono::NaiveDate>,
    Status,
    Option<SkipReason>,
);

/// The couple's nudges sent or waiting to be sent whose occurrence is after `since`, with
/// the couple-day each was recorded under.
pub fn nudges_since(
    c: &Connection,
    couple: CoupleId,
    since: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, Option<chrono::NaiveDate>)>> {
    let mut stmt = c.prepare_cached(
        "SELECT occurrence, day FROM outbox
         WHERE couple_id = ?1 AND kind = 'nudge' AND occurrence > ?2 AND status IN ('pending', 'sent')",
    )?;
    let rows = stmt
        .query_map(params![couple.to_sql(), since.timestamp()], |r| {
            let day: Option<String> = r.get(1)?;
            Ok((
                from_unix(r.get(0)?),
                day.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every nudge occurrence of a couple with its status and skip reason, for streaks.
pub fn nudge_history(c: &Connection, couple: CoupleId) -> Result<Vec<NudgeRecord>> {
    let mut stmt = c.prepare_cached(
        "SELECT occurrence, day, status, skip_reason FROM outbox WHERE couple_id = ?1 AND kind = 'nudge'",
    )?;
    let rows = stmt
        .query_map([couple.to_sql()], |r| {
            let day: Option<String> = r.get(1)?;
            Ok((
                from_unix(r.get(0)?),
                day.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                Status::parse(&r.get::<_, String>(2)?),
                r.get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(SkipReason::from_code),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Makes a couple's held posts (reveals and reflections) due at `now`, after a resume.
pub fn release_couple(c: &Connection, couple: CoupleId, now: DateTime<Utc>) -> Result<()> {
    c.execute(
        "UPDATE outbox SET next_attempt_at = ?2
         WHERE couple_id = ?1 AND status = 'pending' AND next_attempt_at > ?2
           AND kind IN (?3, ?4)",
        params![
            couple.to_sql(),
            to_unix_ms(now),
            PostKind::Reveal.code(),
            PostKind::Reflection.code()
        ],
    )?;
    Ok(())
}

/// Makes every row that was attempted (leased or backing off) due at `now`, after a start, so
/// an occurrence in flight at a crash is retried within its nonce window. Posts planned for
/// later (reminders, say) keep their time.
pub fn release_attempted(c: &Connection, now: DateTime<Utc>) -> Result<()> {
    c.execute(
        "UPDATE outbox SET next_attempt_at = ?1
         WHERE status = 'pending' AND next_attempt_at > ?1 AND window_start IS NOT NULL",
        [to_unix_ms(now)],
    )?;
    Ok(())
}

/// Replaces the post of a row not yet attempted (a digest is summed up when it leaves).
pub fn set_post(c: &Connection, id: OutboxId, post: &Post) -> Result<()> {
    let payload = serde_json::to_string(post).map_err(|e| {
        super::StoreError::Sql(rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    })?;
    c.execute(
        "UPDATE outbox SET payload = ?2 WHERE id = ?1 AND window_start IS NULL",
        params![id.to_sql(), payload],
    )?;
    Ok(())
}

/// Whether a post of this kind and occurrence is recorded for the couple.
pub fn exists(
    c: &Connection,
    couple: CoupleId,
    kind: PostKind,
    occurrence: DateTime<Utc>,
) -> Result<bool> {
    Ok(c.query_row(
        "SELECT count(*) FROM outbox WHERE couple_id = ?1 AND kind = ?2 AND occurrence = ?3",
        params![couple.to_sql(), kind.code(), occurrence.timestamp()],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// How many posts of `kind` were recorded for the couple at or after `since`.
pub fn recorded_since(
    c: &Connection,
    couple: CoupleId,
    kind: PostKind,
    since: DateTime<Utc>,
) -> Result<u32> {
    Ok(c.query_row(
        "SELECT count(*) FROM outbox WHERE couple_id = ?1 AND kind = ?2 AND created_at >= ?3",
        params![couple.to_sql(), kind.code(), since.timestamp()],
        |r| r.get::<_, u32>(0),
    )?)
}

/// A couple's posts of `kind` that are planned and not yet begun (no send attempted), oldest
/// first: those whose words may still change.
pub fn planned(c: &Connection, couple: CoupleId, kind: PostKind) -> Result<Vec<OutboxRow>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE couple_id = ?1 AND kind = ?2 AND status = 'pending'
           AND window_start IS NULL AND attempts = 0 ORDER BY occurrence"
    ))?;
    let rows = stmt
        .query_map(params![couple.to_sql(), kind.code()], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Deletes a couple's posts of `kind` that are planned and not yet begun (no send attempted),
/// so that they are planned again by a changed setting (the digest's weekday). Returns how
/// many went.
pub fn drop_planned(c: &Connection, couple: CoupleId, kind: PostKind) -> Result<usize> {
    Ok(c.execute(
        "DELETE FROM outbox WHERE couple_id = ?1 AND kind = ?2 AND status = 'pending'
           AND window_start IS NULL AND attempts = 0",
        params![couple.to_sql(), kind.code()],
    )?)
}
