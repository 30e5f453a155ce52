//! `/schedule show|set`, `/pause`, `/resume`, `/skip`.

use serenity::all::{CreateInteractionResponse, CreateInteractionResponseMessage};

use super::invocation::Invocation;
use super::render;
use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy::{self, Lang};
use crate::domain::couple::Couple;
use crate::domain::schedule::{parse_days, CronExpr};
use crate::domain::settings::night_times;
use crate::domain::time::{LocalTime, Timezone};
use crate::service::schedule::{ScheduleChange, ScheduleView};

/// A schedule view as the answer; changes are posted for both partners to see (in the
/// couple's language), a view only the reader sees is in theirs.
async fn answer(
    r: &Responder<'_>,
    view: &ScheduleView,
    lang: Lang,
    title: &str,
    text: Option<String>,
    ephemeral: bool,
) -> Handled {
    let mut m = CreateInteractionResponseMessage::new()
        .embed(render::schedule(lang, view, title))
        .ephemeral(ephemeral)
        .allowed_mentions(mentions(&[]));
    if let Some(t) = text {
        m = m.content(t);
    }
    r.respond(CreateInteractionResponse::Message(m)).await
}

pub async fn schedule(call: &Invocation<'_>, couple: Couple) -> Handled {
    let (svc, r, opts) = (call.svc, call.r, &call.options);
    let lang = r.lang();
    match call.subcommand {
        Some("show") => {
            let view = ScheduleView::of(&couple, svc.clock.now()).with_local_times(&couple);
            answer(r, &view, lang, &copy::schedule_title(lang), None, true).await
        }
        Some("set") => {
            let change = ScheduleChange {
                time: opts
                    .str("time")
                    .map(|t| LocalTime::parse(t).map_err(|_| Stop::Say(copy::bad_time(lang, t))))
                    .transpose()?,
                days: opts
                    .str("days")
                    .map(|d| parse_days(d).map_err(|e| Stop::Say(copy::days_not_read(lang, &e))))
                    .transpose()?,
                cron: opts
                    .str("cron")
                    .map(|c| {
                        CronExpr::parse(c).map_err(|e| Stop::Say(copy::cron_not_used(lang, &e)))
                    })
                    .transpose()?,
                timezone: opts
                    .str("timezone")
                    .map(|t| {
                        Timezone::parse(t).map_err(|_| Stop::Say(copy::unknown_timezone(lang, t)))
                    })
                    .transpose()?,
            };
            let view = svc.set_schedule(&couple, change).await?;
            answer(
                r,
                &view,
                couple.language,
                &copy::schedule_updated_title(couple.language),
                Some(copy::schedule_changed(couple.language, call.user.get())),
                false,
            )
            .await?;
            // Nudges that now fall at night for either partner: said to the one who set them,
            // privately (a partner's own zone is theirs to share).
            let Some(expr) = view.expression.cron() else {
                return Ok(());
            };
            let now = svc.clock.now();
            let nights: Vec<String> = (0..2)
                .filter_map(|slot| {
                    let zone = couple.own[slot].timezone.unwrap_or(view.timezone);
                    let times = night_times(expr, view.timezone.0, zone.0, now);
                    let partner = couple.partners[slot];
                    (!times.is_empty()).then(|| {
                        if partner == call.user {
                            copy::schedule_at_night_for_you(lang, &times)
                        } else {
                            copy::schedule_at_night(lang, partner, &times)
                        }
                    })
                })
                .collect();
            if nights.is_empty() {
                return Ok(());
            }
            r.ephemeral(nights.join("\n")).await
        }
        _ => Err(Stop::bad_options()),
    }
}

/// `/pause` works from any channel of the server: in the couple's channel it is announced
/// there; anywhere else it is quiet (only the person who paused sees the answer), so a partner
/// who needs a break, or is afraid, can take one without a word in the channel.
pub async fn pause(call: &Invocation<'_>, couple: Option<Couple>) -> Handled {
    let Some(couple) = couple else {
        return Err(Stop::Words(copy::not_paired_pause));
    };
    let days = match call.options.int("days") {
        None => None,
        Some(d) => {
            Some(u32::try_from(d).map_err(|_| Stop::from(crate::service::Refusal::PauseDays))?)
        }
    };
    let view = call.svc.pause(&couple, days, call.user).await?;
    let here = call.channel == couple.channel_id;
    let lang = if here { couple.language } else { call.r.lang() };
    answer(
        call.r,
        &view,
        lang,
        &copy::paused_title(lang),
        here.then(|| copy::paused(lang, call.user.get())),
        !here,
    )
    .await
}

pub async fn resume(call: &Invocation<'_>, couple: Couple) -> Handled {
    let view = call.svc.resume(&couple, call.user).await?;
    answer(
        call.r,
        &view,
        couple.language,
        &copy::resumed_title(couple.language),
        Some(copy::resumed(couple.language, call.user.get())),
        false,
    )
    .await
}

pub async fn skip(call: &Invocation<'_>, couple: Couple) -> Handled {
    let (skipped, view) = call.svc.skip_next(&couple).await?;
    answer(
        call.r,
        &view,
        couple.language,
        &copy::skipping_title(couple.language),
        Some(copy::skipped(couple.language, call.user.get(), skipped)),
        false,
    )
    .await
}
