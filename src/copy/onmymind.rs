//! The words of "on my mind" (`locales/<lang>/onmymind.ftl`): the command's descriptions, the
//! replies only the author sees, the post their partner answers, the reminder, and the
//! follow-up asked of the author alone.

use chrono::{DateTime, Utc};

use super::{full_time, tr, user, when, Lang};
use crate::domain::ids::UserId;
use crate::domain::onmymind::{Note, NoteRefusal, NoteStatus, NoteTextError, Pick};
use crate::domain::text::{clip, escape_markdown};

/// A yes-or-no choice, as the messages select on it.
fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

pub fn onmymind(lang: Lang) -> String {
    tr!(lang, "omm-command")
}

pub fn onmymind_add(lang: Lang) -> String {
    tr!(lang, "omm-command-add")
}

pub fn onmymind_add_text(lang: Lang) -> String {
    tr!(lang, "omm-command-add-text")
}

pub fn onmymind_list(lang: Lang) -> String {
    tr!(lang, "omm-command-list")
}

pub fn onmymind_edit(lang: Lang) -> String {
    tr!(lang, "omm-command-edit")
}

pub fn onmymind_edit_text(lang: Lang) -> String {
    tr!(lang, "omm-command-edit-text")
}

pub fn onmymind_delete(lang: Lang) -> String {
    tr!(lang, "omm-command-delete")
}

pub fn onmymind_bring(lang: Lang) -> String {
    tr!(lang, "omm-command-bring")
}

pub fn onmymind_note(lang: Lang) -> String {
    tr!(lang, "omm-command-note")
}

pub fn note_kept(lang: Lang) -> String {
    tr!(lang, "omm-kept")
}

pub fn note_edited(lang: Lang) -> String {
    tr!(lang, "omm-edited")
}

pub fn note_deleted(lang: Lang) -> String {
    tr!(lang, "omm-deleted")
}

pub fn note_deleted_after_bringing_up(lang: Lang) -> String {
    tr!(lang, "omm-deleted-after-bringing-up")
}

pub fn list_empty(lang: Lang) -> String {
    tr!(lang, "omm-list-empty")
}

pub fn list_title(lang: Lang) -> String {
    tr!(lang, "omm-list-title")
}

pub fn list_hint(lang: Lang) -> String {
    tr!(lang, "omm-list-hint")
}

/// One line of the list: its number, its words, and where it stands.
pub fn list_line(lang: Lang, n: usize, note: &Note) -> String {
    let status = match note.status {
        NoteStatus::Open => "open",
        NoteStatus::BroughtUp => "brought-up",
        NoteStatus::Done => "done",
    };
    tr!(
        lang,
        "omm-list-line",
        status = status,
        n = n,
        text = escape_markdown(&clip(&note.text, 80)),
    )
}

/// A suggestion while a note is being picked: its number and its words.
pub fn suggestion(lang: Lang, n: usize, note: &Note) -> String {
    let line = tr!(
        lang,
        "omm-suggestion",
        n = n,
        text = note.text.replace('\n', " ")
    );
    clip(&line, 100)
}

/// The button that opens the form for note number `n`.
pub fn bring_up_label(lang: Lang, n: usize) -> String {
    tr!(lang, "omm-bring-up-button", n = n)
}

pub fn form_title(lang: Lang) -> String {
    tr!(lang, "omm-form-title")
}

pub fn form_feel(lang: Lang) -> String {
    tr!(lang, "omm-form-feel")
}

pub fn form_about_label(lang: Lang) -> String {
    tr!(lang, "omm-form-about")
}

pub fn form_love(lang: Lang) -> String {
    tr!(lang, "omm-form-love")
}

/// The first box's pre-filled start, which the author writes on from.
pub fn form_feel_start(lang: Lang) -> String {
    tr!(lang, "omm-form-feel-start")
}

/// The third box's pre-filled start, which the author writes on from.
pub fn form_love_start(lang: Lang) -> String {
    tr!(lang, "omm-form-love-start")
}

/// The second part of the form, pre-filled with the note's own words.
pub fn form_about(lang: Lang, note: &str) -> String {
    tr!(lang, "omm-form-about-start", note = note)
}

/// After the form: the start as written, and the choice of how to post it.
pub fn draft_ready(lang: Lang, partner: UserId) -> String {
    tr!(lang, "omm-draft-ready", partner = user(partner))
}

pub fn draft_title(lang: Lang) -> String {
    tr!(lang, "omm-draft-title")
}

pub fn post_with_words(lang: Lang) -> String {
    tr!(lang, "omm-post-with-words-button")
}

pub fn post_without_words(lang: Lang) -> String {
    tr!(lang, "omm-post-without-words-button")
}

/// Told to the author once the post is on its way.
pub fn brought_up(lang: Lang, partner: UserId, with_words: bool) -> String {
    tr!(
        lang,
        "omm-brought-up",
        with_words = yes_no(with_words),
        partner = user(partner),
    )
}

/// The post in the channel: the author would like to talk, at a calm moment.
pub fn talk_invitation(lang: Lang, author: UserId, partner: UserId, with_words: bool) -> String {
    tr!(
        lang,
        "omm-talk-invitation",
        with_words = yes_no(with_words),
        partner = user(partner),
        author = user(author),
    )
}

/// The whole text of the post: the invitation, then (smaller) what the times mean.
pub fn talk_post(
    lang: Lang,
    author: UserId,
    partner: UserId,
    with_words: bool,
    tz: &str,
) -> String {
    format!(
        "{}\n-# {}",
        talk_invitation(lang, author, partner, with_words),
        talk_times(lang, tz)
    )
}

/// What the times mean, in the couple's time zone.
pub fn talk_times(lang: Lang, tz: &str) -> String {
    tr!(lang, "omm-talk-times", timezone = tz)
}

pub fn in_their_words(lang: Lang) -> String {
    tr!(lang, "omm-in-their-words")
}

pub fn pick_label(lang: Lang, pick: Option<Pick>) -> String {
    match pick {
        Some(Pick::Tonight) => tr!(lang, "omm-pick-tonight-button"),
        Some(Pick::Tomorrow) => tr!(lang, "omm-pick-tomorrow-button"),
        Some(Pick::Weekend) => tr!(lang, "omm-pick-weekend-button"),
        None => tr!(lang, "omm-pick-more-time-button"),
    }
}

/// The public answer to a pick: who picked, when it is, and what haven will do.
pub fn picked(lang: Lang, partner: UserId, at: DateTime<Utc>, paused_then: bool) -> String {
    tr!(
        lang,
        "omm-picked",
        paused = yes_no(paused_then),
        partner = user(partner),
        when = full_time(at),
        relative = when(at),
    )
}

pub fn more_time(lang: Lang) -> String {
    tr!(lang, "omm-more-time")
}

/// The reminder at the picked time: no note words.
pub fn talk_reminder(lang: Lang, partners: [UserId; 2]) -> String {
    tr!(
        lang,
        "omm-talk-reminder",
        first = user(partners[0]),
        second = user(partners[1]),
    )
}

/// The follow-up, by DM to the author alone.
pub fn talk_ask(lang: Lang, talk_at: DateTime<Utc>) -> String {
    tr!(lang, "omm-talk-ask", when = full_time(talk_at))
}

/// The same question, in the author's next reply in the server, when a DM could not reach them.
pub fn talk_ask_here(lang: Lang, talk_at: DateTime<Utc>) -> String {
    tr!(lang, "omm-talk-ask-here", when = full_time(talk_at))
}

pub fn we_talked(lang: Lang) -> String {
    tr!(lang, "omm-we-talked-button")
}

pub fn keep_on_list(lang: Lang) -> String {
    tr!(lang, "omm-keep-on-list-button")
}

pub fn marked_talked(lang: Lang) -> String {
    tr!(lang, "omm-marked-talked")
}

pub fn kept_on_list(lang: Lang) -> String {
    tr!(lang, "omm-kept-on-list")
}

/// A kind no about a note.
pub fn note_refusal(lang: Lang, r: NoteRefusal) -> String {
    match r {
        NoteRefusal::NotFound => tr!(lang, "omm-refusal-not-found"),
        NoteRefusal::Text(NoteTextError::Empty) => tr!(lang, "omm-refusal-empty"),
        NoteRefusal::Text(NoteTextError::TooLong { max }) => {
            tr!(lang, "omm-refusal-too-long", max = max)
        }
        NoteRefusal::TooMany { max } => tr!(lang, "omm-refusal-too-many", max = max),
        NoteRefusal::AlreadyBroughtUp => tr!(lang, "omm-refusal-already-brought-up"),
        NoteRefusal::NoDraft => tr!(lang, "omm-refusal-no-draft"),
        NoteRefusal::ForYourPartner => tr!(lang, "omm-refusal-for-your-partner"),
        NoteRefusal::NotForYou => tr!(lang, "omm-refusal-not-for-you"),
        NoteRefusal::AlreadyReminded => tr!(lang, "omm-refusal-already-reminded"),
        NoteRefusal::Over => tr!(lang, "omm-refusal-over"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const EN: Lang = Lang::ENGLISH;

    fn spanish() -> Lang {
        Lang::from_code("es").expect("Spanish ships")
    }

    #[test]
    fn every_text_fits_a_message_and_help_still_does() {
        let (a, b) = (UserId(u64::MAX), UserId(u64::MAX - 1));
        let t = Utc.with_ymd_and_hms(2026, 11, 26, 20, 0, 0).unwrap();
        let tz = "America/Argentina/ComodRivadavia";
        for lang in Lang::shipped() {
            for text in [
                talk_post(lang, a, b, true, tz),
                talk_post(lang, a, b, false, tz),
                talk_reminder(lang, [a, b]),
                talk_ask(lang, t),
                talk_ask_here(lang, t),
                picked(lang, b, t, true),
                picked(lang, b, t, false),
                brought_up(lang, b, true),
                brought_up(lang, b, false),
                draft_ready(lang, b),
                note_deleted_after_bringing_up(lang),
                crate::copy::help(lang),
                crate::copy::help_commands(lang),
            ] {
                assert!(text.chars().count() <= 2000, "{}", text.chars().count());
            }
        }
        assert!(
            !talk_reminder(EN, [a, b]).contains("about"),
            "no topic in the reminder"
        );
    }

    #[test]
    fn the_english_words_read_as_before() {
        let (a, b) = (UserId(1), UserId(2));
        let t = Utc.with_ymd_and_hms(2026, 11, 26, 20, 0, 0).unwrap();
        let s = t.timestamp();
        assert_eq!(
            picked(EN, b, t, false),
            format!("<@2> picked <t:{s}:F> (<t:{s}:R>) to talk. I'll remind you both then, once.")
        );
        assert_eq!(
            talk_post(EN, a, b, false, "Europe/Berlin"),
            "<@2>, <@1> has something on their mind that they'd like to talk about with you, at a calm moment. There's no rush and nothing to prepare. When would suit you?\n-# Tonight means 20:00, or an hour from when you pick it if 20:00 has passed (after 23:00, tomorrow at 20:00); tomorrow means 20:00; this weekend means the next Saturday or Sunday at 11:00. Times are in Europe/Berlin. Only the person asked can pick."
        );
        assert_eq!(form_feel_start(EN), "I've been feeling ");
        assert_eq!(form_love_start(EN), "and I'd love it if ");
        assert_eq!(form_about(EN, "money"), "about money");
        assert_eq!(bring_up_label(EN, 3), "Bring up 3");
        assert_eq!(pick_label(EN, None), "I need a little more time");
        assert_eq!(
            note_refusal(EN, NoteRefusal::Text(NoteTextError::TooLong { max: 1 })),
            "That's a little long: please keep it to 1 character. A few words are enough."
        );
        assert_eq!(
            note_refusal(EN, NoteRefusal::TooMany { max: 20 }),
            "You're keeping 20 notes already, which is as many as haven holds at once. Once you've talked one through, or deleted one you no longer need, there'll be room for a new one."
        );
    }

    #[test]
    fn spanish_is_spanish_with_its_own_plurals_and_no_topic_in_the_reminder() {
        let es = spanish();
        let (a, b) = (UserId(1), UserId(2));
        assert!(talk_reminder(es, [a, b]).starts_with("<@1> <@2>, es el momento"));
        assert!(!talk_reminder(es, [a, b]).contains("sobre"));
        assert_eq!(form_feel_start(es), "Últimamente me he sentido ");
        assert_eq!(pick_label(es, Some(Pick::Weekend)), "Este fin de semana");
        assert!(note_refusal(es, NoteRefusal::TooMany { max: 1 }).starts_with("Ya guardas 1 nota,"));
        assert!(
            note_refusal(es, NoteRefusal::TooMany { max: 20 }).starts_with("Ya guardas 20 notas,")
        );
        // The times name the buttons as Spanish readers see them.
        let times = talk_times(es, "Europe/Madrid");
        for label in [Pick::Tonight, Pick::Tomorrow, Pick::Weekend] {
            assert!(
                times.contains(&format!("«{}»", pick_label(es, Some(label)))),
                "{times}"
            );
        }
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
        for lang in Lang::shipped() {
            let line = list_line(lang, 20, &note);
            assert!(line.starts_with("**20.** \\@everyone \\*\\*"), "{line}");
            // Twenty lines fit an embed's description (4,096 characters).
            assert!(line.chars().count() * 20 < 4096, "{}", line.chars().count());
            assert!(suggestion(lang, 20, &note).chars().count() <= 100);
            for status in [NoteStatus::BroughtUp, NoteStatus::Done] {
                let line = list_line(
                    lang,
                    20,
                    &Note {
                        status,
                        ..note.clone()
                    },
                );
                assert!(line.chars().count() * 20 < 4096, "{}", line.chars().count());
            }
        }
        assert_eq!(
            list_line(
                EN,
                2,
                &Note {
                    status: NoteStatus::Done,
                    text: "a".into(),
                    ..note.clone()
                }
            ),
            "**2.** a (talked about)"
        );
    }
}
