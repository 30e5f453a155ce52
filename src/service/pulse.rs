//! The weekly pulse: each partner's own opt-in and sharing, this week's private form, their own
//! chart, the lean of the next week's mix, the digest's shared lines (only when both share),
//! and the private offer of repair when a partner's own pulse says something feels unsettled.
//!
//! Nothing here tells one partner anything about the other's pulse, except the digest's lines
//! once both chose to share.

use chrono::{DateTime, Duration, NaiveDate, Utc, Weekday};

use super::{Outcome, Services};
use crate::domain::checkin::couple_day;
use crate::domain::couple::Couple;
use crate::domain::ids::{CoupleId, UserId};
use crate::domain::post::Post;
use crate::domain::pulse::{
    feels_unsettled, week_of, Lean, Pulse, PulseDraft, PulseError, CHART_WEEKS,
};
use crate::store::pulse::{self, Settings};
use crate::store::{Db, Result as StoreResult};

/// How a submitted pulse form went. What could not be saved is kept as a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PulseSubmitted {
    Saved,
    Invalid(PulseError),
    /// The form's week has closed; kept for this week's form.
    WeekClosed,
    /// The partner turned the pulse off.
    Off,
}

/// What the form opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PulseForm {
    pub week: NaiveDate,
    pub prefill: PulseDraft,
}

/// A partner's own chart and notes.
#[derive(Debug, Clone)]
pub struct PulseChart {
    pub settings: Settings,
    /// The last [`CHART_WEEKS`] week keys, oldest first, with the partner's answers.
    pub weeks: Vec<(NaiveDate, Option<Pulse>)>,
    pub this_week_answered: bool,
}

impl PulseChart {
    pub fn answered(&self) -> u32 {
        self.weeks.iter().filter(|(_, p)| p.is_some()).count() as u32
    }
}

/// The couple's latest pulse week on or before couple-day `day` (this week's or last week's),
/// with every answer given for it.
fn latest_week(db: &Db, couple: &Couple, day: NaiveDate) -> StoreResult<Vec<Pulse>> {
    let since = day - Duration::days(13);
    let mut rows = vec![];
    for p in couple.partners {
        rows.extend(
            pulse::weeks_since(db, couple.id, p, since)?
                .into_iter()
                .filter(|w| w.week <= day),
        );
    }
    let Some(latest) = rows.iter().map(|w| w.week).max() else {
        return Ok(vec![]);
    };
    Ok(rows
        .into_iter()
        .filter(|w| w.week == latest)
        .map(|w| w.pulse)
        .collect())
}

/// The lean of the couple's latest pulse on the nudges of couple-day `day`.
pub fn lean(db: &Db, couple: &Couple, day: NaiveDate) -> StoreResult<Lean> {
    Ok(Lean::from_week(&latest_week(db, couple, day)?))
}

/// Adds the pulse to a digest leaving now: its button, always; each partner's own line for
/// last week, only when both partners take the pulse and share it, and for those who answered.
pub fn add_to_digest(
    db: &Db,
    couple: &Couple,
    now: DateTime<Utc>,
    post: &mut Post,
    marker: &str,
) -> StoreResult<()> {
    let today = couple_day(now, couple.timezone.0, couple.day_start);
    let both_share = couple
        .partners
        .iter()
        .map(|p| pulse::settings(db, couple.id, *p).map(|s| s.enabled && s.share))
        .collect::<StoreResult<Vec<bool>>>()?
        .into_iter()
        .all(|s| s);
    let mut shared = vec![];
    if both_share {
        let since = today - Duration::days(13);
        let mut rows = vec![];
        for p in couple.partners {
            rows.extend(
                pulse::weeks_since(db, couple.id, p, since)?
                    .into_iter()
                    .filter(|w| w.week < today)
                    .map(|w| (p, w)),
            );
        }
        if let Some(latest) = rows.iter().map(|(_, w)| w.week).max() {
            shared = rows
                .into_iter()
                .filter(|(_, w)| w.week == latest)
                .map(|(p, w)| (p, w.pulse.scores))
                .collect();
        }
    }
    crate::render::pulse::add_to_digest(couple.language, post, &shared, marker);
    Ok(())
}

impl Services {
    /// The couple's digest weekday (`/settings`), else the host's.
    fn digest_weekday(&self, couple: &Couple) -> Weekday {
        couple
            .digest_weekday
            .or(self.settings.digest_weekday())
            .unwrap_or(Weekday::Sun)
    }

    /// The pulse week it is now for this couple.
    pub fn pulse_week(&self, couple: &Couple) -> NaiveDate {
        let today = couple_day(self.clock.now(), couple.timezone.0, couple.day_start);
        week_of(today, self.digest_weekday(couple))
    }

    pub async fn pulse_settings(&self, couple: &Couple, user: UserId) -> Outcome<Settings> {
        let id = couple.id;
        Ok(self
            .store
            .call(move |c| pulse::settings(c, id, user))
            .await?)
    }

    /// Changes what is given of a partner's own pulse settings; returns them as they now are.
    pub async fn set_pulse(
        &self,
        couple: &Couple,
        user: UserId,
        enabled: Option<bool>,
        share: Option<bool>,
    ) -> Outcome<Settings> {
        let (id, now) = (couple.id, self.clock.now());
        Ok(self
            .store
            .write(move |tx| {
                let mut s = pulse::settings(tx, id, user)?;
                s.enabled = enabled.unwrap_or(s.enabled);
                s.share = share.unwrap_or(s.share);
                pulse::set_settings(tx, id, user, s, now)?;
                Ok(s)
            })
            .await?)
    }

    /// This week's form for a partner: pre-filled with what they typed and could not save
    /// yet, or with this week's answers to change.
    pub async fn pulse_form(&self, couple: &Couple, user: UserId) -> Outcome<PulseForm> {
        let (id, week) = (couple.id, self.pulse_week(couple));
        Ok(self
            .store
            .call(move |c| {
                let prefill = match pulse::draft(c, id, user, week)? {
                    Some(d) => d,
                    None => pulse::get(c, id, user, week)?
                        .map(|w| PulseDraft::of(&w.pulse))
                        .unwrap_or_default(),
                };
                Ok(PulseForm { week, prefill })
            })
            .await?)
    }

    /// A submitted form for `week`. Never thrown away: what cannot be saved is kept as a draft
    /// for this week's form.
    pub async fn submit_pulse(
        &self,
        couple: &Couple,
        user: UserId,
        week: NaiveDate,
        draft: PulseDraft,
    ) -> Outcome<PulseSubmitted> {
        let (id, now, current) = (couple.id, self.clock.now(), self.pulse_week(couple));
        Ok(self
            .store
            .write(move |tx| {
                let outcome = if !pulse::settings(tx, id, user)?.enabled {
                    PulseSubmitted::Off
                } else if week != current {
                    PulseSubmitted::WeekClosed
                } else {
                    match draft.accept() {
                        Ok(p) => {
                            pulse::save(tx, id, user, current, &p, now)?;
                            pulse::delete_draft(tx, id, user)?;
                            return Ok(PulseSubmitted::Saved);
                        }
                        Err(e) => PulseSubmitted::Invalid(e),
                    }
                };
                // Kept as the form can show it again.
                pulse::save_draft(tx, id, user, current, &draft.fit(), now)?;
                Ok(outcome)
            })
            .await?)
    }

    /// A partner's own last [`CHART_WEEKS`] weeks.
    pub async fn pulse_chart(&self, couple: &Couple, user: UserId) -> Outcome<PulseChart> {
        let (id, week) = (couple.id, self.pulse_week(couple));
        let first = week - Duration::weeks(CHART_WEEKS as i64 - 1);
        let (settings, rows) = self
            .store
            .call(move |c| {
                Ok((
                    pulse::settings(c, id, user)?,
                    pulse::weeks_since(c, id, user, first)?,
                ))
            })
            .await?;
        let weeks: Vec<(NaiveDate, Option<Pulse>)> = (0..CHART_WEEKS as i64)
            .map(|i| {
                let key = first + Duration::weeks(i);
                let answer = rows.iter().find(|w| w.week == key).map(|w| w.pulse.clone());
                (key, answer)
            })
            .collect();
        let this_week_answered = weeks.last().is_some_and(|(_, p)| p.is_some());
        Ok(PulseChart {
            settings,
            weeks,
            this_week_answered,
        })
    }

    /// Whether a partner's check-in confirmation offers repair: their own latest pulse (this
    /// week's or last week's) says something feels unsettled, and they were not offered it for
    /// that week yet. Recorded as offered; never posted, never told to the partner.
    pub async fn pulse_offer(&self, couple: &Couple, user: UserId) -> Outcome<bool> {
        let (id, now) = (couple.id, self.clock.now());
        let today = couple_day(now, couple.timezone.0, couple.day_start);
        Ok(self
            .store
            .write(move |tx| {
                let latest = pulse::weeks_since(tx, id, user, today - Duration::days(13))?
                    .into_iter()
                    .filter(|w| w.week <= today)
                    .max_by_key(|w| w.week);
                let Some(w) = latest else {
                    return Ok(false);
                };
                if w.offered || !feels_unsettled(Some(&w.pulse)) {
                    return Ok(false);
                }
                pulse::mark_offered(tx, id, user, w.week, now)?;
                Ok(true)
            })
            .await?)
    }
}

/// A couple's pulse rows of every kind (for tests of forgetting).
pub fn rows_of(db: &Db, couple: CoupleId) -> StoreResult<i64> {
    pulse::count_rows(db, couple)
}
