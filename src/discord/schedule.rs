//! `/schedule show|set`, `/pause`, `/resume`, `/skip`.

use serenity::all::{
    CommandInteraction, CreateInteractionResponse, CreateInteractionResponseMessage,
};

use super::commands::{subcommand, Options, PAUSE_OPTIONS, SCHEDULE_SET_OPTIONS};
use super::render;
use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy;
use crate::domain::couple::Couple;
use crate::domain::schedule::{parse_days, CronExpr};
use crate::domain::text::clip;
use crate::domain::time::{LocalTime, Timezone};
use crate::service::schedule::{ScheduleChange, ScheduleView};
use crate::service::Services;

/// A schedule view as the answer; changes are posted for both partners to see.
async fn answer(
    r: &Responder<'_>,
    view: &ScheduleView,
    title: &str,
    text: Option<String>,
    ephemeral: bool,
) -> Handled {
    let mut m = CreateInteractionResponseMessage::new()
        .embed(render::schedule(view, title))
        .ephemeral(ephemeral)
        .allowed_mentions(mentions(&[]));
    if let Some(t) = text {
        m = m.content(t);
    }
    r.respond(CreateInteractionResponse::Message(m)).await
}

pub async fn schedule(
    svc: &Services,
    cmd: &CommandInteraction,
    r: &Responder<'_>,
    couple: Couple,
) -> Handled {
    let (name, inner) = subcommand(&cmd.data.options).ok_or_else(Stop::bad_options)?;
    match name {
        "show" => {
            if !inner.is_empty() {
                return Err(Stop::bad_options());
            }
            let view = ScheduleView::of(&couple, svc.clock.now());
            answer(r, &view, "Your schedule", None, true).await
        }
        "set" => {
            let opts =
                Options::parse(inner, SCHEDULE_SET_OPTIONS).map_err(|_| Stop::bad_options())?;
            let change = ScheduleChange {
                time: opts
                    .str("time")
                    .map(|t| {
                        LocalTime::parse(t).map_err(|_| {
                            Stop::Say(format!("“{}” isn't a time I understand: please use 24-hour HH:MM, like 20:00.", clip(t, 16)))
                        })
                    })
                    .transpose()?,
                days: opts
                    .str("days")
                    .map(|d| parse_days(d).map_err(|e| Stop::Say(format!("I couldn't read those days: {e}."))))
                    .transpose()?,
                cron: opts
                    .str("cron")
                    .map(|c| CronExpr::parse(c).map_err(|e| Stop::Say(format!("I couldn't use that cron expression: {e}."))))
                    .transpose()?,
                timezone: opts
                    .str("timezone")
                    .map(|t| {
                        Timezone::parse(t).map_err(|_| {
                            Stop::Say(format!("I don't know the time zone “{}”. Start typing a city and pick one of the suggestions.", clip(t, 64)))
                        })
                    })
                    .transpose()?,
            };
            let view = svc.set_schedule(&couple, change).await?;
            answer(
                r,
                &view,
                "Schedule updated",
                Some(copy::schedule_changed(cmd.user.id.get())),
                false,
            )
            .await
        }
        _ => Err(Stop::bad_options()),
    }
}

pub async fn pause(
    svc: &Services,
    cmd: &CommandInteraction,
    r: &Responder<'_>,
    couple: Couple,
) -> Handled {
    let opts = Options::parse(&cmd.data.options, PAUSE_OPTIONS).map_err(|_| Stop::bad_options())?;
    let days = match opts.int("days") {
        None => None,
        Some(d) => {
            Some(u32::try_from(d).map_err(|_| Stop::from(crate::service::Refusal::PauseDays))?)
        }
    };
    let view = svc.pause(&couple, days).await?;
    answer(
        r,
        &view,
        "Nudges paused",
        Some(copy::paused(cmd.user.id.get())),
        false,
    )
    .await
}

pub async fn resume(
    svc: &Services,
    cmd: &CommandInteraction,
    r: &Responder<'_>,
    couple: Couple,
) -> Handled {
    super::respond::no_options(cmd)?;
    let view = svc.resume(&couple).await?;
    answer(
        r,
        &view,
        "Nudges resumed",
        Some(copy::resumed(cmd.user.id.get())),
        false,
    )
    .await
}

pub async fn skip(
    svc: &Services,
    cmd: &CommandInteraction,
    r: &Responder<'_>,
    couple: Couple,
) -> Handled {
    super::respond::no_options(cmd)?;
    let (skipped, view) = svc.skip_next(&couple).await?;
    answer(
        r,
        &view,
        "Skipping one nudge",
        Some(copy::skipped(cmd.user.id.get(), skipped)),
        false,
    )
    .await
}
