//! The couple's streaks from what the store knows: which days were required (a nudge was
//! scheduled and neither skipped nor paused) and who checked in.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Outcome, Services};
use crate::copy;
use crate::domain::checkin::couple_day;
use crate::domain::couple::Couple;
use crate::domain::post::SkipReason;
use crate::domain::post::Status;
use crate::domain::streak::{compute, DayRecord, DayState, Streaks};
use crate::render::heatmap::{self, Cell};
use crate::store::{checkins, outbox, Db};

/// The streak picture of `days`, its words in `lang`.
pub fn heatmap_png(lang: copy::Lang, days: &[(NaiveDate, Cell)], today: NaiveDate) -> Vec<u8> {
    let words = copy::heatmap_words(lang);
    let labels = heatmap::Labels {
        months: std::array::from_fn(|i| words.months[i].as_str()),
        weekdays: std::array::from_fn(|i| words.weekdays[i].as_str()),
        legend: std::array::from_fn(|i| words.legend[i].as_str()),
    };
    heatmap::render(days, today, &labels)
}

/// What /streak shows.
pub struct StreakView {
    pub streaks: Streaks,
    pub png: Vec<u8>,
}

/// Why a nudge was skipped decides whether its day still counts as required: (required,
/// paused).
fn day_kind(status: Status, reason: Option<SkipReason>) -> (bool, bool) {
    match (status, reason) {
        (Status::Skipped, Some(reason)) => reason.day_effect(),
        // Sent, pending, failed: still required.
        _ => (true, false),
    }
}

/// The couple's days as the streak rules see them, from the store.
pub fn records(c: &Db, couple: &Couple) -> crate::store::Result<Vec<DayRecord>> {
    let (tz, start) = (couple.timezone.0, couple.day_start);
    let mut days: BTreeMap<NaiveDate, DayRecord> = BTreeMap::new();
    let blank = |date| DayRecord {
        date,
        required: false,
        paused: false,
        checked_in: [false, false],
    };
    for (occurrence, day, status, reason) in outbox::nudge_history(c, couple.id)? {
        // The day as it was when the nudge was recorded; older rows are mapped now.
        let date = day.unwrap_or_else(|| couple_day(occurrence, tz, start));
        let (required, paused) = day_kind(status, reason);
        let d = days.entry(date).or_insert_with(|| blank(date));
        d.required |= required;
        d.paused |= paused;
    }
    for (date, user) in checkins::history(c, couple.id)? {
        if let Some(slot) = couple.slot(user) {
            days.entry(date).or_insert_with(|| blank(date)).checked_in[slot] = true;
        }
    }
    Ok(days.into_values().collect())
}

impl Services {
    pub async fn streak_view(&self, couple: &Couple) -> Outcome<StreakView> {
        let now = self.clock.now();
        // A date is judged once it is over for both partners, each in their own zone.
        let today = couple.streak_today(now);
        let c2 = couple.clone();
        let lang = couple.language;
        // Only the reads hold the database; the rules and the picture are worked out after.
        let records = self.store.call(move |c| records(c, &c2)).await?;
        let view = tokio::task::spawn_blocking(move || {
            let streaks = compute(&records, today);
            let someone: std::collections::HashSet<NaiveDate> = records
                .iter()
                .filter(|r| r.checked_in.iter().any(|x| *x))
                .map(|r| r.date)
                .collect();
            let cells: Vec<(NaiveDate, Cell)> = streaks
                .days
                .iter()
                .map(|(d, s)| (*d, cell(*s, someone.contains(d))))
                .collect();
            StreakView {
                png: heatmap_png(lang, &cells, today),
                streaks,
            }
        })
        .await
        .map_err(|_| crate::store::StoreError::Worker)?;
        Ok(view)
    }
}

fn cell(state: DayState, someone_checked_in: bool) -> Cell {
    match state {
        DayState::Counted => Cell::Both,
        DayState::One => Cell::One,
        DayState::Missed => Cell::None,
        DayState::Frozen => Cell::Frozen,
        DayState::Pending if someone_checked_in => Cell::One,
        DayState::Pending => Cell::None,
        DayState::Neutral if someone_checked_in => Cell::One,
        DayState::Neutral => Cell::NotRequired,
    }
}
