//! `/onmymind add|list|edit|delete|bring`, its suggestions, and its buttons and form. Every
//! answer about a note is ephemeral: only its author ever sees it, until they bring it up.

use serenity::all::{
    ActionRowComponent, ButtonStyle as DiscordStyle, CommandInteraction, ComponentInteraction,
    CreateActionRow, CreateAutocompleteResponse, CreateButton, CreateEmbed, CreateInputText,
    CreateInteractionResponse, CreateInteractionResponseMessage, CreateModal, InputTextStyle,
    ModalInteraction,
};

use super::ctx::Ctx;
use super::invocation::Invocation;
use super::respond::{mentions, Handled, Responder, Stop};
use crate::copy;
use crate::copy::onmymind as words;
use crate::copy::Lang;
use crate::domain::couple::Couple;
use crate::domain::custom_id::ComponentId;
use crate::domain::ids::UserId;
use crate::domain::onmymind::{Note, NoteRefusal, NoteStatus, OmId, MAX_PART_CHARS};
use crate::domain::post::{Button, ButtonStyle, COLOUR};
use crate::service::access::Access;
use crate::service::Services;

const FEEL: &str = "feel";
const ABOUT: &str = "about";
const LOVE: &str = "love";
/// The most suggestions Discord shows.
const MAX_SUGGESTIONS: usize = 25;
/// Buttons in one action row.
const PER_ROW: usize = 5;

fn refused(lang: Lang, r: NoteRefusal) -> Stop {
    Stop::Say(words::note_refusal(lang, r))
}

/// The id a suggestion carries: digits only; anything else is no note at all.
fn note_id(lang: Lang, value: Option<&str>) -> Result<u64, Stop> {
    let v = value.unwrap_or("").trim();
    if v.is_empty() || v.len() > 19 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refused(lang, NoteRefusal::NotFound));
    }
    v.parse().map_err(|_| refused(lang, NoteRefusal::NotFound))
}

fn buttons(list: Vec<Button>) -> Vec<CreateActionRow> {
    list.chunks(PER_ROW)
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        CreateButton::new(&b.custom_id)
                            .label(&b.label)
                            .style(match b.style {
                                ButtonStyle::Primary => DiscordStyle::Primary,
                                ButtonStyle::Secondary => DiscordStyle::Secondary,
                                ButtonStyle::Success => DiscordStyle::Success,
                                ButtonStyle::Danger => DiscordStyle::Danger,
                            })
                    })
                    .collect(),
            )
        })
        .collect()
}

/// A private answer to the author, with the follow-up they could not be sent by DM (if one is
/// waiting) below it, where only they see it.
async fn private_reply(
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    author: UserId,
    text: String,
    mut embeds: Vec<CreateEmbed>,
    mut rows: Vec<CreateActionRow>,
) -> Handled {
    if rows.len() < 5 {
        if let Some(note) = svc.asks_waiting(couple, author).await?.first() {
            let talk_at = note.talk_at.unwrap_or(note.updated_at);
            embeds.push(
                CreateEmbed::new()
                    .description(words::talk_ask_here(r.lang(), talk_at))
                    .colour(COLOUR),
            );
            rows.extend(buttons(crate::render::onmymind::answer_buttons(
                r.lang(),
                couple.id,
                note.id,
                "x",
            )));
        }
    }
    r.respond(CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .content(text)
            .embeds(embeds)
            .components(rows)
            .ephemeral(true)
            .allowed_mentions(mentions(&[])),
    ))
    .await
}

pub async fn command(call: &Invocation<'_>, couple: Couple) -> Handled {
    let (svc, opts, author) = (call.svc, &call.options, call.user);
    let lang = call.r.lang();
    let say = |text: String| private_reply(svc, call.r, &couple, author, text, vec![], vec![]);
    match call.subcommand {
        Some("add") => {
            let text = opts.str("text").unwrap_or("");
            svc.add_note(&couple, author, text)
                .await?
                .map_err(|e| refused(lang, e))?;
            say(words::note_kept(lang)).await
        }
        Some("list") => list(svc, call.r, &couple, author).await,
        Some("edit") => {
            let id = note_id(lang, opts.str("note"))?;
            let text = opts.str("text").unwrap_or("");
            svc.edit_note(&couple, author, id, text)
                .await?
                .map_err(|e| refused(lang, e))?;
            say(words::note_edited(lang)).await
        }
        Some("delete") => {
            let id = note_id(lang, opts.str("note"))?;
            let was_brought_up = svc
                .delete_note(&couple, author, id)
                .await?
                .map_err(|e| refused(lang, e))?;
            say(if was_brought_up {
                words::note_deleted_after_bringing_up(lang)
            } else {
                words::note_deleted(lang)
            })
            .await
        }
        Some("bring") => {
            let id = note_id(lang, opts.str("note"))?;
            open_form(svc, call.r, &couple, author, id).await
        }
        _ => Err(Stop::bad_options()),
    }
}

/// The author's notes, numbered, with a button to bring up each open one.
async fn list(svc: &Services, r: &Responder<'_>, couple: &Couple, author: UserId) -> Handled {
    let lang = r.lang();
    let notes = svc.notes_of(couple, author).await?;
    if notes.is_empty() {
        return private_reply(
            svc,
            r,
            couple,
            author,
            words::list_empty(lang),
            vec![],
            vec![],
        )
        .await;
    }
    let lines: Vec<String> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| words::list_line(lang, i + 1, n))
        .collect();
    let embed = CreateEmbed::new()
        .title(words::list_title(lang))
        .description(lines.join("\n"))
        .colour(COLOUR);
    let bring: Vec<Button> = notes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.status == NoteStatus::Open)
        .take(20)
        .map(|(i, n)| Button {
            custom_id: ComponentId::OnMyMind(OmId::Bring(n.id)).encode(),
            label: words::bring_up_label(lang, i + 1),
            style: ButtonStyle::Secondary,
        })
        .collect();
    private_reply(
        svc,
        r,
        couple,
        author,
        words::list_hint(lang),
        vec![embed],
        buttons(bring),
    )
    .await
}

/// The form that helps phrase a gentle start, pre-filled with soft openers and the note's own
/// words. A form must be the first answer to an interaction.
async fn open_form(
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    author: UserId,
    id: u64,
) -> Handled {
    let lang = r.lang();
    let note: Note = svc
        .note_to_bring_up(couple, author, id)
        .await?
        .map_err(|e| refused(lang, e))?;
    let input = |label: &str, id: &str, value: String| {
        CreateInputText::new(InputTextStyle::Paragraph, label, id)
            .min_length(0)
            .max_length(MAX_PART_CHARS as u16)
            .required(false)
            .value(value)
    };
    let about: String = words::form_about(lang, &note.text)
        .chars()
        .take(MAX_PART_CHARS)
        .collect();
    let modal = CreateModal::new(
        ComponentId::OnMyMind(OmId::Form(id)).encode(),
        words::form_title(lang),
    )
    .components(vec![
        CreateActionRow::InputText(input(
            &words::form_feel(lang),
            FEEL,
            words::form_feel_start(lang),
        )),
        CreateActionRow::InputText(input(&words::form_about_label(lang), ABOUT, about)),
        CreateActionRow::InputText(input(
            &words::form_love(lang),
            LOVE,
            words::form_love_start(lang),
        )),
    ]);
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

/// The form came back: the opener is kept, shown to the author alone, with the choice of
/// posting it with or without their words.
pub async fn submit(
    svc: &Services,
    it: &ModalInteraction,
    r: &Responder<'_>,
    couple: &Couple,
    id: OmId,
) -> Handled {
    let lang = r.lang();
    let OmId::Form(note) = id else {
        return Err(Stop::Words(copy::stale_button));
    };
    let author = UserId::from(it.user.id);
    let parts = [field(it, FEEL), field(it, ABOUT), field(it, LOVE)];
    let text = svc
        .save_opener(couple, author, note, parts)
        .await?
        .map_err(|e| refused(lang, e))?;
    let partner = couple.other(author).unwrap_or(author);
    let choice = [
        (true, words::post_with_words(lang)),
        (false, words::post_without_words(lang)),
    ]
    .into_iter()
    .map(|(with_words, label)| Button {
        custom_id: ComponentId::OnMyMind(OmId::Post { note, with_words }).encode(),
        label,
        style: if with_words {
            ButtonStyle::Primary
        } else {
            ButtonStyle::Secondary
        },
    })
    .collect();
    r.respond(CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .content(words::draft_ready(lang, partner))
            .embed(
                CreateEmbed::new()
                    .title(words::draft_title(lang))
                    .description(text)
                    .colour(COLOUR),
            )
            .components(buttons(choice))
            .ephemeral(true)
            .allowed_mentions(mentions(&[])),
    ))
    .await
}

/// The author answers the follow-up, in a DM or in a reply in the server: only the note's
/// author may, whoever else holds the button.
pub async fn answer(
    svc: &Services,
    it: &ComponentInteraction,
    r: &Responder<'_>,
    id: OmId,
) -> Handled {
    let lang = r.lang();
    let OmId::Answer {
        couple,
        note,
        talked,
        ..
    } = id
    else {
        return Err(Stop::Words(copy::stale_button));
    };
    svc.answer_talk(couple, it.user.id.into(), note, talked)
        .await?
        .map_err(|e| refused(lang, e))?;
    r.respond(CreateInteractionResponse::UpdateMessage(
        CreateInteractionResponseMessage::new()
            .content(if talked {
                words::marked_talked(lang)
            } else {
                words::kept_on_list(lang)
            })
            .embeds(vec![])
            .components(vec![])
            .allowed_mentions(mentions(&[])),
    ))
    .await
}

/// The buttons pressed in the couple's channel (the couple's partners only, checked before).
pub async fn component(
    ctx: &Ctx,
    svc: &Services,
    r: &Responder<'_>,
    couple: &Couple,
    user: UserId,
    id: OmId,
) -> Handled {
    let lang = r.lang();
    match id {
        OmId::Bring(note) => open_form(svc, r, couple, user, note).await,
        OmId::Post { note, with_words } => {
            svc.bring_up(couple, user, note, with_words)
                .await?
                .map_err(|e| refused(lang, e))?;
            let partner = couple.other(user).unwrap_or(user);
            r.respond(CreateInteractionResponse::UpdateMessage(
                CreateInteractionResponseMessage::new()
                    .content(words::brought_up(lang, partner, with_words))
                    .components(vec![])
                    .allowed_mentions(mentions(&[])),
            ))
            .await
        }
        OmId::Pick {
            note,
            pick: Some(pick),
            ..
        } => {
            // The answer is public: while outsiders can read the channel, nobody learns even
            // that a talk is planned (the couple is told how to fix it, as for any post).
            super::appreciate::ensure_private(ctx, svc, couple).await?;
            let picked = svc
                .pick_time(couple, user, note, pick)
                .await?
                .map_err(|e| refused(lang, e))?;
            // In the channel, for both to see: who picked and when, never what about.
            r.respond(CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new()
                    .content(words::picked(
                        couple.language,
                        user,
                        picked.at,
                        picked.paused_then,
                    ))
                    .allowed_mentions(mentions(&[])),
            ))
            .await
        }
        OmId::Pick {
            note, pick: None, ..
        } => {
            svc.more_time(couple, user, note)
                .await?
                .map_err(|e| refused(lang, e))?;
            r.ephemeral(words::more_time(lang)).await
        }
        // A form arrives as a form submission, and an answer is handled before any couple is
        // looked for.
        OmId::Form(_) | OmId::Answer { .. } => Err(Stop::Words(copy::stale_button)),
    }
}

/// Suggestions for the `note` option: the invoker's own notes only, never their partner's.
pub async fn autocomplete(cmd: &CommandInteraction, svc: &Services, r: &Responder<'_>) -> Handled {
    let typed = cmd
        .data
        .autocomplete()
        .filter(|o| o.name == "note")
        .map(|o| o.value.to_lowercase());
    let mut resp = CreateAutocompleteResponse::new();
    if let (Some(typed), Some(_)) = (typed, cmd.guild_id) {
        let user = UserId::from(cmd.user.id);
        let access = svc
            .access(cmd.guild_id.map(Into::into), cmd.channel_id.into(), user)
            .await?;
        if let Access::Partner(couple) = access {
            let notes = svc.notes_of(&couple, user).await?;
            for (i, n) in notes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.text.to_lowercase().contains(typed.trim()))
                .take(MAX_SUGGESTIONS)
            {
                resp =
                    resp.add_string_choice(words::suggestion(r.lang(), i + 1, n), n.id.to_string());
            }
        }
    }
    r.respond(CreateInteractionResponse::Autocomplete(resp))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_option_is_digits_or_nothing() {
        assert_eq!(note_id(Lang::ENGLISH, Some("42")).ok(), Some(42));
        for bad in [
            None,
            Some(""),
            Some("-1"),
            Some("4 2"),
            Some("abc"),
            Some("99999999999999999999"),
        ] {
            assert!(note_id(Lang::ENGLISH, bad).is_err(), "{bad:?}");
        }
    }
}
