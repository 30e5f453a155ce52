//! What forgetting a couple leaves behind on purpose: the messages haven posted for a couple
//! outside the outbox, the queue of work a forget left to do in Discord (which outlives the
//! couple), and, for a day, which couples were forgotten with their posts removed.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::Result;
use crate::domain::forget::{Errand, ForgetTask};
use crate::domain::ids::{ChannelId, CoupleId, MessageId, UserId};

fn to_unix_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// Records a message haven posted for the couple outside the outbox (a public reply).
pub fn record_message(
    c: &Connection,
    couple: CoupleId,
    channel: ChannelId,
    message: MessageId,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "INSERT INTO couple_messages (couple_id, channel_id, message_id, created_at)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (couple_id, message_id) DO NOTHING",
        params![
            couple.to_sql(),
            channel.to_sql(),
            message.to_sql(),
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// Queues the deletion of every message haven posted for the couple (its outbox posts and its
/// recorded replies), due at `now`. Returns how many were queued.
pub fn queue_couple_messages(
    c: &Connection,
    couple: CoupleId,
    now: DateTime<Utc>,
) -> Result<usize> {
    Ok(c.execute(
        "INSERT INTO forget_queue (channel_id, message_id, next_attempt_at, created_at)
         SELECT channel_id, message_id, ?2, ?3 FROM outbox
          WHERE couple_id = ?1 AND message_id IS NOT NULL
         UNION
         SELECT channel_id, message_id, ?2, ?3 FROM couple_messages WHERE couple_id = ?1
         ON CONFLICT (channel_id, message_id) DO NOTHING",
        params![couple.to_sql(), to_unix_ms(now), now.timestamp()],
    )?)
}

/// Queues the deletion of one message, due at `now`.
pub fn queue_message(
    c: &Connection,
    channel: ChannelId,
    message: MessageId,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "INSERT INTO forget_queue (channel_id, message_id, next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (channel_id, message_id) DO NOTHING",
        params![
            channel.to_sql(),
            message.to_sql(),
            to_unix_ms(now),
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// Queues the note in `channel` that tells `partner` that `by` asked haven to forget their
/// couple, due at `now`, with its nonce.
pub fn queue_note(
    c: &Connection,
    channel: ChannelId,
    partner: UserId,
    by: UserId,
    ping: bool,
    language: crate::domain::lang::Lang,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "INSERT INTO forget_queue (channel_id, partner_id, by_id, nonce, next_attempt_at, created_at, ping, language)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            channel.to_sql(),
            partner.to_sql(),
            by.to_sql(),
            format!("hv{:016x}", rand::random::<u64>()),
            to_unix_ms(now),
            now.timestamp(),
            i64::from(ping),
            language.code()
        ],
    )?;
    Ok(())
}

/// Remembers, for a day, that the couple was forgotten with its posts removed.
pub fn remember_forgotten(c: &Connection, couple: CoupleId, now: DateTime<Utc>) -> Result<()> {
    c.execute(
        "INSERT INTO forgotten_couples (couple_id, forgotten_at) VALUES (?1, ?2)
         ON CONFLICT (couple_id) DO NOTHING",
        params![couple.to_sql(), now.timestamp()],
    )?;
    Ok(())
}

/// Whether the couple was forgotten with its posts removed (in the last day).
pub fn forgotten_with_posts(c: &Connection, couple: CoupleId) -> Result<bool> {
    Ok(c.query_row(
        "SELECT 1 FROM forgotten_couples WHERE couple_id = ?1",
        [couple.to_sql()],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}

/// Lets go of couples forgotten before `before`: nothing of theirs can be in flight any more.
pub fn purge_forgotten(c: &Connection, before: DateTime<Utc>) -> Result<()> {
    c.execute(
        "DELETE FROM forgotten_couples WHERE forgotten_at < ?1",
        [before.timestamp()],
    )?;
    Ok(())
}

fn task(r: &Row<'_>) -> rusqlite::Result<ForgetTask> {
    let message: Option<i64> = r.get(2)?;
    let errand = match message {
        Some(m) => Errand::Delete(MessageId::from_sql(m)),
        None => Errand::Tell {
            partner: UserId::from_sql(r.get::<_, Option<i64>>(3)?.unwrap_or(0)),
            by: UserId::from_sql(r.get::<_, Option<i64>>(4)?.unwrap_or(0)),
            nonce: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            ping: r.get::<_, i64>(7)? != 0,
            language: r
                .get::<_, Option<String>>(8)?
                .as_deref()
                .and_then(crate::domain::lang::Lang::from_code)
                .unwrap_or_default(),
        },
    };
    Ok(ForgetTask {
        id: r.get::<_, i64>(0)? as u64,
        channel_id: ChannelId::from_sql(r.get(1)?),
        errand,
        attempts: r.get::<_, i64>(6)?.clamp(0, u32::MAX as i64) as u32,
    })
}

/// Hands out up to `limit` errands due at `now`, oldest first, each counted as one more
/// attempt and leased until `lease_until` so it is not handed out twice.
pub fn claim(
    c: &Connection,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<ForgetTask>> {
    let mut stmt = c.prepare_cached(
        "UPDATE forget_queue SET attempts = attempts + 1, next_attempt_at = ?2
         WHERE id IN (SELECT id FROM forget_queue WHERE next_attempt_at <= ?1
                      ORDER BY next_attempt_at, id LIMIT ?3)
         RETURNING id, channel_id, message_id, partner_id, by_id, nonce, attempts, ping, language",
    )?;
    let mut tasks = stmt
        .query_map(
            params![to_unix_ms(now), to_unix_ms(lease_until), limit as i64],
            task,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    tasks.sort_by_key(|t| t.id);
    Ok(tasks)
}

/// The errand is done (or given up): it leaves the queue.
pub fn done(c: &Connection, id: u64) -> Result<()> {
    c.execute("DELETE FROM forget_queue WHERE id = ?1", [id as i64])?;
    Ok(())
}

pub fn retry_at(c: &Connection, id: u64, at: DateTime<Utc>) -> Result<()> {
    c.execute(
        "UPDATE forget_queue SET next_attempt_at = ?2 WHERE id = ?1",
        params![id as i64, to_unix_ms(at)],
    )?;
    Ok(())
}

/// When the earliest errand is due.
pub fn next_due(c: &Connection) -> Result<Option<DateTime<Utc>>> {
    Ok(
        c.query_row("SELECT min(next_attempt_at) FROM forget_queue", [], |r| {
            r.get::<_, Option<i64>>(0)
        })?
        .and_then(DateTime::from_timestamp_millis),
    )
}

/// Makes every errand due at `now`, after a start: a lease or a wait from before is over.
pub fn release(c: &Connection, now: DateTime<Utc>) -> Result<()> {
    c.execute(
        "UPDATE forget_queue SET next_attempt_at = ?1 WHERE next_attempt_at > ?1",
        [to_unix_ms(now)],
    )?;
    Ok(())
}
