//! `/prompt now|add` and the Another prompt button.

use serenity::all::CreateInteractionResponse;

use super::invocation::Invocation;
use super::render;
use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy;
use crate::domain::couple::Couple;
use crate::domain::prompt::{validate_custom_text, Practice};
use crate::service::Services;

pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let (svc, r, opts) = (call.svc, call.r, &call.options);
    match call.subcommand {
        Some("now") => {
            let practice = match opts.str("practice") {
                None => Practice::for_nudge(couple.nudge_count),
                Some(p) => Practice::parse(p).ok_or_else(Stop::bad_options)?,
            };
            show(svc, r, &couple, practice).await
        }
        Some("add") => {
            let (Some(p), Some(text)) = (opts.str("practice"), opts.str("text")) else {
                return Err(Stop::bad_options());
            };
            let practice = Practice::parse(p).ok_or_else(Stop::bad_options)?;
            let text =
                validate_custom_text(text).map_err(|e| Stop::Say(copy::prompt_not_added(&e)))?;
            svc.add_prompt(&couple, practice, &text, call.user).await?;
            r.ephemeral(copy::prompt_added(practice)).await
        }
        _ => Err(Stop::bad_options()),
    }
}

/// A fresh prompt of `practice` from the couple's deck, as a public answer in their channel.
pub async fn show(
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    practice: Practice,
) -> Handled {
    let (practice, text) = svc.prompt_now(couple.id, practice).await?;
    let post = crate::render::posts::nudge(practice, &text, &[], "x");
    r.respond(CreateInteractionResponse::Message(
        render::reply(&post).allowed_mentions(mentions(&[])),
    ))
    .await
}
