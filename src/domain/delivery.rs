//! What to do after a delivery attempt, and which occurrences a catch-up sends: pure rules of
//! the outbox (PRODUCT.md section 2, "exactly once").

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

/// Discord de-duplicates a nonce for a few minutes; within this window a retry reuses the
/// nonce, after it the channel is read back first.
pub const NONCE_WINDOW: Duration = Duration::seconds(120);
/// The wait after a 429 whose `retry_after` cannot be read.
pub const MIN_RATE_LIMIT_WAIT: Duration = Duration::seconds(2);
/// The longest wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::seconds(60);
/// Discord's global rate limit unless it has raised a bot's: requests a second per token.
pub const DEFAULT_GLOBAL_RATE_LIMIT: u32 = 50;

/// How the outbox paces its requests under a global limit of `limit` a second: evenly spaced at
/// 96% of it, and never more than `limit` in any `window` (a second and a little more) by the
/// instants requests actually leave. The 4% and the extra 30 ms are the room for a request
/// taking longer to reach Discord than the one after it, so Discord never counts more than
/// `limit` in one of its seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    pub gap: std::time::Duration,
    pub limit: u32,
    pub window: std::time::Duration,
}

impl Pace {
    pub fn under_global_limit(limit: u32) -> Pace {
        let limit = limit.max(1);
        Pace {
            gap: std::time::Duration::from_secs_f64(1.0 / (f64::from(limit) * 0.96)),
            limit,
            window: std::time::Duration::from_millis(1030),
        }
    }
}

/// How one attempt ended, as far as the outbox cares.
#[derive(Debug, Clone, PartialEq)]
pub enum AttemptError {
    RateLimited {
        retry_after: Option<f64>,
    },
    /// 5xx, a network failure, a timeout, or a 404 other than an unknown channel.
    Transient,
    /// 401: the token no longer works.
    Unauthorized,
    /// Unknown channel (10003), missing access (50001), missing permissions (50013).
    ChannelUnavailable {
        code: i64,
    },
    /// Any other refusal: retrying would only repeat it.
    Rejected {
        status: u16,
        code: i64,
    },
}

impl AttemptError {
    /// Sorts an HTTP failure by status and Discord's JSON error code.
    pub fn classify(status: u16, code: i64, retry_after: Option<f64>) -> AttemptError {
        match (status, code) {
            (429, _) => AttemptError::RateLimited { retry_after },
            (401, _) => AttemptError::Unauthorized,
            (_, 10003 | 50001 | 50013) => AttemptError::ChannelUnavailable { code },
            (403, _) => AttemptError::ChannelUnavailable { code },
            (404, _) => AttemptError::Transient,
            (s, _) if s >= 500 => AttemptError::Transient,
            (s, c) => AttemptError::Rejected { status: s, code: c },
        }
    }
}

/// What the outbox does next with a failed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    RetryAt(DateTime<Utc>),
    PauseCouple,
    StopProcess,
    GiveUp,
}

/// The next step after the `attempts`-th failed attempt (1 for the first).
pub fn after_failure(err: &AttemptError, attempts: u32, now: DateTime<Utc>) -> Next {
    match err {
        AttemptError::RateLimited { retry_after } => {
            let wait = retry_after
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(|s| Duration::milliseconds((s * 1000.0).ceil() as i64))
                .unwrap_or_else(|| backoff(attempts).max(MIN_RATE_LIMIT_WAIT));
            Next::RetryAt(now + wait.min(Duration::hours(1)))
        }
        AttemptError::Transient => Next::RetryAt(now + backoff(attempts)),
        AttemptError::Unauthorized => Next::StopProcess,
        AttemptError::ChannelUnavailable { .. } => Next::PauseCouple,
        AttemptError::Rejected { .. } => Next::GiveUp,
    }
}

/// 1 s, 2 s, 4 s ... capped at [`MAX_BACKOFF`].
pub fn backoff(attempts: u32) -> Duration {
    let exp = attempts.saturating_sub(1).min(6);
    Duration::seconds(1 << exp).min(MAX_BACKOFF)
}

/// Whether an occurrence's local day (in the couple's time zone) has ended at `now`.
pub fn day_has_ended(occurrence: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> bool {
    now.with_timezone(&tz).date_naive() > occurrence.with_timezone(&tz).date_naive()
}

/// Of the occurrences that fell due while nobody was sending (oldest first), only the latest is
/// sent, and only if its local day has not ended; the rest are skipped.
pub fn catch_up(
    due: &[DateTime<Utc>],
    now: DateTime<Utc>,
    tz: Tz,
) -> (Option<DateTime<Utc>>, Vec<DateTime<Utc>>) {
    let Some((latest, earlier)) = due.split_last() else {
        return (None, vec![]);
    };
    let mut skipped = earlier.to_vec();
    if day_has_ended(*latest, now, tz) {
        skipped.push(*latest);
        (None, skipped)
    } else {
        (Some(*latest), skipped)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_pace_reaches_95_percent_of_the_limit_and_its_even_spacing_fits_the_window() {
        for limit in [1, 2, 10, 45, 50, 51, 100, 250, 500, 1200, 10_000] {
            let p = super::Pace::under_global_limit(limit);
            let rate = 1.0 / p.gap.as_secs_f64();
            assert!(rate >= 0.95 * f64::from(limit), "{limit}: {rate}/s");
            assert!(rate < f64::from(limit), "{limit}: {rate}/s");
            // Evenly spaced, `window` holds fewer than `limit` requests: the guard only binds
            // after a stall, never in steady state.
            assert!(p.window.as_secs_f64() / p.gap.as_secs_f64() <= f64::from(limit));
            assert!(p.window >= std::time::Duration::from_secs(1));
        }
        assert_eq!(super::Pace::under_global_limit(0).limit, 1);
    }

    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, h, m, 0).unwrap()
    }

    #[test]
    fn classification_follows_the_product_rules() {
        assert_eq!(
            AttemptError::classify(429, 0, Some(1.5)),
            AttemptError::RateLimited {
                retry_after: Some(1.5)
            }
        );
        assert_eq!(
            AttemptError::classify(401, 0, None),
            AttemptError::Unauthorized
        );
        assert_eq!(
            AttemptError::classify(404, 10003, None),
            AttemptError::ChannelUnavailable { code: 10003 }
        );
        assert_eq!(
            AttemptError::classify(403, 50001, None),
            AttemptError::ChannelUnavailable { code: 50001 }
        );
        assert_eq!(
            AttemptError::classify(403, 50013, None),
            AttemptError::ChannelUnavailable { code: 50013 }
        );
        assert_eq!(
            AttemptError::classify(404, 10008, None),
            AttemptError::Transient
        );
        assert_eq!(
            AttemptError::classify(503, 0, None),
            AttemptError::Transient
        );
        assert_eq!(
            AttemptError::classify(400, 50035, None),
            AttemptError::Rejected {
                status: 400,
                code: 50035
            }
        );
    }

    #[test]
    fn rate_limits_honour_retry_after_or_wait_at_least_two_seconds() {
        let now = t(12, 0);
        let rl = |ra| AttemptError::RateLimited { retry_after: ra };
        assert_eq!(
            after_failure(&rl(Some(0.25)), 1, now),
            Next::RetryAt(now + Duration::milliseconds(250))
        );
        assert_eq!(
            after_failure(&rl(None), 1, now),
            Next::RetryAt(now + Duration::seconds(2))
        );
        assert_eq!(
            after_failure(&rl(None), 4, now),
            Next::RetryAt(now + Duration::seconds(8))
        );
        assert_eq!(
            after_failure(&rl(Some(f64::NAN)), 1, now),
            Next::RetryAt(now + Duration::seconds(2))
        );
        assert_eq!(
            after_failure(&rl(Some(1e12)), 1, now),
            Next::RetryAt(now + Duration::hours(1))
        );
    }

    #[test]
    fn transient_errors_back_off_to_a_minute() {
        let now = t(12, 0);
        assert_eq!(
            after_failure(&AttemptError::Transient, 1, now),
            Next::RetryAt(now + Duration::seconds(1))
        );
        assert_eq!(
            after_failure(&AttemptError::Transient, 3, now),
            Next::RetryAt(now + Duration::seconds(4))
        );
        assert_eq!(
            after_failure(&AttemptError::Transient, 60, now),
            Next::RetryAt(now + Duration::seconds(60))
        );
        assert_eq!(
            after_failure(&AttemptError::Unauthorized, 1, now),
            Next::StopProcess
        );
        assert_eq!(
            after_failure(&AttemptError::ChannelUnavailable { code: 10003 }, 1, now),
            Next::PauseCouple
        );
        assert_eq!(
            after_failure(
                &AttemptError::Rejected {
                    status: 400,
                    code: 0
                },
                1,
                now
            ),
            Next::GiveUp
        );
    }

    #[test]
    fn catch_up_sends_only_the_latest_of_today() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let due = [t(6, 0), t(9, 0), t(12, 0)];
        assert_eq!(
            catch_up(&due, t(12, 30), tz),
            (Some(t(12, 0)), vec![t(6, 0), t(9, 0)])
        );
        assert_eq!(catch_up(&[], t(12, 30), tz), (None, vec![]));
        // 22:30 UTC is 23:30 in Berlin; from 23:00 UTC (midnight there) that day has ended.
        let late = t(22, 30);
        assert_eq!(
            catch_up(&[late], late + Duration::minutes(29), tz),
            (Some(late), vec![])
        );
        assert_eq!(
            catch_up(&[late], late + Duration::minutes(30), tz),
            (None, vec![late])
        );
    }

    #[test]
    fn markers_match_only_the_last_segment() {
        assert!(crate::domain::post::Post::marker_in_custom_ids(
            ["hv1:ap:a:17"],
            "17"
        ));
        assert!(!crate::domain::post::Post::marker_in_custom_ids(
            ["hv1:ap:a:170"],
            "17"
        ));
        assert!(!crate::domain::post::Post::marker_in_custom_ids(
            ["17"],
            "17"
        ));
    }
}
