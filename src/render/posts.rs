//! The layout of haven's own posts: which words go in the content, the embeds and the buttons,
//! with their colours, styles and custom ids. The words themselves come from [`crate::copy`].

use chrono::NaiveDate;

use crate::copy;
use crate::domain::checkin::{Answers, MAX_ANSWER};
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::{MessageId, UserId};
use crate::domain::post::{Button, ButtonStyle, Embed, Post, COLOUR};
use crate::domain::prompt::{Drawn, Practice};
use crate::domain::view::Week;

fn check_in_button(marker: &str) -> Button {
    Button {
        custom_id: ComponentId::check_in(marker),
        label: copy::CHECK_IN_BUTTON.to_string(),
        style: ButtonStyle::Primary,
    }
}

fn help_button(marker: &str) -> Button {
    Button {
        custom_id: ComponentId::help(marker),
        label: copy::HELP_BUTTON.to_string(),
        style: ButtonStyle::Secondary,
    }
}

/// The first post in a channel haven created: welcome, and a button to the help.
pub fn welcome_post(partners: [UserId; 2], tz: &str, time: &str, marker: &str) -> Post {
    Post {
        content: Some(copy::welcome(partners, tz, time)),
        embeds: vec![],
        buttons: vec![help_button(marker)],
        mentions: partners.to_vec(),
        reply_to: None,
        partner_words: false,
    }
}

/// A scheduled nudge: the practice as title, one prompt, and the Another prompt button; it
/// pings `mention`.
pub fn nudge(practice: Practice, text: &str, mention: &[UserId], marker: &str) -> Post {
    Post {
        content: copy::nudge_mentions(mention),
        embeds: vec![Embed {
            title: copy::practice_title(practice).to_string(),
            description: text.to_string(),
            fields: vec![],
            footer: Some(copy::NUDGE_FOOTER.to_string()),
            colour: COLOUR,
        }],
        buttons: vec![
            check_in_button(marker),
            Button {
                custom_id: ComponentId::another_prompt(practice, marker),
                label: copy::ANOTHER_PROMPT_BUTTON.to_string(),
                style: ButtonStyle::Secondary,
            },
        ],
        mentions: mention.to_vec(),
        reply_to: None,
        partner_words: false,
    }
}

/// A nudge with a drawn prompt. One of the couple's own is shown with who added it (a name in
/// an embed pings nobody) and carries that partner's words, so it is held like a reveal while
/// outsiders can read the channel.
pub fn drawn_nudge(practice: Practice, drawn: &Drawn, mention: &[UserId], marker: &str) -> Post {
    let mut post = nudge(practice, &drawn.text, mention, marker);
    if let Some(by) = drawn.added_by {
        if let Some(embed) = post.embeds.first_mut() {
            embed
                .fields
                .push((copy::ADDED_BY_LABEL.to_string(), copy::user(by)));
        }
        post.partner_words = true;
    }
    post
}

/// The check-in of one partner is in: no content, and a button for the other.
pub fn checkin_notice(who: UserId, other: UserId, marker: &str) -> Post {
    Post {
        content: Some(copy::checkin_notice(who, other)),
        embeds: vec![],
        buttons: vec![check_in_button(marker)],
        mentions: vec![other],
        reply_to: None,
        partner_words: false,
    }
}

/// Both answers of a day, together, with a Reflect back button for each.
pub fn reveal(day: NaiveDate, both: &[(UserId, Answers); 2], marker: &str) -> Post {
    let embeds = both
        .iter()
        .map(|(who, a)| Embed {
            title: copy::reveal_mood(a.mood.get()),
            description: copy::reveal_from(*who),
            fields: vec![
                (
                    copy::APPRECIATED_LABEL.to_string(),
                    clip_field(&a.appreciated),
                ),
                (
                    copy::HEAR_LABEL.to_string(),
                    a.hear
                        .as_deref()
                        .map(clip_field)
                        .unwrap_or_else(|| copy::NOTHING_TODAY.to_string()),
                ),
            ],
            footer: None,
            colour: COLOUR,
        })
        .collect();
    let buttons = (0..2u8)
        .map(|slot| Button {
            custom_id: ComponentId::reflect_back(day, slot, marker),
            label: copy::reflect_back_button(slot).to_string(),
            style: ButtonStyle::Secondary,
        })
        .collect();
    Post {
        content: Some(copy::reveal_intro(both[0].0, both[1].0)),
        embeds,
        buttons,
        mentions: vec![both[0].0, both[1].0],
        reply_to: None,
        partner_words: false,
    }
}

/// Field values hold 1024 characters; answers hold at most 1000. Line breaks are kept.
fn clip_field(s: &str) -> String {
    s.split('\n')
        .map(|line| crate::domain::text::clip(line, MAX_ANSWER))
        .collect::<Vec<_>>()
        .join("\n")
        .chars()
        .take(MAX_ANSWER)
        .collect()
}

/// A reflection, posted as a reply to the reveal, with the author's two buttons.
pub fn reflection_post(
    author: UserId,
    reflector: UserId,
    text: &str,
    id: u64,
    reply_to: Option<MessageId>,
    marker: &str,
) -> Post {
    Post {
        content: Some(copy::reflection_intro(author, reflector)),
        embeds: vec![Embed {
            title: copy::REFLECT_LABEL.to_string(),
            description: clip_field(text),
            fields: vec![],
            footer: None,
            colour: COLOUR,
        }],
        buttons: vec![
            Button {
                custom_id: ComponentId::felt_heard(id, true, marker),
                label: copy::FELT_HEARD_BUTTON.to_string(),
                style: ButtonStyle::Success,
            },
            Button {
                custom_id: ComponentId::felt_heard(id, false, marker),
                label: copy::NOT_QUITE_BUTTON.to_string(),
                style: ButtonStyle::Secondary,
            },
        ],
        mentions: vec![author],
        reply_to,
        partner_words: false,
    }
}

/// Told in the channel, without any content, when a post with a partner's words was held.
pub fn held_notice(partners: [UserId; 2], marker: &str) -> Post {
    Post {
        content: Some(copy::held_notice(partners)),
        embeds: vec![],
        buttons: vec![help_button(marker)],
        mentions: partners.to_vec(),
        reply_to: None,
        partner_words: false,
    }
}

/// One gentle reminder, mentioning only the partner who has not checked in.
pub fn reminder(partner: UserId, marker: &str) -> Post {
    Post {
        content: Some(copy::reminder(partner)),
        embeds: vec![],
        buttons: vec![check_in_button(marker)],
        mentions: vec![partner],
        reply_to: None,
        partner_words: false,
    }
}

/// The weekly digest.
pub fn digest(partners: [UserId; 2], w: &Week, marker: &str) -> Post {
    let fields = w
        .from_jar
        .as_ref()
        .map(|(who, text)| {
            vec![(
                copy::FROM_YOUR_JAR.to_string(),
                copy::jar_line(*who, &crate::domain::text::clip(text, 900)),
            )]
        })
        .unwrap_or_default();
    Post {
        content: Some(copy::digest_intro(partners)),
        embeds: vec![Embed {
            title: copy::DIGEST_TITLE.to_string(),
            description: copy::digest_description(w),
            fields,
            footer: None,
            colour: COLOUR,
        }],
        buttons: vec![check_in_button(marker)],
        mentions: partners.to_vec(),
        reply_to: None,
        partner_words: false,
    }
}

/// The note that tells a partner their couple was forgotten: no buttons, one mention.
pub fn forget_note(partner: UserId, by: UserId) -> Post {
    Post {
        content: Some(copy::forget_note(partner, by)),
        embeds: vec![],
        buttons: vec![],
        mentions: vec![partner],
        reply_to: None,
        partner_words: false,
    }
}
