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
/// `answer` to each check-in and made `appreciated` nullable (it became optional); version 3
/// added the couple's `anniversary`, `on_my_mind` (the exporter's own notes), `pulse` (the
/// exporter's own weekly pulse), `settings` (the couple's and the exporter's own) and the couple's `language`.
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
    /// The exporter's own "on my mind" notes (never the partner's).
    pub on_my_mind: Vec<ExportedNote>,
    /// The invoker's own weekly pulse: settings, weeks and notes to self (never the partner's).
    pub pulse: ExportedPulse,
    pub settings: ExportedSettings,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedNote {
    pub text: String,
    /// "open", "brought_up" or "done".
    pub status: &'static str,
    /// Whether the post that brought it up carried these words (null: never brought up).
    pub posted_with_words: Option<bool>,
    /// The opener as written in the form, while it waits to be posted or once posted.
    pub opener: Option<String>,
    /// "tonight", "tomorrow" or "weekend", as the partner picked.
    pub picked: Option<&'static str>,
    pub talk_at: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl From<crate::domain::onmymind::Note> for ExportedNote {
    fn from(n: crate::domain::onmymind::Note) -> Self {
        ExportedNote {
            text: n.text,
            status: n.status.code(),
            posted_with_words: n.with_words,
            opener: n.draft,
            picked: n.picked.map(|p| p.code()),
            talk_at: n.talk_at.map(|t| t.to_rfc3339()),
            created_at: n.created_at.timestamp(),
            updated_at: n.updated_at.timestamp(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedPulse {
    pub enabled: bool,
    pub share: bool,
    pub weeks: Vec<ExportedPulseWeek>,
    /// A form that could not be saved yet, as typed (null when there is none).
    pub draft: Option<ExportedPulseDraft>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedPulseDraft {
    pub week: String,
    pub close: String,
    pub beyond_logistics: String,
    pub free_to_share: String,
    pub unsettled: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedPulseWeek {
    /// The week's digest day, YYYY-MM-DD.
    pub week: String,
    pub close: u8,
    pub beyond_logistics: u8,
    pub free_to_share: u8,
    pub unsettled: u8,
    pub note: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The couple's settings and the invoker's own (never the partner's own).
#[derive(Debug, Clone, Serialize)]
pub struct ExportedSettings {
    /// The digest's weekday chosen by the couple (`monday`...), null for the host's default.
    pub digest_weekday: Option<String>,
    /// `together`, `apart` or `both`.
    pub together: String,
    /// The invoker's own time zone, null when they live in the couple's.
    pub own_timezone: Option<String>,
    /// The invoker's language choice (`en`, `es`), null when never chosen.
    pub language: Option<String>,
    pub mentions: bool,
    pub reminders: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedCouple {
    pub guild_id: String,
    pub channel_id: String,
    pub partners: [String; 2],
    pub created_at: String,
    pub timezone: String,
    pub day_starts_at: String,
    /// The couple's anniversary (YYYY-MM-DD), null when none is set: both partners' data.
    pub anniversary: Option<String>,
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
        let own = self.settings_view(couple, user).await?;
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
        let notes = self
            .store
            .call(move |c| crate::store::onmymind::of_author(c, couple_id, user))
            .await?;
        // The invoker's own pulse only.
        let (pulse_settings, pulse_weeks, pulse_draft) = self
            .store
            .call(move |c| {
                Ok((
                    crate::store::pulse::settings(c, couple_id, user)?,
                    crate::store::pulse::weeks_since(c, couple_id, user, chrono::NaiveDate::MIN)?,
                    crate::store::pulse::kept_draft(c, couple_id, user)?,
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
                anniversary: couple.anniversary.map(|d| d.format("%Y-%m-%d").to_string()),
            },
            schedule: ExportedSchedule {
                cron: couple.schedule.text().to_string(),
                // In the exporter's own language when they chose one, else the couple's.
                description: crate::copy::schedule_words(
                    own.language.unwrap_or(couple.language),
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
            on_my_mind: notes.into_iter().map(Into::into).collect(),
            pulse: ExportedPulse {
                enabled: pulse_settings.enabled,
                share: pulse_settings.share,
                weeks: pulse_weeks
                    .into_iter()
                    .map(|w| ExportedPulseWeek {
                        week: w.week.format("%Y-%m-%d").to_string(),
                        close: w.pulse.scores[0],
                        beyond_logistics: w.pulse.scores[1],
                        free_to_share: w.pulse.scores[2],
                        unsettled: w.pulse.scores[3],
                        note: w.pulse.note,
                        created_at: w.created_at,
                        updated_at: w.updated_at,
                    })
                    .collect(),
                draft: pulse_draft.map(|(week, d)| {
                    let [close, beyond_logistics, free_to_share, unsettled] = d.scores;
                    ExportedPulseDraft {
                        week,
                        close,
                        beyond_logistics,
                        free_to_share,
                        unsettled,
                        note: d.note,
                    }
                }),
            },
            settings: ExportedSettings {
                digest_weekday: couple.digest_weekday.map(|d| weekday_name(d).to_string()),
                together: couple.togetherness.code().to_string(),
                own_timezone: own.own_zone.map(|t| t.name().to_string()),
                language: own.language.map(|l| l.code().to_string()),
                mentions: own.notifications.mentions,
                reminders: own.notifications.reminders,
            },
        })
    }
}

fn weekday_name(d: chrono::Weekday) -> &'static str {
    match d {
        chrono::Weekday::Mon => "monday",
        chrono::Weekday::Tue => "tuesday",
        chrono::Weekday::Wed => "wednesday",
        chrono::Weekday::Thu => "thursday",
        chrono::Weekday::Fri => "friday",
        chrono::Weekday::Sat => "saturday",
        chrono::Weekday::Sun => "sunday",
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
