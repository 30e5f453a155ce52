//! `/streak`: the couple's streak as an embed, with the heatmap of the last 26 weeks, for the
//! channel; then the invoker's own numbers, for the invoker alone (the channel never sees the
//! two partners compared).

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
        .title(copy::streak_title(couple.language))
        .description(copy::streak_description(couple.language, &view.streaks))
        .image(format!("attachment://{FILE}"))
        .colour(crate::domain::post::COLOUR);
    call.r
        .respond(CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .embed(embed)
                .add_file(
                    CreateAttachment::bytes(view.png, FILE)
                        .description(copy::streak_picture_alt(couple.language)),
                )
                .allowed_mentions(mentions(&[])),
        ))
        .await?;
    if let Some(slot) = couple.slot(call.user) {
        let mut own = copy::own_streak(call.r.lang(), &view.streaks, slot);
        // The anniversary is among the couple's milestones; its date is shown privately, never
        // in the channel.
        let anniversary = call.svc.anniversary_view(&couple);
        if let Some((next, years)) = anniversary.next {
            own.push('\n');
            own.push_str(&copy::anniversary_next(
                call.r.lang(),
                next,
                years,
                anniversary.today,
            ));
        }
        call.r.ephemeral(own).await?;
    }
    Ok(())
}
