//! Invitations to pair, from /setup to Accept or Decline.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{from_unix, to_unix, Result};
use crate::domain::couple::{ForgottenInvitations, Invitation, InvitationStatus};
use crate::domain::ids::{ChannelId, GuildId, InvitationId, UserId};
use crate::domain::time::{LocalTime, Timezone};

const COLUMNS: &str = "id, guild_id, channel_id, inviter_id, invitee_id, timezone, nudge_time, private_channel, status, created_at, expires_at, decided_at, dm_channel_id, language";

fn conversion<E: std::error::Error + Send + Sync + 'static>(i: usize, e: E) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Invitation> {
    let tz: String = r.get(5)?;
    let time: String = r.get(6)?;
    let status: String = r.get(8)?;
    Ok(Invitation {
        id: InvitationId::from_sql(r.get(0)?),
        guild_id: GuildId::from_sql(r.get(1)?),
        channel_id: ChannelId::from_sql(r.get(2)?),
        inviter: UserId::from_sql(r.get(3)?),
        invitee: UserId::from_sql(r.get(4)?),
        timezone: Timezone::parse(&tz).map_err(|e| conversion(5, e))?,
        nudge_time: LocalTime::parse(&time).map_err(|e| conversion(6, e))?,
        private_channel: r.get::<_, i64>(7)? != 0,
        status: InvitationStatus::parse(&status).ok_or_else(|| conversion(8, std::fmt::Error))?,
        created_at: from_unix(r.get(9)?),
        expires_at: from_unix(r.get(10)?),
        decided_at: r.get::<_, Option<i64>>(11)?.map(from_unix),
        dm_channel_id: r.get::<_, Option<i64>>(12)?.map(ChannelId::from_sql),
        language: r
            .get::<_, Option<String>>(13)?
            .as_deref()
            .and_then(crate::domain::lang::Lang::from_code)
            .unwrap_or_default(),
    })
}

pub fn by_id(c: &Connection, id: InvitationId) -> Result<Option<Invitation>> {
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM invitations WHERE id = ?1"),
        [id.to_sql()],
        from_row,
    )
    .optional()?)
}

/// The newest invitation from `inviter` to `invitee` in `guild`.
pub fn latest_for_pair(
    c: &Connection,
    guild: GuildId,
    inviter: UserId,
    invitee: UserId,
) -> Result<Option<Invitation>> {
    Ok(c.query_row(
        &format!(
            "SELECT {COLUMNS} FROM invitations
             WHERE guild_id = ?1 AND inviter_id = ?2 AND invitee_id = ?3
             ORDER BY created_at DESC, id DESC LIMIT 1"
        ),
        [guild.to_sql(), inviter.to_sql(), invitee.to_sql()],
        from_row,
    )
    .optional()?)
}

/// An open invitation for a channel that already waits for an answer.
pub fn open_for_channel(
    c: &Connection,
    channel: ChannelId,
    now: DateTime<Utc>,
) -> Result<Option<Invitation>> {
    Ok(c.query_row(
        &format!(
            "SELECT {COLUMNS} FROM invitations
             WHERE channel_id = ?1 AND status = 'pending' AND private_channel = 0 AND expires_at > ?2
             ORDER BY id DESC LIMIT 1"
        ),
        params![channel.to_sql(), to_unix(now)],
        from_row,
    )
    .optional()?)
}

/// An invitation about to be stored.
pub struct NewInvitation {
    pub guild_id: GuildId,
    pub channel_id: ChannelId,
    pub inviter: UserId,
    pub invitee: UserId,
    pub timezone: Timezone,
    pub nudge_time: LocalTime,
    pub private_channel: bool,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The inviter's language: the couple's, once paired.
    pub language: crate::domain::lang::Lang,
}

pub fn insert(c: &Connection, new: &NewInvitation) -> Result<Invitation> {
    c.execute(
        "INSERT INTO invitations (guild_id, channel_id, inviter_id, invitee_id, timezone, nudge_time, private_channel, status, created_at, expires_at, language)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?9, ?10)",
        params![
            new.guild_id.to_sql(),
            new.channel_id.to_sql(),
            new.inviter.to_sql(),
            new.invitee.to_sql(),
            new.timezone.name(),
            new.nudge_time.to_string(),
            i64::from(new.private_channel),
            to_unix(new.created_at),
            to_unix(new.expires_at),
            new.language.code(),
        ],
    )?;
    let id = InvitationId::from_sql(c.last_insert_rowid());
    by_id(c, id)?.ok_or(super::StoreError::Sql(rusqlite::Error::QueryReturnedNoRows))
}

/// Moves a pending invitation to `status`; false when it was no longer pending.
pub fn decide(
    c: &Connection,
    id: InvitationId,
    status: InvitationStatus,
    at: DateTime<Utc>,
) -> Result<bool> {
    Ok(c.execute(
        "UPDATE invitations SET status = ?2, decided_at = ?3 WHERE id = ?1 AND status = 'pending'",
        params![id.to_sql(), status.as_str(), to_unix(at)],
    )? > 0)
}

/// How many invitations `inviter` has waiting for an answer in `guild` at `now`.
pub fn count_open_by_inviter(
    c: &Connection,
    guild: GuildId,
    inviter: UserId,
    now: DateTime<Utc>,
) -> Result<u32> {
    Ok(c.query_row(
        "SELECT count(*) FROM invitations
         WHERE guild_id = ?1 AND inviter_id = ?2 AND status = 'pending' AND expires_at > ?3",
        params![guild.to_sql(), inviter.to_sql(), to_unix(now)],
        |r| r.get(0),
    )?)
}

/// Records the direct message an invitation was sent in.
pub fn set_dm_channel(c: &Connection, id: InvitationId, dm: ChannelId) -> Result<()> {
    c.execute(
        "UPDATE invitations SET dm_channel_id = ?2 WHERE id = ?1",
        params![id.to_sql(), dm.to_sql()],
    )?;
    Ok(())
}

/// Deletes one invitation (one that could not be delivered).
pub fn delete(c: &Connection, id: InvitationId) -> Result<()> {
    c.execute("DELETE FROM invitations WHERE id = ?1", [id.to_sql()])?;
    Ok(())
}

/// Deletes every invitation that no longer matters (see `Invitation::no_longer_matters`):
/// expired before `expired_before`, and, for a declined one, also declined before
/// `declined_before`. Returns how many went.
pub fn purge(
    c: &Connection,
    expired_before: DateTime<Utc>,
    declined_before: DateTime<Utc>,
) -> Result<usize> {
    Ok(c.execute(
        "DELETE FROM invitations
         WHERE expires_at <= ?1
           AND (status <> 'declined' OR COALESCE(decided_at, created_at) <= ?2)",
        params![to_unix(expired_before), to_unix(declined_before)],
    )?)
}

/// Deletes the invitations naming `user` in `guild`, at their request, except the ones they
/// sent that were declined after `declined_after`: those keep the person who said no from
/// being asked again, and go when the sweep finds they no longer matter.
pub fn forget_naming(
    c: &Connection,
    guild: GuildId,
    user: UserId,
    declined_after: DateTime<Utc>,
) -> Result<ForgottenInvitations> {
    let (g, u, after) = (guild.to_sql(), user.to_sql(), to_unix(declined_after));
    let count = |column: &str| -> Result<u32> {
        Ok(c.query_row(
            &format!(
                "SELECT count(*) FROM invitations
                 WHERE guild_id = ?1 AND {column} = ?2 AND status = 'declined'
                   AND COALESCE(decided_at, created_at) > ?3"
            ),
            params![g, u, after],
            |r| r.get(0),
        )?)
    };
    let kept = count("inviter_id")?;
    let lifted = count("invitee_id")?;
    let deleted = c.execute(
        "DELETE FROM invitations
         WHERE guild_id = ?1
           AND (invitee_id = ?2
                OR (inviter_id = ?2
                    AND NOT (status = 'declined' AND COALESCE(decided_at, created_at) > ?3)))",
        params![g, u, after],
    )?;
    Ok(ForgottenInvitations {
        deleted: u32::try_from(deleted).unwrap_or(u32::MAX),
        kept,
        lifted,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    const GUILD: GuildId = GuildId(1);
    const COOLDOWN: Duration = Duration::days(30);

    fn db() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        super::super::migrations().to_latest(&mut c).unwrap();
        c
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
    }

    /// An invitation from `inviter` to `invitee` made at `at`, answered `status` at `at`.
    fn add(
        c: &Connection,
        inviter: u64,
        invitee: u64,
        at: DateTime<Utc>,
        status: InvitationStatus,
    ) {
        let inv = insert(
            c,
            &NewInvitation {
                language: Default::default(),
                guild_id: GUILD,
                channel_id: ChannelId(9),
                inviter: UserId(inviter),
                invitee: UserId(invitee),
                timezone: Timezone::parse("UTC").unwrap(),
                nudge_time: LocalTime::DEFAULT_NUDGE,
                private_channel: true,
                created_at: at,
                expires_at: at + crate::domain::couple::INVITATION_TTL,
            },
        )
        .unwrap();
        if status != InvitationStatus::Pending {
            decide(c, inv.id, status, at).unwrap();
        }
    }

    fn all(c: &Connection) -> Vec<Invitation> {
        let mut stmt = c
            .prepare(&format!("SELECT {COLUMNS} FROM invitations ORDER BY id"))
            .unwrap();
        let rows = stmt.query_map([], from_row).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn purge_deletes_exactly_what_no_longer_matters() {
        let c = db();
        for (i, status) in [
            InvitationStatus::Pending,
            InvitationStatus::Accepted,
            InvitationStatus::Expired,
            InvitationStatus::Declined,
        ]
        .into_iter()
        .enumerate()
        {
            add(&c, 10 + i as u64, 20, t0(), status);
        }
        let kept_after_expiry = crate::domain::couple::KEPT_AFTER_EXPIRY;
        for now in [
            t0(),
            t0() + Duration::days(2) - Duration::seconds(1),
            t0() + Duration::days(2),
            t0() + COOLDOWN - Duration::seconds(1),
            t0() + COOLDOWN,
        ] {
            let before = all(&c);
            purge(&c, now - kept_after_expiry, now - COOLDOWN).unwrap();
            let after = all(&c);
            for inv in &before {
                assert_eq!(
                    after.contains(inv),
                    !inv.no_longer_matters(now, COOLDOWN),
                    "{:?} at {now}",
                    inv.status
                );
            }
        }
        assert!(all(&c).is_empty());
    }

    #[test]
    fn forgetting_keeps_only_the_declines_of_ones_own_invitations_in_force() {
        let c = db();
        let me = 10;
        add(&c, me, 20, t0(), InvitationStatus::Pending);
        add(&c, me, 21, t0(), InvitationStatus::Declined);
        add(
            &c,
            me,
            22,
            t0() - COOLDOWN - Duration::days(1),
            InvitationStatus::Declined,
        );
        add(&c, 23, me, t0(), InvitationStatus::Declined);
        add(&c, 24, me, t0(), InvitationStatus::Pending);
        add(&c, 25, 26, t0(), InvitationStatus::Pending);
        let gone = forget_naming(&c, GUILD, UserId(me), t0() - COOLDOWN).unwrap();
        assert_eq!(
            gone,
            ForgottenInvitations {
                deleted: 4,
                kept: 1,
                lifted: 1
            }
        );
        let left: Vec<(u64, u64)> = all(&c)
            .iter()
            .map(|i| (i.inviter.get(), i.invitee.get()))
            .collect();
        assert_eq!(left, vec![(me, 21), (25, 26)]);
        // Another server's invitations are not touched.
        assert_eq!(
            forget_naming(&c, GuildId(2), UserId(25), t0()).unwrap(),
            ForgottenInvitations::default()
        );
    }

    #[test]
    fn open_invitations_are_counted_per_inviter_and_server() {
        let c = db();
        add(&c, 10, 20, t0(), InvitationStatus::Pending);
        add(&c, 10, 21, t0(), InvitationStatus::Declined);
        add(
            &c,
            10,
            22,
            t0() - Duration::days(2),
            InvitationStatus::Pending,
        );
        add(&c, 11, 20, t0(), InvitationStatus::Pending);
        assert_eq!(
            count_open_by_inviter(&c, GUILD, UserId(10), t0()).unwrap(),
            1
        );
        assert_eq!(
            count_open_by_inviter(&c, GuildId(2), UserId(10), t0()).unwrap(),
            0
        );
    }
}
