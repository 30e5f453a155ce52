//! Couples and their partners.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{from_unix, to_unix, Result};
use crate::domain::couple::Couple;
use crate::domain::ids::{ChannelId, CoupleId, GuildId, UserId};
use crate::domain::time::Timezone;

const COLUMNS: &str = "id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at";

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
        schedule_cron: r.get(6)?,
        created_channel: r.get::<_, i64>(7)? != 0,
        created_at: from_unix(r.get(8)?),
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

pub fn count_created_channels(c: &Connection, guild: GuildId) -> Result<u32> {
    Ok(c.query_row(
        "SELECT count(*) FROM couples WHERE guild_id = ?1 AND created_channel = 1",
        [guild.to_sql()],
        |r| r.get(0),
    )?)
}

/// A couple about to be stored.
pub struct NewCouple {
    pub guild_id: GuildId,
    pub channel_id: ChannelId,
    pub partners: [UserId; 2],
    pub timezone: Timezone,
    pub schedule_cron: String,
    pub created_channel: bool,
    pub created_at: DateTime<Utc>,
}

/// Inserts the couple and its two partner rows. Fails with a constraint error when the channel
/// already has a couple or either partner is already paired in the server.
pub fn insert(c: &Connection, new: &NewCouple) -> Result<Couple> {
    c.execute(
        "INSERT INTO couples (guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new.guild_id.to_sql(),
            new.channel_id.to_sql(),
            new.partners[0].to_sql(),
            new.partners[1].to_sql(),
            new.timezone.name(),
            new.schedule_cron,
            i64::from(new.created_channel),
            to_unix(new.created_at),
        ],
    )?;
    let id = CoupleId::from_sql(c.last_insert_rowid());
    for p in new.partners {
        c.execute(
            "INSERT INTO partners (guild_id, user_id, couple_id) VALUES (?1, ?2, ?3)",
            params![new.guild_id.to_sql(), p.to_sql(), id.to_sql()],
        )?;
    }
    Ok(Couple {
        id,
        guild_id: new.guild_id,
        channel_id: new.channel_id,
        partners: new.partners,
        timezone: new.timezone,
        schedule_cron: new.schedule_cron.clone(),
        created_channel: new.created_channel,
        created_at: from_unix(to_unix(new.created_at)),
    })
}

/// Deletes the couple and everything that references it (foreign keys cascade).
pub fn delete(c: &Connection, id: CoupleId) -> Result<bool> {
    Ok(c.execute("DELETE FROM couples WHERE id = ?1", [id.to_sql()])? > 0)
}
