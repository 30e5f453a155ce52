//! `/prompt now|add|remove`, its suggestions, and the Another prompt button.

use serenity::all::{CommandInteraction, CreateAutocompleteResponse, CreateInteractionResponse};

use super::ctx::Ctx;
use super::invocation::Invocation;
use super::render;
use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy;
use crate::domain::couple::Couple;
use crate::domain::ids::UserId;
use crate::domain::prompt::{validate_custom_text, Practice};
use crate::service::access::Access;
use crate::service::{Refusal, Services};

/// The most suggestions Discord shows.
const MAX_SUGGESTIONS: usize = 25;

pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let (svc, r, opts) = (call.svc, call.r, &call.options);
    match call.subcommand {
        Some("now") => {
            let practice = match opts.str("practice") {
                None => Practice::for_nudge(couple.nudge_count),
                Some(p) => Practice::parse(p).ok_or_else(Stop::bad_options)?,
            };
            show(call.ctx, svc, r, &couple, practice).await
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
        Some("remove") => {
            let id = opts
                .str("prompt")
                .and_then(prompt_id)
                .ok_or(Refusal::PromptNotFound)?;
            let removed = svc.remove_prompt(&couple, id).await?;
            r.ephemeral(copy::prompt_removed(&removed.text)).await
        }
        _ => Err(Stop::bad_options()),
    }
}

/// The id a suggestion carries: digits only.
fn prompt_id(value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() || v.len() > 18 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

/// A fresh prompt of `practice` from the couple's deck, as a public answer in their channel.
/// One of the couple's own carries a partner's words: it is shown with who added it (without a
/// ping), and only while no outsider can read the channel (otherwise it is held like every
/// post with a partner's words, and the couple is told).
pub async fn show(
    ctx: &Ctx,
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    practice: Practice,
) -> Handled {
    let (practice, drawn) = svc.prompt_now(couple.id, practice).await?;
    if drawn.added_by.is_some() {
        super::appreciate::ensure_private(ctx, svc, couple).await?;
    }
    let post = crate::render::posts::drawn_nudge(practice, &drawn, &[], "x");
    r.respond(CreateInteractionResponse::Message(
        render::reply(&post).allowed_mentions(mentions(&[])),
    ))
    .await
}

/// Suggestions for `/prompt remove`: the couple's own prompts whose words contain what is
/// typed. Only the channel's two partners are shown any.
pub async fn autocomplete(cmd: &CommandInteraction, svc: &Services, r: &Responder<'_>) -> Handled {
    let typed = cmd
        .data
        .autocomplete()
        .filter(|o| o.name == "prompt")
        .map(|o| o.value.to_lowercase());
    let mut resp = CreateAutocompleteResponse::new();
    if let (Some(typed), Some(_)) = (typed, cmd.guild_id) {
        let access = svc
            .access(
                cmd.guild_id.map(Into::into),
                cmd.channel_id.into(),
                UserId::from(cmd.user.id),
            )
            .await?;
        if let Access::Partner(couple) = access {
            let prompts = svc.custom_prompts(&couple).await?;
            for p in prompts
                .iter()
                .filter(|p| p.text.to_lowercase().contains(typed.trim()))
                .take(MAX_SUGGESTIONS)
            {
                resp = resp
                    .add_string_choice(crate::domain::text::clip(&p.text, 100), p.id.to_string());
            }
        }
    }
    r.respond(CreateInteractionResponse::Autocomplete(resp))
        .await
}
