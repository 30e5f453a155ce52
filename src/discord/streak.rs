//! `/streak`: the couple's streaks as an embed, with the heatmap of the last 26 weeks.

use serenity::all::{
    CommandInteraction, CreateAttachment, CreateEmbed, CreateInteractionResponse,
    CreateInteractionResponseMessage,
};

use super::respond::{mentions, Handled, Responder};
use crate::copy;
use crate::domain::couple::Couple;
use crate::service::Services;

const FILE: &str = "streak.png";

pub async fn command(
    svc: &Services,
    cmd: &CommandInteraction,
    r: &Responder<'_>,
    couple: Couple,
) -> Handled {
    super::respond::no_options(cmd)?;
    let view = svc.streak_view(&couple).await?;
    let embed = CreateEmbed::new()
        .title("Your streak")
        .description(copy::streak_description(&view.streaks, couple.partners))
        .image(format!("attachment://{FILE}"))
        .colour(crate::domain::post::COLOUR);
    r.respond(CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .embed(embed)
            .add_file(CreateAttachment::bytes(view.png, FILE))
            .allowed_mentions(mentions(&[])),
    ))
    .await
}
