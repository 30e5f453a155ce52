//! `/anniversary`: the couple's date, which either partner may set, change or clear. It is
//! the couple's, not one partner's: every change is noted in the channel (who, never the date)
//! through the outbox, so neither can rewrite the couple's day unseen.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::outbox::enqueue;
use super::{Outcome, Refusal, Services};
use crate::copy;
use crate::domain::anniversary;
use crate::domain::couple::Couple;
use crate::domain::ids::UserId;
use crate::domain::post::PostKind;
use crate::render::posts;
use crate::store::{couples, outbox, Db, Result as StoreResult};

/// The most changes to a couple's anniversary (each noted in the channel) in any 24 hours:
/// enough to fix a typo, too few to fill the channel with notes.
pub const MAX_CHANGES_PER_DAY: u32 = 5;

/// What a `/anniversary set` or `clear` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A date was set where there was none.
    Set,
    /// The date was changed; it was this.
    Changed { was: NaiveDate },
    /// The date asked for is the one kept: nothing changed, nothing posted.
    Unchanged,
    /// The date was cleared.
    Cleared,
    /// There was no date to clear.
    NothingToClear,
    /// Nothing changed: the date already changed [`MAX_CHANGES_PER_DAY`] times in the last
    /// 24 hours.
    TooManyToday,
}

/// The anniversary as a partner sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnniversaryView {
    pub date: Option<NaiveDate>,
    /// The next anniversary with a number, and its years.
    pub next: Option<(NaiveDate, u32)>,
    /// The couple-day it is now.
    pub today: NaiveDate,
}

impl AnniversaryView {
    pub fn of(couple: &Couple, now: DateTime<Utc>) -> AnniversaryView {
        // The couple's own day (its nudges follow the couple's zone, whatever either partner's).
        let today = crate::domain::checkin::couple_day(now, couple.timezone.0, couple.day_start);
        AnniversaryView {
            date: couple.anniversary,
            next: couple.anniversary.and_then(|a| anniversary::next(a, today)),
            today,
        }
    }
}

impl Services {
    /// The date it is now in the couple's time zone (by the calendar, not the couple-day): an
    /// anniversary may be any day up to this one.
    pub fn calendar_today(&self, couple: &Couple) -> NaiveDate {
        self.clock
            .now()
            .with_timezone(&couple.timezone.0)
            .date_naive()
    }

    /// The couple's anniversary, as it is stored now.
    pub fn anniversary_view(&self, couple: &Couple) -> AnniversaryView {
        AnniversaryView::of(couple, self.clock.now())
    }

    /// Sets (`Some`) or clears (`None`) the couple's anniversary on behalf of `by`; a change
    /// is noted in the channel, in the same transaction.
    pub async fn set_anniversary(
        &self,
        couple: &Couple,
        date: Option<NaiveDate>,
        by: UserId,
    ) -> Outcome<(Change, AnniversaryView)> {
        let now = self.clock.now();
        let id = couple.id;
        let (change, updated) = self
            .store
            .write_or_refuse(move |tx| {
                let Some(current) = couples::by_id(tx, id)? else {
                    return Ok(Err(Refusal::NotYourCouple));
                };
                let change = match (current.anniversary, date) {
                    (Some(was), Some(new)) if was == new => Change::Unchanged,
                    (Some(was), Some(_)) => Change::Changed { was },
                    (None, Some(_)) => Change::Set,
                    (Some(_), None) => Change::Cleared,
                    (None, None) => Change::NothingToClear,
                };
                if matches!(change, Change::Unchanged | Change::NothingToClear) {
                    return Ok(Ok((change, current)));
                }
                let day_ago = now - Duration::hours(24);
                if outbox::recorded_since(tx, id, PostKind::Anniversary, day_ago)?
                    >= MAX_CHANGES_PER_DAY
                {
                    return Ok(Ok((Change::TooManyToday, current)));
                }
                couples::set_anniversary(tx, id, date)?;
                note_change(tx, &current, change, by, now)?;
                Ok(couples::by_id(tx, id)?
                    .map(|c| (change, c))
                    .ok_or(Refusal::NotYourCouple))
            })
            .await??;
        self.wake.notify_one();
        Ok((change, AnniversaryView::of(&updated, now)))
    }
}

/// Records the note of a change in the couple's channel. Each note is its own occurrence: two
/// changes in one second are two notes.
fn note_change(
    tx: &Db,
    couple: &Couple,
    change: Change,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let (text, show) = match change {
        Change::Set => (copy::anniversary_set_note(couple.language, by), true),
        Change::Changed { .. } => (copy::anniversary_changed_note(couple.language, by), true),
        Change::Cleared => (copy::anniversary_cleared_note(couple.language, by), false),
        Change::Unchanged | Change::NothingToClear | Change::TooManyToday => return Ok(()),
    };
    let mut occurrence = now;
    while outbox::exists(tx, couple.id, PostKind::Anniversary, occurrence)? {
        occurrence += Duration::seconds(1);
    }
    let post = posts::anniversary_note(
        couple.language,
        text,
        show,
        &PostKind::Anniversary.marker(occurrence, couple.id),
    );
    enqueue(tx, couple, PostKind::Anniversary, occurrence, &post, now)
}

/// The anniversary a nudge at `occurrence` marks, if it is the first nudge of the couple's
/// anniversary (in their time zone, by the couple-day): how many years it is. A second nudge
/// that day is an ordinary one.
pub(super) fn marked_by_nudge(
    tx: &Db,
    couple: &Couple,
    occurrence: DateTime<Utc>,
) -> StoreResult<Option<u32>> {
    let Some(date) = couple.anniversary else {
        return Ok(None);
    };
    let day = crate::domain::checkin::couple_day(occurrence, couple.timezone.0, couple.day_start);
    let Some(years) = anniversary::on(date, day) else {
        return Ok(None);
    };
    // A couple-day is at most about 26 hours long (a DST change), so two days back reaches
    // every earlier nudge of it.
    let earlier = outbox::nudges_since(tx, couple.id, occurrence - Duration::days(2))?
        .into_iter()
        .any(|(t, d)| t < occurrence && d == Some(day));
    Ok((!earlier).then_some(years))
}
