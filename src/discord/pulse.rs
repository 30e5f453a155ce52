//! `/pulse`: a partner's own weekly pulse (on or off, sharing on or off, their chart and notes),
//! its private form, and the digest's pulse button. Every answer is ephemeral: nothing about one
//! partner's pulse, not even whether they take it, reaches the other.

use chrono::NaiveDate;
use serenity::all::{
    ActionRowComponent, ButtonStyle, CreateActionRow, CreateAttachment, CreateButton, CreateEmbed,
    CreateInputText, CreateInteractionResponse, CreateInteractionResponseMessage, CreateModal,
    InputTextStyle, ModalInteraction,
};

use super::invocation::Invocation;
use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy::pulse as words;
use crate::copy::Lang;
use crate::domain::couple::Couple;
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::{CoupleId, UserId};
use crate::domain::pulse::{PulseDraft, Statement, MAX_NOTE, MAX_SCORE_INPUT};
use crate::render::pulse as chart;
use crate::service::pulse::PulseSubmitted;
use crate::service::Services;

const FILE: &str = "pulse.png";
const NOTE: &str = "note";
/// How much of one note the chart's reply shows (12 of them fit Discord's 6,000 characters).
const NOTE_SHOWN: usize = 400;

/// An option's "on" or "off".
fn switch(value: Option<&str>) -> Result<Option<bool>, Stop> {
    match value {
        None => Ok(None),
        Some("on") => Ok(Some(true)),
        Some("off") => Ok(Some(false)),
        Some(_) => Err(Stop::bad_options()),
    }
}

/// `/pulse [turn:on|off] [share:on|off]`: changes what is given; with neither, the chart.
pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let turn = switch(call.options.str("turn"))?;
    let share = switch(call.options.str("share"))?;
    let (svc, user) = (call.svc, call.user);
    if turn.is_none() && share.is_none() {
        return show_chart(svc, call.r, &couple, user).await;
    }
    svc.set_pulse(&couple, user, turn, share).await?;
    let lang = call.r.lang();
    let mut said = vec![];
    match turn {
        Some(true) => said.push(words::turned_on(lang)),
        Some(false) => said.push(words::turned_off(lang)),
        None => {}
    }
    match share {
        Some(true) => said.push(words::share_on(lang)),
        Some(false) => said.push(words::share_off(lang)),
        None => {}
    }
    let mut reply = CreateInteractionResponseMessage::new()
        .content(said.join("\n\n"))
        .ephemeral(true)
        .allowed_mentions(mentions(&[]));
    if turn == Some(true) {
        reply = reply.components(vec![open_button(lang, couple.id, false)]);
    }
    call.r
        .respond(CreateInteractionResponse::Message(reply))
        .await
}

fn open_button(lang: Lang, couple: CoupleId, answered: bool) -> CreateActionRow {
    let label = if answered {
        words::change_button(lang)
    } else {
        words::answer_button(lang)
    };
    CreateActionRow::Buttons(vec![CreateButton::new(
        ComponentId::PulseOpen(couple).encode(),
    )
    .label(label)
    .style(ButtonStyle::Primary)])
}

/// The partner's own chart and notes, ephemeral.
async fn show_chart(svc: &Services, r: &Responder<'_>, couple: &Couple, user: UserId) -> Handled {
    let view = svc.pulse_chart(couple, user).await?;
    let lang = r.lang();
    if !view.settings.enabled && view.answered() == 0 {
        return r.ephemeral(words::about(lang)).await;
    }
    let legend = Statement::ALL.map(|s| words::chart_legend(lang, s));
    let (oldest, newest) = (words::chart_oldest(lang), words::chart_newest(lang));
    let labels = chart::Labels {
        legend: legend.each_ref().map(String::as_str),
        oldest: &oldest,
        newest: &newest,
    };
    let points: Vec<Option<[u8; 4]>> = view
        .weeks
        .iter()
        .map(|(_, p)| p.as_ref().map(|p| p.scores))
        .collect();
    let png = chart::render(&points, &labels);
    let mut embed = CreateEmbed::new()
        .title(words::chart_title(lang))
        .description(words::chart_description(
            lang,
            view.answered(),
            view.settings.enabled,
        ))
        .image(format!("attachment://{FILE}"))
        .colour(crate::domain::post::COLOUR);
    for (week, p) in view.weeks.iter().rev() {
        let Some(note) = p.as_ref().and_then(|p| p.note.as_deref()) else {
            continue;
        };
        let shown = if note.chars().count() > NOTE_SHOWN {
            format!(
                "{}\n{}",
                crate::domain::text::clip(note, NOTE_SHOWN),
                words::note_shortened(lang)
            )
        } else {
            note.to_string()
        };
        embed = embed.field(words::note_heading(lang, *week), shown, false);
    }
    let mut reply = CreateInteractionResponseMessage::new()
        .embed(embed)
        .add_file(CreateAttachment::bytes(png, FILE).description(words::chart_alt(lang)))
        .ephemeral(true)
        .allowed_mentions(mentions(&[]));
    if view.settings.enabled {
        reply = reply.components(vec![open_button(lang, couple.id, view.this_week_answered)]);
    }
    r.respond(CreateInteractionResponse::Message(reply)).await
}

/// The digest's button, and `/pulse`'s: this week's form for a partner who takes the pulse,
/// and a private word about it for one who does not.
pub async fn open(
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    user: UserId,
    from: Option<CoupleId>,
) -> Handled {
    if from.is_some_and(|c| c != couple.id) {
        return Err(Stop::Words(crate::copy::stale_button));
    }
    let lang = r.lang();
    if !svc.pulse_settings(couple, user).await?.enabled {
        return r.ephemeral(words::about(lang)).await;
    }
    let form = svc.pulse_form(couple, user).await?;
    let mut rows = vec![];
    for (i, s) in Statement::ALL.into_iter().enumerate() {
        let mut input = CreateInputText::new(
            InputTextStyle::Short,
            words::statement_label(lang, s),
            s.key(),
        )
        .placeholder(words::score_placeholder(lang))
        .min_length(1)
        .max_length(MAX_SCORE_INPUT as u16)
        .required(true);
        if !form.prefill.scores[i].is_empty() {
            input = input.value(form.prefill.scores[i].clone());
        }
        rows.push(CreateActionRow::InputText(input));
    }
    let mut note = CreateInputText::new(InputTextStyle::Paragraph, words::note_label(lang), NOTE)
        .placeholder(words::note_placeholder(lang))
        .min_length(0)
        .max_length(MAX_NOTE as u16)
        .required(false);
    if !form.prefill.note.is_empty() {
        note = note.value(form.prefill.note.clone());
    }
    rows.push(CreateActionRow::InputText(note));
    let id = ComponentId::PulseForm {
        couple: couple.id,
        week: form.week,
    };
    let modal = CreateModal::new(id.encode(), words::form_title(lang)).components(rows);
    r.respond(CreateInteractionResponse::Modal(modal)).await
}

/// The values of a submitted form, by input id; unknown inputs are ignored.
fn field(it: &ModalInteraction, id: &str) -> String {
    it.data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .find_map(|c| match c {
            ActionRowComponent::InputText(t) if t.custom_id == id => t.value.clone(),
            _ => None,
        })
        .unwrap_or_default()
}

/// A submitted pulse form: saved, or kept with a Try again button. Always ephemeral.
pub async fn submit(
    svc: &Services,
    it: &ModalInteraction,
    r: &Responder<'_>,
    couple: &Couple,
    form_couple: CoupleId,
    week: NaiveDate,
) -> Handled {
    if form_couple != couple.id {
        return Err(Stop::Words(words::stale_form));
    }
    let user = UserId::from(it.user.id);
    let draft = PulseDraft {
        scores: Statement::ALL.map(|s| field(it, s.key())),
        note: field(it, NOTE),
    };
    let lang = r.lang();
    let text = match svc.submit_pulse(couple, user, week, draft).await? {
        PulseSubmitted::Saved => return r.ephemeral(words::saved(lang)).await,
        PulseSubmitted::Invalid(e) => words::not_saved(lang, e),
        PulseSubmitted::WeekClosed => words::week_closed(lang),
        PulseSubmitted::Off => words::off_not_saved(lang),
    };
    r.respond(CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .content(text)
            .components(vec![CreateActionRow::Buttons(vec![CreateButton::new(
                ComponentId::PulseOpen(couple.id).encode(),
            )
            .label(words::try_again_button(lang))
            .style(ButtonStyle::Primary)])])
            .ephemeral(true)
            .allowed_mentions(mentions(&[])),
    ))
    .await
}

/// The button under the private offer of repair (the Another prompt button of the repair deck:
/// it posts a repair prompt in the channel for both, like `/prompt now`), in its reader's
/// language.
pub fn repair_button(lang: Lang) -> CreateActionRow {
    CreateActionRow::Buttons(vec![CreateButton::new(
        ComponentId::AnotherPrompt(crate::domain::prompt::Deck::Repair).encode(),
    )
    .label(words::repair_button(lang))
    .style(ButtonStyle::Secondary)])
}
