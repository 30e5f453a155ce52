//! The weekly pulse: each partner's own settings (taking it, sharing it), their answers per
//! pulse week, and a form they could not finish yet.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::Result;
use crate::domain::ids::{CoupleId, UserId};
use crate::domain::pulse::{Pulse, PulseDraft};

/// One partner's pulse settings; both off for a partner who never chose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    pub enabled: bool,
    pub share: bool,
}

fn week_text(week: NaiveDate) -> String {
    week.format("%Y-%m-%d").to_string()
}

pub fn settings(c: &Connection, couple: CoupleId, user: UserId) -> Result<Settings> {
    Ok(c.query_row(
        "SELECT enabled, share FROM pulse_settings WHERE couple_id = ?1 AND user_id = ?2",
        params![couple.to_sql(), user.to_sql()],
        |r| {
            Ok(Settings {
                enabled: r.get::<_, i64>(0)? != 0,
                share: r.get::<_, i64>(1)? != 0,
            })
        },
    )
    .optional()?
    .unwrap_or_default())
}

pub fn set_settings(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    s: Settings,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "INSERT INTO pulse_settings (couple_id, user_id, enabled, share, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (couple_id, user_id) DO UPDATE
           SET enabled = excluded.enabled, share = excluded.share,
               updated_at = excluded.updated_at",
        params![
            couple.to_sql(),
            user.to_sql(),
            i64::from(s.enabled),
            i64::from(s.share),
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// Stores a partner's pulse for a week (one row per partner per week; a change replaces it).
pub fn save(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    week: NaiveDate,
    p: &Pulse,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "INSERT INTO pulse_weeks (couple_id, user_id, week, close, beyond_logistics,
                                  free_to_share, unsettled, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
         ON CONFLICT (couple_id, user_id, week) DO UPDATE
           SET close = excluded.close, beyond_logistics = excluded.beyond_logistics,
               free_to_share = excluded.free_to_share, unsettled = excluded.unsettled,
               note = excluded.note, updated_at = excluded.updated_at",
        params![
            couple.to_sql(),
            user.to_sql(),
            week_text(week),
            p.scores[0],
            p.scores[1],
            p.scores[2],
            p.scores[3],
            p.note,
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// A stored week of one partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    pub week: NaiveDate,
    pub pulse: Pulse,
    pub offered: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

const WEEK_COLUMNS: &str =
    "week, close, beyond_logistics, free_to_share, unsettled, note, offered_at, created_at, updated_at";

fn week_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Week>> {
    let text: String = r.get(0)?;
    let score =
        |i: usize| -> rusqlite::Result<u8> { Ok(u8::try_from(r.get::<_, i64>(i)?).unwrap_or(0)) };
    let Ok(week) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") else {
        return Ok(None);
    };
    Ok(Some(Week {
        week,
        pulse: Pulse {
            scores: [score(1)?, score(2)?, score(3)?, score(4)?],
            note: r.get(5)?,
        },
        offered: r.get::<_, Option<i64>>(6)?.is_some(),
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    }))
}

/// One partner's pulse of one week.
pub fn get(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    week: NaiveDate,
) -> Result<Option<Week>> {
    Ok(c.query_row(
        &format!(
            "SELECT {WEEK_COLUMNS} FROM pulse_weeks
             WHERE couple_id = ?1 AND user_id = ?2 AND week = ?3"
        ),
        params![couple.to_sql(), user.to_sql(), week_text(week)],
        week_row,
    )
    .optional()?
    .flatten())
}

/// One partner's weeks from `since` on, oldest first (all of them with `since` at the start of
/// time).
pub fn weeks_since(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    since: NaiveDate,
) -> Result<Vec<Week>> {
    let mut stmt = c.prepare(&format!(
        "SELECT {WEEK_COLUMNS} FROM pulse_weeks
         WHERE couple_id = ?1 AND user_id = ?2 AND week >= ?3 ORDER BY week"
    ))?;
    let rows = stmt
        .query_map(
            params![couple.to_sql(), user.to_sql(), week_text(since)],
            week_row,
        )?
        .filter_map(|r| r.transpose())
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Records that the partner was offered repair for their pulse of `week`.
pub fn mark_offered(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    week: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "UPDATE pulse_weeks SET offered_at = ?4
         WHERE couple_id = ?1 AND user_id = ?2 AND week = ?3",
        params![
            couple.to_sql(),
            user.to_sql(),
            week_text(week),
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// Keeps what a partner typed into a form that could not be accepted (one per partner).
pub fn save_draft(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    week: NaiveDate,
    d: &PulseDraft,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "INSERT INTO pulse_drafts (couple_id, user_id, week, close, beyond_logistics,
                                   free_to_share, unsettled, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (couple_id, user_id) DO UPDATE
           SET week = excluded.week, close = excluded.close,
               beyond_logistics = excluded.beyond_logistics,
               free_to_share = excluded.free_to_share, unsettled = excluded.unsettled,
               note = excluded.note, created_at = excluded.created_at",
        params![
            couple.to_sql(),
            user.to_sql(),
            week_text(week),
            d.scores[0],
            d.scores[1],
            d.scores[2],
            d.scores[3],
            d.note,
            now.timestamp()
        ],
    )?;
    Ok(())
}

/// The kept draft of a partner for `week`, if there is one.
pub fn draft(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    week: NaiveDate,
) -> Result<Option<PulseDraft>> {
    Ok(c.query_row(
        "SELECT close, beyond_logistics, free_to_share, unsettled, note FROM pulse_drafts
         WHERE couple_id = ?1 AND user_id = ?2 AND week = ?3",
        params![couple.to_sql(), user.to_sql(), week_text(week)],
        |r| {
            Ok(PulseDraft {
                scores: [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?],
                note: r.get(4)?,
            })
        },
    )
    .optional()?)
}

/// A partner's kept draft, whichever week it was kept for (for their export).
pub fn kept_draft(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
) -> Result<Option<(String, PulseDraft)>> {
    Ok(c.query_row(
        "SELECT week, close, beyond_logistics, free_to_share, unsettled, note FROM pulse_drafts
         WHERE couple_id = ?1 AND user_id = ?2",
        params![couple.to_sql(), user.to_sql()],
        |r| {
            Ok((
                r.get(0)?,
                PulseDraft {
                    scores: [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
                    note: r.get(5)?,
                },
            ))
        },
    )
    .optional()?)
}

pub fn delete_draft(c: &Connection, couple: CoupleId, user: UserId) -> Result<()> {
    c.execute(
        "DELETE FROM pulse_drafts WHERE couple_id = ?1 AND user_id = ?2",
        params![couple.to_sql(), user.to_sql()],
    )?;
    Ok(())
}

/// How many pulse rows of any kind a couple has (for the forget check).
pub fn count_rows(c: &Connection, couple: CoupleId) -> Result<i64> {
    Ok(c.query_row(
        "SELECT (SELECT COUNT(*) FROM pulse_settings WHERE couple_id = ?1)
              + (SELECT COUNT(*) FROM pulse_weeks WHERE couple_id = ?1)
              + (SELECT COUNT(*) FROM pulse_drafts WHERE couple_id = ?1)",
        [couple.to_sql()],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_weeks_and_drafts_round_trip_and_go_with_the_couple() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::super::migrations().to_latest(&mut c).unwrap();
        c.execute_batch(
            "INSERT INTO couples (id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at)
             VALUES (7, 1, 2, 3, 4, 'UTC', '0 0 20 * * *', 0, 0);",
        )
        .unwrap();
        let now = Utc::now();
        let (id, a, b) = (CoupleId(7), UserId(3), UserId(4));
        let week = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(settings(&c, id, a).unwrap(), Settings::default());
        let on = Settings {
            enabled: true,
            share: false,
        };
        set_settings(&c, id, a, on, now).unwrap();
        assert!(settings(&c, id, a).unwrap().enabled);
        assert!(!settings(&c, id, b).unwrap().enabled, "each for themselves");
        let p = Pulse {
            scores: [5, 4, 3, 2],
            note: Some("mine".into()),
        };
        save(&c, id, a, week, &p, now).unwrap();
        let changed = Pulse {
            scores: [1, 1, 1, 5],
            note: None,
        };
        save(&c, id, a, week, &changed, now).unwrap();
        let got = get(&c, id, a, week).unwrap().unwrap();
        assert_eq!(got.pulse, changed, "one row per partner per week");
        assert!(!got.offered);
        mark_offered(&c, id, a, week, now).unwrap();
        assert!(get(&c, id, a, week).unwrap().unwrap().offered);
        assert_eq!(get(&c, id, b, week).unwrap(), None);
        assert_eq!(weeks_since(&c, id, a, week).unwrap().len(), 1);
        let d = PulseDraft {
            scores: ["0".into(), "6".into(), "".into(), "٣".into()],
            note: "kept".into(),
        };
        save_draft(&c, id, a, week, &d, now).unwrap();
        assert_eq!(draft(&c, id, a, week).unwrap(), Some(d));
        assert_eq!(draft(&c, id, a, week.succ_opt().unwrap()).unwrap(), None);
        assert_eq!(kept_draft(&c, id, a).unwrap().unwrap().0, "2026-11-29");
        assert_eq!(kept_draft(&c, id, b).unwrap(), None);
        assert_eq!(count_rows(&c, id).unwrap(), 3);
        super::super::couples::delete(&c, id).unwrap();
        assert_eq!(
            count_rows(&c, id).unwrap(),
            0,
            "everything goes with the couple"
        );
    }
}
