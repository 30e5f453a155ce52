//! `/checkin`, the Check in and Edit buttons, the check-in form, and active listening:
//! Reflect back, its form, and Felt heard / Not quite.

use chrono::NaiveDate;
use serenity::all::{
    ActionRowComponent, ButtonStyle, CreateActionRow, CreateButton, CreateInputText,
    CreateInteractionResponse, CreateInteractionResponseMessage, CreateModal, InputTextStyle,
    ModalInteraction,
};

use super::invocation::Invocation;
use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy;
use crate::domain::checkin::{Draft, MAX_ANSWER, MAX_NOTE, MAX_QUESTION_ANSWER, MAX_SHORT_CHARS};
use crate::domain::couple::Couple;
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::UserId;
use crate::service::checkin::Submitted;
use crate::service::Services;

const MOOD: &str = "mood";
const ANSWER: &str = "answer";
const APPRECIATED: &str = "appreciated";
const HEAR: &str = "hear";
const HEARD: &str = "heard";

/// `/checkin`: the form for the couple's today.
pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let day = call.svc.today(&couple, call.user);
    open_form(call.svc, call.r, &couple, call.user, day).await
}

/// Opens the check-in form for `day`, pre-filled with a kept draft or the check-in being
/// edited. A form must be the first answer to an interaction.
pub async fn open_form(
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    user: UserId,
    day: NaiveDate,
) -> Handled {
    if svc.revealed(couple, day).await? {
        return Err(Stop::Words(copy::already_revealed_today));
    }
    let question = svc.day_question(couple, user, day).await?;
    let prefill = copy::prefill(
        &svc.form_prefill(couple, user, day)
            .await?
            .unwrap_or_default(),
    );
    let input = |style, label: String, id: &str, max: usize, value: String| {
        let mut i = CreateInputText::new(style, label, id)
            .min_length(0)
            .max_length(u16::try_from(max).unwrap_or(u16::MAX))
            .required(false);
        if !value.is_empty() {
            i = i.value(value);
        }
        i
    };
    let mut mood = CreateInputText::new(InputTextStyle::Short, copy::mood_label(r.lang()), MOOD)
        .min_length(1)
        .max_length(1)
        .required(true);
    if !prefill.mood.is_empty() {
        mood = mood.value(prefill.mood);
    }
    let mut rows = vec![CreateActionRow::InputText(mood)];
    if let Some(q) = &question {
        // The short form fits the placeholder (Discord's limit is 100 characters).
        let placeholder: String = q.short.chars().take(MAX_SHORT_CHARS).collect();
        rows.push(CreateActionRow::InputText(
            input(
                InputTextStyle::Paragraph,
                copy::question_label(r.lang()),
                ANSWER,
                MAX_QUESTION_ANSWER,
                prefill.answer,
            )
            .placeholder(placeholder),
        ));
    }
    rows.push(CreateActionRow::InputText(input(
        InputTextStyle::Paragraph,
        copy::appreciated_label(r.lang()),
        APPRECIATED,
        MAX_NOTE,
        prefill.appreciated,
    )));
    rows.push(CreateActionRow::InputText(input(
        InputTextStyle::Paragraph,
        copy::hear_label(r.lang()),
        HEAR,
        MAX_NOTE,
        prefill.hear,
    )));
    let modal = CreateModal::new(
        ComponentId::CheckinForm(day).encode(),
        copy::checkin_title(r.lang()),
    )
    .components(rows);
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

pub async fn submit(
    svc: &Services,
    it: &ModalInteraction,
    r: &Responder<'_>,
    couple: &Couple,
    day: NaiveDate,
) -> Handled {
    let user = UserId::from(it.user.id);
    let draft = Draft {
        mood: field(it, MOOD),
        answer: field(it, ANSWER),
        appreciated: field(it, APPRECIATED),
        hear: field(it, HEAR),
    };
    let partner = couple.other(user).unwrap_or(user);
    let support = &svc.settings.support.url;
    let reply = match svc.submit_checkin(couple, user, day, draft).await? {
        Ok(done) => {
            let saved = match done {
                Submitted::Waiting { edited, .. } => copy::checkin_saved(r.lang(), partner, edited),
                Submitted::Revealed { .. } => copy::checkin_revealed(r.lang()).to_string(),
            };
            // Only ever in this ephemeral reply, to its author.
            let text = if done.care() {
                copy::with_care_line(r.lang(), &saved, support)
            } else {
                saved
            };
            // The partner's own pulse says something feels unsettled: repair and "on my
            // mind" are offered here only, once per pulse week.
            if svc.pulse_offer(couple, user).await? {
                CreateInteractionResponseMessage::new()
                    .content(copy::pulse::with_unsettled_offer(r.lang(), &text))
                    .components(vec![super::pulse::repair_button(r.lang())])
            } else {
                CreateInteractionResponseMessage::new().content(text)
            }
        }
        Err(kept) => {
            let edit_day = match kept {
                crate::service::checkin::Kept::DayOver => svc.today(couple, user),
                _ => day,
            };
            CreateInteractionResponseMessage::new()
                .content(copy::checkin_kept(r.lang(), &kept))
                .components(vec![CreateActionRow::Buttons(vec![CreateButton::new(
                    ComponentId::EditCheckin(edit_day).encode(),
                )
                .label(copy::edit_button(r.lang()))
                .style(ButtonStyle::Primary)])])
        }
    };
    r.respond(CreateInteractionResponse::Message(
        reply.ephemeral(true).allowed_mentions(mentions(&[])),
    ))
    .await
}

/// The Reflect back form, for the other partner only.
pub async fn open_reflection(
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    user: UserId,
    day: NaiveDate,
    slot: u8,
) -> Handled {
    let author = couple.partners.get(usize::from(slot)).copied();
    if author == Some(user) || author.is_none() {
        return Err(crate::service::Refusal::OnlyTheOtherPartner.into());
    }
    if !svc.revealed(couple, day).await? {
        return Err(crate::service::Refusal::NotRevealedYet.into());
    }
    let modal = CreateModal::new(
        ComponentId::ReflectForm { day, slot }.encode(),
        copy::reflect_title(r.lang()),
    )
    .components(vec![CreateActionRow::InputText(
        CreateInputText::new(
            InputTextStyle::Paragraph,
            copy::reflect_label(r.lang()),
            HEARD,
        )
        .min_length(1)
        .max_length(MAX_ANSWER as u16)
        .required(true),
    )]);
    r.respond(CreateInteractionResponse::Modal(modal)).await
}

pub async fn submit_reflection(
    svc: &Services,
    it: &ModalInteraction,
    r: &Responder<'_>,
    couple: &Couple,
    day: NaiveDate,
    slot: u8,
) -> Handled {
    let text = field(it, HEARD);
    let Some(cleaned) = crate::domain::text::clean(&text) else {
        return Err(Stop::Words(copy::reflection_empty));
    };
    if cleaned.chars().count() > MAX_ANSWER {
        return Err(Stop::Say(copy::reflection_too_long(r.lang(), MAX_ANSWER)));
    }
    svc.reflect(couple, it.user.id.into(), day, slot, cleaned)
        .await?;
    r.ephemeral(copy::reflection_sent(r.lang())).await
}

pub async fn felt_heard(
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    user: UserId,
    reflection: u64,
    heard: bool,
) -> Handled {
    let reflector = svc.felt_heard(couple, user, reflection, heard).await?;
    r.respond(CreateInteractionResponse::UpdateMessage(
        CreateInteractionResponseMessage::new()
            .content(copy::felt_heard(couple.language, user, reflector, heard))
            .components(vec![])
            .allowed_mentions(mentions(&[])),
    ))
    .await
}
