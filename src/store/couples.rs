//! Couples and their partners.

use chrono::{DateTime, Utc, Weekday};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{from_unix, to_unix, Result};
use crate::domain::couple::{Couple, CoupleSchedule, PartnerDay, PauseReason, Togetherness};
use crate::domain::ids::{ChannelId, CoupleId, GuildId, UserId};
use crate::domain::lang::Lang;
use crate::domain::schedule::CronExpr;
use crate::domain::time::{LocalTime, Timezone};

const COLUMNS: &str = "id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at, next_due, paused_until, pause_reason, skip_at, nudge_count, mention_partners, day_starts_at, closed_before, paused_by, anniversary, digest_weekday, togetherness, language,
    (SELECT timezone FROM partner_settings s WHERE s.couple_id = couples.id AND s.user_id = couples.partner_a),
    (SELECT closed_before FROM partner_settings s WHERE s.couple_id = couples.id AND s.user_id = couples.partner_a),
    (SELECT timezone FROM partner_settings s WHERE s.couple_id = couples.id AND s.user_id = couples.partner_b),
    (SELECT closed_before FROM partner_settings s WHERE s.couple_id = couples.id AND s.user_id = couples.partner_b)";

/// A stored date (`YYYY-MM-DD`).
fn date(text: Option<String>) -> Option<chrono::NaiveDate> {
    text.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

/// A partner's own day from its two columns; a zone this haven no longer knows is the couple's.
fn partner_day(r: &Row<'_>, at: usize) -> rusqlite::Result<PartnerDay> {
    Ok(PartnerDay {
        timezone: r
            .get::<_, Option<String>>(at)?
            .and_then(|t| Timezone::parse(&t).ok()),
        closed_before: date(r.get(at + 1)?),
    })
}

/// The stored code of a weekday.
pub fn weekday_code(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Couple> {
    let tz: String = r.get(5)?;
    let timezone = Timezone::parse(&tz).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Couple {
        id: CoupleId::from_sql(r.get(0)?),
        guild_id: GuildId::from_sql(r.get(1)?),
        channel_id: ChannelId::from_sql(r.get(2)?),
        partners: [UserId::from_sql(r.get(3)?), UserId::from_sql(r.get(4)?)],
        timezone,
        schedule: CoupleSchedule::from_stored(&r.get::<_, String>(6)?),
        created_channel: r.get::<_, i64>(7)? != 0,
        created_at: from_unix(r.get(8)?),
        next_due: r.get::<_, Option<i64>>(9)?.map(from_unix),
        paused_until: r.get::<_, Option<i64>>(10)?.map(from_unix),
        pause_reason: r
            .get::<_, Option<String>>(11)?
            .as_deref()
            .and_then(PauseReason::parse),
        skip_at: r.get::<_, Option<i64>>(12)?.map(from_unix),
        nudge_count: r.get::<_, i64>(13)?.max(0) as u64,
        mention_partners: r.get::<_, i64>(14)? != 0,
        day_start: LocalTime::parse(&r.get::<_, String>(15)?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(15, rusqlite::types::Type::Text, Box::new(e))
        })?,
        closed_before: date(r.get(16)?),
        paused_by: r.get::<_, Option<i64>>(17)?.map(UserId::from_sql),
        anniversary: r
            .get::<_, Option<String>>(18)?
            .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        digest_weekday: r
            .get::<_, Option<String>>(19)?
            .and_then(|d| d.parse::<Weekday>().ok()),
        togetherness: Togetherness::parse(&r.get::<_, String>(20)?).unwrap_or_default(),
        language: r
            .get::<_, Option<String>>(21)?
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default(),
        own: [partner_day(r, 22)?, partner_day(r, 24)?],
    })
}

pub fn by_channel(c: &Connection, channel: ChannelId) -> Result<Option<Couple>> {
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM couples WHERE channel_id = ?1"),
        [channel.to_sql()],
        from_row,
    )
    .optional()?)
}

pub fn by_id(c: &Connection, id: CoupleId) -> Result<Option<Couple>> {
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM couples WHERE id = ?1"),
        [id.to_sql()],
        from_row,
    )
    .optional()?)
}

/// The couple `user` belongs to in `guild`, if any.
pub fn by_member(c: &Connection, guild: GuildId, user: UserId) -> Result<Option<Couple>> {
    Ok(c.query_row(
        &format!(
            "SELECT {COLUMNS} FROM couples WHERE id =
               (SELECT couple_id FROM partners WHERE guild_id = ?1 AND user_id = ?2)"
        ),
        [guild.to_sql(), user.to_sql()],
        from_row,
    )
    .optional()?)
}

/// The channels haven created in `guild`, its couples forgotten or not.
pub fn count_created_channels(c: &Connection, guild: GuildId) -> Result<u32> {
    Ok(c.query_row(
        "SELECT count(*) FROM created_channels WHERE guild_id = ?1",
        [guild.to_sql()],
        |r| r.get(0),
    )?)
}

/// A channel haven created was deleted (by someone with Manage Channels): it no longer counts.
pub fn created_channel_deleted(c: &Connection, guild: GuildId, channel: ChannelId) -> Result<()> {
    c.execute(
        "DELETE FROM created_channels WHERE guild_id = ?1 AND channel_id = ?2",
        [guild.to_sql(), channel.to_sql()],
    )?;
    Ok(())
}

/// Every server some couple lives in.
pub fn guilds(c: &Connection) -> Result<Vec<GuildId>> {
    let mut stmt = c.prepare("SELECT DISTINCT guild_id FROM couples")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(GuildId::from_sql).collect())
}

/// The `meta` key of the highest couple id ever given.
const LAST_COUPLE_ID: &str = "last_couple_id";

/// A couple id never given before, even to a couple since deleted: ids carried in buttons
/// (a /forget confirmation, say) must never reach a newer couple.
fn next_couple_id(c: &Connection) -> Result<CoupleId> {
    let last: i64 = c.query_row(
        "SELECT max(coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?1), 0),
                    coalesce((SELECT max(id) FROM couples), 0))",
        [LAST_COUPLE_ID],
        |r| r.get(0),
    )?;
    let id = CoupleId::from_sql(last + 1);
    super::meta::set(c, LAST_COUPLE_ID, &id.to_sql().to_string())?;
    Ok(id)
}

/// A couple about to be stored.
pub struct NewCouple {
    pub guild_id: GuildId,
    pub channel_id: ChannelId,
    pub partners: [UserId; 2],
    pub timezone: Timezone,
    pub schedule: CronExpr,
    pub created_channel: bool,
    pub created_at: DateTime<Utc>,
    pub next_due: Option<DateTime<Utc>>,
    /// The language of the couple's posts (the inviter's).
    pub language: Lang,
}

/// Inserts the couple and its two partner rows; `None` (with nothing written) when the channel
/// already has a couple or either partner is already paired in the server.
pub fn insert(c: &Connection, new: &NewCouple) -> Result<Option<Couple>> {
    c.execute_batch("SAVEPOINT new_couple")?;
    match insert_rows(c, new) {
        Ok(couple) => {
            c.execute_batch("RELEASE new_couple")?;
            Ok(Some(couple))
        }
        Err(e) => {
            c.execute_batch("ROLLBACK TO new_couple; RELEASE new_couple")?;
            match e {
                super::StoreError::Sql(e) if super::is_constraint(&e) => Ok(None),
                e => Err(e),
            }
        }
    }
}

fn insert_rows(c: &Connection, new: &NewCouple) -> Result<Couple> {
    let id = next_couple_id(c)?;
    c.execute(
        "INSERT INTO couples (id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at, next_due, language)
         VALUES (?10, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11)",
        params![
            new.guild_id.to_sql(),
            new.channel_id.to_sql(),
            new.partners[0].to_sql(),
            new.partners[1].to_sql(),
            new.timezone.name(),
            new.schedule.as_str(),
            i64::from(new.created_channel),
            to_unix(new.created_at),
            new.next_due.map(to_unix),
            id.to_sql(),
            new.language.code(),
        ],
    )?;
    if new.created_channel {
        c.execute(
            "INSERT INTO created_channels (guild_id, channel_id, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (guild_id, channel_id) DO NOTHING",
            params![
                new.guild_id.to_sql(),
                new.channel_id.to_sql(),
                to_unix(new.created_at)
            ],
        )?;
    }
    for p in new.partners {
        c.execute(
            "INSERT INTO partners (guild_id, user_id, couple_id) VALUES (?1, ?2, ?3)",
            params![new.guild_id.to_sql(), p.to_sql(), id.to_sql()],
        )?;
    }
    by_id(c, id)?.ok_or(super::StoreError::Sql(rusqlite::Error::QueryReturnedNoRows))
}

/// Deletes the couple and everything that references it (foreign keys cascade).
pub fn delete(c: &Connection, id: CoupleId) -> Result<bool> {
    Ok(c.execute("DELETE FROM couples WHERE id = ?1", [id.to_sql()])? > 0)
}

/// Couples whose next nudge is due at `now`, soonest first.
pub fn due(c: &Connection, now: DateTime<Utc>, limit: usize) -> Result<Vec<Couple>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM couples WHERE next_due <= ?1 ORDER BY next_due, id LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![to_unix(now), limit as i64], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The soonest next nudge of any couple.
pub fn earliest_due(c: &Connection) -> Result<Option<DateTime<Utc>>> {
    Ok(c.query_row("SELECT min(next_due) FROM couples", [], |r| {
        r.get::<_, Option<i64>>(0)
    })?
    .map(from_unix))
}

/// Couples without a next nudge, after `after` in id order (schedules that never fire again
/// stay in this list, so callers page through it).
pub fn unscheduled(c: &Connection, after: CoupleId, limit: usize) -> Result<Vec<Couple>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM couples WHERE next_due IS NULL AND id > ?1 ORDER BY id LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![after.to_sql(), limit as i64], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn set_next_due(
    c: &Connection,
    id: CoupleId,
    next: Option<DateTime<Utc>>,
    sent_one: bool,
) -> Result<()> {
    c.execute(
        "UPDATE couples SET next_due = ?2, nudge_count = nudge_count + ?3 WHERE id = ?1",
        params![id.to_sql(), next.map(to_unix), i64::from(sent_one)],
    )?;
    Ok(())
}

pub fn set_schedule(
    c: &Connection,
    id: CoupleId,
    cron: &CronExpr,
    tz: Timezone,
    next: Option<DateTime<Utc>>,
    closed_before: Option<chrono::NaiveDate>,
) -> Result<()> {
    c.execute(
        "UPDATE couples SET schedule_cron = ?2, timezone = ?3, next_due = ?4, skip_at = NULL,
                            closed_before = ?5 WHERE id = ?1",
        params![
            id.to_sql(),
            cron.as_str(),
            tz.name(),
            next.map(to_unix),
            closed_before.map(|d| d.format("%Y-%m-%d").to_string())
        ],
    )?;
    Ok(())
}

/// Sets (or, with `None`s, lifts) the couple's pause; `by` is the partner whose /pause it is.
pub fn set_pause(
    c: &Connection,
    id: CoupleId,
    until: Option<DateTime<Utc>>,
    reason: Option<PauseReason>,
    by: Option<UserId>,
) -> Result<()> {
    c.execute(
        "UPDATE couples SET paused_until = ?2, pause_reason = ?3, paused_by = ?4 WHERE id = ?1",
        params![
            id.to_sql(),
            until.map(to_unix),
            reason.map(PauseReason::as_str),
            by.map(UserId::to_sql)
        ],
    )?;
    Ok(())
}

pub fn set_skip(c: &Connection, id: CoupleId, at: Option<DateTime<Utc>>) -> Result<()> {
    c.execute(
        "UPDATE couples SET skip_at = ?2 WHERE id = ?1",
        params![id.to_sql(), at.map(to_unix)],
    )?;
    Ok(())
}

/// Sets (or, with `None`, clears) the couple's anniversary.
pub fn set_anniversary(
    c: &Connection,
    id: CoupleId,
    date: Option<chrono::NaiveDate>,
) -> Result<bool> {
    Ok(c.execute(
        "UPDATE couples SET anniversary = ?2 WHERE id = ?1",
        params![id.to_sql(), date.map(|d| d.format("%Y-%m-%d").to_string())],
    )? > 0)
}

/// Sets when the couple's day starts; `closed` is each partner's closed-day record (in the
/// order of the partners) and the couple's, so that the new start reopens no ended day.
pub fn set_day_start(
    c: &Connection,
    couple: &Couple,
    start: LocalTime,
    closed: [chrono::NaiveDate; 2],
    couple_closed: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "UPDATE couples SET day_starts_at = ?2, closed_before = ?3 WHERE id = ?1",
        params![
            couple.id.to_sql(),
            start.to_string(),
            couple_closed.format("%Y-%m-%d").to_string()
        ],
    )?;
    for (p, d) in couple.partners.iter().zip(closed) {
        super::partner_settings::set_closed_before(c, couple.id, *p, d, now)?;
    }
    Ok(())
}

/// Sets the couple's own digest weekday (`None`: the host's).
pub fn set_digest_weekday(c: &Connection, id: CoupleId, day: Option<Weekday>) -> Result<()> {
    c.execute(
        "UPDATE couples SET digest_weekday = ?2 WHERE id = ?1",
        params![id.to_sql(), day.map(weekday_code)],
    )?;
    Ok(())
}

/// Sets whether the couple is mostly together, mostly apart or both.
pub fn set_togetherness(c: &Connection, id: CoupleId, t: Togetherness) -> Result<()> {
    c.execute(
        "UPDATE couples SET togetherness = ?2 WHERE id = ?1",
        params![id.to_sql(), t.code()],
    )?;
    Ok(())
}

/// Sets the language of the couple's posts; false when the couple is gone.
pub fn set_language(c: &Connection, id: CoupleId, language: Lang) -> Result<bool> {
    Ok(c.execute(
        "UPDATE couples SET language = ?2 WHERE id = ?1",
        params![id.to_sql(), language.code()],
    )? > 0)
}
