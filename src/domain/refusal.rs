//! A reason to say no: plain data that a use-case returns and the words module turns into
//! one kind sentence.

use chrono::{DateTime, Utc};

use super::couple::InvitationStatus;
use super::ids::{ChannelId, UserId};
use super::schedule::IntervalError;

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
    /// The person acting is paired in this server already (told only to them, who know).
    YouArePaired(ChannelId),
    /// The inviter paired with someone else since: said to the invited person without saying
    /// why, so that nobody learns from haven whether someone else is paired.
    InvitationCannotBeAccepted,
    AlreadyInvited {
        until: DateTime<Utc>,
    },
    /// The invited person said not right now; no date is offered.
    RecentlyDeclined,
    TooManyOpenInvitations {
        max: u32,
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
    ScheduleInterval(IntervalError),
    PauseDays,
    NotPaused,
    /// The pause in force is the other partner's: only they can end it early (`until`: when it
    /// ends by itself; `None` when it lasts until they resume).
    PausedByPartner {
        by: UserId,
        until: Option<DateTime<Utc>>,
    },
    SkipWhilePaused,
    NothingToSkip,
    /// The partner already keeps this many prompts of their own.
    PromptLimit {
        max: u64,
    },
    /// No prompt of the couple's own has that id (removed already, or never theirs).
    PromptNotFound,
    OnlyTheOtherPartner,
    OnlyTheAuthor,
    NotRevealedYet,
    AlreadyReflected,
    AlreadyAnswered,
    EmptyAppreciation,
    AppreciationTooLong(usize),
    /// The most appreciations one partner says on one couple-day.
    AppreciationsToday {
        max: u32,
    },
    JarOtherChannel,
    JarOwnMessage,
    JarNotPartner,
    JarEmpty,
    ChannelNotPrivate,
}
