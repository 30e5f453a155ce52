//! `/streak`: the couple's streaks as an embed, with the heatmap of the last 26 weeks.

use serenity::all::{
    CreateAttachment, CreateEmbed, CreateInteractionResponse, CreateInteractionResponseMessage,
};

use super::invocation::Invocation;
use super::respond::{mentions, Handled};
use crate::copy;
use crate::domain::couple::Couple;

const FILE: &str = "streak.png";

pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let view = call.svc.streak_view(&couple).await?;
    let embed = CreateEmbed::new()
        .title(copy::STREAK_TITLE)
        .description(copy::streak_description(&view.streaks, couple.partners))
        .image(format!("attachment://{FILE}"))
        .colour(crate::domain::post::COLOUR);
    call.r
        .respond(CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .embed(embed)
                .add_file(CreateAttachment::bytes(view.png, FILE))
                .allowed_mentions(mentions(&[])),
        ))
        .await
}
