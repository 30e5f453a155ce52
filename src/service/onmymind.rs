//! "On my mind": a partner's private notes, bringing one up through the outbox, the time the
//! other partner picks (one reminder, one follow-up), and the author's answer. Nothing about a
//! note reaches anyone but its author until they bring it up.

use chrono::{DateTime, Utc};

use super::{Outcome, Services};
use crate::domain::couple::Couple;
use crate::domain::ids::{ChannelId, CoupleId, UserId};
use crate::domain::onmymind::{
    ask_time, note_text, opener, Note, NoteRefusal, NoteStatus, Pick, MAX_OPEN_NOTES,
};
use crate::domain::post::{OutboxRow, PostKind, SkipReason};
use crate::render::onmymind as layout;
use crate::store::onmymind as notes;
use crate::store::outbox::{self, Status};
use crate::store::{couples, Db, Result as StoreResult};

/// An answer, or a kind no about a note.
pub type NoteOutcome<T> = Outcome<Result<T, NoteRefusal>>;

/// What the partner's pick led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picked {
    pub at: DateTime<Utc>,
    /// The couple is paused then: the reminder will not be sent.
    pub paused_then: bool,
}

/// The note `id` if `author` wrote it in `couple`; another's is exactly as missing.
fn own(db: &Db, couple: CoupleId, author: UserId, id: u64) -> StoreResult<Option<Note>> {
    Ok(notes::get(db, couple, id)?.filter(|n| n.author == author))
}

/// Withdraws the posts of a note that were recorded but never attempted (its reminder and
/// follow-up, and a bring-up still held); what was sent stays.
fn withdraw_pending(db: &Db, note: &Note) -> StoreResult<()> {
    for (kind, at) in [
        (PostKind::OnMyMind, note.post_at),
        (PostKind::TalkReminder, note.reminder_at),
        (PostKind::TalkAsk, note.ask_at),
    ] {
        if let Some(at) = at {
            notes::withdraw_unattempted(db, note.couple_id, kind, at)?;
        }
    }
    Ok(())
}

impl Services {
    /// Keeps a new private note; each partner keeps at most [`MAX_OPEN_NOTES`] open.
    pub async fn add_note(&self, couple: &Couple, author: UserId, text: &str) -> NoteOutcome<()> {
        let text = match note_text(text) {
            Ok(t) => t,
            Err(e) => return Ok(Err(NoteRefusal::Text(e))),
        };
        let (id, now) = (couple.id, self.clock.now());
        Ok(self
            .store
            .write(move |tx| {
                if notes::count_open(tx, id, author)? >= MAX_OPEN_NOTES {
                    return Ok(Err(NoteRefusal::TooMany {
                        max: MAX_OPEN_NOTES,
                    }));
                }
                notes::add(tx, id, author, &text, now)?;
                Ok(Ok(()))
            })
            .await?)
    }

    /// The author's own notes, oldest first: open and brought up, then those talked about.
    pub async fn notes_of(&self, couple: &Couple, author: UserId) -> Outcome<Vec<Note>> {
        let id = couple.id;
        let mut all = self
            .store
            .call(move |c| notes::of_author(c, id, author))
            .await?;
        all.sort_by_key(|n| (n.status == NoteStatus::Done, n.id));
        Ok(all)
    }

    /// Replaces the words of one of the author's notes that is not brought up.
    pub async fn edit_note(
        &self,
        couple: &Couple,
        author: UserId,
        id: u64,
        text: &str,
    ) -> NoteOutcome<()> {
        let text = match note_text(text) {
            Ok(t) => t,
            Err(e) => return Ok(Err(NoteRefusal::Text(e))),
        };
        let (couple, now) = (couple.id, self.clock.now());
        Ok(self
            .store
            .write(move |tx| {
                let Some(note) = own(tx, couple, author, id)? else {
                    return Ok(Err(NoteRefusal::NotFound));
                };
                if note.status == NoteStatus::BroughtUp {
                    return Ok(Err(NoteRefusal::AlreadyBroughtUp));
                }
                notes::set_text(tx, id, &text, now)?;
                Ok(Ok(()))
            })
            .await?)
    }

    /// Deletes one of the author's notes, and what it still had waiting to be sent. Returns
    /// whether it had been brought up.
    pub async fn delete_note(&self, couple: &Couple, author: UserId, id: u64) -> NoteOutcome<bool> {
        let couple = couple.id;
        Ok(self
            .store
            .write(move |tx| {
                let Some(note) = own(tx, couple, author, id)? else {
                    return Ok(Err(NoteRefusal::NotFound));
                };
                withdraw_pending(tx, &note)?;
                notes::delete(tx, id)?;
                Ok(Ok(note.post_at.is_some()))
            })
            .await?)
    }

    /// The author's note, for the form (open only).
    pub async fn note_to_bring_up(
        &self,
        couple: &Couple,
        author: UserId,
        id: u64,
    ) -> NoteOutcome<Note> {
        let couple = couple.id;
        let note = self.store.call(move |c| own(c, couple, author, id)).await?;
        Ok(match note {
            None => Err(NoteRefusal::NotFound),
            Some(n) if n.status == NoteStatus::BroughtUp => Err(NoteRefusal::AlreadyBroughtUp),
            Some(n) => Ok(n),
        })
    }

    /// Keeps the opener written in the form, until the author chooses how to post it.
    pub async fn save_opener(
        &self,
        couple: &Couple,
        author: UserId,
        id: u64,
        parts: [String; 3],
    ) -> NoteOutcome<String> {
        let text = match opener([&parts[0], &parts[1], &parts[2]]) {
            Ok(t) => t,
            Err(e) => return Ok(Err(NoteRefusal::Text(e))),
        };
        let (couple, now) = (couple.id, self.clock.now());
        Ok(self
            .store
            .write(move |tx| {
                let Some(note) = own(tx, couple, author, id)? else {
                    return Ok(Err(NoteRefusal::NotFound));
                };
                if note.status == NoteStatus::BroughtUp {
                    return Ok(Err(NoteRefusal::AlreadyBroughtUp));
                }
                notes::set_draft(tx, id, &text, now)?;
                Ok(Ok(text))
            })
            .await?)
    }

    /// Brings the note up: records the post in the couple's channel (through the outbox, once:
    /// a second press finds the note brought up), with the opener only if `with_words`.
    pub async fn bring_up(
        &self,
        couple: &Couple,
        author: UserId,
        id: u64,
        with_words: bool,
    ) -> NoteOutcome<()> {
        let (couple, now) = (couple.clone(), self.clock.now());
        let Some(partner) = couple.other(author) else {
            return Ok(Err(NoteRefusal::NotFound));
        };
        let out = self
            .store
            .write(move |tx| {
                let Some(note) = own(tx, couple.id, author, id)? else {
                    return Ok(Err(NoteRefusal::NotFound));
                };
                if note.status == NoteStatus::BroughtUp {
                    return Ok(Err(NoteRefusal::AlreadyBroughtUp));
                }
                let Some(draft) = note.draft else {
                    return Ok(Err(NoteRefusal::NoDraft));
                };
                let at = notes::free_occurrence(tx, couple.id, PostKind::OnMyMind, now)?;
                let marker = PostKind::OnMyMind.marker(at, couple.id);
                let post = layout::talk_post(
                    couple.language,
                    author,
                    partner,
                    couple.timezone.name(),
                    with_words.then_some(draft.as_str()),
                    id,
                    &marker,
                );
                super::outbox::enqueue(tx, &couple, PostKind::OnMyMind, at, &post, now)?;
                notes::mark_brought_up(tx, id, with_words, at, now)?;
                Ok(Ok(()))
            })
            .await?;
        if out.is_ok() {
            self.wake.notify_one();
        }
        Ok(out)
    }

    /// The partner picks a time for the note brought up with them: one reminder to both at
    /// that time and one follow-up to the author the day after. Until the reminder has gone
    /// out the partner may pick again; the earlier reminder and follow-up are withdrawn in the
    /// same transaction, so there is never more than one of each.
    pub async fn pick_time(
        &self,
        couple: &Couple,
        presser: UserId,
        id: u64,
        pick: Pick,
    ) -> NoteOutcome<Picked> {
        let (couple, now) = (couple.clone(), self.clock.now());
        let out = self
            .store
            .write(move |tx| {
                let Some(note) = notes::get(tx, couple.id, id)? else {
                    return Ok(Err(NoteRefusal::Over));
                };
                if note.status != NoteStatus::BroughtUp {
                    return Ok(Err(NoteRefusal::Over));
                }
                if note.author == presser {
                    return Ok(Err(NoteRefusal::ForYourPartner));
                }
                if couple.other(note.author) != Some(presser) {
                    return Ok(Err(NoteRefusal::NotForYou));
                }
                if let Some(before) = note.reminder_at {
                    if !notes::withdraw_unattempted(tx, couple.id, PostKind::TalkReminder, before)?
                    {
                        return Ok(Err(NoteRefusal::AlreadyReminded));
                    }
                }
                if let Some(before) = note.ask_at {
                    notes::withdraw_unattempted(tx, couple.id, PostKind::TalkAsk, before)?;
                }
                let tz = couple.timezone.0;
                let talk_at = pick.time(now, tz);
                let reminder_at =
                    notes::free_occurrence(tx, couple.id, PostKind::TalkReminder, talk_at)?;
                let post = layout::talk_reminder(
                    couple.language,
                    couple.partners,
                    &PostKind::TalkReminder.marker(reminder_at, couple.id),
                );
                super::outbox::record(
                    tx,
                    &couple,
                    PostKind::TalkReminder,
                    reminder_at,
                    &post,
                    talk_at,
                    now,
                )?;
                let ask = ask_time(talk_at, tz, couple.day_start);
                let ask_at = notes::free_occurrence(tx, couple.id, PostKind::TalkAsk, ask)?;
                // A DM to the author, written when their partner picks: in the language the
                // author chose for themselves (the one their replies use), or else the
                // couple's (their Discord language is not known then).
                let lang = crate::store::partner_settings::chosen_language(tx, note.author)?
                    .as_deref()
                    .and_then(crate::copy::Lang::from_code)
                    .unwrap_or(couple.language);
                let post = layout::talk_ask(
                    lang,
                    couple.id,
                    id,
                    talk_at,
                    &PostKind::TalkAsk.marker(ask_at, couple.id),
                );
                super::outbox::record(tx, &couple, PostKind::TalkAsk, ask_at, &post, ask, now)?;
                notes::set_pick(tx, id, pick, talk_at, reminder_at, ask_at, now)?;
                Ok(Ok(Picked {
                    at: talk_at,
                    paused_then: couple.is_paused_at(talk_at),
                }))
            })
            .await?;
        if out.is_ok() {
            self.wake.notify_one();
        }
        Ok(out)
    }

    /// "I need a little more time": nothing changes and nobody is told; only checks that the
    /// presser is the partner the note was brought up with.
    pub async fn more_time(&self, couple: &Couple, presser: UserId, id: u64) -> NoteOutcome<()> {
        let couple = couple.clone();
        let note = self
            .store
            .call(move |c| notes::get(c, couple.id, id))
            .await?;
        Ok(match note {
            Some(n) if n.status == NoteStatus::BroughtUp => {
                if n.author == presser {
                    Err(NoteRefusal::ForYourPartner)
                } else {
                    Ok(())
                }
            }
            _ => Err(NoteRefusal::Over),
        })
    }

    /// The author's answer to the follow-up (from a DM, so the couple comes from the button and
    /// only the note's author may answer): done, or back on their private list.
    pub async fn answer_talk(
        &self,
        couple: CoupleId,
        presser: UserId,
        id: u64,
        talked: bool,
    ) -> NoteOutcome<()> {
        let now = self.clock.now();
        Ok(self
            .store
            .write(move |tx| {
                let Some(note) = own(tx, couple, presser, id)? else {
                    return Ok(Err(NoteRefusal::Over));
                };
                if note.status != NoteStatus::BroughtUp {
                    return Ok(Err(NoteRefusal::Over));
                }
                // Asked early (from the list, say): nothing left to send about it.
                withdraw_pending(tx, &note)?;
                notes::answer(tx, id, talked, now)?;
                Ok(Ok(()))
            })
            .await?)
    }

    /// Follow-ups that could not reach the author by DM, to ask in their next reply here.
    pub async fn asks_waiting(&self, couple: &Couple, author: UserId) -> Outcome<Vec<Note>> {
        Ok(self
            .notes_of(couple, author)
            .await?
            .into_iter()
            .filter(|n| n.ask_here && n.status == NoteStatus::BroughtUp)
            .collect())
    }

    /// Who a direct post goes to: the author of the note it follows up (`None`: the note is
    /// gone, and the post with it).
    pub async fn direct_recipient(&self, row: &OutboxRow) -> Outcome<Option<UserId>> {
        let (couple, at) = (row.couple_id, row.occurrence);
        Ok(self
            .store
            .call(move |c| Ok(notes::by_ask(c, couple, at)?.map(|n| n.author)))
            .await?)
    }

    /// A direct post goes to this DM channel (recorded before it is sent).
    pub async fn direct_channel(&self, row: &OutboxRow, dm: ChannelId) -> Outcome<()> {
        let id = row.id;
        self.store
            .call(move |c| notes::set_post_channel(c, id, dm))
            .await?;
        Ok(())
    }

    /// The author's DMs refuse haven: the row is closed, and the question waits for the
    /// author's next reply in the server, where only they see it.
    pub async fn direct_refused(&self, row: &OutboxRow) -> Outcome<()> {
        let (id, couple, at) = (row.id, row.couple_id, row.occurrence);
        self.store
            .write(move |tx| {
                outbox::finish(tx, id, Status::Skipped, SkipReason::DmClosed)?;
                if let Some(note) = notes::by_ask(tx, couple, at)? {
                    if note.status == NoteStatus::BroughtUp {
                        notes::set_ask_here(tx, note.id, true)?;
                    }
                }
                Ok(())
            })
            .await?;
        Ok(())
    }

    /// Whether the couple still exists (a direct post is not sent for a forgotten couple).
    pub async fn couple_exists(&self, id: CoupleId) -> Outcome<bool> {
        Ok(self
            .store
            .call(move |c| Ok(couples::by_id(c, id)?.is_some()))
            .await?)
    }
}
