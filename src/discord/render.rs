//! Domain values to Discord's shapes: posts, schedule views. Pure functions.

use serenity::all::{
    ButtonStyle as DiscordStyle, CreateActionRow, CreateButton, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponseMessage, CreateMessage,
};

use super::respond::mentions;
use crate::domain::post::{ButtonStyle, Post};
use crate::service::schedule::ScheduleView;

fn embed(p: &Post) -> Option<CreateEmbed> {
    p.embed.as_ref().map(|e| {
        let mut out = CreateEmbed::new()
            .title(&e.title)
            .description(&e.description)
            .colour(e.colour);
        if let Some(f) = &e.footer {
            out = out.footer(CreateEmbedFooter::new(f));
        }
        out
    })
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

/// A post as a channel message.
pub fn message(p: &Post) -> CreateMessage {
    let mut m = CreateMessage::new()
        .allowed_mentions(mentions(&p.mentions))
        .components(components(p));
    if let Some(c) = &p.content {
        m = m.content(c);
    }
    if let Some(e) = embed(p) {
        m = m.embed(e);
    }
    m
}

/// A post as an interaction answer.
pub fn reply(p: &Post) -> CreateInteractionResponseMessage {
    let mut m = CreateInteractionResponseMessage::new()
        .allowed_mentions(mentions(&p.mentions))
        .components(components(p));
    if let Some(c) = &p.content {
        m = m.content(c);
    }
    if let Some(e) = embed(p) {
        m = m.embed(e);
    }
    m
}

/// The schedule as an embed: next nudges as Discord timestamps in the description (titles
/// and footers do not render them).
pub fn schedule(view: &ScheduleView, title: &str) -> CreateEmbed {
    CreateEmbed::new()
        .title(title)
        .description(crate::copy::schedule_description(view))
        .colour(crate::domain::post::COLOUR)
}
