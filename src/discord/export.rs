//! `/export`: everything haven keeps about the invoker's couple that the invoker may see, as
//! an ephemeral JSON file (the format is described in DEVELOPERS.md).

use serenity::all::{CreateInteractionResponse, CreateInteractionResponseMessage};

use super::invocation::Invocation;
use super::respond::{mentions, Handled, Stop};
use crate::copy;
use crate::domain::couple::Couple;

/// `/export`: the invoker's couple, from any channel of the server, as an ephemeral file.
pub async fn command(call: &Invocation<'_>, couple: Option<Couple>) -> Handled {
    let Some(couple) = couple else {
        return Err(Stop::Say(copy::NOT_PAIRED_EXPORT.into()));
    };
    let data = call.svc.export(&couple, call.user).await?;
    let bytes = serde_json::to_vec_pretty(&data).map_err(|e| Stop::Internal(e.into()))?;
    call.r
        .respond(CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content(copy::EXPORT_READY)
                .add_file(serenity::all::CreateAttachment::bytes(
                    bytes,
                    "haven-export.json",
                ))
                .ephemeral(true)
                .allowed_mentions(mentions(&[])),
        ))
        .await
}
