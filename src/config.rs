//! Typed settings: built-in defaults, then `config/haven.toml` (or `--config FILE`), then
//! `HAVEN_<SECTION>__<KEY>` environment variables; the token from `DISCORD_TOKEN`.

use std::path::{Path, PathBuf};

use figment::providers::{Format, Serialized, Toml};
use figment::Figment;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// The config file read when `--config` is not given and it exists.
pub const DEFAULT_CONFIG_PATH: &str = "config/haven.toml";

/// Everything haven reads from its configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub discord: DiscordSettings,
    pub storage: StorageSettings,
    pub setup: SetupSettings,
    pub schedule: ScheduleSettings,
    pub reminders: ReminderSettings,
    pub digest: DigestSettings,
    pub support: SupportSettings,
    pub log: LogSettings,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportSettings {
    /// Where a partner having a hard time is pointed: free, confidential helplines.
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestSettings {
    /// The day of the weekly digest: an English day name ("sunday", "mon", ...).
    pub weekday: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderSettings {
    /// Hours after the day's first nudge before a partner who has not checked in is reminded.
    pub after_nudge_hours: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordSettings {
    /// Prefer the `DISCORD_TOKEN` environment variable; never printed.
    #[serde(default, skip_serializing)]
    pub token: Option<SecretString>,
    /// Send every REST call to this base instead of `https://discord.com` (a proxy or emulator).
    #[serde(default)]
    pub api_base_url: Option<String>,
    /// Register commands in this guild only (instant updates) instead of globally.
    #[serde(default)]
    pub guild_id: Option<u64>,
    /// Discord's global rate limit for this bot, in requests a second (50 unless Discord has
    /// raised it); the outbox paces itself under it.
    pub global_rate_limit: u32,
    /// The shards this process runs, `"first-last"` (or one id), with `total_shards`; unset:
    /// as many as Discord's `GET /gateway/bot` recommends.
    #[serde(default, deserialize_with = "id_or_range")]
    pub shards: Option<String>,
    /// Discord's total shard count when `shards` is set.
    #[serde(default)]
    pub total_shards: Option<u32>,
}

/// `discord.shards` as text, whether written `"0-3"`, `"2"` or `2` (an environment variable
/// holding a number arrives as one).
fn id_or_range<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum IdOrRange {
        Id(u64),
        Negative(i64),
        Range(String),
    }
    Ok(Option::<IdOrRange>::deserialize(d)?.map(|v| match v {
        IdOrRange::Id(n) => n.to_string(),
        IdOrRange::Negative(n) => n.to_string(),
        IdOrRange::Range(s) => s,
    }))
}

/// The most shards haven accepts as a total, from the config or from Discord.
pub const MAX_TOTAL_SHARDS: u32 = 16_384;

/// A fixed range of shards for one process: `first..=last` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

impl ShardRange {
    /// How many shards the range holds.
    pub fn count(&self) -> u32 {
        self.last - self.first + 1
    }

    /// Reads `shards` ("0-3" or "2") and `total_shards`, which come together or not at all.
    pub fn parse(shards: Option<&str>, total: Option<u32>) -> Result<Option<ShardRange>, String> {
        Self::parse_named(shards, total, ("discord.shards", "discord.total_shards"))
    }

    /// [`parse`](Self::parse), naming the two values as the host gave them (`--shards`).
    pub fn parse_named(
        shards: Option<&str>,
        total: Option<u32>,
        (sn, tn): (&str, &str),
    ) -> Result<Option<ShardRange>, String> {
        let shards = shards.map(str::trim).filter(|s| !s.is_empty());
        let (text, total) = match (shards, total) {
            (None, None) => return Ok(None),
            (Some(_), None) => {
                return Err(format!("{sn} is given without {tn}: give both (like --shards 0-3 --total-shards 16) or neither"))
            }
            (None, Some(_)) => {
                return Err(format!("{tn} is given without {sn}: give both (like --shards 0-3 --total-shards 16) or neither"))
            }
            (Some(s), Some(t)) => (s, t),
        };
        if !(1..=MAX_TOTAL_SHARDS).contains(&total) {
            return Err(format!(
                "{tn} must be between 1 and {MAX_TOTAL_SHARDS}, got {total}"
            ));
        }
        let shown = crate::domain::text::clip(text, 32);
        let number = |part: &str| part.trim().parse::<u32>().ok();
        let (first, last) = match text.split_once('-') {
            Some((a, b)) => (number(a), number(b)),
            None => (number(text), number(text)),
        };
        let (Some(first), Some(last)) = (first, last) else {
            return Err(format!(
                "{sn} must be a shard id or a range like \"0-3\", got {shown:?}"
            ));
        };
        if first > last {
            return Err(format!(
                "{sn} {shown:?} runs backwards: write the lower id first, like \"{last}-{first}\""
            ));
        }
        if last >= total {
            return Err(format!(
                "{sn} {shown:?} does not fit in {total} shards: ids run from 0 to {}",
                total - 1
            ));
        }
        Ok(Some(ShardRange { first, last, total }))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    pub database_path: PathBuf,
    pub busy_timeout_ms: u64,
    pub retention_days_after_removal: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetupSettings {
    pub max_created_channels_per_guild: u32,
    /// Days after someone answers "not right now" before the same inviter may invite them
    /// again (the person who declined may always invite).
    pub reinvite_after_decline_days: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSettings {
    pub min_interval_secs: u64,
    pub max_nudges_per_day: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// A `tracing` filter; `RUST_LOG` overrides it.
    pub filter: String,
    pub format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            discord: DiscordSettings {
                token: None,
                api_base_url: None,
                guild_id: None,
                global_rate_limit: crate::domain::delivery::DEFAULT_GLOBAL_RATE_LIMIT,
                shards: None,
                total_shards: None,
            },
            storage: StorageSettings {
                database_path: PathBuf::from("data/haven.db"),
                busy_timeout_ms: 1500,
                retention_days_after_removal: 30,
            },
            setup: SetupSettings {
                max_created_channels_per_guild: 10,
                reinvite_after_decline_days: 30,
            },
            schedule: ScheduleSettings {
                min_interval_secs: 3600,
                max_nudges_per_day: 2,
            },
            reminders: ReminderSettings {
                after_nudge_hours: 3,
            },
            digest: DigestSettings {
                weekday: "sunday".to_string(),
            },
            support: SupportSettings {
                url: "https://findahelpline.com".to_string(),
            },
            log: LogSettings {
                filter: "info".to_string(),
                format: LogFormat::Text,
            },
        }
    }
}

/// A configuration that cannot be used; the process exits with code 78.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the config file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("{0}")]
    Invalid(String),
    #[error("no Discord token: set the DISCORD_TOKEN environment variable (or discord.token in the config file) to your bot's token")]
    MissingToken,
}

/// Whether a URL's host is this machine: `localhost`, 127.0.0.0/8 or `::1`.
fn is_loopback_url(text: &str) -> bool {
    match url::Url::parse(text)
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

impl Settings {
    /// How long after a "not right now" the same inviter may not invite the same person again.
    pub fn reinvite_after_decline(&self) -> chrono::Duration {
        chrono::Duration::days(i64::from(self.setup.reinvite_after_decline_days))
    }

    /// What a couple's schedule may ask for.
    pub fn schedule_limits(&self) -> crate::domain::schedule::Limits {
        crate::domain::schedule::Limits {
            min_interval_secs: self.schedule.min_interval_secs,
            max_per_day: self.schedule.max_nudges_per_day,
        }
    }
}

impl Settings {
    /// Layers defaults, the config file and the environment. `file` is `--config`; without it
    /// `config/haven.toml` is read when it exists.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        Self::load_from(file, std::env::vars())
    }

    /// As [`Settings::load`], with the environment given explicitly (tests).
    pub fn load_from(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match file {
            Some(path) => {
                if !path.is_file() {
                    return Err(ConfigError::MissingFile(path.to_path_buf()));
                }
                figment = figment.merge(Toml::file_exact(path));
            }
            None => {
                if Path::new(DEFAULT_CONFIG_PATH).is_file() {
                    figment = figment.merge(Toml::file_exact(DEFAULT_CONFIG_PATH));
                }
            }
        }
        let env: Vec<(String, String)> = env.into_iter().collect();
        // Only HAVEN_<SECTION>__<KEY> names are config; others (HAVEN_FOO) are left alone.
        let layered: Vec<(String, String)> = env
            .iter()
            .filter_map(|(k, v)| {
                let rest = k.strip_prefix("HAVEN_")?;
                rest.contains("__").then(|| (rest.to_string(), v.clone()))
            })
            .collect();
        for (key, value) in layered {
            let path = key.to_ascii_lowercase().replace("__", ".");
            let value: figment::value::Value = value
                .parse()
                .unwrap_or_else(|_| figment::value::Value::from(value));
            figment = figment.merge(Serialized::default(&path, value));
        }
        let mut settings: Settings = figment
            .extract()
            .map_err(|e| ConfigError::Invalid(describe_figment_error(e)))?;
        if let Some((_, token)) = env.iter().find(|(k, _)| k == "DISCORD_TOKEN") {
            if !token.trim().is_empty() {
                settings.discord.token = Some(SecretString::from(token.trim().to_string()));
            }
        }
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&mut self) -> Result<(), ConfigError> {
        let invalid = |m: String| Err(ConfigError::Invalid(m));
        if let Some(url) = &self.discord.api_base_url {
            let trimmed = url.trim().trim_end_matches('/').to_string();
            if trimmed.is_empty() {
                self.discord.api_base_url = None;
            } else if !(trimmed.starts_with("http://") || trimmed.starts_with("https://"))
                || trimmed.contains(char::is_whitespace)
                || trimmed.contains('?')
            {
                return invalid(format!(
                    "discord.api_base_url must be an http:// or https:// address without a query, got {trimmed:?}"
                ));
            } else if trimmed.starts_with("http://") && !is_loopback_url(&trimmed) {
                return invalid(format!(
                    "discord.api_base_url {trimmed:?} is plain http to a host that is not this machine: \
                     the bot token would cross the network unencrypted. Use https://, or http:// \
                     only for localhost, 127.0.0.0/8 or [::1]"
                ));
            } else {
                self.discord.api_base_url = Some(trimmed);
            }
        }
        if let Err(m) = self.shard_range() {
            return invalid(m);
        }
        if self.discord.guild_id == Some(0) {
            self.discord.guild_id = None;
        }
        if !(1..=100_000).contains(&self.discord.global_rate_limit) {
            return invalid(format!(
                "discord.global_rate_limit must be between 1 and 100000 requests a second, got {}",
                self.discord.global_rate_limit
            ));
        }
        if self.storage.database_path.as_os_str().is_empty() {
            return invalid("storage.database_path must not be empty".into());
        }
        if !(1..2000).contains(&self.storage.busy_timeout_ms) {
            return invalid(format!(
                "storage.busy_timeout_ms must be between 1 and 1999 (interactions must answer within 3 s), got {}",
                self.storage.busy_timeout_ms
            ));
        }
        if self.storage.retention_days_after_removal > 3650 {
            return invalid("storage.retention_days_after_removal must be at most 3650".into());
        }
        if self.setup.max_created_channels_per_guild > 500 {
            return invalid(
                "setup.max_created_channels_per_guild must be at most 500 (Discord's channel limit)"
                    .into(),
            );
        }
        if self.setup.reinvite_after_decline_days > 3650 {
            return invalid("setup.reinvite_after_decline_days must be at most 3650".into());
        }
        if self.schedule.min_interval_secs == 0 {
            return invalid("schedule.min_interval_secs must be at least 1".into());
        }
        if !self.support.url.starts_with("https://")
            || self.support.url.contains(char::is_whitespace)
        {
            return invalid(format!(
                "support.url must be an https:// address, got {:?}",
                self.support.url
            ));
        }
        if self.schedule.max_nudges_per_day == 0 {
            return invalid("schedule.max_nudges_per_day must be at least 1".into());
        }
        if !(1..=23).contains(&self.reminders.after_nudge_hours) {
            return invalid(format!(
                "reminders.after_nudge_hours must be between 1 and 23, got {}",
                self.reminders.after_nudge_hours
            ));
        }
        if self.digest_weekday().is_none() {
            return invalid(format!(
                "digest.weekday must be a day name like \"sunday\", got {:?}",
                self.digest.weekday
            ));
        }
        if self.log.filter.trim().is_empty() {
            return invalid("log.filter must not be empty".into());
        }
        Ok(())
    }

    /// The fixed shard range, when `discord.shards` and `discord.total_shards` are set.
    pub fn shard_range(&self) -> Result<Option<ShardRange>, String> {
        ShardRange::parse(self.discord.shards.as_deref(), self.discord.total_shards)
    }

    /// The weekday of the weekly digest.
    pub fn digest_weekday(&self) -> Option<chrono::Weekday> {
        self.digest.weekday.trim().parse().ok()
    }

    /// The token, or the error that tells the host how to provide it.
    pub fn token(&self) -> Result<&str, ConfigError> {
        match &self.discord.token {
            Some(t) if !t.expose_secret().trim().is_empty() => Ok(t.expose_secret()),
            _ => Err(ConfigError::MissingToken),
        }
    }

    /// The effective configuration as TOML, with the token redacted.
    pub fn redacted_toml(&self) -> String {
        let body = toml::to_string_pretty(self).unwrap_or_else(|e| format!("# unprintable: {e}\n"));
        let token_line = match &self.discord.token {
            Some(_) => "# discord.token: set (redacted)",
            None => "# discord.token: not set (DISCORD_TOKEN is needed to run)",
        };
        format!("{token_line}\n{body}")
    }
}

fn describe_figment_error(e: figment::Error) -> String {
    let mut parts = Vec::new();
    for err in e {
        let mut msg = err.kind.to_string();
        if !err.path.is_empty() {
            msg = format!("{}: {msg}", err.path.join("."));
        }
        if let Some(meta) = &err.metadata {
            msg = format!("{msg} (from {})", meta.name);
        }
        parts.push(msg);
    }
    format!("invalid configuration: {}", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_load_without_a_file() {
        let s = Settings::load_from(Some(Path::new("config/haven.toml")), env(&[])).unwrap();
        assert_eq!(s.setup.max_created_channels_per_guild, 10);
        assert_eq!(s.setup.reinvite_after_decline_days, 30);
        assert_eq!(s.schedule.min_interval_secs, 3600);
        assert!(s.discord.token.is_none());
        assert!(matches!(s.token(), Err(ConfigError::MissingToken)));
    }

    #[test]
    fn env_overrides_only_double_underscore_names() {
        let s = Settings::load_from(
            Some(Path::new("config/haven.toml")),
            env(&[
                ("HAVEN_DISCORD__API_BASE_URL", "http://127.0.0.1:9/"),
                ("HAVEN_SETUP__MAX_CREATED_CHANNELS_PER_GUILD", "3"),
                ("HAVEN_SOMETHING", "ignored"),
                ("DISCORD_TOKEN", "abc"),
            ]),
        )
        .unwrap();
        assert_eq!(
            s.discord.api_base_url.as_deref(),
            Some("http://127.0.0.1:9")
        );
        assert_eq!(s.setup.max_created_channels_per_guild, 3);
        assert_eq!(s.token().unwrap(), "abc");
    }

    #[test]
    fn bad_values_are_config_errors_naming_the_key() {
        for (k, v) in [
            ("HAVEN_DISCORD__API_BASE_URL", "ftp://x"),
            ("HAVEN_DISCORD__API_BASE_URL", "http://proxy.internal:8080"),
            ("HAVEN_DISCORD__API_BASE_URL", "http://10.0.0.5"),
            (
                "HAVEN_DISCORD__API_BASE_URL",
                "http://localhost.evil.example",
            ),
            (
                "HAVEN_DISCORD__API_BASE_URL",
                "http://127.0.0.1@evil.example",
            ),
            ("HAVEN_SCHEDULE__MAX_NUDGES_PER_DAY", "0"),
            ("HAVEN_DISCORD__GLOBAL_RATE_LIMIT", "0"),
            ("HAVEN_STORAGE__BUSY_TIMEOUT_MS", "5000"),
            ("HAVEN_SETUP__MAX_CREATED_CHANNELS_PER_GUILD", "-1"),
            ("HAVEN_SETUP__REINVITE_AFTER_DECLINE_DAYS", "5000"),
            ("HAVEN_SCHEDULE__MIN_INTERVAL_SECS", "soon"),
            ("HAVEN_NOPE__KEY", "1"),
        ] {
            let err = Settings::load_from(Some(Path::new("config/haven.toml")), env(&[(k, v)]))
                .expect_err(k);
            assert!(matches!(err, ConfigError::Invalid(_)), "{k}: {err}");
        }
    }

    #[test]
    fn shard_ranges_come_with_a_total_that_holds_them() {
        let load = |pairs: &[(&str, &str)]| {
            Settings::load_from(Some(Path::new("config/haven.toml")), env(pairs))
        };
        let s = load(&[
            ("HAVEN_DISCORD__SHARDS", "0-3"),
            ("HAVEN_DISCORD__TOTAL_SHARDS", "16"),
        ])
        .unwrap();
        assert_eq!(
            s.shard_range().unwrap(),
            Some(ShardRange {
                first: 0,
                last: 3,
                total: 16
            })
        );
        let one = load(&[
            ("HAVEN_DISCORD__SHARDS", "5"),
            ("HAVEN_DISCORD__TOTAL_SHARDS", "6"),
        ])
        .unwrap();
        assert_eq!(one.shard_range().unwrap().map(|r| r.count()), Some(1));
        assert_eq!(load(&[]).unwrap().shard_range().unwrap(), None);
        for (pairs, needle) in [
            (
                vec![("HAVEN_DISCORD__SHARDS", "0-3")],
                "given without discord.total_shards",
            ),
            (
                vec![("HAVEN_DISCORD__TOTAL_SHARDS", "4")],
                "given without discord.shards",
            ),
            (
                vec![
                    ("HAVEN_DISCORD__SHARDS", "5-2"),
                    ("HAVEN_DISCORD__TOTAL_SHARDS", "16"),
                ],
                "backwards",
            ),
            (
                vec![
                    ("HAVEN_DISCORD__SHARDS", "0-99"),
                    ("HAVEN_DISCORD__TOTAL_SHARDS", "16"),
                ],
                "does not fit in 16 shards",
            ),
            (
                vec![
                    ("HAVEN_DISCORD__SHARDS", "0"),
                    ("HAVEN_DISCORD__TOTAL_SHARDS", "0"),
                ],
                "between 1 and",
            ),
            (
                vec![
                    ("HAVEN_DISCORD__SHARDS", "0"),
                    ("HAVEN_DISCORD__TOTAL_SHARDS", "99999999"),
                ],
                "between 1 and",
            ),
            (
                vec![
                    ("HAVEN_DISCORD__SHARDS", "a-b"),
                    ("HAVEN_DISCORD__TOTAL_SHARDS", "4"),
                ],
                "a shard id or a range",
            ),
            (
                vec![
                    ("HAVEN_DISCORD__SHARDS", "-1"),
                    ("HAVEN_DISCORD__TOTAL_SHARDS", "4"),
                ],
                "a shard id or a range",
            ),
            (
                vec![
                    ("HAVEN_DISCORD__SHARDS", "0-1"),
                    ("HAVEN_DISCORD__TOTAL_SHARDS", "-2"),
                ],
                "total_shards",
            ),
        ] {
            let err = load(&pairs).expect_err(needle);
            assert!(err.to_string().contains(needle), "{pairs:?}: {err}");
            assert_eq!(err.to_string().lines().count(), 1, "one line: {err}");
        }
    }

    #[test]
    fn plain_http_is_only_for_this_machine() {
        for ok in [
            "http://127.0.0.1:9",
            "http://127.8.9.1",
            "http://localhost:3000/",
            "http://[::1]:9",
            "https://proxy.internal:8443",
        ] {
            let s = Settings::load_from(
                Some(Path::new("config/haven.toml")),
                env(&[("HAVEN_DISCORD__API_BASE_URL", ok)]),
            );
            assert!(s.is_ok(), "{ok}: {:?}", s.err());
        }
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let err =
            Settings::load_from(Some(Path::new("/nonexistent/haven.toml")), env(&[])).unwrap_err();
        assert!(matches!(err, ConfigError::MissingFile(_)));
    }

    #[test]
    fn redacted_output_never_contains_the_token() {
        let s = Settings::load_from(
            Some(Path::new("config/haven.toml")),
            env(&[("DISCORD_TOKEN", "super-secret-token-value")]),
        )
        .unwrap();
        let out = s.redacted_toml();
        assert!(!out.contains("super-secret-token-value"));
        assert!(out.contains("redacted"));
        assert!(!format!("{s:?}").contains("super-secret-token-value"));
    }

    #[test]
    fn shipped_config_file_matches_the_defaults() {
        let from_file =
            Settings::load_from(Some(Path::new("config/haven.toml")), env(&[])).unwrap();
        assert_eq!(
            toml::to_string(&from_file).unwrap(),
            toml::to_string(&Settings::default()).unwrap(),
            "config/haven.toml must document exactly the defaults"
        );
    }
}
