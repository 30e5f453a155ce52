//! "On my mind": each partner's private notes, and where each brought-up note stands.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{from_unix, Result};
use crate::domain::ids::{ChannelId, CoupleId, OutboxId, UserId};
use crate::domain::onmymind::{Note, NoteStatus, Pick};
use crate::domain::post::PostKind;

const COLUMNS: &str = "id, couple_id, author_id, text, status, draft, with_words, picked, talk_at, post_at, reminder_at, ask_at, ask_here, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    let time = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        Ok(r.get::<_, Option<i64>>(i)?.map(from_unix))
    };
    Ok(Note {
        id: r.get::<_, i64>(0)? as u64,
        couple_id: CoupleId::from_sql(r.get(1)?),
        author: UserId::from_sql(r.get(2)?),
        text: r.get(3)?,
        status: NoteStatus::parse(&r.get::<_, String>(4)?).unwrap_or(NoteStatus::Open),
        draft: r.get(5)?,
        with_words: r.get::<_, Option<i64>>(6)?.map(|w| w == 1),
        picked: r
            .get::<_, Option<String>>(7)?
            .as_deref()
            .and_then(Pick::parse),
        talk_at: time(8)?,
        post_at: time(9)?,
        reminder_at: time(10)?,
        ask_at: time(11)?,
        ask_here: r.get::<_, i64>(12)? == 1,
        created_at: from_unix(r.get(13)?),
        updated_at: from_unix(r.get(14)?),
    })
}

/// Keeps a new note; returns its id.
pub fn add(
    c: &Connection,
    couple: CoupleId,
    author: UserId,
    text: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    c.execute(
        "INSERT INTO on_my_mind (couple_id, author_id, text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![couple.to_sql(), author.to_sql(), text, now.timestamp()],
    )?;
    Ok(c.last_insert_rowid() as u64)
}

/// How many notes `author` keeps open (not yet talked about).
pub fn count_open(c: &Connection, couple: CoupleId, author: UserId) -> Result<u32> {
    Ok(c.query_row(
        "SELECT count(*) FROM on_my_mind
         WHERE couple_id = ?1 AND author_id = ?2 AND status IN ('open', 'brought_up')",
        params![couple.to_sql(), author.to_sql()],
        |r| r.get(0),
    )?)
}

/// Every note of `author`'s, oldest first.
pub fn of_author(c: &Connection, couple: CoupleId, author: UserId) -> Result<Vec<Note>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM on_my_mind WHERE couple_id = ?1 AND author_id = ?2 ORDER BY id"
    ))?;
    let rows = stmt
        .query_map(params![couple.to_sql(), author.to_sql()], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One note of the couple's, whoever wrote it (callers check the author).
pub fn get(c: &Connection, couple: CoupleId, id: u64) -> Result<Option<Note>> {
    let Ok(id) = i64::try_from(id) else {
        return Ok(None);
    };
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM on_my_mind WHERE id = ?1 AND couple_id = ?2"),
        params![id, couple.to_sql()],
        from_row,
    )
    .optional()?)
}

/// The note whose follow-up is the outbox occurrence `ask_at`.
pub fn by_ask(c: &Connection, couple: CoupleId, ask_at: DateTime<Utc>) -> Result<Option<Note>> {
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM on_my_mind WHERE couple_id = ?1 AND ask_at = ?2"),
        params![couple.to_sql(), ask_at.timestamp()],
        from_row,
    )
    .optional()?)
}

/// Replaces a note's text.
pub fn set_text(c: &Connection, id: u64, text: &str, now: DateTime<Utc>) -> Result<()> {
    c.execute(
        "UPDATE on_my_mind SET text = ?2, draft = NULL, updated_at = ?3 WHERE id = ?1",
        params![id as i64, text, now.timestamp()],
    )?;
    Ok(())
}

pub fn delete(c: &Connection, id: u64) -> Result<()> {
    c.execute("DELETE FROM on_my_mind WHERE id = ?1", [id as i64])?;
    Ok(())
}

/// Keeps the opener the author wrote in the form.
pub fn set_draft(c: &Connection, id: u64, draft: &str, now: DateTime<Utc>) -> Result<()> {
    c.execute(
        "UPDATE on_my_mind SET draft = ?2, updated_at = ?3 WHERE id = ?1",
        params![id as i64, draft, now.timestamp()],
    )?;
    Ok(())
}

/// The note was posted (occurrence `post_at`), with or without its author's words.
pub fn mark_brought_up(
    c: &Connection,
    id: u64,
    with_words: bool,
    post_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "UPDATE on_my_mind SET status = 'brought_up', with_words = ?2, post_at = ?3,
                picked = NULL, talk_at = NULL, reminder_at = NULL, ask_at = NULL, ask_here = 0,
                updated_at = ?4
         WHERE id = ?1",
        params![id as i64, with_words, post_at.timestamp(), now.timestamp()],
    )?;
    Ok(())
}

/// The partner's pick, and the occurrences of the reminder and the follow-up it planned.
pub fn set_pick(
    c: &Connection,
    id: u64,
    pick: Pick,
    talk_at: DateTime<Utc>,
    reminder_at: DateTime<Utc>,
    ask_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "UPDATE on_my_mind SET picked = ?2, talk_at = ?3, reminder_at = ?4, ask_at = ?5,
                updated_at = ?6
         WHERE id = ?1",
        params![
            id as i64,
            pick.code(),
            talk_at.timestamp(),
            reminder_at.timestamp(),
            ask_at.timestamp(),
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// The follow-up could not be sent by DM: it waits for the author's next reply.
pub fn set_ask_here(c: &Connection, id: u64, ask_here: bool) -> Result<()> {
    c.execute(
        "UPDATE on_my_mind SET ask_here = ?2 WHERE id = ?1",
        params![id as i64, ask_here],
    )?;
    Ok(())
}

/// The author's answer: talked (done), or back on their private list as it was.
pub fn answer(c: &Connection, id: u64, talked: bool, now: DateTime<Utc>) -> Result<()> {
    let status = if talked {
        NoteStatus::Done
    } else {
        NoteStatus::Open
    };
    c.execute(
        "UPDATE on_my_mind SET status = ?2, draft = NULL, ask_here = 0, updated_at = ?3
         WHERE id = ?1",
        params![id as i64, status.code(), now.timestamp()],
    )?;
    Ok(())
}

/// A free occurrence of `kind` for the couple at or after `at` (two notes brought up, or two
/// talks picked, in the same second each get their own row).
pub fn free_occurrence(
    c: &Connection,
    couple: CoupleId,
    kind: PostKind,
    at: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let mut t = at;
    while super::outbox::exists(c, couple, kind, t)? {
        t += chrono::Duration::seconds(1);
    }
    Ok(t)
}

/// Where a recorded post stands: (status is pending, an attempt was made).
pub fn post_state(
    c: &Connection,
    couple: CoupleId,
    kind: PostKind,
    occurrence: DateTime<Utc>,
) -> Result<Option<(bool, bool)>> {
    Ok(c.query_row(
        "SELECT status = 'pending', window_start IS NOT NULL FROM outbox
         WHERE couple_id = ?1 AND kind = ?2 AND occurrence = ?3",
        params![couple.to_sql(), kind.code(), occurrence.timestamp()],
        |r| Ok((r.get::<_, bool>(0)?, r.get::<_, bool>(1)?)),
    )
    .optional()?)
}

/// Withdraws a recorded post that was never attempted; false when it was (or is gone).
pub fn withdraw_unattempted(
    c: &Connection,
    couple: CoupleId,
    kind: PostKind,
    occurrence: DateTime<Utc>,
) -> Result<bool> {
    Ok(c.execute(
        "DELETE FROM outbox WHERE couple_id = ?1 AND kind = ?2 AND occurrence = ?3
           AND status = 'pending' AND window_start IS NULL",
        params![couple.to_sql(), kind.code(), occurrence.timestamp()],
    )? > 0)
}

/// A direct post goes to this DM channel: recorded before it is sent, so a read-back and a
/// forget's removal find it there.
pub fn set_post_channel(c: &Connection, id: OutboxId, channel: ChannelId) -> Result<()> {
    c.execute(
        "UPDATE outbox SET channel_id = ?2 WHERE id = ?1",
        params![id.to_sql(), channel.to_sql()],
    )?;
    Ok(())
}
