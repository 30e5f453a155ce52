//! `/export`: the invoker's own data and everything the couple shares, as JSON. A partner's
//! answers that were never revealed are never included. The shape is documented in
//! DEVELOPERS.md ("The export file").

use rusqlite::params;
use serde_json::{json, Value};

use super::schedule::ScheduleView;
use super::{Outcome, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::UserId;

/// The export's format name; bump it when the shape changes.
pub const FORMAT: &str = "haven-export/1";

impl Services {
    pub async fn export(&self, couple: &Couple, user: UserId) -> Outcome<Value> {
        let now = self.clock.now();
        let view = ScheduleView::of(couple, now);
        let streak = self.streak_view(couple).await?.streaks;
        let c2 = couple.clone();
        let (check_ins, reflections, appreciations, prompts) = self
            .store
            .call(move |c| {
                let id = c2.id.to_sql();
                let mut stmt = c.prepare(
                    "SELECT ch.day, ch.user_id, ch.mood, ch.appreciated, ch.hear, ch.created_at, ch.updated_at,
                            EXISTS (SELECT 1 FROM reveals r WHERE r.couple_id = ch.couple_id AND r.day = ch.day)
                     FROM checkins ch WHERE ch.couple_id = ?1 ORDER BY ch.day, ch.user_id",
                )?;
                let check_ins: Vec<Value> = stmt
                    .query_map([id], |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, i64>(1)?,
                            r.get::<_, i64>(2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, Option<String>>(4)?,
                            r.get::<_, i64>(5)?,
                            r.get::<_, i64>(6)?,
                            r.get::<_, bool>(7)?,
                        ))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?
                    .into_iter()
                    // The partner's answers only once they were revealed to the invoker.
                    .filter(|row| row.1 as u64 == user.0 || row.7)
                    .map(|(day, uid, mood, appreciated, hear, created, updated, revealed)| {
                        json!({
                            "day": day, "user_id": uid.to_string(), "mood": mood,
                            "appreciated": appreciated, "hear": hear,
                            "created_at": created, "updated_at": updated, "revealed": revealed,
                        })
                    })
                    .collect();
                let mut stmt = c.prepare(
                    "SELECT day, author_id, reflector_id, text, response, created_at FROM reflections WHERE couple_id = ?1 ORDER BY id",
                )?;
                let reflections: Vec<Value> = stmt
                    .query_map([id], |r| {
                        Ok(json!({
                            "day": r.get::<_, String>(0)?, "author_id": r.get::<_, i64>(1)?.to_string(),
                            "reflector_id": r.get::<_, i64>(2)?.to_string(), "text": r.get::<_, String>(3)?,
                            "response": r.get::<_, Option<String>>(4)?, "created_at": r.get::<_, i64>(5)?,
                        }))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                let mut stmt = c.prepare(
                    "SELECT from_user, to_user, text, source, created_at FROM appreciations WHERE couple_id = ?1 ORDER BY id",
                )?;
                let appreciations: Vec<Value> = stmt
                    .query_map(params![id], |r| {
                        Ok(json!({
                            "from_user_id": r.get::<_, i64>(0)?.to_string(), "to_user_id": r.get::<_, i64>(1)?.to_string(),
                            "text": r.get::<_, String>(2)?, "source": r.get::<_, String>(3)?, "created_at": r.get::<_, i64>(4)?,
                        }))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                let mut stmt = c.prepare(
                    "SELECT practice, text, created_by, created_at FROM custom_prompts WHERE couple_id = ?1 ORDER BY id",
                )?;
                let prompts: Vec<Value> = stmt
                    .query_map(params![id], |r| {
                        Ok(json!({
                            "practice": r.get::<_, String>(0)?, "text": r.get::<_, String>(1)?,
                            "created_by": r.get::<_, i64>(2)?.to_string(), "created_at": r.get::<_, i64>(3)?,
                        }))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((check_ins, reflections, appreciations, prompts))
            })
            .await?;
        Ok(json!({
            "format": FORMAT,
            "exported_at": now.to_rfc3339(),
            "exported_by": user.0.to_string(),
            "couple": {
                "guild_id": couple.guild_id.0.to_string(),
                "channel_id": couple.channel_id.0.to_string(),
                "partners": couple.partners.map(|p| p.0.to_string()),
                "created_at": couple.created_at.to_rfc3339(),
                "timezone": couple.timezone.name(),
                "day_starts_at": couple.day_start.to_string(),
            },
            "schedule": {
                "cron": view.expression,
                "description": view.description,
                "paused_until": view.paused_until.map(|t| t.to_rfc3339()),
                "next": view.next.iter().map(|t| t.to_rfc3339()).collect::<Vec<_>>(),
            },
            "streaks": {
                "current": streak.current,
                "longest": streak.longest,
                "individual_current": streak.individual_current,
                "individual_longest": streak.individual_longest,
                "freezes_held": streak.freezes_held,
                "counted_days": streak.totals.counted_days,
            },
            "check_ins": check_ins,
            "reflections": reflections,
            "appreciations": appreciations,
            "custom_prompts": prompts,
        }))
    }
}
