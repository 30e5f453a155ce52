//! Use-cases the Discord layer calls: who may act in a channel, pairing a couple, forgetting
//! one. Each takes and returns domain types; refusals are values the caller renders.

pub mod access;
pub mod appreciation;
pub mod checkin;
pub mod digest;
pub mod export;
pub mod forget;
pub mod nudge;
pub mod schedule;
pub mod setup;
pub mod streak;

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Settings;
use crate::domain::couple::InvitationStatus;
use crate::domain::ids::ChannelId;
use crate::store::{Store, StoreError};

use chrono::{DateTime, Utc};

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
}

/// How many steps the sender began, and the last of them that ended with nothing due and no
/// delivery in flight (0 for none yet).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SenderSteps {
    pub begun: u64,
    pub idle: u64,
}

/// A reason to say no, shown to the person as one kind sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Someone who is not a partner of this channel's couple.
    NotAPartner,
    /// A couple command outside a couple channel.
    NoCoupleHere,
    PartnerIsSelf,
    PartnerIsBot,
    PartnerNotInServer,
    ChannelAlreadyPaired,
    InviterAlreadyPaired(ChannelId),
    InviteeAlreadyPaired(ChannelId),
    AlreadyInvited {
        until: DateTime<Utc>,
    },
    RecentlyDeclined {
        until: DateTime<Utc>,
    },
    ChannelHasOpenInvitation,
    TooManyCreatedChannels {
        max: u32,
    },
    InvitationNotForYou,
    InvitationGone,
    InvitationExpired,
    InvitationAlreadyDecided(InvitationStatus),
    NotYourCouple,
    CronWithTimeOrDays,
    NothingToChange,
    NeedsTime,
    ScheduleInterval(String),
    PauseDays,
    NotPaused,
    SkipWhilePaused,
    NothingToSkip,
    PromptLimit {
        max: u64,
    },
    OnlyTheOtherPartner,
    OnlyTheAuthor,
    NotRevealedYet,
    AlreadyReflected,
    AlreadyAnswered,
    EmptyAppreciation,
    AppreciationTooLong(usize),
    JarOtherChannel,
    JarOwnMessage,
    JarNotPartner,
    JarEmpty,
    ChannelNotPrivate,
}

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
