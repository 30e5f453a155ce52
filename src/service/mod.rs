//! Use-cases the Discord layer calls: who may act in a channel, pairing a couple, forgetting
//! one. Each takes and returns domain types; refusals are values the caller renders.

pub mod access;
pub mod anniversary;
pub mod appreciation;
pub mod channel;
pub mod checkin;
pub mod digest;
pub mod export;
pub mod forget;
pub mod health;
pub mod invitations;
pub mod meta;
pub mod notify;
pub mod nudge;
pub mod onmymind;
pub mod outbox;
pub mod prompt;
pub mod pulse;
pub mod retention;
pub mod schedule;
pub mod settings;
pub mod setup;
pub mod streak;

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::store::{Store, StoreError};

/// What every use-case needs.
#[derive(Clone)]
pub struct Services {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    /// Wakes the scheduler when a schedule changes.
    pub wake: Arc<tokio::sync::Notify>,
    /// The sender's steps so far, for whoever waits for it to have nothing left to do.
    pub sender_steps: tokio::sync::watch::Sender<SenderSteps>,
    /// Metrics, the gateway's health and the HTTP interactions slot, for the host.
    pub ops: Arc<crate::ops::Ops>,
}

/// How many steps the sender began, and the last of them that ended with nothing due and no
/// delivery in flight (0 for none yet).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SenderSteps {
    pub begun: u64,
    pub idle: u64,
}

pub use crate::domain::refusal::Refusal;

#[derive(Debug, thiserror::Error)]
pub enum Fail {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Refusal> for Fail {
    fn from(r: Refusal) -> Self {
        Fail::Refused(r)
    }
}

pub type Outcome<T> = Result<T, Fail>;
