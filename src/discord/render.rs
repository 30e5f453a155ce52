//! Domain values to Discord's shapes: posts, schedule views. Pure functions.

use serenity::all::{
    ButtonStyle as DiscordStyle, CreateActionRow, CreateButton, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponseMessage, CreateMessage,
};

use super::respond::mentions;
use crate::domain::post::{ButtonStyle, Post};
use crate::service::schedule::ScheduleView;

fn embeds(p: &Post) -> Vec<CreateEmbed> {
    p.embeds
        .iter()
        .map(|e| {
            let mut out = CreateEmbed::new()
                .title(&e.title)
                .description(&e.description)
                .colour(e.colour)
                .fields(
                    e.fields
                        .iter()
                        .map(|(n, v)| (n.as_str(), v.as_str(), e.inline)),
                );
            if let Some(f) = &e.footer {
                out = out.footer(CreateEmbedFooter::new(f));
            }
            out
        })
        .collect()
}

fn components(p: &Post) -> Vec<CreateActionRow> {
    if p.buttons.is_empty() {
        return vec![];
    }
    vec![CreateActionRow::Buttons(
        p.buttons
            .iter()
            .map(|b| {
                CreateButton::new(&b.custom_id)
                    .label(&b.label)
                    .style(match b.style {
                        ButtonStyle::Primary => DiscordStyle::Primary,
                        ButtonStyle::Secondary => DiscordStyle::Secondary,
                        ButtonStyle::Success => DiscordStyle::Success,
                        ButtonStyle::Danger => DiscordStyle::Danger,
                    })
            })
            .collect(),
    )]
}

/// A post as a channel message in `channel`.
pub fn message(p: &Post, channel: serenity::all::ChannelId) -> CreateMessage {
    let mut m = CreateMessage::new()
        .allowed_mentions(mentions(&p.mentions))
        .components(components(p));
    if let Some(reply) = p.reply_to {
        let mut reference = serenity::all::MessageReference::from((channel, reply.into()));
        // A reply to a message that was deleted is still posted, just not as a reply.
        reference.fail_if_not_exists = Some(false);
        m = m.reference_message(reference);
    }
    if let Some(c) = &p.content {
        m = m.content(c);
    }
    m.embeds(embeds(p))
}

/// A post as an interaction answer.
pub fn reply(p: &Post) -> CreateInteractionResponseMessage {
    let mut m = CreateInteractionResponseMessage::new()
        .allowed_mentions(mentions(&p.mentions))
        .components(components(p));
    if let Some(c) = &p.content {
        m = m.content(c);
    }
    m.embeds(embeds(p))
}

/// The schedule as an embed: next nudges as Discord timestamps in the description (titles
/// and footers do not render them).
pub fn schedule(lang: crate::copy::Lang, view: &ScheduleView, title: &str) -> CreateEmbed {
    CreateEmbed::new()
        .title(title)
        .description(crate::copy::schedule_description(lang, view))
        .colour(crate::domain::post::COLOUR)
}
