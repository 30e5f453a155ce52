//! Forgetting a couple: what the person chose before anything was deleted, and the work a
//! forget leaves to do in Discord (haven's messages to delete, the note to the partner), with
//! what follows a request that failed.

use chrono::{DateTime, Utc};

use super::delivery::{backoff, MIN_RATE_LIMIT_WAIT};
use super::ids::{ChannelId, MessageId, UserId};

/// The two answers /forget asks for before anything is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForgetChoice {
    /// Remove every message haven posted for the couple, rather than leave them.
    pub remove_posts: bool,
    /// Post a short note, without any of the couple's words, telling the partner; else forget
    /// quietly.
    pub tell_partner: bool,
}

/// One request a forget left to do in Discord.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Errand {
    /// Delete one of haven's messages.
    Delete(MessageId),
    /// Tell `partner` that `by` asked haven to forget their couple. The nonce, fixed when the
    /// note was queued, makes a retry after a lost answer post it once.
    Tell {
        partner: UserId,
        by: UserId,
        nonce: String,
        /// Whether the note may ping the partner (their own mentions setting).
        ping: bool,
        /// The couple's language, which the note is written in.
        language: crate::domain::lang::Lang,
    },
}

/// An errand of the forget queue, as handed out to the sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForgetTask {
    pub id: u64,
    pub channel_id: ChannelId,
    pub errand: Errand,
    /// Attempts so far, this one included.
    pub attempts: u32,
}

/// After this many attempts that failed for a passing reason, an errand is given up.
pub const MAX_ATTEMPTS: u32 = 50;

/// What follows a failed attempt at an errand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Nothing is left to do: the message was already gone.
    Done,
    RetryAt(DateTime<Utc>),
    /// Retrying would only repeat the refusal (or it failed too many times).
    GiveUp,
    /// Discord refused the bot token.
    StopProcess,
}

/// What follows the `attempts`-th failed attempt at `errand`; `status` is Discord's HTTP status,
/// `None` when no answer came (a network failure, a timeout).
pub fn after_failure(
    errand: &Errand,
    status: Option<u16>,
    attempts: u32,
    now: DateTime<Utc>,
) -> AfterFailure {
    let retry = |wait: chrono::Duration| {
        if attempts >= MAX_ATTEMPTS {
            AfterFailure::GiveUp
        } else {
            AfterFailure::RetryAt(now + wait)
        }
    };
    match status {
        // Unknown message: someone deleted it already.
        Some(404) if matches!(errand, Errand::Delete(_)) => AfterFailure::Done,
        Some(401) => AfterFailure::StopProcess,
        Some(429) => retry(backoff(attempts).max(MIN_RATE_LIMIT_WAIT)),
        None => retry(backoff(attempts)),
        Some(s) if s >= 500 => retry(backoff(attempts)),
        Some(_) => AfterFailure::GiveUp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn failures_are_retried_given_up_or_done() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let delete = Errand::Delete(MessageId(1));
        let tell = Errand::Tell {
            partner: UserId(2),
            by: UserId(3),
            nonce: "hv0".into(),
            ping: true,
            language: Default::default(),
        };
        assert_eq!(
            after_failure(&delete, Some(404), 1, now),
            AfterFailure::Done
        );
        assert_eq!(
            after_failure(&tell, Some(404), 1, now),
            AfterFailure::GiveUp
        );
        assert_eq!(
            after_failure(&delete, Some(503), 1, now),
            AfterFailure::RetryAt(now + Duration::seconds(1))
        );
        assert_eq!(
            after_failure(&delete, None, 3, now),
            AfterFailure::RetryAt(now + Duration::seconds(4))
        );
        assert_eq!(
            after_failure(&delete, Some(429), 1, now),
            AfterFailure::RetryAt(now + MIN_RATE_LIMIT_WAIT)
        );
        assert_eq!(
            after_failure(&delete, Some(403), 1, now),
            AfterFailure::GiveUp
        );
        assert_eq!(
            after_failure(&tell, Some(401), 1, now),
            AfterFailure::StopProcess
        );
        assert_eq!(
            after_failure(&delete, Some(500), MAX_ATTEMPTS, now),
            AfterFailure::GiveUp
        );
    }
}
