//! The layout of "on my mind"'s posts: the post that asks the partner for a time, the reminder,
//! and the follow-up asked of the author alone.

use chrono::{DateTime, Utc};

use crate::copy::onmymind as words;
use crate::copy::Lang;
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::{CoupleId, UserId};
use crate::domain::onmymind::{MarkerTail, OmId, Pick};
use crate::domain::post::{Button, ButtonStyle, Embed, Post, COLOUR};

fn marker_tail(marker: &str) -> MarkerTail {
    MarkerTail::new(marker).unwrap_or_else(|| MarkerTail::new("x").expect("a valid marker"))
}

/// The post that tells `partner` that `author` would like to talk at a calm moment, with the
/// author's opener only when they chose to share it, and the buttons only `partner` may press.
pub fn talk_post(
    lang: Lang,
    author: UserId,
    partner: UserId,
    tz: &str,
    opener: Option<&str>,
    note: u64,
    marker: &str,
) -> Post {
    let tail = marker_tail(marker);
    let mut picks: Vec<Option<Pick>> = Pick::ALL.into_iter().map(Some).collect();
    picks.push(None);
    let buttons = picks
        .into_iter()
        .map(|pick| Button {
            custom_id: ComponentId::OnMyMind(OmId::Pick {
                note,
                pick,
                marker: tail,
            })
            .encode(),
            label: words::pick_label(lang, pick),
            style: if pick.is_some() {
                ButtonStyle::Primary
            } else {
                ButtonStyle::Secondary
            },
        })
        .collect();
    // The author's words sit in an embed of their own, only when they chose to share them.
    let embeds = opener
        .map(|text| Embed {
            title: words::in_their_words(lang),
            description: text.to_string(),
            fields: vec![],
            footer: None,
            colour: COLOUR,
            inline: false,
        })
        .into_iter()
        .collect();
    Post {
        content: Some(words::talk_post(
            lang,
            author,
            partner,
            opener.is_some(),
            tz,
        )),
        embeds,
        buttons,
        mentions: vec![partner],
        reply_to: None,
        partner_words: opener.is_some(),
    }
}

/// The reminder to both at the time picked: no words of the note.
pub fn talk_reminder(lang: Lang, partners: [UserId; 2], marker: &str) -> Post {
    Post {
        content: Some(words::talk_reminder(lang, partners)),
        embeds: vec![],
        buttons: vec![Button {
            custom_id: ComponentId::help(marker),
            label: crate::copy::help_button(lang),
            style: ButtonStyle::Secondary,
        }],
        mentions: partners.to_vec(),
        reply_to: None,
        partner_words: false,
    }
}

/// The two answers to the follow-up; they carry the couple so they work in a DM.
pub fn answer_buttons(lang: Lang, couple: CoupleId, note: u64, marker: &str) -> Vec<Button> {
    let tail = marker_tail(marker);
    [
        (true, words::we_talked(lang)),
        (false, words::keep_on_list(lang)),
    ]
    .into_iter()
    .map(|(talked, label)| Button {
        custom_id: ComponentId::OnMyMind(OmId::Answer {
            couple,
            note,
            talked,
            marker: tail,
        })
        .encode(),
        label,
        style: if talked {
            ButtonStyle::Success
        } else {
            ButtonStyle::Secondary
        },
    })
    .collect()
}

/// The follow-up, by DM to the author alone: nobody is pinged (a DM notifies by itself).
pub fn talk_ask(
    lang: Lang,
    couple: CoupleId,
    note: u64,
    talk_at: DateTime<Utc>,
    marker: &str,
) -> Post {
    Post {
        content: Some(words::talk_ask(lang, talk_at)),
        embeds: vec![],
        buttons: answer_buttons(lang, couple, note, marker),
        mentions: vec![],
        reply_to: None,
        partner_words: false,
    }
}
