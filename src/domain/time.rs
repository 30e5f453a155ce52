//! Time zones and wall-clock times as parsed, validated values.

use std::fmt;
use std::str::FromStr;

use chrono_tz::{Tz, TZ_VARIANTS};

/// An IANA time zone such as `Europe/Berlin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timezone(pub Tz);

/// Why a time zone name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimezoneError {
    Empty,
    Unknown,
}

impl std::error::Error for TimezoneError {}

impl Timezone {
    /// Accepts an IANA name, case-insensitively and with spaces for underscores
    /// (`america/new york` is `America/New_York`).
    pub fn parse(input: &str) -> Result<Timezone, TimezoneError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(TimezoneError::Empty);
        }
        if s.len() > 64 {
            return Err(TimezoneError::Unknown);
        }
        if let Ok(tz) = Tz::from_str(s) {
            return Ok(Timezone(tz));
        }
        let wanted = normalise(s);
        TZ_VARIANTS
            .iter()
            .find(|tz| normalise(tz.name()) == wanted)
            .map(|tz| Timezone(*tz))
            .ok_or(TimezoneError::Unknown)
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

impl fmt::Display for Timezone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == ' ' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Up to `limit` IANA names matching what was typed so far, best matches first: names whose
/// city starts with the query, then names containing it. Legacy aliases (`US/Eastern`) come
/// after canonical `Area/City` names.
pub fn timezone_suggestions(query: &str, limit: usize) -> Vec<&'static str> {
    let q = normalise(query.trim());
    let q: String = q.chars().take(64).collect();
    let mut scored: Vec<(u8, &'static str)> = TZ_VARIANTS
        .iter()
        .filter_map(|tz| {
            let name = tz.name();
            let n = normalise(name);
            let city = n.rsplit('/').next().unwrap_or(&n);
            let canonical = name.contains('/') && !name.starts_with("Etc/");
            let rank = if q.is_empty() || n == q {
                0
            } else if city.starts_with(&q) || n.starts_with(&q) {
                1
            } else if n.contains(&q) {
                2
            } else {
                return None;
            };
            Some((rank * 2 + u8::from(!canonical), name))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(limit).map(|(_, n)| n).collect()
}

/// The instant of a local wall-clock time, by haven's DST rule: a time that does not exist
/// (spring forward) is the first valid instant after the gap; one that exists twice (fall
/// back) is its first occurrence.
pub fn local_instant(
    tz: Tz,
    date: chrono::NaiveDate,
    time: chrono::NaiveTime,
) -> chrono::DateTime<chrono::Utc> {
    use chrono::{Duration, LocalResult, TimeZone, Utc};
    let naive = chrono::NaiveDateTime::new(date, time);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => (1..=26 * 60)
            .find_map(|m| {
                tz.from_local_datetime(&(naive + Duration::minutes(m)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&naive)),
    }
}

/// A wall-clock time of day, `HH:MM` in 24-hour form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub hour: u8,
    pub minute: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTimeError;

impl std::error::Error for LocalTimeError {}

impl LocalTime {
    pub const DEFAULT_NUDGE: LocalTime = LocalTime {
        hour: 20,
        minute: 0,
    };

    pub fn parse(input: &str) -> Result<LocalTime, LocalTimeError> {
        let s = input.trim();
        let (h, m) = s.split_once([':', '.', 'h']).ok_or(LocalTimeError)?;
        let digits = |p: &str, max_len: usize| {
            (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u8>().ok())
                .flatten()
        };
        let hour = digits(h, 2).ok_or(LocalTimeError)?;
        let minute = if m.len() == 2 {
            digits(m, 2).ok_or(LocalTimeError)?
        } else {
            return Err(LocalTimeError);
        };
        if hour > 23 || minute > 59 {
            return Err(LocalTimeError);
        }
        Ok(LocalTime { hour, minute })
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timezone_parses_leniently() {
        assert_eq!(
            Timezone::parse("Europe/Berlin").unwrap().name(),
            "Europe/Berlin"
        );
        assert_eq!(
            Timezone::parse(" america/new york ").unwrap().name(),
            "America/New_York"
        );
        assert_eq!(Timezone::parse("UTC").unwrap().name(), "UTC");
    }

    #[test]
    fn timezone_refuses_hostile_input() {
        assert_eq!(Timezone::parse(""), Err(TimezoneError::Empty));
        assert_eq!(Timezone::parse("   "), Err(TimezoneError::Empty));
        assert_eq!(Timezone::parse("Mars/Olympus"), Err(TimezoneError::Unknown));
        assert_eq!(
            Timezone::parse(&"a".repeat(5000)),
            Err(TimezoneError::Unknown)
        );
        assert_eq!(
            Timezone::parse("Europe/Berlin\u{200b}"),
            Err(TimezoneError::Unknown)
        );
        assert_eq!(
            Timezone::parse("../../etc/passwd"),
            Err(TimezoneError::Unknown)
        );
    }

    #[test]
    fn suggestions_prefer_city_prefixes_and_cap_the_count() {
        let s = timezone_suggestions("berl", 25);
        assert_eq!(s.first(), Some(&"Europe/Berlin"));
        assert!(timezone_suggestions("", 25).len() == 25);
        assert!(timezone_suggestions("new york", 25).contains(&"America/New_York"));
        assert!(timezone_suggestions(&"z".repeat(5000), 25).is_empty());
        assert!(timezone_suggestions("a", 25).len() <= 25);
    }

    #[test]
    fn local_time_parses_hh_mm_only() {
        assert_eq!(
            LocalTime::parse("20:00").unwrap(),
            LocalTime {
                hour: 20,
                minute: 0
            }
        );
        assert_eq!(LocalTime::parse("7:05").unwrap().to_string(), "07:05");
        for bad in [
            "",
            "24:00",
            "12:60",
            "12",
            "12:5",
            "-1:00",
            "+1:00",
            "12:00:00",
            "ab:cd",
            "１２:００",
        ] {
            assert!(LocalTime::parse(bad).is_err(), "{bad}");
        }
    }
}
