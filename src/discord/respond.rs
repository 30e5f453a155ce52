//! One responder per interaction: it answers once, follows up after that, and turns every
//! failure into one kind ephemeral sentence.

use std::sync::atomic::{AtomicBool, Ordering};

use serenity::all::{
    CreateAllowedMentions, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, EditInteractionResponse, Http, InteractionId,
};
use serenity::builder::Builder;

use crate::copy;
use crate::domain::ids::UserId;
use crate::service::{Fail, Refusal};

/// Mentions exactly these users and nothing else: never @everyone, @here or roles.
pub fn mentions(users: &[UserId]) -> CreateAllowedMentions {
    CreateAllowedMentions::new().users(users.iter().map(|&u| serenity::all::UserId::from(u)))
}

/// Why a handler stopped early: something to tell the person, or an unexpected failure.
#[derive(Debug)]
pub enum Stop {
    Say(String),
    Internal(anyhow::Error),
}

impl From<Refusal> for Stop {
    fn from(r: Refusal) -> Self {
        Stop::Say(copy::refusal(&r))
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
        Stop::Say(copy::BAD_OPTIONS.into())
    }
}

pub struct Responder<'a> {
    http: &'a std::sync::Arc<Http>,
    id: InteractionId,
    token: &'a str,
    answered: AtomicBool,
}

impl<'a> Responder<'a> {
    pub fn new(http: &'a std::sync::Arc<Http>, id: InteractionId, token: &'a str) -> Self {
        Responder {
            http,
            id,
            token,
            answered: AtomicBool::new(false),
        }
    }

    pub fn http(&self) -> &'a Http {
        self.http
    }

    /// A handle on the REST client for work that outlives the interaction.
    pub fn http_arc(&self) -> std::sync::Arc<Http> {
        self.http.clone()
    }

    /// The first answer to the interaction (a message, an update, a defer or a form).
    pub async fn respond(&self, response: CreateInteractionResponse) -> Handled {
        response.execute(self.http, (self.id, self.token)).await?;
        self.answered.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// A private sentence: the first answer, or an ephemeral follow-up once answered.
    pub async fn ephemeral(&self, text: impl Into<String>) -> Handled {
        let text = text.into();
        if self.answered.load(Ordering::SeqCst) {
            CreateInteractionResponseFollowup::new()
                .content(text)
                .ephemeral(true)
                .allowed_mentions(mentions(&[]))
                .execute(self.http, (None, self.token))
                .await?;
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
        edit.execute(self.http, self.token).await?;
        Ok(())
    }

    /// Reports how a handler ended; failures become one kind ephemeral sentence.
    pub async fn finish(&self, outcome: Handled, what: &str) {
        let reply = match outcome {
            Ok(()) => return,
            Err(Stop::Say(text)) => text,
            Err(Stop::Internal(e)) => {
                tracing::error!(interaction = %what, error = %redact(&e), "interaction failed");
                copy::SOMETHING_WENT_WRONG.to_string()
            }
        };
        if let Err(e) = self.ephemeral(reply).await {
            let e = match e {
                Stop::Internal(e) => redact(&e),
                Stop::Say(_) => String::new(),
            };
            tracing::warn!(interaction = %what, error = %e, "could not send the reply");
        }
    }
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
