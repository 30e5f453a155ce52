//! `/forget`: what goes and what stays, two questions asked before anything is deleted
//! (haven's posts, and whether to tell the partner), then every row of the couple deleted in
//! one transaction. The answers travel in the buttons' ids; nothing is stored until the end.

use serenity::all::{
    ButtonStyle, ComponentInteraction, CreateActionRow, CreateButton, CreateInteractionResponse,
    CreateInteractionResponseMessage,
};

use super::invocation::Invocation;
use super::respond::{mentions, Handled, Responder};
use crate::copy::{self, Lang};
use crate::domain::couple::Couple;
use crate::domain::custom_id::ComponentId;
use crate::domain::forget::ForgetChoice;
use crate::domain::ids::{CoupleId, UserId};
use crate::service::Services;

/// `couple` is the invoker's own, wherever in the server they run it. `delete_messages`, when
/// given, answers the first question ahead.
pub async fn command(call: &Invocation<'_>, couple: Option<Couple>) -> Handled {
    let Some(couple) = couple else {
        // Not paired here: what haven may hold about them is invitations that name them.
        let gone = call.svc.forget_invitations(call.guild, call.user).await?;
        tracing::info!(
            deleted = gone.deleted,
            kept = gone.kept,
            "invitations forgotten at the request of someone they name"
        );
        return call
            .r
            .ephemeral(copy::invitations_forgotten(call.r.lang(), &gone))
            .await;
    };
    let step = match call.options.bool("delete_messages") {
        None => first_step(call.r.lang(), &couple),
        Some(remove_posts) => last_step(call.r.lang(), &couple, call.user, remove_posts),
    };
    call.r
        .respond(CreateInteractionResponse::Message(step.ephemeral(true)))
        .await
}

fn button(id: ComponentId, label: String, style: ButtonStyle) -> CreateButton {
    CreateButton::new(id.encode()).label(label).style(style)
}

/// What goes and what stays, and the first question: haven's posts.
fn first_step(lang: Lang, couple: &Couple) -> CreateInteractionResponseMessage {
    let posts = |remove_posts| ComponentId::ForgetPosts {
        couple: couple.id,
        remove_posts,
    };
    CreateInteractionResponseMessage::new()
        .content(copy::forget_confirm(lang, couple.channel_id))
        .allowed_mentions(mentions(&[]))
        .components(vec![CreateActionRow::Buttons(vec![
            button(
                posts(true),
                copy::forget_remove_posts_button(lang),
                ButtonStyle::Danger,
            ),
            button(
                posts(false),
                copy::forget_leave_posts_button(lang),
                ButtonStyle::Secondary,
            ),
            cancel_button(lang, couple),
        ])])
}

/// The first answer, and the last question: tell the partner, or forget quietly.
fn last_step(
    lang: Lang,
    couple: &Couple,
    user: UserId,
    remove_posts: bool,
) -> CreateInteractionResponseMessage {
    let partner = couple.other(user).unwrap_or(user);
    let confirm = |tell_partner| ComponentId::ConfirmForget {
        couple: couple.id,
        choice: ForgetChoice {
            remove_posts,
            tell_partner,
        },
    };
    CreateInteractionResponseMessage::new()
        .content(copy::forget_confirm_partner(
            lang,
            couple.channel_id,
            partner,
            remove_posts,
        ))
        .allowed_mentions(mentions(&[]))
        .components(vec![CreateActionRow::Buttons(vec![
            button(
                confirm(true),
                copy::forget_tell_button(lang),
                ButtonStyle::Danger,
            ),
            button(
                confirm(false),
                copy::forget_quietly_button(lang),
                ButtonStyle::Danger,
            ),
            cancel_button(lang, couple),
        ])])
}

fn cancel_button(lang: Lang, couple: &Couple) -> CreateButton {
    button(
        ComponentId::CancelForget(couple.id),
        copy::forget_cancel_button(lang),
        ButtonStyle::Secondary,
    )
}

/// The first question answered: the last one replaces it. Nothing is deleted yet.
pub async fn posts_chosen(
    svc: &Services,
    it: &ComponentInteraction,
    r: &Responder<'_>,
    couple: CoupleId,
    remove_posts: bool,
) -> Handled {
    let user = UserId::from(it.user.id);
    let couple = svc.couple_of_partner(couple, user).await?;
    r.respond(CreateInteractionResponse::UpdateMessage(last_step(
        r.lang(),
        &couple,
        user,
        remove_posts,
    )))
    .await
}

/// Both questions answered: the couple is forgotten.
pub async fn confirm(
    svc: &Services,
    it: &ComponentInteraction,
    r: &Responder<'_>,
    couple: CoupleId,
    choice: ForgetChoice,
) -> Handled {
    let user = UserId::from(it.user.id);
    let gone = svc.forget(couple, user, choice).await?;
    tracing::info!(
        couple = gone.couple.id.0,
        posts = gone.posts_queued,
        told = gone.told.is_some(),
        "couple forgotten"
    );
    let partner = gone.couple.other(user).unwrap_or(user);
    let answered = r
        .respond(CreateInteractionResponse::UpdateMessage(
            CreateInteractionResponseMessage::new()
                .content(copy::forgotten(
                    r.lang(),
                    gone.couple.channel_id,
                    partner,
                    choice.remove_posts,
                    gone.told.is_some(),
                ))
                .components(vec![])
                .allowed_mentions(mentions(&[])),
        ))
        .await;
    // Answered first: emptying the WAL may wait briefly for a backup to let go of it.
    svc.empty_wal().await;
    answered
}

/// Cancel: nothing is deleted.
pub async fn cancel(
    svc: &Services,
    it: &ComponentInteraction,
    r: &Responder<'_>,
    couple: CoupleId,
) -> Handled {
    svc.couple_of_partner(couple, UserId::from(it.user.id))
        .await?;
    r.respond(CreateInteractionResponse::UpdateMessage(
        CreateInteractionResponseMessage::new()
            .content(copy::forget_cancelled(r.lang()))
            .components(vec![])
            .allowed_mentions(mentions(&[])),
    ))
    .await
}
