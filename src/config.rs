//! Typed settings: built-in defaults, then `config/haven.toml` (or `--config FILE`), then
//! `HAVEN_<SECTION>__<KEY>` environment variables; the token from `DISCORD_TOKEN`, the file
//! `DISCORD_TOKEN_FILE` names, systemd's credential `discord_token`, or the config.

use std::io::Read;
use std::path::{Path, PathBuf};

use figment::providers::{Format, Serialized, Toml};
use figment::Figment;
use secrecy::zeroize::Zeroize;
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
    pub http: HttpSettings,
}

/// The host's HTTP endpoint: `/healthz`, `/metrics`, and `/interactions` in HTTP interactions
/// mode.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpSettings {
    /// The address to listen on ("127.0.0.1:8080"); unset: no HTTP endpoint.
    #[serde(default)]
    pub listen: Option<String>,
}

/// How Discord's interactions reach haven.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InteractionsMode {
    /// Over the gateway connection (the default).
    #[default]
    Gateway,
    /// As signed HTTPS POSTs to `/interactions` (no gateway connection at all).
    Http,
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
    /// "gateway" or "http" (interactions POSTed to `[http] listen`'s `/interactions`).
    #[serde(default)]
    pub interactions: InteractionsMode,
    /// The application's public key (64 hex digits), which signs HTTP interactions.
    #[serde(default)]
    pub public_key: Option<String>,
    /// Where `token` came from (never written to or read from the config).
    #[serde(skip)]
    token_source: TokenSource,
    /// Why a token that was pointed to (a file) cannot be used.
    #[serde(skip)]
    token_problem: Option<ConfigError>,
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

/// Where the bot token came from, for `check-config` (never the token itself).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TokenSource {
    /// Nowhere: there is no token.
    #[default]
    Missing,
    /// The `DISCORD_TOKEN` environment variable.
    Env,
    /// The file `DISCORD_TOKEN_FILE` names.
    File(PathBuf),
    /// systemd's credential: `$CREDENTIALS_DIRECTORY/discord_token`.
    Credential(PathBuf),
    /// `discord.token` in the config file (or `HAVEN_DISCORD__TOKEN`).
    Config,
}

impl std::fmt::Display for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenSource::Missing => write!(f, "none"),
            TokenSource::Env => write!(f, "DISCORD_TOKEN"),
            TokenSource::File(p) => write!(f, "DISCORD_TOKEN_FILE ({})", p.display()),
            TokenSource::Credential(p) => {
                write!(f, "systemd credential {CREDENTIAL_NAME} ({})", p.display())
            }
            TokenSource::Config => write!(f, "discord.token in the configuration"),
        }
    }
}

/// The name of the systemd credential holding the token (`LoadCredential=discord_token:...`).
pub const CREDENTIAL_NAME: &str = "discord_token";

/// A token file larger than this is not a token (Discord's are about 70 bytes).
const MAX_TOKEN_FILE_BYTES: u64 = 4096;

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
                interactions: InteractionsMode::Gateway,
                public_key: None,
                token_source: TokenSource::Missing,
                token_problem: None,
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
            http: HttpSettings { listen: None },
        }
    }
}

/// A configuration that cannot be used; the process exits with code 78.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ConfigError {
    #[error("the config file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("{0}")]
    Invalid(String),
    #[error("no Discord token: set the DISCORD_TOKEN environment variable (or DISCORD_TOKEN_FILE to a file holding it, a systemd credential named discord_token, or discord.token in the config file) to your bot's token")]
    MissingToken,
    /// The token file cannot be used; names the file and why, never what it holds.
    #[error("cannot use the bot token file {} (from {named_by}): {reason}", path.display())]
    TokenFile {
        path: PathBuf,
        named_by: &'static str,
        reason: String,
    },
}

/// Finds the bot token: `DISCORD_TOKEN`, else the file `DISCORD_TOKEN_FILE` names, else
/// systemd's credential (`$CREDENTIALS_DIRECTORY/discord_token`, when that file exists), else
/// `configured` (the config's `discord.token`). Empty values count as unset. `var` reads one
/// environment variable, so tests can pass a map instead of the process environment.
pub fn resolve_token(
    var: impl Fn(&str) -> Option<String>,
    configured: Option<SecretString>,
) -> Result<(SecretString, TokenSource), ConfigError> {
    let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    if let Some(token) = set("DISCORD_TOKEN") {
        return Ok((
            SecretString::from(token.trim().to_string()),
            TokenSource::Env,
        ));
    }
    if let Some(path) = set("DISCORD_TOKEN_FILE") {
        let path = PathBuf::from(path);
        let token = read_token_file(&path, "DISCORD_TOKEN_FILE")?;
        return Ok((token, TokenSource::File(path)));
    }
    if let Some(dir) = set("CREDENTIALS_DIRECTORY") {
        let path = Path::new(&dir).join(CREDENTIAL_NAME);
        if std::fs::symlink_metadata(&path).is_ok() {
            let token = read_token_file(&path, "systemd credential discord_token")?;
            return Ok((token, TokenSource::Credential(path)));
        }
    }
    match configured {
        Some(t) if !t.expose_secret().trim().is_empty() => {
            let trimmed = t.expose_secret().trim().to_string();
            Ok((SecretString::from(trimmed), TokenSource::Config))
        }
        _ => Err(ConfigError::MissingToken),
    }
}

/// Reads a token file: one word, surrounding whitespace (a trailing newline) dropped. Errors
/// name the file and the problem, never the contents.
fn read_token_file(path: &Path, named_by: &'static str) -> Result<SecretString, ConfigError> {
    let problem = |reason: String| ConfigError::TokenFile {
        path: path.to_path_buf(),
        named_by,
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| problem(e.to_string()))?;
    let mut bytes = Vec::new();
    let read = file
        .take(MAX_TOKEN_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| problem(e.to_string()));
    let checked = read.and_then(|_| {
        if bytes.len() as u64 > MAX_TOKEN_FILE_BYTES {
            return Err(problem(format!(
                "it is larger than {MAX_TOKEN_FILE_BYTES} bytes, too large to be a bot token"
            )));
        }
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| problem("it is not text; it should hold only the token".into()))?;
        let token = text.trim();
        if token.is_empty() {
            return Err(problem("it is empty; it should hold the bot token".into()));
        }
        if token.contains(char::is_whitespace) {
            return Err(problem(
                "it holds more than one word; it should hold only the token".into(),
            ));
        }
        Ok(SecretString::from(token.to_string()))
    });
    bytes.zeroize();
    checked
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
    /// Where the token came from.
    pub fn token_source(&self) -> &TokenSource {
        &self.discord.token_source
    }

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
        let var = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let discord = &mut settings.discord;
        match resolve_token(var, discord.token.take()) {
            Ok((token, source)) => {
                discord.token = Some(token);
                discord.token_source = source;
            }
            Err(ConfigError::MissingToken) => discord.token_source = TokenSource::Missing,
            // Only the commands that need the token fail on it (`run`, `check-config`).
            Err(problem) => discord.token_problem = Some(problem),
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
        self.validate_http()
    }

    /// `[http] listen` is an address; HTTP interactions need it and a valid public key.
    fn validate_http(&mut self) -> Result<(), ConfigError> {
        let invalid = |m: String| Err(ConfigError::Invalid(m));
        if let Some(listen) = &self.http.listen {
            let listen = listen.trim().to_string();
            if listen.is_empty() {
                self.http.listen = None;
            } else if listen.parse::<std::net::SocketAddr>().is_err() {
                return invalid(format!(
                    "http.listen must be an IP address and port like \"127.0.0.1:8080\", got {listen:?}"
                ));
            } else {
                self.http.listen = Some(listen);
            }
        }
        if let Some(key) = &self.discord.public_key {
            let key = key.trim().to_ascii_lowercase();
            if key.is_empty() {
                self.discord.public_key = None;
            } else if self.verifying_key_of(&key).is_none() {
                return invalid(
                    "discord.public_key must be the application's public key: 64 hex digits \
                     (Developer Portal, General Information)"
                        .into(),
                );
            } else {
                self.discord.public_key = Some(key);
            }
        }
        if self.discord.interactions == InteractionsMode::Http {
            if self.discord.public_key.is_none() {
                return invalid(
                    "discord.interactions = \"http\" needs discord.public_key, the application's \
                     public key, to verify Discord's signatures"
                        .into(),
                );
            }
            if self.http.listen.is_none() {
                return invalid(
                    "discord.interactions = \"http\" needs http.listen, the address Discord's \
                     interactions are forwarded to (behind an HTTPS reverse proxy)"
                        .into(),
                );
            }
        }
        Ok(())
    }

    fn verifying_key_of(&self, hex_key: &str) -> Option<ed25519_dalek::VerifyingKey> {
        let bytes: [u8; 32] = hex::decode(hex_key).ok()?.try_into().ok()?;
        ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()
    }

    /// The key that signs HTTP interactions (checked when the settings were loaded).
    pub fn public_key(&self) -> Option<ed25519_dalek::VerifyingKey> {
        self.verifying_key_of(self.discord.public_key.as_deref()?)
    }

    /// The HTTP endpoint's address, if one is configured (checked when loaded).
    pub fn http_listen(&self) -> Option<std::net::SocketAddr> {
        self.http.listen.as_deref()?.parse().ok()
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
        if let Some(problem) = &self.discord.token_problem {
            return Err(problem.clone());
        }
        match &self.discord.token {
            Some(t) if !t.expose_secret().trim().is_empty() => Ok(t.expose_secret()),
            _ => Err(ConfigError::MissingToken),
        }
    }

    /// The effective configuration as TOML, with the token redacted.
    pub fn redacted_toml(&self) -> String {
        let body = toml::to_string_pretty(self).unwrap_or_else(|e| format!("# unprintable: {e}\n"));
        let token_line = match (&self.discord.token, &self.discord.token_problem) {
            (_, Some(problem)) => format!("# discord.token: not usable: {problem}"),
            (Some(_), None) => format!(
                "# discord.token: set (redacted); token source: {}",
                self.discord.token_source
            ),
            (None, None) => "# discord.token: not set (DISCORD_TOKEN, DISCORD_TOKEN_FILE, a systemd credential or discord.token is needed to run)".to_string(),
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
    fn http_interactions_need_a_valid_key_and_an_address() {
        // The public key of the RFC 8032 test vector 1.
        let key = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
        let load = |pairs: &[(&str, &str)]| {
            Settings::load_from(Some(Path::new("config/haven.toml")), env(pairs))
        };
        let s = load(&[
            ("HAVEN_DISCORD__INTERACTIONS", "http"),
            ("HAVEN_DISCORD__PUBLIC_KEY", &key.to_uppercase()),
            ("HAVEN_HTTP__LISTEN", "127.0.0.1:8080"),
        ])
        .unwrap();
        assert_eq!(s.discord.interactions, InteractionsMode::Http);
        assert!(s.public_key().is_some());
        assert_eq!(s.http_listen(), Some("127.0.0.1:8080".parse().unwrap()));
        for bad in [
            vec![("HAVEN_DISCORD__INTERACTIONS", "http")],
            vec![
                ("HAVEN_DISCORD__INTERACTIONS", "http"),
                ("HAVEN_DISCORD__PUBLIC_KEY", key),
            ],
            vec![
                ("HAVEN_DISCORD__INTERACTIONS", "http"),
                ("HAVEN_HTTP__LISTEN", "127.0.0.1:8080"),
            ],
            vec![("HAVEN_DISCORD__PUBLIC_KEY", "abcd")],
            vec![("HAVEN_DISCORD__PUBLIC_KEY", &key[..63])],
            vec![(
                "HAVEN_DISCORD__PUBLIC_KEY",
                "zz5a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            )],
            vec![("HAVEN_DISCORD__INTERACTIONS", "webhook")],
            vec![("HAVEN_HTTP__LISTEN", "localhost")],
            vec![("HAVEN_HTTP__LISTEN", "8080")],
        ] {
            let err = load(&bad).expect_err(&format!("{bad:?}"));
            assert!(matches!(err, ConfigError::Invalid(_)), "{bad:?}: {err}");
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

    /// `resolve_token` over a map instead of the process environment.
    fn resolve(
        vars: &[(&str, &str)],
        configured: Option<&str>,
    ) -> Result<(String, TokenSource), ConfigError> {
        let vars: std::collections::HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        resolve_token(
            |k| vars.get(k).cloned(),
            configured.map(|t| SecretString::from(t.to_string())),
        )
        .map(|(t, s)| (t.expose_secret().to_string(), s))
    }

    #[test]
    fn the_token_comes_from_the_environment_a_file_a_credential_or_the_config_in_that_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("token file");
        std::fs::write(&file, "from-file\n").unwrap();
        let creds = dir.path().join("creds");
        std::fs::create_dir(&creds).unwrap();
        std::fs::write(creds.join("discord_token"), "from-credential").unwrap();
        let file_s = file.to_str().unwrap();
        let creds_s = creds.to_str().unwrap();
        let all = [
            ("DISCORD_TOKEN", "from-env"),
            ("DISCORD_TOKEN_FILE", file_s),
            ("CREDENTIALS_DIRECTORY", creds_s),
        ];
        assert_eq!(
            resolve(&all, Some("from-config")).unwrap(),
            ("from-env".into(), TokenSource::Env)
        );
        assert_eq!(
            resolve(&all[1..], Some("from-config")).unwrap(),
            ("from-file".into(), TokenSource::File(file.clone()))
        );
        assert_eq!(
            resolve(&all[2..], Some("from-config")).unwrap(),
            (
                "from-credential".into(),
                TokenSource::Credential(creds.join("discord_token"))
            )
        );
        assert_eq!(
            resolve(&[], Some("from-config")).unwrap(),
            ("from-config".into(), TokenSource::Config)
        );
        // A credentials folder without haven's credential is passed over.
        assert_eq!(
            resolve(&[("CREDENTIALS_DIRECTORY", file_s)], Some("from-config")).unwrap(),
            ("from-config".into(), TokenSource::Config)
        );
        // Empty values count as unset.
        assert_eq!(
            resolve(
                &[("DISCORD_TOKEN", " "), ("DISCORD_TOKEN_FILE", "")],
                Some("from-config")
            )
            .unwrap()
            .1,
            TokenSource::Config
        );
        assert!(matches!(resolve(&[], None), Err(ConfigError::MissingToken)));
        assert!(matches!(
            resolve(&[], Some("  ")),
            Err(ConfigError::MissingToken)
        ));
    }

    #[test]
    fn a_token_file_is_trimmed_of_its_trailing_newline_and_spaces() {
        let dir = tempfile::tempdir().unwrap();
        for (written, token) in [
            ("abc.def-ghi\n", "abc.def-ghi"),
            ("abc.def-ghi\r\n", "abc.def-ghi"),
            ("  abc.def-ghi \n\n", "abc.def-ghi"),
            ("abc.def-ghi", "abc.def-ghi"),
        ] {
            let file = dir.path().join("t");
            std::fs::write(&file, written).unwrap();
            let got = resolve(&[("DISCORD_TOKEN_FILE", file.to_str().unwrap())], None).unwrap();
            assert_eq!(got.0, token, "{written:?}");
        }
    }

    #[test]
    fn an_unusable_token_file_is_an_error_naming_the_file_but_not_its_contents() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let secret = "hunter2-secret";
        let big = format!("{secret}{}", "x".repeat(5000));
        let mut binary = secret.as_bytes().to_vec();
        binary.extend([0xff, 0xfe]);
        for (path, needle) in [
            (write("empty", b""), "empty"),
            (write("blank", b" \n\n"), "empty"),
            (
                write("two words", format!("{secret} {secret}\n").as_bytes()),
                "more than one word",
            ),
            (write("big", big.as_bytes()), "too large"),
            (write("binary", &binary), "not text"),
            (dir.path().join("missing"), "No such file"),
            (dir.path().to_path_buf(), "directory"),
        ] {
            let err = resolve(
                &[("DISCORD_TOKEN_FILE", path.to_str().unwrap())],
                Some("cfg"),
            )
            .expect_err(needle);
            let shown = err.to_string();
            assert!(matches!(err, ConfigError::TokenFile { .. }), "{shown}");
            assert!(shown.contains(needle), "{shown}");
            assert!(shown.contains(path.to_str().unwrap()), "{shown}");
            assert!(!shown.contains(secret), "{shown}");
        }
        // The same for systemd's credential.
        let creds = dir.path().join("creds");
        std::fs::create_dir(&creds).unwrap();
        std::fs::write(creds.join("discord_token"), "").unwrap();
        let err = resolve(&[("CREDENTIALS_DIRECTORY", creds.to_str().unwrap())], None).unwrap_err();
        assert!(err.to_string().contains("systemd credential"), "{err}");
    }

    #[test]
    fn only_the_commands_that_need_the_token_fail_on_a_bad_token_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("token");
        std::fs::write(&file, "\n").unwrap();
        let s = Settings::load_from(
            Some(Path::new("config/haven.toml")),
            env(&[("DISCORD_TOKEN_FILE", file.to_str().unwrap())]),
        )
        .expect("the rest of the configuration loads");
        assert!(matches!(s.token(), Err(ConfigError::TokenFile { .. })));
        assert!(s.redacted_toml().contains("not usable"));

        std::fs::write(&file, "file-secret-token\n").unwrap();
        let s = Settings::load_from(
            Some(Path::new("config/haven.toml")),
            env(&[("DISCORD_TOKEN_FILE", file.to_str().unwrap())]),
        )
        .unwrap();
        assert_eq!(s.token().unwrap(), "file-secret-token");
        assert_eq!(s.token_source(), &TokenSource::File(file.clone()));
        let out = s.redacted_toml();
        assert!(out.contains("token source: DISCORD_TOKEN_FILE"), "{out}");
        assert!(!out.contains("file-secret-token"));
        assert!(!format!("{s:?}").contains("file-secret-token"));
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
