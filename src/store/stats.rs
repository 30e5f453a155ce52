//! Counts over a couple's history, for the weekly digest.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{to_unix, Result};
use crate::domain::ids::{CoupleId, UserId};

/// Days in `from..=to` on which both partners checked in.
pub fn days_together(
    c: &Connection,
    couple: CoupleId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<u32> {
    Ok(c.query_row(
        "SELECT count(*) FROM (SELECT day FROM checkins WHERE couple_id = ?1 AND day BETWEEN ?2 AND ?3
                               GROUP BY day HAVING count(DISTINCT user_id) = 2)",
        params![
            couple.to_sql(),
            from.format("%Y-%m-%d").to_string(),
            to.format("%Y-%m-%d").to_string()
        ],
        |r| r.get(0),
    )?)
}

/// Appreciations (by command or from the jar) written since `since`.
pub fn appreciations_since(c: &Connection, couple: CoupleId, since: DateTime<Utc>) -> Result<u32> {
    Ok(c.query_row(
        "SELECT count(*) FROM appreciations WHERE couple_id = ?1 AND created_at >= ?2",
        params![couple.to_sql(), to_unix(since)],
        |r| r.get(0),
    )?)
}

/// Reflections written since `since`.
pub fn reflections_since(c: &Connection, couple: CoupleId, since: DateTime<Utc>) -> Result<u32> {
    Ok(c.query_row(
        "SELECT count(*) FROM reflections WHERE couple_id = ?1 AND created_at >= ?2",
        params![couple.to_sql(), to_unix(since)],
        |r| r.get(0),
    )?)
}

/// One appreciation from the jar, at random: who wrote it, and what.
pub fn random_from_jar(c: &Connection, couple: CoupleId) -> Result<Option<(UserId, String)>> {
    Ok(c.query_row(
        "SELECT from_user, text FROM appreciations WHERE couple_id = ?1 AND source = 'jar'
         ORDER BY random() LIMIT 1",
        [couple.to_sql()],
        |r| Ok((UserId::from_sql(r.get(0)?), r.get::<_, String>(1)?)),
    )
    .optional()?)
}
