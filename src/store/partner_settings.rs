//! Each partner's own settings: their notifications (`/notify`).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::Result;
use crate::domain::couple::{Couple, Notifications};
use crate::domain::ids::{CoupleId, UserId};

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
        super::super::couples::delete(&c, couple.id).unwrap();
        let left: i64 = c
            .query_row("SELECT count(*) FROM partner_settings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "settings go with the couple");
    }
}
