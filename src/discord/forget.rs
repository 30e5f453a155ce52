//! `/forget`: a confirm button, then every row of the couple deleted in one transaction.

use serenity::all::{
    ButtonStyle, CommandInteraction, ComponentInteraction, CreateActionRow, CreateButton,
    CreateInteractionResponse, CreateInteractionResponseMessage,
};

use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy;
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::{CoupleId, UserId};
use crate::service::Services;

pub async fn command(svc: &Services, cmd: &CommandInteraction, r: &Responder<'_>) -> Handled {
    let Some(guild_id) = cmd.guild_id else {
        return Err(Stop::Say(copy::DM_NOT_SUPPORTED.into()));
    };
    let opts = super::commands::Options::parse(&cmd.data.options, super::commands::FORGET_OPTIONS)
        .map_err(|_| Stop::bad_options())?;
    let delete_messages = opts.bool("delete_messages").unwrap_or(false);
    let user = UserId::from(cmd.user.id);
    let Some(couple) = svc.own_couple(guild_id.into(), user).await? else {
        return Err(Stop::Say(copy::NOT_PAIRED.into()));
    };
    let confirm = if delete_messages {
        ComponentId::ConfirmForgetAndDelete(couple.id)
    } else {
        ComponentId::ConfirmForget(couple.id)
    };
    r.respond(CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .content(copy::forget_confirm())
            .ephemeral(true)
            .allowed_mentions(mentions(&[]))
            .components(vec![CreateActionRow::Buttons(vec![
                CreateButton::new(confirm.encode())
                    .label("Forget everything")
                    .style(ButtonStyle::Danger),
                CreateButton::new(ComponentId::CancelForget(couple.id).encode())
                    .label("Keep it")
                    .style(ButtonStyle::Secondary),
            ])]),
    ))
    .await
}

/// What a press on the /forget confirmation asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Keep,
    Forget,
    ForgetAndDeletePosts,
}

pub async fn answer(
    svc: &Services,
    it: &ComponentInteraction,
    r: &Responder<'_>,
    couple: CoupleId,
    choice: Choice,
) -> Handled {
    let user = UserId::from(it.user.id);
    let text = if choice == Choice::ForgetAndDeletePosts {
        let (gone, posts) = svc.forget_with_posts(couple, user).await?;
        tracing::info!(
            couple = gone.id.0,
            posts = posts.len(),
            "couple forgotten; deleting its posts"
        );
        // The rows are gone already; the posts are removed in the background, paced.
        let http = r.http_arc();
        let channel = serenity::all::ChannelId::from(gone.channel_id);
        tokio::spawn(async move {
            for m in posts {
                if let Err(e) = channel
                    .delete_message(&http, serenity::all::MessageId::from(m))
                    .await
                {
                    tracing::warn!(error = %e, "could not delete a post");
                }
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
        });
        copy::forgotten_with_posts(gone.channel_id)
    } else if choice == Choice::Forget {
        let gone = svc.forget(couple, user).await?;
        tracing::info!(couple = gone.id.0, "couple forgotten");
        copy::forgotten(gone.channel_id)
    } else {
        svc.couple_of_partner(couple, user).await?;
        copy::FORGET_CANCELLED.to_string()
    };
    r.respond(CreateInteractionResponse::UpdateMessage(
        CreateInteractionResponseMessage::new()
            .content(text)
            .components(vec![])
            .allowed_mentions(mentions(&[])),
    ))
    .await
}
