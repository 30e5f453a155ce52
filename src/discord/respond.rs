//! One responder per interaction: it answers once, follows up after that, and turns every
//! failure into one kind ephemeral sentence.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serenity::all::{
    CreateAllowedMentions, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, EditInteractionResponse, Http, InteractionId,
};
use serenity::builder::Builder;

use crate::copy::{self, Lang};
use crate::domain::ids::{CoupleId, UserId};
use crate::ops::Ops;
use crate::service::{Fail, Refusal, Services};

/// Mentions exactly these users and nothing else: never @everyone, @here or roles.
pub fn mentions(users: &[UserId]) -> CreateAllowedMentions {
    CreateAllowedMentions::new().users(users.iter().map(|&u| serenity::all::UserId::from(u)))
}

/// Why a handler stopped early: something to tell the person (said in their language), or an
/// unexpected failure.
#[derive(Debug)]
pub enum Stop {
    Say(String),
    /// A refusal, worded when it is answered, in the reader's language.
    Refused(Refusal),
    /// One of haven's fixed sentences, worded when it is answered.
    Words(fn(Lang) -> String),
    Internal(anyhow::Error),
}

impl Stop {
    /// Whether the person is told something (rather than that something went wrong).
    pub fn is_said(&self) -> bool {
        !matches!(self, Stop::Internal(_))
    }
}

impl From<Refusal> for Stop {
    fn from(r: Refusal) -> Self {
        Stop::Refused(r)
    }
}

impl From<Fail> for Stop {
    fn from(f: Fail) -> Self {
        match f {
            Fail::Refused(r) => r.into(),
            Fail::Store(e) => Stop::Internal(e.into()),
        }
    }
}

impl From<serenity::Error> for Stop {
    fn from(e: serenity::Error) -> Self {
        Stop::Internal(e.into())
    }
}

pub type Handled = Result<(), Stop>;

impl Stop {
    /// Options that do not match the command (a stale client or a forged payload).
    pub fn bad_options() -> Stop {
        Stop::Words(copy::bad_options)
    }
}

pub struct Responder<'a> {
    http: &'a std::sync::Arc<Http>,
    id: InteractionId,
    token: &'a str,
    answered: AtomicBool,
    /// The first answer is a message everyone in the channel can read.
    public: AtomicBool,
    /// Counts Discord's 429s.
    ops: Option<Arc<Ops>>,
    /// Told once the first answer went out.
    first_answer: Option<Arc<tokio::sync::Notify>>,
    /// The language of the person who used the interaction (their Discord locale).
    lang: Lang,
}

/// Discord's flag for a message only the person who used the interaction sees.
const EPHEMERAL: u64 = 1 << 6;

/// Whether an answer posts a message everyone in the channel can read (a message or a defer
/// whose flags leave out ephemeral); updates, forms and the like post nothing new.
fn posts_publicly(response: &CreateInteractionResponse) -> bool {
    match response {
        CreateInteractionResponse::Message(_) | CreateInteractionResponse::Defer(_) => {
            serde_json::to_value(response)
                .is_ok_and(|v| v["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL == 0)
        }
        _ => false,
    }
}

impl<'a> Responder<'a> {
    pub fn new(http: &'a std::sync::Arc<Http>, id: InteractionId, token: &'a str) -> Self {
        Responder {
            http,
            id,
            token,
            answered: AtomicBool::new(false),
            public: AtomicBool::new(false),
            ops: None,
            first_answer: None,
            lang: Lang::ENGLISH,
        }
    }

    /// The same responder, answering in the language of `locale` (the interaction's).
    pub fn speaking(self, locale: &str) -> Self {
        Responder {
            lang: Lang::from_discord(locale),
            ..self
        }
    }

    /// The same responder, answering in `chosen` when the person chose a language of their own
    /// in `/settings` (it wins over their Discord language).
    pub fn choosing(self, chosen: Option<Lang>) -> Self {
        Responder {
            lang: chosen.unwrap_or(self.lang),
            ..self
        }
    }

    /// The language of the person who used the interaction: every private answer uses it.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The same responder, counting Discord's 429s in `ops` and telling `first_answer` when
    /// the first answer went out.
    pub fn observed(self, ops: Arc<Ops>, first_answer: Option<Arc<tokio::sync::Notify>>) -> Self {
        Responder {
            ops: Some(ops),
            first_answer,
            ..self
        }
    }

    /// Passes `result` on, counting a 429 among Discord's answers.
    fn noted<T>(&self, result: serenity::Result<T>) -> Result<T, Stop> {
        if let (Err(e), Some(ops)) = (&result, &self.ops) {
            if is_too_many_requests(e) {
                ops.metrics.discord_429();
            }
        }
        Ok(result?)
    }

    pub fn http(&self) -> &'a Http {
        self.http
    }

    /// The first answer to the interaction (a message, an update, a defer or a form).
    pub async fn respond(&self, response: CreateInteractionResponse) -> Handled {
        let public = posts_publicly(&response);
        self.noted(response.execute(self.http, (self.id, self.token)).await)?;
        self.answered.store(true, Ordering::SeqCst);
        self.public.store(public, Ordering::SeqCst);
        if let Some(told) = &self.first_answer {
            told.notify_one();
        }
        Ok(())
    }

    /// If the first answer was a message everyone in the channel can read, records it as one
    /// of `couple`'s posts, so a forget can remove it. Discord does not say which message an
    /// answer became, so it is asked (`GET …/messages/@original`). A failure is logged: the
    /// answer itself went out.
    pub async fn keep_public_answer(&self, svc: &Services, couple: CoupleId) {
        if !self.public.load(Ordering::SeqCst) {
            return;
        }
        let message = match self
            .http
            .get_original_interaction_response(self.token)
            .await
        {
            Ok(m) => m,
            Err(e) => {
                let e = redact(&e.into());
                tracing::warn!(couple = couple.0, error = %e, "could not learn which message a public answer became");
                return;
            }
        };
        if let Err(e) = svc
            .record_post(couple, message.channel_id.into(), message.id.into())
            .await
        {
            tracing::error!(couple = couple.0, error = %e, "could not record a public answer");
        }
    }

    /// A private sentence: the first answer, or an ephemeral follow-up once answered.
    pub async fn ephemeral(&self, text: impl Into<String>) -> Handled {
        let text = text.into();
        if self.answered.load(Ordering::SeqCst) {
            self.noted(
                CreateInteractionResponseFollowup::new()
                    .content(text)
                    .ephemeral(true)
                    .allowed_mentions(mentions(&[]))
                    .execute(self.http, (None, self.token))
                    .await,
            )?;
            Ok(())
        } else {
            self.respond(CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new()
                    .content(text)
                    .ephemeral(true)
                    .allowed_mentions(mentions(&[])),
            ))
            .await
        }
    }

    /// Edits the message a deferred answer stands for.
    pub async fn edit(&self, edit: EditInteractionResponse) -> Handled {
        self.noted(edit.execute(self.http, self.token).await)?;
        Ok(())
    }

    /// Reports how a handler ended; failures become one kind ephemeral sentence.
    pub async fn finish(&self, outcome: Handled, what: &str) {
        let reply = match outcome {
            Ok(()) => return,
            Err(Stop::Say(text)) => text,
            Err(Stop::Refused(r)) => copy::refusal(self.lang, &r),
            Err(Stop::Words(words)) => words(self.lang),
            Err(Stop::Internal(e)) => {
                tracing::error!(interaction = %what, error = %redact(&e), "interaction failed");
                copy::something_went_wrong(self.lang)
            }
        };
        if let Err(e) = self.ephemeral(reply).await {
            let e = match e {
                Stop::Internal(e) => redact(&e),
                _ => String::new(),
            };
            tracing::warn!(interaction = %what, error = %e, "could not send the reply");
        }
    }
}

/// Whether Discord answered 429 Too Many Requests.
pub fn is_too_many_requests(e: &serenity::Error) -> bool {
    matches!(e, serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 429)
}

/// An error's causes, with every URL left out: interaction and webhook URLs carry the
/// interaction's token, which must never reach a log.
pub fn redact(e: &anyhow::Error) -> String {
    format!("{e:#}")
        .split_whitespace()
        .map(|w| {
            if w.contains("://") || w.contains("/interactions/") || w.contains("/webhooks/") {
                "[url]"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_messages_everyone_can_read_are_public() {
        use serenity::all::CreateModal;
        let message = CreateInteractionResponseMessage::new().content("hi");
        assert!(posts_publicly(&CreateInteractionResponse::Message(
            message.clone()
        )));
        assert!(posts_publicly(&CreateInteractionResponse::Defer(
            message.clone()
        )));
        assert!(!posts_publicly(&CreateInteractionResponse::Message(
            message.clone().ephemeral(true)
        )));
        assert!(!posts_publicly(&CreateInteractionResponse::Defer(
            message.clone().ephemeral(true)
        )));
        assert!(!posts_publicly(&CreateInteractionResponse::UpdateMessage(
            message
        )));
        assert!(!posts_publicly(&CreateInteractionResponse::Acknowledge));
        assert!(!posts_publicly(&CreateInteractionResponse::Modal(
            CreateModal::new("x", "y")
        )));
    }

    #[test]
    fn redacted_errors_keep_no_url_or_token() {
        let e = anyhow::anyhow!(
            "error sending request for url (http://127.0.0.1:9/api/v10/interactions/1/aW50ZXJhY3Rpb24secret/callback)"
        )
        .context("could not answer");
        let r = redact(&e);
        assert!(!r.contains("secret") && !r.contains("interactions"), "{r}");
        assert!(r.contains("could not answer"));
    }
}
