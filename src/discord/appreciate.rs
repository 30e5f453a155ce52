//! `/appreciate` and the "Appreciate this" message command (the couple's jar).

use serenity::all::{CreateEmbed, CreateInteractionResponse, CreateInteractionResponseMessage};

use super::ctx::Ctx;
use super::invocation::Invocation;
use super::respond::{mentions, Handled, Stop};
use crate::copy;
use crate::domain::couple::Couple;
use crate::service::{Refusal, Services};

/// Before a partner's words are posted: is the channel still only theirs? If not, the post is
/// held and the couple paused; when nobody can tell, they are asked to try again.
pub async fn ensure_private(ctx: &Ctx, svc: &Services, couple: &Couple) -> Handled {
    let since = tokio::time::Instant::now();
    match ctx.privacy.couple(couple, since).await.is_private() {
        Some(false) => {
            svc.hold_for_visibility(couple).await?;
            Err(Refusal::ChannelNotPrivate.into())
        }
        Some(true) => Ok(()),
        None => Err(Stop::Words(copy::guild_not_ready)),
    }
}

pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let svc = call.svc;
    let text = call.options.str("text").ok_or_else(Stop::bad_options)?;
    let text = crate::service::appreciation::validate(text)?;
    ensure_private(call.ctx, svc, &couple).await?;
    let from = call.user;
    let to = svc.appreciate(&couple, from, &text).await?;
    let (line, body) = copy::appreciation(couple.language, from, to, &text);
    // Named either way; pinged only if they allow it.
    let ping = svc.pingable(&couple, &[to]).await?;
    call.r
        .respond(CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content(line)
                .embed(
                    CreateEmbed::new()
                        .description(body)
                        .colour(crate::domain::post::COLOUR),
                )
                .allowed_mentions(mentions(&ping)),
        ))
        .await
}

/// "Appreciate this" on a message: only the partner's messages in the couple's channel.
pub async fn jar(call: &Invocation<'_>, couple: Couple) -> Handled {
    let (svc, cmd) = (call.svc, call.cmd);
    let target = cmd
        .data
        .target_id
        .map(|t| t.to_message_id())
        .and_then(|id| cmd.data.resolved.messages.get(&id))
        .ok_or_else(|| Stop::Words(copy::stale_button))?;
    let saved = svc
        .save_to_jar(
            &couple,
            call.user,
            target.author.id.into(),
            target.channel_id.into(),
            target.id.into(),
            &target.content,
        )
        .await?;
    call.r
        .ephemeral(if saved {
            copy::jar_saved(call.r.lang())
        } else {
            copy::jar_already(call.r.lang())
        })
        .await
}
