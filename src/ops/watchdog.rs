//! systemd's service notifications: `READY=1` once haven serves, then `WATCHDOG=1` at half of
//! `WATCHDOG_USEC` for as long as the process's own loop runs and its database answers. Discord
//! is deliberately left out: a Discord outage must not make systemd restart haven, which would
//! spend Discord's daily budget of new sessions for nothing.

use std::time::Duration;

/// How often to tell systemd haven is alive: half of `WATCHDOG_USEC` (its own advice), or
/// `None` when systemd set no watchdog (or a value that cannot be used).
pub fn ping_interval(watchdog_usec: Option<&str>) -> Option<Duration> {
    let usec: u64 = watchdog_usec?.trim().parse().ok()?;
    (usec > 0).then(|| Duration::from_micros(usec / 2))
}

/// Whether to send `WATCHDOG=1` now: only while the database answered the last check. (The
/// loop answering is implied: this runs on it.)
pub fn should_ping(database_answered: bool) -> bool {
    database_answered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_is_half_the_watchdog() {
        assert_eq!(
            ping_interval(Some("30000000")),
            Some(Duration::from_secs(15))
        );
        assert_eq!(
            ping_interval(Some(" 2000000\n")),
            Some(Duration::from_secs(1))
        );
        assert_eq!(ping_interval(Some("0")), None);
        assert_eq!(ping_interval(Some("soon")), None);
        assert_eq!(ping_interval(None), None);
    }

    #[test]
    fn only_a_database_that_answers_keeps_the_watchdog_fed() {
        assert!(should_ping(true));
        assert!(!should_ping(false));
    }
}
