//! The weekly digest: the week's check-ins, appreciations and reflections, the streak, and
//! one appreciation from the jar, with that day's first nudge (or at 20:00 local without one).

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};
use rusqlite::{params, Connection, OptionalExtension};

use super::checkin::day_key;
use crate::copy;
use crate::domain::checkin::couple_day;
use crate::domain::couple::Couple;
use crate::domain::ids::UserId;
use crate::domain::post::Post;
use crate::domain::schedule::{occurrences_after, CronExpr};
use crate::domain::time::local_instant;
use crate::store::{outbox, Result as StoreResult};

pub const DIGEST: &str = "digest";

/// The week a digest sums up, and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    pub days_together: u32,
    pub appreciations: u32,
    pub reflections: u32,
    pub streak: u32,
    /// One appreciation from the jar: who wrote it, and what.
    pub from_jar: Option<(UserId, String)>,
}

/// Makes sure the next digest is planned: on the next `weekday` (this one if its time is still
/// ahead), at that day's first nudge or 20:00 local.
pub fn plan(
    tx: &Connection,
    couple: &Couple,
    expr: &CronExpr,
    now: DateTime<Utc>,
    weekday: Weekday,
) -> StoreResult<()> {
    let tz = couple.timezone.0;
    let local_today = now.with_timezone(&tz).date_naive();
    let ahead = (7 + weekday.num_days_from_monday() as i64
        - local_today.weekday().num_days_from_monday() as i64)
        % 7;
    for week in [0, 7] {
        let day = local_today + Duration::days(ahead + week);
        let start = local_instant(tz, day, NaiveTime::MIN);
        let end = local_instant(tz, day + Duration::days(1), NaiveTime::MIN);
        let when = occurrences_after(expr, tz, start - Duration::seconds(1))
            .next()
            .filter(|t| *t < end)
            .unwrap_or_else(|| {
                local_instant(
                    tz,
                    day,
                    NaiveTime::from_hms_opt(20, 0, 0).unwrap_or_default(),
                )
            });
        if when <= now {
            continue;
        }
        let key = day_key(day, 0);
        if !outbox::exists(tx, couple.id, DIGEST, key)? {
            super::nudge::record(tx, couple, DIGEST, key, &Post::default(), None, when, now)?;
        }
        return Ok(());
    }
    Ok(())
}

/// Sums up the week before the digest's day.
pub fn week(tx: &Connection, couple: &Couple, now: DateTime<Utc>) -> StoreResult<Week> {
    // The seven couple-days before the digest's own (whose check-ins mostly come later and
    // belong to next week's digest).
    let today = couple_day(now, couple.timezone.0, couple.day_start);
    let from = (today - Duration::days(7)).format("%Y-%m-%d").to_string();
    let to = (today - Duration::days(1)).format("%Y-%m-%d").to_string();
    let id = couple.id.to_sql();
    let days_together: u32 = tx.query_row(
        "SELECT count(*) FROM (SELECT day FROM checkins WHERE couple_id = ?1 AND day BETWEEN ?2 AND ?3
                               GROUP BY day HAVING count(DISTINCT user_id) = 2)",
        params![id, from, to],
        |r| r.get(0),
    )?;
    let since = (now - Duration::days(7)).timestamp();
    let appreciations: u32 = tx.query_row(
        "SELECT count(*) FROM appreciations WHERE couple_id = ?1 AND created_at >= ?2",
        params![id, since],
        |r| r.get(0),
    )?;
    let reflections: u32 = tx.query_row(
        "SELECT count(*) FROM reflections WHERE couple_id = ?1 AND created_at >= ?2",
        params![id, since],
        |r| r.get(0),
    )?;
    let from_jar = tx
        .query_row(
            "SELECT from_user, text FROM appreciations WHERE couple_id = ?1 AND source = 'jar'
             ORDER BY random() LIMIT 1",
            [id],
            |r| Ok((UserId::from_sql(r.get(0)?), r.get::<_, String>(1)?)),
        )
        .optional()?;
    let records = super::streak::records(tx, couple)?;
    let streak = crate::domain::streak::compute(&records, today).current;
    Ok(Week {
        days_together,
        appreciations,
        reflections,
        streak,
        from_jar,
    })
}

pub fn render(
    tx: &Connection,
    couple: &Couple,
    _key: DateTime<Utc>,
    now: DateTime<Utc>,
    marker: &str,
) -> StoreResult<Post> {
    Ok(copy::digest(
        couple.partners,
        &week(tx, couple, now)?,
        marker,
    ))
}
