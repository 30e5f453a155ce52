//! The words of "on my mind": the command's descriptions, the replies only the author sees, the
//! post their partner answers, the reminder, and the follow-up asked of the author alone.

use chrono::{DateTime, Utc};

use super::{plural, user};
use crate::domain::ids::UserId;
use crate::domain::onmymind::{Note, NoteRefusal, NoteStatus, NoteTextError, Pick};
use crate::domain::text::{clip, escape_markdown};

pub const ONMYMIND: &str =
    "Private notes of things you'd like to talk about, and help bringing one up gently";
pub const ONMYMIND_ADD: &str = "Keep a private note (only you can see it)";
pub const ONMYMIND_ADD_TEXT: &str = "What's on your mind (at most 500 characters)";
pub const ONMYMIND_LIST: &str = "Your notes, only to you, with a button to bring one up";
pub const ONMYMIND_EDIT: &str = "Change one of your notes";
pub const ONMYMIND_EDIT_TEXT: &str = "The new words (at most 500 characters)";
pub const ONMYMIND_DELETE: &str = "Delete one of your notes";
pub const ONMYMIND_BRING: &str = "Bring one of your notes up with your partner, gently";
pub const ONMYMIND_NOTE: &str = "Start typing and pick one of your notes";

pub const NOTE_KEPT: &str = "Kept, just for you. Nobody in the server sees this note, your partner included, and nothing about it is posted until you choose to bring it up. Like everything haven keeps, it is stored where the person hosting haven could read it (`/help` says more). `/onmymind list` shows your notes.";

pub const NOTE_EDITED: &str = "Updated. The note is still yours alone.";

pub const NOTE_DELETED: &str = "Deleted. It's gone from your list.";

pub const NOTE_DELETED_AFTER_BRINGING_UP: &str = "Deleted. It's gone from your list, and any reminder or follow-up about it that was still to come won't be sent. What was already posted in your channel stays there.";

pub const LIST_EMPTY: &str = "Nothing here yet. When something is on your mind, `/onmymind add` keeps it privately until you feel ready.";

pub const LIST_TITLE: &str = "On your mind (only you can see this)";

pub const LIST_HINT: &str = "When you feel ready, a button below helps you find a gentle way to start. Nothing is posted until you say so.";

/// One line of the list: its number, its words, and where it stands.
pub fn list_line(n: usize, note: &Note) -> String {
    let text = escape_markdown(&clip(&note.text, 80));
    match note.status {
        NoteStatus::Open => format!("**{n}.** {text}"),
        NoteStatus::BroughtUp => {
            format!("**{n}.** {text} (brought up; your talk is still to come)")
        }
        NoteStatus::Done => format!("**{n}.** {text} (talked about)"),
    }
}

/// A suggestion while a note is being picked: its number and its words.
pub fn suggestion(n: usize, note: &Note) -> String {
    clip(&format!("{n}. {}", note.text.replace('\n', " ")), 100)
}

/// The button that opens the form for note number `n`.
pub fn bring_up_label(n: usize) -> String {
    format!("Bring up {n}")
}

pub const FORM_TITLE: &str = "A gentle way to start";
pub const FORM_FEEL: &str = "What I've been feeling";
pub const FORM_ABOUT: &str = "About what";
pub const FORM_LOVE: &str = "What I would love";
pub const FORM_FEEL_START: &str = "I've been feeling ";
pub const FORM_LOVE_START: &str = "and I'd love it if ";

/// The second part of the form, pre-filled with the note's own words.
pub fn form_about(note: &str) -> String {
    format!("about {note}")
}

/// After the form: the start as written, and the choice of how to post it.
pub fn draft_ready(partner: UserId) -> String {
    format!(
        "Here is your start, as you wrote it. Should I post it in your channel with these words, or only let {} know that you have something you'd like to talk about, without them? Either way they'll be asked to pick a calm moment, with no pressure, and nothing is posted until you choose.",
        user(partner)
    )
}

pub const DRAFT_TITLE: &str = "Your start";
pub const POST_WITH_WORDS: &str = "Post with my words";
pub const POST_WITHOUT_WORDS: &str = "Post without my words";

/// Told to the author once the post is on its way.
pub fn brought_up(partner: UserId, with_words: bool) -> String {
    if with_words {
        format!(
            "Done. I'm letting {} know in your channel, with your words. They can pick a time (tonight, tomorrow or this weekend), and I'll remind you both then. If they need a little more time, that's okay too.",
            user(partner)
        )
    } else {
        format!(
            "Done. I'm letting {} know in your channel that you have something you'd like to talk about; your words stay with you. They can pick a time (tonight, tomorrow or this weekend), and I'll remind you both then. If they need a little more time, that's okay too.",
            user(partner)
        )
    }
}

/// The post in the channel: the author would like to talk, at a calm moment.
pub fn talk_invitation(author: UserId, partner: UserId, with_words: bool) -> String {
    if with_words {
        format!(
            "{}, {} has something on their mind that they'd like to talk about with you, at a calm moment. They chose to share how they'd like to start. There's no rush and nothing to prepare. When would suit you?",
            user(partner),
            user(author)
        )
    } else {
        format!(
            "{}, {} has something on their mind that they'd like to talk about with you, at a calm moment. There's no rush and nothing to prepare. When would suit you?",
            user(partner),
            user(author)
        )
    }
}

/// The whole text of the post: the invitation, then (smaller) what the times mean.
pub fn talk_post(author: UserId, partner: UserId, with_words: bool, tz: &str) -> String {
    format!(
        "{}\n-# {}",
        talk_invitation(author, partner, with_words),
        talk_times(tz)
    )
}

/// What the times mean, in the couple's time zone.
pub fn talk_times(tz: &str) -> String {
    format!(
        "Tonight means 20:00, or an hour from when you pick it if 20:00 has passed (after 23:00, tomorrow at 20:00); tomorrow means 20:00; this weekend means the next Saturday or Sunday at 11:00. Times are in {tz}. Only the person asked can pick."
    )
}

pub const IN_THEIR_WORDS: &str = "In their words";

pub fn pick_label(pick: Option<Pick>) -> &'static str {
    match pick {
        Some(Pick::Tonight) => "Tonight",
        Some(Pick::Tomorrow) => "Tomorrow",
        Some(Pick::Weekend) => "This weekend",
        None => "I need a little more time",
    }
}

/// The public answer to a pick: who picked, when it is, and what haven will do.
pub fn picked(partner: UserId, at: DateTime<Utc>, paused_then: bool) -> String {
    let t = at.timestamp();
    if paused_then {
        format!(
            "{} picked <t:{t}:F> (<t:{t}:R>) to talk. haven is paused then, so I won't send a reminder; the time is yours to keep.",
            user(partner)
        )
    } else {
        format!(
            "{} picked <t:{t}:F> (<t:{t}:R>) to talk. I'll remind you both then, once.",
            user(partner)
        )
    }
}

pub const MORE_TIME: &str = "That's completely okay. Take the time you need: these buttons stay here, and you can pick a moment whenever you feel ready. Nobody is told that you pressed this.";

/// The reminder at the picked time: no note words.
pub fn talk_reminder(partners: [UserId; 2]) -> String {
    format!(
        "{} {}, it's the time you picked to talk. Go gently: one of you speaks while the other listens, then swap. It's fine to pause and pick it up another day.",
        user(partners[0]),
        user(partners[1])
    )
}

/// The follow-up, by DM to the author alone.
pub fn talk_ask(talk_at: DateTime<Utc>) -> String {
    let t = talk_at.timestamp();
    format!(
        "Hello from haven. <t:{t}:F> was the time you and your partner picked to talk about something that was on your mind. Did you get to talk? Whatever the answer, that's okay. Only you see this question."
    )
}

/// The same question, in the author's next reply in the server, when a DM could not reach them.
pub fn talk_ask_here(talk_at: DateTime<Utc>) -> String {
    let t = talk_at.timestamp();
    format!(
        "I couldn't reach you by direct message, so I'm asking here, where only you can see it: <t:{t}:F> was the time you and your partner picked to talk about something that was on your mind. Did you get to talk? Whatever the answer, that's okay."
    )
}

pub const WE_TALKED: &str = "We talked";
pub const KEEP_ON_LIST: &str = "Keep it on my list";

pub const MARKED_TALKED: &str = "Thank you for letting me know. I've marked it as talked about. However it went, bringing it up took care.";

pub const KEPT_ON_LIST: &str =
    "It's back on your private list, just for you. Bring it up again whenever it feels right.";

/// A kind no about a note.
pub fn note_refusal(r: NoteRefusal) -> String {
    match r {
        NoteRefusal::NotFound => {
            "I couldn't find that note on your list. `/onmymind list` shows the notes you keep."
                .into()
        }
        NoteRefusal::Text(NoteTextError::Empty) => {
            "That looks empty once invisible and control characters are taken out. Write a few words, and I'll keep them for you.".into()
        }
        NoteRefusal::Text(NoteTextError::TooLong { max }) => plural(
            max as u32,
            "That's a little long: please keep it to {n} character. A few words are enough.",
            "That's a little long: please keep it to {n} characters. A few words are enough.",
        ),
        NoteRefusal::TooMany { max } => plural(
            max,
            "You're keeping {n} note already, which is as many as haven holds at once. Once you've talked it through, or deleted it, there'll be room for a new one.",
            "You're keeping {n} notes already, which is as many as haven holds at once. Once you've talked one through, or deleted one you no longer need, there'll be room for a new one.",
        ),
        NoteRefusal::AlreadyBroughtUp => {
            "You've already brought this one up, so it stays as it is for now. After the time you two picked, I'll ask you how it went.".into()
        }
        NoteRefusal::NoDraft => {
            "That form has expired. Please open it again from `/onmymind list`.".into()
        }
        NoteRefusal::ForYourPartner => {
            "This one is for your partner to answer, so the time feels right for them too. You'll see what they pick here.".into()
        }
        NoteRefusal::NotForYou => {
            "These buttons are for the person this was shared with.".into()
        }
        NoteRefusal::AlreadyReminded => {
            "The reminder for this talk has already gone out, so the time can't change now. You can always agree on another moment together.".into()
        }
        NoteRefusal::Over => {
            "This is no longer waiting for an answer: the note was answered, deleted or forgotten.".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_text_fits_a_message_and_help_still_does() {
        let (a, b) = (UserId(u64::MAX), UserId(u64::MAX - 1));
        let t = Utc.with_ymd_and_hms(2026, 11, 26, 20, 0, 0).unwrap();
        let tz = "America/Argentina/ComodRivadavia";
        for text in [
            talk_post(a, b, true, tz),
            talk_post(a, b, false, tz),
            talk_reminder([a, b]),
            talk_ask(t),
            talk_ask_here(t),
            picked(b, t, true),
            picked(b, t, false),
            brought_up(b, true),
            draft_ready(b),
            NOTE_DELETED_AFTER_BRINGING_UP.to_string(),
            crate::copy::help(crate::copy::Lang::ENGLISH),
            crate::copy::help_commands(crate::copy::Lang::ENGLISH),
        ] {
            assert!(text.chars().count() <= 2000, "{}", text.chars().count());
        }
        assert!(
            !talk_reminder([a, b]).contains("about"),
            "no topic in the reminder"
        );
    }

    #[test]
    fn a_listed_note_is_echoed_literally_and_short() {
        let note = Note {
            id: 1,
            couple_id: crate::domain::ids::CoupleId(1),
            author: UserId(1),
            text: format!("@everyone **{}**", "x".repeat(400)),
            status: NoteStatus::Open,
            draft: None,
            with_words: None,
            picked: None,
            talk_at: None,
            post_at: None,
            reminder_at: None,
            ask_at: None,
            ask_here: false,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        let line = list_line(20, &note);
        assert!(line.contains("\\@everyone \\*\\*"), "{line}");
        // Twenty lines fit an embed's description (4,096 characters).
        assert!(line.chars().count() * 20 < 4096, "{}", line.chars().count());
        assert!(suggestion(20, &note).chars().count() <= 100);
    }
}
