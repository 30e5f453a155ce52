//! Check-ins and the reveal, reflections and "felt heard": the couple's private answers, kept
//! private until both partners have answered for the day.

use super::outbox::enqueue;
use super::{Outcome, Refusal, Services};
use crate::domain::checkin::day_end;
use crate::domain::checkin::{
    feels_heavy, Answers, DayQuestion, Draft, CARE_EVERY, CARE_WINDOW_DAYS,
};
use crate::domain::couple::Couple;
use crate::domain::ids::{MessageId, UserId};
use crate::domain::post::PostKind;
use crate::render::posts;
use crate::store::{checkins, outbox, Db, Result as StoreResult};
use chrono::{DateTime, NaiveDate, Utc};

/// How a submission went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted {
    /// Stored; the partner has not checked in yet (answers stay private).
    Waiting { edited: bool, care: bool },
    /// Stored, and this completed the day: the reveal is on its way.
    Revealed { care: bool },
}

impl Submitted {
    /// Whether the author's own recent moods call for the support line in their (private)
    /// confirmation, offered at most once every 7 days.
    pub fn care(&self) -> bool {
        match self {
            Submitted::Waiting { care, .. } | Submitted::Revealed { care } => *care,
        }
    }
}

pub use crate::domain::view::Kept;

/// The outbox key of a day-based post: the day's number, and the partner's slot.
pub fn day_key(day: NaiveDate, slot: usize) -> DateTime<Utc> {
    let base = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    base + chrono::Duration::seconds(slot as i64)
}

/// The day and slot of a [`day_key`].
pub fn day_of_key(key: DateTime<Utc>) -> (NaiveDate, usize) {
    (
        key.date_naive(),
        usize::from(key.timestamp().rem_euclid(86_400) != 0),
    )
}

impl Services {
    /// Today's couple-day for `user`'s check-ins, in their own time zone.
    pub fn today(&self, couple: &Couple, user: UserId) -> NaiveDate {
        couple.checkin_day(user, self.clock.now())
    }

    /// What to pre-fill a form with: the kept draft, or the check-in being edited.
    pub async fn form_prefill(
        &self,
        couple: &Couple,
        user: UserId,
        day: NaiveDate,
    ) -> Outcome<Option<Draft>> {
        let id = couple.id;
        Ok(self
            .store
            .call(move |c| {
                if let Some(d) = checkins::draft(c, id, user, day)? {
                    return Ok(Some(d));
                }
                Ok(checkins::get(c, id, day, user)?.map(|a| Draft {
                    mood: a.mood.get().to_string(),
                    answer: a.answer.unwrap_or_default(),
                    appreciated: a.appreciated.unwrap_or_default(),
                    hear: a.hear.unwrap_or_default(),
                }))
            })
            .await?)
    }

    /// The question `user`'s check-in for their own `day` asks, when that day's prompt is a
    /// question (see [`own_prompt`]).
    pub async fn day_question(
        &self,
        couple: &Couple,
        user: UserId,
        day: NaiveDate,
    ) -> Outcome<Option<DayQuestion>> {
        let couple = couple.clone();
        Ok(self
            .store
            .call(move |c| Ok(own_prompt(c, &couple, user, day)?.and_then(|(_, p)| p.question)))
            .await?)
    }

    /// Whether the day's answers were already revealed (then they can no longer be edited).
    pub async fn revealed(&self, couple: &Couple, day: NaiveDate) -> Outcome<bool> {
        let id = couple.id;
        Ok(self
            .store
            .call(move |c| checkins::is_revealed(c, id, day))
            .await?)
    }

    /// A submitted form. Never thrown away: what cannot be accepted is kept as a draft.
    pub async fn submit_checkin(
        &self,
        couple: &Couple,
        user: UserId,
        day: NaiveDate,
        draft: Draft,
    ) -> Outcome<Result<Submitted, Kept>> {
        let now = self.clock.now();
        let slot = couple.slot(user).ok_or(Refusal::NotAPartner)?;
        let couple = couple.clone();
        let open = couple.accepts_checkin(user, day, now);
        let result = self
            .store
            .write(move |tx| {
                let prompt = own_prompt(tx, &couple, user, day)?
                    .and_then(|(prompt_day, p)| Some((prompt_day, p.question?)));
                let verdict = if open {
                    let question = prompt.as_ref().map(|(_, q)| q);
                    draft.accept(question).map_err(Kept::Invalid)
                } else {
                    Err(Kept::DayOver)
                };
                let prompt_day = prompt.map(|(d, _)| d);
                let outcome = match verdict {
                    Err(kept) => Err(kept),
                    Ok(_) if checkins::is_revealed(tx, couple.id, day)? => {
                        Err(Kept::AlreadyRevealed)
                    }
                    Ok(answers) => {
                        let stored =
                            store_checkin(tx, &couple, user, slot, day, prompt_day, &answers, now)?;
                        Ok(with_care(tx, &couple, user, stored, now)?)
                    }
                };
                if let Err(kept) = &outcome {
                    // Kept under the day its Edit button opens: today's, once its own day is over.
                    let draft_day = match kept {
                        Kept::DayOver => couple.checkin_day(user, now),
                        _ => day,
                    };
                    checkins::save_draft(tx, couple.id, user, draft_day, &draft, now)?;
                } else {
                    checkins::delete_draft(tx, couple.id, user, day)?;
                }
                Ok(outcome)
            })
            .await?;
        if result.is_ok() {
            self.wake.notify_one();
        }
        Ok(result)
    }

    /// `reflector` reflects back the revealed answer of the partner in `slot`.
    pub async fn reflect(
        &self,
        couple: &Couple,
        reflector: UserId,
        day: NaiveDate,
        slot: u8,
        text: String,
    ) -> Outcome<()> {
        let author = *couple
            .partners
            .get(usize::from(slot))
            .ok_or(Refusal::NotYourCouple)?;
        if author == reflector || !couple.is_partner(reflector) {
            return Err(Refusal::OnlyTheOtherPartner.into());
        }
        let now = self.clock.now();
        let couple = couple.clone();
        self.store
            .write_or_refuse(move |tx| {
                if !checkins::is_revealed(tx, couple.id, day)? {
                    return Ok(Err(Refusal::NotRevealedYet));
                }
                let Some(id) =
                    checkins::add_reflection(tx, couple.id, day, author, reflector, &text, now)?
                else {
                    return Ok(Err(Refusal::AlreadyReflected));
                };
                let reply_to = reveal_message(tx, &couple, day)?;
                let key = day_key(day, usize::from(slot));
                let marker = PostKind::Reflection.marker(key, couple.id);
                let post = posts::reflection_post(
                    couple.language,
                    author,
                    reflector,
                    &text,
                    id as u64,
                    reply_to,
                    &marker,
                );
                enqueue(tx, &couple, PostKind::Reflection, key, &post, now)?;
                Ok(Ok(()))
            })
            .await??;
        self.wake.notify_one();
        Ok(())
    }

    /// The author of a reflected answer says whether they felt heard. Returns the reflector.
    pub async fn felt_heard(
        &self,
        couple: &Couple,
        user: UserId,
        reflection: u64,
        heard: bool,
    ) -> Outcome<UserId> {
        let now = self.clock.now();
        let couple_id = couple.id;
        let id = i64::try_from(reflection).map_err(|_| Refusal::InvitationGone)?;
        self.store
            .write_or_refuse(move |tx| {
                let Some(found) = checkins::reflection(tx, id)? else {
                    return Ok(Err(Refusal::InvitationGone));
                };
                if found.couple != couple_id {
                    return Ok(Err(Refusal::InvitationGone));
                }
                if found.author != user {
                    return Ok(Err(Refusal::OnlyTheAuthor));
                }
                let reflector = found.reflector;
                if !checkins::respond(tx, id, heard, now)? {
                    return Ok(Err(Refusal::AlreadyAnswered));
                }
                Ok(Ok(reflector))
            })
            .await?
            .map_err(Into::into)
    }
}

/// Adds whether the author is offered the support line: their own moods of the last week
/// feel heavy by the rule, and they were not offered it in the last 7 days. Nothing of this
/// is ever posted or told to the partner.
fn with_care(
    tx: &Db,
    couple: &Couple,
    user: UserId,
    stored: Submitted,
    now: DateTime<Utc>,
) -> StoreResult<Submitted> {
    let today = couple.checkin_day(user, now);
    let since = today - chrono::Duration::days(CARE_WINDOW_DAYS);
    let moods = checkins::moods_since(tx, couple.id, user, since)?;
    let recently_offered =
        checkins::last_care_offer(tx, couple.id, user)?.is_some_and(|at| now - at < CARE_EVERY);
    let care = feels_heavy(&moods, today) && !recently_offered;
    if care {
        checkins::record_care_offer(tx, couple.id, user, now)?;
    }
    Ok(match stored {
        Submitted::Waiting { edited, .. } => Submitted::Waiting { edited, care },
        Submitted::Revealed { .. } => Submitted::Revealed { care },
    })
}

/// The prompt `user`'s check-in for their own `day` answers, with the couple-day it is the
/// prompt of (PRODUCT.md section 12): the couple's prompt of that same date once it has been
/// posted, so both partners answer one question whenever they can; otherwise (a partner far
/// ahead of the couple's zone, whose own date ends before that date's nudge) the latest prompt
/// posted within that day of theirs, the one they have just read; never one not yet posted.
fn own_prompt(
    tx: &Db,
    couple: &Couple,
    user: UserId,
    day: NaiveDate,
) -> StoreResult<Option<(NaiveDate, checkins::DayPrompt)>> {
    if let Some(same_date) = checkins::day_prompt(tx, couple.id, day)? {
        return Ok(Some((day, same_date)));
    }
    let tz = couple.zone_of(user).0;
    let Some(before) = day.pred_opt() else {
        return Ok(None);
    };
    let from = day_end(before, tz, couple.day_start);
    let to = day_end(day, tz, couple.day_start);
    checkins::prompt_set_within(tx, couple.id, from, to)
}

/// Stores an accepted check-in and records what it causes: a content-free notice on a first
/// check-in while the partner has not answered, or the day's one reveal once both have.
#[allow(clippy::too_many_arguments)]
fn store_checkin(
    tx: &Db,
    couple: &Couple,
    user: UserId,
    slot: usize,
    day: NaiveDate,
    prompt_day: Option<NaiveDate>,
    answers: &Answers,
    now: DateTime<Utc>,
) -> StoreResult<Submitted> {
    let is_new = checkins::upsert(tx, couple.id, day, user, answers, prompt_day, now)?;
    let other = couple.partners[1 - slot];
    let Some(theirs) = checkins::get(tx, couple.id, day, other)? else {
        if is_new {
            let key = day_key(day, slot);
            let post = posts::checkin_notice(
                couple.language,
                user,
                other,
                &PostKind::Notice.marker(key, couple.id),
            );
            enqueue(tx, couple, PostKind::Notice, key, &post, now)?;
        }
        return Ok(Submitted::Waiting {
            edited: !is_new,
            care: false,
        });
    };
    if checkins::claim_reveal(tx, couple.id, day, now)? {
        let mut both = [(couple.partners[0], None), (couple.partners[1], None)];
        both[slot].1 = Some(answers.clone());
        both[1 - slot].1 = Some(theirs);
        let both = both.map(|(u, a)| (u, a.unwrap_or_else(|| answers.clone())));
        let key = day_key(day, 0);
        let post = posts::reveal(
            couple.language,
            day,
            &both,
            &PostKind::Reveal.marker(key, couple.id),
        );
        enqueue(tx, couple, PostKind::Reveal, key, &post, now)?;
    }
    Ok(Submitted::Revealed { care: false })
}

/// The message id of a day's reveal, once it was posted.
fn reveal_message(tx: &Db, couple: &Couple, day: NaiveDate) -> StoreResult<Option<MessageId>> {
    outbox::message_of(tx, couple.id, PostKind::Reveal, day_key(day, 0))
}
