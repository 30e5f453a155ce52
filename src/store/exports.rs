//! What `/export` reads: a couple's check-ins (with whether each day was revealed),
//! reflections, appreciations and custom prompts, as plain rows.

use rusqlite::Connection;

use super::Result;
use crate::domain::ids::{CoupleId, UserId};

pub struct CheckInRow {
    pub day: String,
    pub user: UserId,
    pub mood: i64,
    pub question: Option<String>,
    pub answer: Option<String>,
    pub appreciated: Option<String>,
    pub hear: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub revealed: bool,
}

pub struct ReflectionRow {
    pub day: String,
    pub author: UserId,
    pub reflector: UserId,
    pub text: String,
    pub response: Option<String>,
    pub created_at: i64,
}

pub struct AppreciationRow {
    pub from: UserId,
    pub to: UserId,
    pub text: String,
    pub source: String,
    pub created_at: i64,
}

pub struct PromptRow {
    pub practice: String,
    pub text: String,
    pub created_by: UserId,
    pub created_at: i64,
}

/// Every check-in of the couple, both partners', by day.
pub fn check_ins(c: &Connection, couple: CoupleId) -> Result<Vec<CheckInRow>> {
    let mut stmt = c.prepare(
        "SELECT ch.day, ch.user_id, ch.mood, ch.appreciated, ch.hear, ch.created_at, ch.updated_at,
                EXISTS (SELECT 1 FROM reveals r WHERE r.couple_id = ch.couple_id AND r.day = ch.day),
                ch.question, ch.answer
         FROM checkins ch WHERE ch.couple_id = ?1 ORDER BY ch.day, ch.user_id",
    )?;
    let rows = stmt
        .query_map([couple.to_sql()], |r| {
            Ok(CheckInRow {
                day: r.get(0)?,
                user: UserId::from_sql(r.get(1)?),
                mood: r.get(2)?,
                appreciated: r.get(3)?,
                hear: r.get(4)?,
                created_at: r.get(5)?,
                updated_at: r.get(6)?,
                revealed: r.get(7)?,
                question: r.get(8)?,
                answer: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn reflections(c: &Connection, couple: CoupleId) -> Result<Vec<ReflectionRow>> {
    let mut stmt = c.prepare(
        "SELECT day, author_id, reflector_id, text, response, created_at FROM reflections
         WHERE couple_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([couple.to_sql()], |r| {
            Ok(ReflectionRow {
                day: r.get(0)?,
                author: UserId::from_sql(r.get(1)?),
                reflector: UserId::from_sql(r.get(2)?),
                text: r.get(3)?,
                response: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn appreciations(c: &Connection, couple: CoupleId) -> Result<Vec<AppreciationRow>> {
    let mut stmt = c.prepare(
        "SELECT from_user, to_user, text, source, created_at FROM appreciations
         WHERE couple_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([couple.to_sql()], |r| {
            Ok(AppreciationRow {
                from: UserId::from_sql(r.get(0)?),
                to: UserId::from_sql(r.get(1)?),
                text: r.get(2)?,
                source: r.get(3)?,
                created_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn custom_prompts(c: &Connection, couple: CoupleId) -> Result<Vec<PromptRow>> {
    let mut stmt = c.prepare(
        "SELECT practice, text, created_by, created_at FROM custom_prompts
         WHERE couple_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([couple.to_sql()], |r| {
            Ok(PromptRow {
                practice: r.get(0)?,
                text: r.get(1)?,
                created_by: UserId::from_sql(r.get(2)?),
                created_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
