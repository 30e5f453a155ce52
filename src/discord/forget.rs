//! `/forget`: a confirm button, then every row of the couple deleted in one transaction.

use serenity::all::{
    ButtonStyle, ComponentInteraction, CreateActionRow, CreateButton, CreateInteractionResponse,
    CreateInteractionResponseMessage,
};

use super::invocation::Invocation;
use super::respond::{mentions, Handled, Responder};
use crate::copy;
use crate::domain::couple::Couple;
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::{CoupleId, UserId};
use crate::service::Services;

/// `couple` is the invoker's own, wherever in the server they run it.
pub async fn command(call: &Invocation<'_>, couple: Option<Couple>) -> Handled {
    let delete_messages = call.options.bool("delete_messages").unwrap_or(false);
    let Some(couple) = couple else {
        // Not paired here: what haven may hold about them is invitations that name them.
        let gone = call.svc.forget_invitations(call.guild, call.user).await?;
        tracing::info!(
            deleted = gone.deleted,
            kept = gone.kept,
            "invitations forgotten at the request of someone they name"
        );
        return call.r.ephemeral(copy::invitations_forgotten(&gone)).await;
    };
    let confirm = if delete_messages {
        ComponentId::ConfirmForgetAndDelete(couple.id)
    } else {
        ComponentId::ConfirmForget(couple.id)
    };
    call.r
        .respond(CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content(copy::forget_confirm())
                .ephemeral(true)
                .allowed_mentions(mentions(&[]))
                .components(vec![CreateActionRow::Buttons(vec![
                    CreateButton::new(confirm.encode())
                        .label(copy::FORGET_BUTTON)
                        .style(ButtonStyle::Danger),
                    CreateButton::new(ComponentId::CancelForget(couple.id).encode())
                        .label(copy::KEEP_BUTTON)
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
