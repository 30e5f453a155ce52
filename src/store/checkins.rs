//! Check-ins, drafts, the reveal claim and reflections.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::Result;
use crate::domain::checkin::{Answers, DayQuestion, Draft, Mood};
use crate::domain::ids::{CoupleId, UserId};

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A partner's check-in for a day.
pub fn get(
    c: &Connection,
    couple: CoupleId,
    day: NaiveDate,
    user: UserId,
) -> Result<Option<Answers>> {
    Ok(c.query_row(
        "SELECT mood, appreciated, hear, question, answer FROM checkins
         WHERE couple_id = ?1 AND day = ?2 AND user_id = ?3",
        params![couple.to_sql(), day_text(day), user.to_sql()],
        |r| {
            let mood = u8::try_from(r.get::<_, i64>(0)?)
                .ok()
                .and_then(Mood::new)
                .ok_or(rusqlite::Error::IntegralValueOutOfRange(0, 0))?;
            Ok(Answers {
                mood,
                appreciated: r.get(1)?,
                hear: r.get(2)?,
                question: r.get(3)?,
                answer: r.get(4)?,
            })
        },
    )
    .optional()?)
}

/// Stores or replaces a check-in, with the couple-day whose prompt it answered
/// (`prompt_day`, when it answered one); true when it is new (not an edit).
pub fn upsert(
    c: &Connection,
    couple: CoupleId,
    day: NaiveDate,
    user: UserId,
    a: &Answers,
    prompt_day: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let existed = get(c, couple, day, user)?.is_some();
    c.execute(
        "INSERT INTO checkins (couple_id, day, user_id, mood, appreciated, hear, created_at, updated_at,
                               question, answer, prompt_day)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10)
         ON CONFLICT (couple_id, day, user_id) DO UPDATE SET
           mood = excluded.mood, appreciated = excluded.appreciated, hear = excluded.hear,
           question = excluded.question, answer = excluded.answer,
           prompt_day = excluded.prompt_day, updated_at = excluded.updated_at",
        params![
            couple.to_sql(),
            day_text(day),
            user.to_sql(),
            i64::from(a.mood.get()),
            a.appreciated,
            a.hear,
            now.timestamp(),
            a.question,
            a.answer,
            a.question.as_ref().and(prompt_day).map(day_text),
        ],
    )?;
    Ok(!existed)
}

/// Takes the day's reveal; true for exactly one caller.
pub fn claim_reveal(
    c: &Connection,
    couple: CoupleId,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(c.execute(
        "INSERT OR IGNORE INTO reveals (couple_id, day, created_at) VALUES (?1, ?2, ?3)",
        params![couple.to_sql(), day_text(day), now.timestamp()],
    )? == 1)
}

pub fn is_revealed(c: &Connection, couple: CoupleId, day: NaiveDate) -> Result<bool> {
    Ok(c.query_row(
        "SELECT count(*) FROM reveals WHERE couple_id = ?1 AND day = ?2",
        params![couple.to_sql(), day_text(day)],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

pub fn save_draft(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    day: NaiveDate,
    d: &Draft,
    now: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "INSERT INTO checkin_drafts (couple_id, user_id, day, mood, appreciated, hear, updated_at, answer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (couple_id, user_id, day) DO UPDATE SET
           mood = excluded.mood, appreciated = excluded.appreciated, hear = excluded.hear,
           answer = excluded.answer, updated_at = excluded.updated_at",
        params![
            couple.to_sql(),
            user.to_sql(),
            day_text(day),
            d.mood,
            d.appreciated,
            d.hear,
            now.timestamp(),
            d.answer,
        ],
    )?;
    Ok(())
}

pub fn draft(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    day: NaiveDate,
) -> Result<Option<Draft>> {
    Ok(c.query_row(
        "SELECT mood, appreciated, hear, answer FROM checkin_drafts
         WHERE couple_id = ?1 AND user_id = ?2 AND day = ?3",
        params![couple.to_sql(), user.to_sql(), day_text(day)],
        |r| {
            Ok(Draft {
                mood: r.get(0)?,
                appreciated: r.get(1)?,
                hear: r.get(2)?,
                answer: r.get(3)?,
            })
        },
    )
    .optional()?)
}

pub fn delete_draft(c: &Connection, couple: CoupleId, user: UserId, day: NaiveDate) -> Result<()> {
    c.execute(
        "DELETE FROM checkin_drafts WHERE couple_id = ?1 AND user_id = ?2 AND day = ?3",
        params![couple.to_sql(), user.to_sql(), day_text(day)],
    )?;
    Ok(())
}

/// The prompt a couple-day has had, as the check-in and the deck need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPrompt {
    pub key: String,
    pub depth: u8,
    /// Set when the prompt is a question: the form asks it.
    pub question: Option<DayQuestion>,
}

/// Whether a partner answered the prompt of couple-day `day` (then its question stays as it
/// is: a check-in keeps the question it answered).
pub fn answered(c: &Connection, couple: CoupleId, day: NaiveDate) -> Result<bool> {
    Ok(c.query_row(
        "SELECT EXISTS (SELECT 1 FROM checkins WHERE couple_id = ?1 AND prompt_day = ?2)",
        params![couple.to_sql(), day_text(day)],
        |r| r.get::<_, bool>(0),
    )?)
}

/// The latest prompt set at or after `from` and before `to` (a partner's own day), with the
/// couple-day it is the prompt of.
pub fn prompt_set_within(
    c: &Connection,
    couple: CoupleId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Option<(NaiveDate, DayPrompt)>> {
    let day: Option<String> = c
        .query_row(
            "SELECT day FROM day_prompts WHERE couple_id = ?1 AND set_at >= ?2 AND set_at < ?3
             ORDER BY set_at DESC, day DESC LIMIT 1",
            params![couple.to_sql(), from.timestamp(), to.timestamp()],
            |r| r.get(0),
        )
        .optional()?;
    let Some(day) = day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) else {
        return Ok(None);
    };
    Ok(day_prompt(c, couple, day)?.map(|p| (day, p)))
}

/// Makes `prompt` the day's prompt, unless a partner has already checked in for the day;
/// true when it was set. Either way a deep prompt marks the day as one a deep prompt was shown
/// on, for good.
pub fn set_day_prompt(
    c: &Connection,
    couple: CoupleId,
    day: NaiveDate,
    prompt: &DayPrompt,
    now: DateTime<Utc>,
) -> Result<bool> {
    let deep = prompt.depth >= 3;
    if answered(c, couple, day)? {
        if deep {
            c.execute(
                "INSERT INTO day_prompts (couple_id, day, prompt_key, depth, deep, set_at)
                 VALUES (?1, ?2, ?3, 3, 1, ?4)
                 ON CONFLICT (couple_id, day) DO UPDATE SET deep = 1",
                params![couple.to_sql(), day_text(day), prompt.key, now.timestamp()],
            )?;
        }
        return Ok(false);
    }
    let (question, short) = match &prompt.question {
        Some(q) => (Some(q.text.as_str()), Some(q.short.as_str())),
        None => (None, None),
    };
    c.execute(
        "INSERT INTO day_prompts (couple_id, day, prompt_key, depth, question, short, deep, set_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (couple_id, day) DO UPDATE SET
           prompt_key = excluded.prompt_key, depth = excluded.depth, question = excluded.question,
           short = excluded.short, deep = max(deep, excluded.deep), set_at = excluded.set_at",
        params![
            couple.to_sql(),
            day_text(day),
            prompt.key,
            i64::from(prompt.depth.clamp(1, 3)),
            question,
            short,
            deep,
            now.timestamp(),
        ],
    )?;
    Ok(true)
}

/// The day's prompt, if the day has had one.
pub fn day_prompt(c: &Connection, couple: CoupleId, day: NaiveDate) -> Result<Option<DayPrompt>> {
    Ok(c.query_row(
        "SELECT prompt_key, depth, question, short FROM day_prompts WHERE couple_id = ?1 AND day = ?2",
        params![couple.to_sql(), day_text(day)],
        |r| {
            let question: Option<String> = r.get(2)?;
            let short: Option<String> = r.get(3)?;
            Ok(DayPrompt {
                key: r.get(0)?,
                depth: u8::try_from(r.get::<_, i64>(1)?).unwrap_or(1),
                question: question
                    .zip(short)
                    .map(|(text, short)| DayQuestion { text, short }),
            })
        },
    )
    .optional()?)
}

/// The latest couple-day on which a deep prompt was shown.
pub fn last_deep_day(c: &Connection, couple: CoupleId) -> Result<Option<NaiveDate>> {
    let day: Option<String> = c.query_row(
        "SELECT max(day) FROM day_prompts WHERE couple_id = ?1 AND deep = 1",
        [couple.to_sql()],
        |r| r.get(0),
    )?;
    Ok(day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
}

/// The lowest mood either partner gave on a couple-day, if anyone checked in.
pub fn lowest_mood(c: &Connection, couple: CoupleId, day: NaiveDate) -> Result<Option<u8>> {
    let m: Option<i64> = c.query_row(
        "SELECT min(mood) FROM checkins WHERE couple_id = ?1 AND day = ?2",
        params![couple.to_sql(), day_text(day)],
        |r| r.get(0),
    )?;
    Ok(m.and_then(|m| u8::try_from(m).ok()))
}

/// Records a reflection of `author`'s answer; None when that answer was already reflected.
pub fn add_reflection(
    c: &Connection,
    couple: CoupleId,
    day: NaiveDate,
    author: UserId,
    reflector: UserId,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let n = c.execute(
        "INSERT OR IGNORE INTO reflections (couple_id, day, author_id, reflector_id, text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![couple.to_sql(), day_text(day), author.to_sql(), reflector.to_sql(), text, now.timestamp()],
    )?;
    Ok((n == 1).then(|| c.last_insert_rowid()))
}

/// A reflection: its couple, whose answer it reflects, who reflected it, and the response.
pub struct Reflection {
    pub couple: CoupleId,
    pub author: UserId,
    pub reflector: UserId,
    pub response: Option<String>,
}

pub fn reflection(c: &Connection, id: i64) -> Result<Option<Reflection>> {
    Ok(c.query_row(
        "SELECT couple_id, author_id, reflector_id, response FROM reflections WHERE id = ?1",
        [id],
        |r| {
            Ok(Reflection {
                couple: CoupleId::from_sql(r.get(0)?),
                author: UserId::from_sql(r.get(1)?),
                reflector: UserId::from_sql(r.get(2)?),
                response: r.get(3)?,
            })
        },
    )
    .optional()?)
}

/// Records the author's answer to a reflection; false when it was already answered.
pub fn respond(c: &Connection, id: i64, heard: bool, now: DateTime<Utc>) -> Result<bool> {
    Ok(c.execute(
        "UPDATE reflections SET response = ?2, responded_at = ?3 WHERE id = ?1 AND response IS NULL",
        params![id, if heard { "heard" } else { "not_quite" }, now.timestamp()],
    )? == 1)
}

/// Every (day, partner) with a check-in, for streaks.
pub fn history(c: &Connection, couple: CoupleId) -> Result<Vec<(NaiveDate, UserId)>> {
    let mut stmt = c.prepare_cached("SELECT day, user_id FROM checkins WHERE couple_id = ?1")?;
    let rows = stmt
        .query_map([couple.to_sql()], |r| {
            let day: String = r.get(0)?;
            Ok((day, UserId::from_sql(r.get(1)?)))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(d, u)| {
            NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                .ok()
                .map(|d| (d, u))
        })
        .collect())
}

/// A partner's moods on the couple-days from `since` on, by day.
pub fn moods_since(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    since: NaiveDate,
) -> Result<Vec<(NaiveDate, u8)>> {
    let mut stmt = c.prepare_cached(
        "SELECT day, mood FROM checkins WHERE couple_id = ?1 AND user_id = ?2 AND day >= ?3
         ORDER BY day",
    )?;
    let rows = stmt
        .query_map(
            params![
                couple.to_sql(),
                user.to_sql(),
                since.format("%Y-%m-%d").to_string()
            ],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(d, m)| {
            let day = NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()?;
            Some((day, u8::try_from(m).ok()?))
        })
        .collect())
}

/// When the partner was last offered the support line.
pub fn last_care_offer(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
) -> Result<Option<DateTime<Utc>>> {
    Ok(c.query_row(
        "SELECT offered_at FROM care_offers WHERE couple_id = ?1 AND user_id = ?2",
        params![couple.to_sql(), user.to_sql()],
        |r| r.get::<_, i64>(0),
    )
    .optional()?
    .map(super::from_unix))
}

pub fn record_care_offer(
    c: &Connection,
    couple: CoupleId,
    user: UserId,
    at: DateTime<Utc>,
) -> Result<()> {
    c.execute(
        "INSERT INTO care_offers (couple_id, user_id, offered_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (couple_id, user_id) DO UPDATE SET offered_at = excluded.offered_at",
        params![couple.to_sql(), user.to_sql(), at.timestamp()],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checkin::DayQuestion;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// A database with one couple and a check-in and a draft from before questions (schema 16),
    /// migrated to the latest.
    fn migrated() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::super::migrations().to_version(&mut c, 16).unwrap();
        c.execute_batch(
            "INSERT INTO couples (id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at)
             VALUES (1, 1, 1, 11, 12, 'UTC', '0 0 20 * * *', 0, 0);
             INSERT INTO checkins (couple_id, day, user_id, mood, appreciated, hear, created_at, updated_at)
             VALUES (1, '2026-11-20', 11, 4, 'You made tea.', NULL, 5, 6);
             INSERT INTO checkin_drafts (couple_id, user_id, day, mood, appreciated, hear, updated_at)
             VALUES (1, 12, '2026-11-20', '9', 'kept', '', 7);",
        )
        .unwrap();
        super::super::migrations().to_latest(&mut c).unwrap();
        c
    }

    #[test]
    fn check_ins_from_before_questions_still_read_and_drafts_keep_their_words() {
        let c = migrated();
        let old = get(&c, CoupleId(1), date(20), UserId(11)).unwrap().unwrap();
        assert_eq!(old.mood.get(), 4);
        assert_eq!(old.appreciated.as_deref(), Some("You made tea."));
        assert_eq!((old.question, old.answer, old.hear), (None, None, None));
        let draft = draft(&c, CoupleId(1), UserId(12), date(20))
            .unwrap()
            .unwrap();
        assert_eq!(
            (draft.mood.as_str(), draft.appreciated.as_str()),
            ("9", "kept")
        );
        assert_eq!(draft.answer, "");
        // The appreciation may now be absent.
        let n = c
            .execute(
                "INSERT INTO checkins (couple_id, day, user_id, mood, appreciated, created_at, updated_at, answer)
                 VALUES (1, '2026-11-21', 11, 3, NULL, 0, 0, 'an answer')",
                [],
            )
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn the_days_prompt_changes_until_it_is_answered_and_deep_days_are_remembered() {
        let c = migrated();
        let couple = CoupleId(1);
        let now = DateTime::<Utc>::from_timestamp(100, 0).unwrap();
        let q = |text: &str| DayPrompt {
            key: format!("k-{text}"),
            depth: 1,
            question: Some(DayQuestion {
                text: text.into(),
                short: text.into(),
            }),
        };
        assert!(set_day_prompt(&c, couple, date(22), &q("first?"), now).unwrap());
        assert!(set_day_prompt(&c, couple, date(22), &q("second?"), now).unwrap());
        assert_eq!(
            day_prompt(&c, couple, date(22)).unwrap().unwrap().question,
            q("second?").question
        );
        let deep = DayPrompt {
            key: "vu-001".into(),
            depth: 3,
            question: None,
        };
        assert!(set_day_prompt(&c, couple, date(22), &deep, now).unwrap());
        assert!(set_day_prompt(&c, couple, date(22), &q("light again?"), now).unwrap());
        assert_eq!(
            last_deep_day(&c, couple).unwrap(),
            Some(date(22)),
            "deep stays"
        );
        // A check-in fixes the day's question.
        let answers = Answers {
            mood: Mood::new(2).unwrap(),
            question: Some("light again?".into()),
            answer: Some("yes".into()),
            appreciated: None,
            hear: None,
        };
        upsert(
            &c,
            couple,
            date(22),
            UserId(11),
            &answers,
            Some(date(22)),
            now,
        )
        .unwrap();
        assert!(!set_day_prompt(&c, couple, date(22), &q("third?"), now).unwrap());
        let kept = day_prompt(&c, couple, date(22)).unwrap().unwrap();
        assert_eq!(kept.question, q("light again?").question);
        assert_eq!(
            get(&c, couple, date(22), UserId(11)).unwrap(),
            Some(answers)
        );
        // A deep prompt shown after the first check-in still counts for the week.
        upsert(
            &c,
            couple,
            date(29),
            UserId(12),
            &Answers {
                mood: Mood::new(5).unwrap(),
                question: None,
                answer: None,
                appreciated: Some("thanks".into()),
                hear: None,
            },
            Some(date(29)),
            now,
        )
        .unwrap();
        // A check-in that answered no question leaves the day's prompt free to come.
        assert!(set_day_prompt(&c, couple, date(29), &deep, now).unwrap());
        assert_eq!(last_deep_day(&c, couple).unwrap(), Some(date(29)));
        assert_eq!(
            day_prompt(&c, couple, date(29)).unwrap().unwrap().question,
            None
        );
        assert_eq!(lowest_mood(&c, couple, date(22)).unwrap(), Some(2));
        assert_eq!(lowest_mood(&c, couple, date(23)).unwrap(), None);
    }

    #[test]
    fn a_partner_far_ahead_answers_the_prompt_set_within_their_own_day() {
        let c = migrated();
        let couple = CoupleId(1);
        let at = |h: i64| DateTime::<Utc>::from_timestamp(1_800_000_000 + h * 3600, 0).unwrap();
        let q = |text: &str| DayPrompt {
            key: format!("k-{text}"),
            depth: 1,
            question: Some(DayQuestion {
                text: text.into(),
                short: text.into(),
            }),
        };
        assert!(set_day_prompt(&c, couple, date(22), &q("monday?"), at(0)).unwrap());
        // Set within the window: the latest, with the couple-day it belongs to.
        let (day, found) = prompt_set_within(&c, couple, at(-1), at(23))
            .unwrap()
            .unwrap();
        assert_eq!((day, found.question), (date(22), q("monday?").question));
        assert_eq!(prompt_set_within(&c, couple, at(1), at(24)).unwrap(), None);
        // Ahead of the couple's date, the partner answers Monday's prompt under the 23rd...
        let answers = Answers {
            mood: Mood::new(4).unwrap(),
            question: Some("monday?".into()),
            answer: Some("yes".into()),
            appreciated: None,
            hear: None,
        };
        upsert(
            &c,
            couple,
            date(23),
            UserId(11),
            &answers,
            Some(date(22)),
            at(2),
        )
        .unwrap();
        assert!(answered(&c, couple, date(22)).unwrap());
        assert!(!answered(&c, couple, date(23)).unwrap());
        // ... which keeps Monday's question and still lets Tuesday's come.
        assert!(!set_day_prompt(&c, couple, date(22), &q("other?"), at(3)).unwrap());
        assert!(set_day_prompt(&c, couple, date(23), &q("tuesday?"), at(24)).unwrap());
        // Without a question, no prompt day is kept.
        let plain = Answers {
            question: None,
            answer: None,
            ..answers
        };
        upsert(
            &c,
            couple,
            date(24),
            UserId(12),
            &plain,
            Some(date(24)),
            at(30),
        )
        .unwrap();
        assert!(!answered(&c, couple, date(24)).unwrap());
    }
}
