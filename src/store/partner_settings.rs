//! Each partner's own settings: their notifications (`/notify`), their own time zone and
//! language (`/settings`), and the days closed for them alone.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::Result;
use crate::domain::couple::{Couple, Notifications};
use crate::domain::ids::{CoupleId, UserId};
use crate::domain::time::Timezone;

/// One partner's notifications; both on for a partner who never changed them.
pub fn notifications(c: &Connection, couple: CoupleId, user: UserId) -> Result<Notifications> {
    Ok(c.query_row(
        "SELECT mentions, reminders FROM partner_settings WHERE couple_id = ?1 AND user_id = ?2",
        params![couple.to_sql(), user.to_sql()],
        |r| {
            Ok(Notifications {
                mentions: r.get::<_, i64>(0)? != 0,
                reminders: r.get::<_, i64>(1)? != 0,
            })
        },
    )
    .optional()?
    .unwrap_or_default())
}

/// Both partners' notifications, in the order of `couple.partners`.
pub fn of_couple(c: &Connection, couple: &Couple) -> Result<[Notifications; 2]> {
    Ok([
        notifications(c, couple.id, couple.partners[0])?,
        notifications(c, couple.id, couple.partners[1])?,
    ])
}

pub fn set_notifications(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    n: Notifications,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "INSERT INTO partner_settings (couple_id, user_id, mentions, reminders, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (couple_id, user_id) DO UPDATE
           SET mentions = excluded.mentions, reminders = excluded.reminders,
               updated_at = excluded.updated_at",
        params![
            couple.to_sql(),
            user.to_sql(),
            i64::from(n.mentions),
            i64::from(n.reminders),
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// Makes sure the partner has a row (both notifications on), so that one column can be set.
fn ensure_row(c: &Connection, couple: CoupleId, user: UserId, now: DateTime<Utc>) -> Result<()> {
    c.execute(
        "INSERT INTO partner_settings (couple_id, user_id, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (couple_id, user_id) DO NOTHING",
        params![couple.to_sql(), user.to_sql(), now.timestamp()],
    )?;
    Ok(())
}

/// Sets (or, with `None`, drops for the couple's) a partner's own time zone, with their
/// closed-day record as it is after leaving the zone they lived in.
pub fn set_timezone(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    tz: Option<Timezone>,
    closed_before: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_row(c, couple, user, now)?;
    c.execute(
        "UPDATE partner_settings SET timezone = ?3, closed_before = ?4, updated_at = ?5
         WHERE couple_id = ?1 AND user_id = ?2",
        params![
            couple.to_sql(),
            user.to_sql(),
            tz.map(|t| t.name()),
            closed_before.format("%Y-%m-%d").to_string(),
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// Sets a partner's closed-day record.
pub fn set_closed_before(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    closed_before: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_row(c, couple, user, now)?;
    c.execute(
        "UPDATE partner_settings SET closed_before = ?3, updated_at = ?4
         WHERE couple_id = ?1 AND user_id = ?2",
        params![
            couple.to_sql(),
            user.to_sql(),
            closed_before.format("%Y-%m-%d").to_string(),
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// A partner's language choice (`None`: never chosen).
pub fn language(c: &Connection, couple: CoupleId, user: UserId) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT language FROM partner_settings WHERE couple_id = ?1 AND user_id = ?2",
        params![couple.to_sql(), user.to_sql()],
        |r| r.get::<_, Option<String>>(0),
    )
    .optional()?
    .flatten())
}

/// The language `user` chose for themselves (`/settings language:`), in any couple; the latest
/// choice when they are in more than one. `None`: they never chose one.
pub fn chosen_language(c: &Connection, user: UserId) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT language FROM partner_settings WHERE user_id = ?1 AND language IS NOT NULL
             ORDER BY language_at DESC LIMIT 1",
        [user.to_sql()],
        |r| r.get::<_, String>(0),
    )
    .optional()?)
}

pub fn set_language(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    language: crate::domain::lang::Lang,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_row(c, couple, user, now)?;
    c.execute(
        "UPDATE partner_settings SET language = ?3, language_at = ?4, updated_at = ?4
         WHERE couple_id = ?1 AND user_id = ?2",
        params![
            couple.to_sql(),
            user.to_sql(),
            language.code(),
            now.timestamp()
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::ChannelId;

    #[test]
    fn both_on_until_changed_and_gone_with_the_couple() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::super::migrations().to_latest(&mut c).unwrap();
        c.execute_batch(
            "INSERT INTO couples (id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at)
             VALUES (1, 1, 1, 5, 6, 'UTC', '0 0 20 * * *', 0, 0);",
        )
        .unwrap();
        let couple = super::super::couples::by_channel(&c, ChannelId(1))
            .unwrap()
            .unwrap();
        assert_eq!(
            of_couple(&c, &couple).unwrap(),
            [Notifications::default(); 2]
        );
        let quiet = Notifications {
            mentions: false,
            reminders: true,
        };
        set_notifications(&c, couple.id, UserId(6), quiet, Utc::now()).unwrap();
        assert_eq!(
            of_couple(&c, &couple).unwrap(),
            [Notifications::default(), quiet]
        );
        let toronto = Timezone::parse("America/Toronto").unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        set_timezone(&c, couple.id, UserId(5), Some(toronto), d, Utc::now()).unwrap();
        set_language(
            &c,
            couple.id,
            UserId(5),
            crate::domain::lang::Lang::from_code("es").unwrap(),
            Utc::now(),
        )
        .unwrap();
        let read = super::super::couples::by_id(&c, couple.id)
            .unwrap()
            .unwrap();
        assert_eq!(read.own[0].timezone, Some(toronto));
        assert_eq!(read.own[0].closed_before, Some(d));
        assert_eq!(read.own[1], Default::default());
        assert_eq!(
            language(&c, couple.id, UserId(5)).unwrap().as_deref(),
            Some("es")
        );
        // Setting a zone kept the notifications as they were.
        assert_eq!(
            notifications(&c, couple.id, UserId(5)).unwrap(),
            Notifications::default()
        );
        super::super::couples::delete(&c, couple.id).unwrap();
        let left: i64 = c
            .query_row("SELECT count(*) FROM partner_settings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "settings go with the couple");
    }

    #[test]
    fn the_latest_language_choice_wins_whatever_else_changed_since() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::super::migrations().to_latest(&mut c).unwrap();
        // User 5 is in two couples, in two servers.
        c.execute_batch(
            "INSERT INTO couples (id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at)
             VALUES (1, 1, 1, 5, 6, 'UTC', '0 0 20 * * *', 0, 0),
                    (2, 2, 2, 5, 7, 'UTC', '0 0 20 * * *', 0, 0);",
        )
        .unwrap();
        let at = |s: i64| DateTime::<Utc>::from_timestamp(1_800_000_000 + s, 0).unwrap();
        let lang = |code: &str| crate::domain::lang::Lang::from_code(code).unwrap();
        assert_eq!(chosen_language(&c, UserId(5)).unwrap(), None);
        set_language(&c, CoupleId(1), UserId(5), lang("es"), at(1)).unwrap();
        set_language(&c, CoupleId(2), UserId(5), lang("en"), at(2)).unwrap();
        assert_eq!(
            chosen_language(&c, UserId(5)).unwrap().as_deref(),
            Some("en")
        );
        // Later changes of other settings in the first couple leave the choice as it is.
        let quiet = Notifications {
            mentions: false,
            reminders: false,
        };
        set_notifications(&c, CoupleId(1), UserId(5), quiet, at(3)).unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        set_closed_before(&c, CoupleId(1), UserId(5), d, at(4)).unwrap();
        assert_eq!(
            chosen_language(&c, UserId(5)).unwrap().as_deref(),
            Some("en")
        );
        // Nobody else's choice is theirs.
        assert_eq!(chosen_language(&c, UserId(6)).unwrap(), None);
    }
}
