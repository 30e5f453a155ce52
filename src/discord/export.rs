//! `/export`: everything haven keeps about the invoker's couple that the invoker may see, as
//! an ephemeral JSON file (the format is described in DEVELOPERS.md).

use serenity::all::{
    CommandInteraction, CreateInteractionResponse, CreateInteractionResponseMessage,
};

use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy;
use crate::domain::ids::UserId;
use crate::service::Services;

/// `/export`: the invoker's couple, from any channel of the server, as an ephemeral file.
pub async fn command(svc: &Services, cmd: &CommandInteraction, r: &Responder<'_>) -> Handled {
    let Some(guild_id) = cmd.guild_id else {
        return Err(Stop::Say(copy::DM_NOT_SUPPORTED.into()));
    };
    super::respond::no_options(cmd)?;
    let user = UserId::from(cmd.user.id);
    let Some(couple) = svc.own_couple(guild_id.into(), user).await? else {
        return Err(Stop::Say(copy::NOT_PAIRED_EXPORT.into()));
    };
    let data = svc.export(&couple, user).await?;
    let bytes = serde_json::to_vec_pretty(&data).map_err(|e| Stop::Internal(e.into()))?;
    r.respond(CreateInteractionResponse::Message(
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
