//! `/export`: the invoker's own data and everything the couple shares, as JSON. A partner's
//! answers that were never revealed are never included. The shape is documented in
//! DEVELOPERS.md ("The export file"); [`Export`] is that shape.

use serde::Serialize;

use super::schedule::ScheduleView;
use super::{Outcome, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::UserId;
use crate::store::exports;

/// The export's format name; bump it when the shape changes. Version 2 added `question` and
/// `answer` to each check-in and made `appreciated` nullable (it became optional).
pub const FORMAT: &str = "haven-export/3";

/// The file `/export` answers with (`haven-export/3`). Ids are strings (Discord snowflakes);
/// `created_at`/`updated_at` are unix seconds; other instants are RFC 3339.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    pub format: &'static str,
    pub exported_at: String,
    pub exported_by: String,
    /// The couple's language: the words of haven's posts in their channel ("en", "es").
    pub language: &'static str,
    pub couple: ExportedCouple,
    pub schedule: ExportedSchedule,
    pub streaks: ExportedStreaks,
    pub check_ins: Vec<ExportedCheckIn>,
    pub reflections: Vec<ExportedReflection>,
    pub appreciations: Vec<ExportedAppreciation>,
    pub custom_prompts: Vec<ExportedPrompt>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedCouple {
    pub guild_id: String,
    pub channel_id: String,
    pub partners: [String; 2],
    pub created_at: String,
    pub timezone: String,
    pub day_starts_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedSchedule {
    pub cron: String,
    pub description: String,
    pub paused_until: Option<String>,
    pub next: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedStreaks {
    pub current: u32,
    pub longest: u32,
    pub individual_current: [u32; 2],
    pub individual_longest: [u32; 2],
    pub freezes_held: u8,
    pub counted_days: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedCheckIn {
    pub day: String,
    pub user_id: String,
    pub mood: i64,
    /// The day's question as this check-in asked it (null on a day without one, and on
    /// check-ins from before questions were asked).
    pub question: Option<String>,
    pub answer: Option<String>,
    pub appreciated: Option<String>,
    pub hear: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub revealed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedReflection {
    pub day: String,
    pub author_id: String,
    pub reflector_id: String,
    pub text: String,
    /// `heard`, `not_quite`, or null before the author answered.
    pub response: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedAppreciation {
    pub from_user_id: String,
    pub to_user_id: String,
    pub text: String,
    /// `command` or `jar`.
    pub source: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedPrompt {
    pub practice: String,
    pub text: String,
    pub created_by: String,
    pub created_at: i64,
}

impl Services {
    pub async fn export(&self, couple: &Couple, user: UserId) -> Outcome<Export> {
        let now = self.clock.now();
        let view = ScheduleView::of(couple, now);
        let streak = self.streak_view(couple).await?.streaks;
        let couple_id = couple.id;
        let (check_ins, reflections, appreciations, prompts) = self
            .store
            .call(move |c| {
                Ok((
                    exports::check_ins(c, couple_id)?,
                    exports::reflections(c, couple_id)?,
                    exports::appreciations(c, couple_id)?,
                    exports::custom_prompts(c, couple_id)?,
                ))
            })
            .await?;
        Ok(Export {
            format: FORMAT,
            exported_at: now.to_rfc3339(),
            exported_by: id(user),
            language: couple.language.code(),
            couple: ExportedCouple {
                guild_id: couple.guild_id.0.to_string(),
                channel_id: couple.channel_id.0.to_string(),
                partners: couple.partners.map(id),
                created_at: couple.created_at.to_rfc3339(),
                timezone: couple.timezone.name().to_string(),
                day_starts_at: couple.day_start.to_string(),
            },
            schedule: ExportedSchedule {
                cron: couple.schedule.text().to_string(),
                description: crate::copy::schedule_words(
                    crate::copy::Lang::ENGLISH,
                    &couple.schedule,
                ),
                paused_until: view.paused_until.map(|t| t.to_rfc3339()),
                next: view.next.iter().map(|t| t.to_rfc3339()).collect(),
            },
            streaks: ExportedStreaks {
                current: streak.current,
                longest: streak.longest,
                individual_current: streak.individual_current,
                individual_longest: streak.individual_longest,
                freezes_held: streak.freezes_held,
                counted_days: streak.totals.counted_days,
            },
            check_ins: check_ins
                .into_iter()
                // The partner's answers only once they were revealed to the invoker.
                .filter(|row| row.user == user || row.revealed)
                .map(Into::into)
                .collect(),
            reflections: reflections.into_iter().map(Into::into).collect(),
            appreciations: appreciations.into_iter().map(Into::into).collect(),
            custom_prompts: prompts.into_iter().map(Into::into).collect(),
        })
    }
}

fn id(u: UserId) -> String {
    u.0.to_string()
}

impl From<exports::CheckInRow> for ExportedCheckIn {
    fn from(row: exports::CheckInRow) -> Self {
        ExportedCheckIn {
            day: row.day,
            user_id: id(row.user),
            mood: row.mood,
            question: row.question,
            answer: row.answer,
            appreciated: row.appreciated,
            hear: row.hear,
            created_at: row.created_at,
            updated_at: row.updated_at,
            revealed: row.revealed,
        }
    }
}

impl From<exports::ReflectionRow> for ExportedReflection {
    fn from(r: exports::ReflectionRow) -> Self {
        ExportedReflection {
            day: r.day,
            author_id: id(r.author),
            reflector_id: id(r.reflector),
            text: r.text,
            response: r.response,
            created_at: r.created_at,
        }
    }
}

impl From<exports::AppreciationRow> for ExportedAppreciation {
    fn from(a: exports::AppreciationRow) -> Self {
        ExportedAppreciation {
            from_user_id: id(a.from),
            to_user_id: id(a.to),
            text: a.text,
            source: a.source,
            created_at: a.created_at,
        }
    }
}

impl From<exports::PromptRow> for ExportedPrompt {
    fn from(p: exports::PromptRow) -> Self {
        ExportedPrompt {
            practice: p.practice,
            text: p.text,
            created_by: id(p.created_by),
            created_at: p.created_at,
        }
    }
}
