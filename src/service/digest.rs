//! The weekly digest: the week's check-ins, appreciations and reflections, the streak, and
//! one appreciation from the jar, with that day's first nudge (or at 20:00 local without one).

use super::checkin::day_key;
use crate::domain::checkin::couple_day;
use crate::domain::couple::Couple;
use crate::domain::post::{Post, PostKind};
use crate::domain::schedule::{occurrences_after, CronExpr};
use crate::domain::time::local_instant;
use crate::render::posts;
use crate::store::{outbox, stats, Db, Result as StoreResult};
use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};

pub use crate::domain::view::Week;

/// Makes sure the next digest is planned: on the next `weekday` (this one if its time is still
/// ahead), at that day's first nudge or 20:00 local.
pub fn plan(
    tx: &Db,
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
        if !outbox::exists(tx, couple.id, PostKind::Digest, key)? {
            // Summed up when it leaves (see the outbox's claim).
            super::outbox::record(
                tx,
                couple,
                PostKind::Digest,
                key,
                &Post::default(),
                when,
                now,
            )?;
        }
        return Ok(());
    }
    Ok(())
}

/// Sums up the week before the digest's day.
pub fn week(tx: &Db, couple: &Couple, now: DateTime<Utc>) -> StoreResult<Week> {
    // The seven couple-days before the digest's own (whose check-ins mostly come later and
    // belong to next week's digest).
    let today = couple_day(now, couple.timezone.0, couple.day_start);
    let id = couple.id;
    let since = now - Duration::days(7);
    let records = super::streak::records(tx, couple)?;
    Ok(Week {
        days_together: stats::days_together(
            tx,
            id,
            today - Duration::days(7),
            today - Duration::days(1),
        )?,
        appreciations: stats::appreciations_since(tx, id, since)?,
        reflections: stats::reflections_since(tx, id, since)?,
        streak: crate::domain::streak::compute(&records, today).current,
        from_jar: stats::random_from_jar(tx, id)?,
    })
}

/// The digest's post, summed up as it leaves.
pub fn render(tx: &Db, couple: &Couple, now: DateTime<Utc>, marker: &str) -> StoreResult<Post> {
    let mut post = posts::digest(
        couple.language,
        couple.partners,
        &week(tx, couple, now)?,
        marker,
    );
    super::pulse::add_to_digest(tx, couple, now, &mut post, marker)?;
    Ok(post)
}
