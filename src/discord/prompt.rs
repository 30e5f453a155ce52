//! `/prompt now|add|remove`, its suggestions, and the Another prompt button.

use serenity::all::{CommandInteraction, CreateAutocompleteResponse, CreateInteractionResponse};

use super::ctx::Ctx;
use super::invocation::Invocation;
use super::render;
use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy;
use crate::domain::couple::Couple;
use crate::domain::ids::UserId;
use crate::domain::prompt::deal::{mixed_deck, slot, Slot};
use crate::domain::prompt::{validate_custom_text, Deck, Practice};
use crate::service::access::Access;
use crate::service::{Refusal, Services};

/// The most suggestions Discord shows.
const MAX_SUGGESTIONS: usize = 25;

pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let (svc, r, opts) = (call.svc, call.r, &call.options);
    match call.subcommand {
        Some("now") => {
            let deck = match opts.str("practice") {
                None => {
                    let n = couple.nudge_count;
                    match slot(n) {
                        Slot::Practice(p) => Deck::from(p),
                        Slot::Mixed => mixed_deck(n),
                    }
                }
                Some(p) => Deck::parse(p)
                    .filter(|d| d.on_request())
                    .ok_or_else(Stop::bad_options)?,
            };
            show(call.ctx, svc, r, &couple, deck, false).await
        }
        Some("add") => {
            let (Some(p), Some(text)) = (opts.str("practice"), opts.str("text")) else {
                return Err(Stop::bad_options());
            };
            let practice = Practice::parse(p).ok_or_else(Stop::bad_options)?;
            let text = validate_custom_text(text)
                .map_err(|e| Stop::Say(copy::prompt_not_added(r.lang(), &e)))?;
            svc.add_prompt(&couple, practice, &text, call.user).await?;
            r.ephemeral(copy::prompt_added(r.lang(), practice)).await
        }
        Some("remove") => {
            let id = opts
                .str("prompt")
                .and_then(prompt_id)
                .ok_or(Refusal::PromptNotFound)?;
            let removed = svc.remove_prompt(&couple, id).await?;
            r.ephemeral(copy::prompt_removed(r.lang(), &removed.text))
                .await
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

/// A fresh prompt of `deck` from the couple's decks (a light one when `lighter`), as a public
/// answer in their channel; it becomes the day's prompt until the first check-in of the day.
/// One of the couple's own carries a partner's words: it is shown with who added it (without a
/// ping), and only while no outsider can read the channel (otherwise it is held like every
/// post with a partner's words, and the couple is told).
pub async fn show(
    ctx: &Ctx,
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    deck: Deck,
    lighter: bool,
) -> Handled {
    let drawn = svc.prompt_now(couple, deck, lighter).await?;
    if drawn.added_by.is_some() {
        super::appreciate::ensure_private(ctx, svc, couple).await?;
    }
    let post = crate::render::posts::drawn_nudge(couple.language, &drawn, &[], "x");
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
