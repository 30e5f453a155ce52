//! `spawn_app`: the real haven wiring (`App::build` + `App::run`) against a fake Discord and a
//! temporary database, plus helpers that send one interaction and wait for its answer, and
//! that move the clock and wait for the sender to have nothing left to do.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use haven::app::App;
use haven::clock::{Clock, ManualClock};
use haven::config::Settings;
use haven::discord::RunError;
use haven::store::Store;
use secrecy::SecretString;
use serde_json::Value;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::support::fake::{FakeDiscord, Recorded};
use crate::support::payloads::callback;

pub const TOKEN: &str = "test-token";
pub const WAIT: Duration = Duration::from_secs(10);

pub struct TestApp {
    pub fake: FakeDiscord,
    /// The running app's use-cases, for checks that go around Discord.
    pub services: haven::service::Services,
    /// Wakes the bot's scheduler (as a schedule change does).
    pub wake: Arc<tokio::sync::Notify>,
    pub clock: Arc<ManualClock>,
    pub store: Store,
    shutdown: CancellationToken,
    handle: Option<JoinHandle<Result<(), RunError>>>,
    next_id: AtomicU64,
    _dir: tempfile::TempDir,
}

pub struct Options {
    pub guild_id: Option<u64>,
    pub tweak: fn(&mut Settings),
    /// Run on the real clock (the scheduler sleeps in real time) instead of a manual one.
    pub system_clock: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            guild_id: None,
            tweak: |_| {},
            system_clock: false,
        }
    }
}

/// Settings pointing at `fake` with a database in `dir`.
pub fn settings_for(fake: &FakeDiscord, dir: &std::path::Path) -> Settings {
    let mut s = Settings::default();
    s.discord.token = Some(SecretString::from(TOKEN.to_string()));
    s.discord.api_base_url = Some(fake.base_url());
    s.storage.database_path = dir.join("haven.db");
    s
}

pub async fn spawn_app(guilds: Vec<Value>) -> TestApp {
    spawn_app_with(guilds, Options::default()).await
}

pub async fn spawn_app_with(guilds: Vec<Value>, opts: Options) -> TestApp {
    // HAVEN_TEST_LOG=debug shows the bot's logs for a failing test.
    if let Ok(filter) = std::env::var("HAVEN_TEST_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_test_writer()
            .try_init();
    }
    let fake = FakeDiscord::start(TOKEN, guilds).await;
    spawn_app_on(fake, opts).await
}

/// A bot with its own database and clock on an existing fake (several bots may share one, each
/// with its own shards); returns once its shards (or, unsharded, the newest connection) are ready.
pub async fn spawn_app_on(fake: FakeDiscord, opts: Options) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = settings_for(&fake, dir.path());
    settings.discord.guild_id = opts.guild_id;
    (opts.tweak)(&mut settings);
    let shards = settings.shard_range().expect("a valid shard range");
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap(),
    ));
    let app = if opts.system_clock {
        App::build_with_clock(settings, Arc::new(haven::clock::SystemClock))
    } else {
        App::build_with_clock(settings, clock.clone())
    }
    .expect("app builds");
    let store = app.services().store.clone();
    let wake = app.services().wake.clone();
    let services = app.services().clone();
    let shutdown = CancellationToken::new();
    let handle = tokio::spawn(app.run(shutdown.clone()));
    match shards {
        Some(r) => fake
            .wait_shards_ready(&(r.first..=r.last).collect::<Vec<_>>(), WAIT)
            .await
            .expect("the bot's shards connect and identify"),
        None => fake
            .wait_ready(WAIT)
            .await
            .expect("the bot connects and identifies"),
    }
    TestApp {
        fake,
        services,
        wake,
        clock,
        store,
        shutdown,
        handle: Some(handle),
        next_id: AtomicU64::new(1_300_000_000_000_000_000),
        _dir: dir,
    }
}

impl TestApp {
    /// A fresh snowflake for an interaction.
    pub fn id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Sends INTERACTION_CREATE and returns the bot's first answer to it (the callback).
    pub async fn interact(&self, d: Value) -> Recorded {
        let id = d["id"].as_str().expect("interaction id").to_string();
        let prefix = format!("/interactions/{id}/");
        self.fake.dispatch("INTERACTION_CREATE", d);
        self.fake
            .wait_request(&format!("the answer to interaction {id}"), WAIT, |r| {
                r.method == "POST" && r.path.starts_with(&prefix) && r.path.ends_with("/callback")
            })
            .await
            .expect("the bot answers the interaction")
    }

    /// Sets the clock to `at` and [`settle`](Self::settle)s: returns the posts made until the
    /// sender has nothing left to do at `at`.
    pub async fn advance_to(&self, at: DateTime<Utc>) -> Vec<Recorded> {
        self.clock.set(at);
        self.settle().await
    }

    /// [`advance_to`](Self::advance_to) the clock's instant plus `by`.
    pub async fn advance_by(&self, by: chrono::Duration) -> Vec<Recorded> {
        self.advance_to(self.clock.now() + by).await
    }

    /// Wakes the sender and waits until one of its steps that began after this call ended with
    /// nothing due and no delivery in flight: everything due now (such as a post an interaction
    /// just recorded) has been sent, or recorded as skipped, held or failed, and nothing else
    /// will be until the clock moves or something wakes the sender. Returns the posts
    /// (`POST /channels/{id}/messages`) made meanwhile.
    pub async fn settle(&self) -> Vec<Recorded> {
        let since = self.fake.requests().len();
        let mut steps = self.services.sender_steps.subscribe();
        // A step numbered after this one reads the clock and the database after this point.
        let begun = steps.borrow().begun;
        self.wake.notify_one();
        match tokio::time::timeout(WAIT, steps.wait_for(|s| s.idle > begun)).await {
            Ok(Ok(_)) => {}
            Ok(Err(_)) => panic!("the sender stopped"),
            Err(_) => panic!(
                "the sender is still busy after {WAIT:?}; requests since:\n{}",
                self.requests_since(since)
                    .iter()
                    .map(Recorded::summary)
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
        self.requests_since(since)
            .into_iter()
            .filter(is_channel_post)
            .collect()
    }

    /// Requests recorded after the given count (to look at what one step caused).
    pub fn requests_since(&self, n: usize) -> Vec<Recorded> {
        self.fake.requests().into_iter().skip(n).collect()
    }

    /// One value from the database.
    pub fn query_i64(&self, sql: &str) -> i64 {
        let sql = sql.to_string();
        self.store
            .call_blocking(move |c| Ok(c.query_row(&sql, [], |r| r.get(0))?))
            .expect("query")
    }

    /// Waits for the bot to stop by itself and returns how it ended.
    pub async fn wait_exit(&mut self) -> Result<(), RunError> {
        let h = self.handle.take().expect("still running");
        tokio::time::timeout(WAIT, h)
            .await
            .expect("the bot stops within the timeout")
            .expect("the run task does not panic")
    }

    /// Stops the bot, then checks it stopped cleanly and sent only schema-valid requests.
    pub async fn stop(mut self) {
        self.shutdown.cancel();
        if let Some(h) = self.handle.take() {
            let result = tokio::time::timeout(WAIT, h)
                .await
                .expect("the bot stops within the timeout")
                .expect("the run task does not panic");
            assert!(result.is_ok(), "run ended with an error: {result:?}");
        }
        self.fake.assert_schema_clean();
        self.fake.shutdown().await;
    }
}

impl TestApp {
    /// Stops the bot as a restart would, while the fake Discord keeps running, and starts a new
    /// bot on the same database, settings and clock. It talks to `fake` when one is given (the
    /// old fake is then shut down), else to the same fake.
    pub async fn restart(mut self, fake: Option<FakeDiscord>) -> TestApp {
        self.shutdown.cancel();
        if let Some(h) = self.handle.take() {
            let result = tokio::time::timeout(WAIT, h)
                .await
                .expect("the bot stops within the timeout")
                .expect("the run task does not panic");
            assert!(result.is_ok(), "run ended with an error: {result:?}");
        }
        self.fake.assert_schema_clean();
        let fake = match fake {
            Some(new) => {
                self.fake.shutdown().await;
                new
            }
            None => self.fake.clone(),
        };
        let mut settings = (*self.services.settings).clone();
        settings.discord.api_base_url = Some(fake.base_url());
        let clock = self.services.clock.clone();
        let manual = self.clock.clone();
        let next_id = self.next_id.load(Ordering::Relaxed);
        let dir = std::mem::replace(&mut self._dir, tempfile::tempdir().expect("temp dir"));
        // Releases the database (and its lock) before the new bot opens it.
        drop(self);
        let identified = fake.identify_count();
        let app = App::build_with_clock(settings, clock).expect("app builds again");
        let store = app.services().store.clone();
        let wake = app.services().wake.clone();
        let services = app.services().clone();
        let shutdown = CancellationToken::new();
        let handle = tokio::spawn(app.run(shutdown.clone()));
        let deadline = tokio::time::Instant::now() + WAIT;
        while fake.identify_count() == identified {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the new bot identifies"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        fake.wait_ready(WAIT)
            .await
            .expect("the new bot connects and identifies");
        TestApp {
            fake,
            services,
            wake,
            clock: manual,
            store,
            shutdown,
            handle: Some(handle),
            next_id: AtomicU64::new(next_id),
            _dir: dir,
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// A message the bot posts in a channel (not an interaction answer).
pub fn is_channel_post(r: &Recorded) -> bool {
    r.method == "POST" && r.path.starts_with("/channels/") && r.path.ends_with("/messages")
}

/// The `data` of an interaction callback body.
pub fn callback_data(r: &Recorded) -> &Value {
    &r.body.as_ref().expect("a callback has a body")["data"]
}

pub fn callback_type(r: &Recorded) -> u64 {
    r.body.as_ref().expect("a callback has a body")["type"]
        .as_u64()
        .expect("type")
}

pub fn is_ephemeral(r: &Recorded) -> bool {
    callback_data(r)["flags"].as_u64().unwrap_or(0) & 64 != 0
}

pub fn content(r: &Recorded) -> String {
    callback_data(r)["content"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// The custom ids of every button in the callback's components.
pub fn custom_ids(r: &Recorded) -> Vec<String> {
    callback_data(r)["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
        .collect()
}

/// Asserts an ephemeral message answer whose text contains `needle`.
#[track_caller]
pub fn assert_ephemeral_says(r: &Recorded, needle: &str) {
    assert_eq!(
        callback_type(r),
        callback::CHANNEL_MESSAGE_WITH_SOURCE,
        "a message answer: {:?}",
        r.body
    );
    assert!(is_ephemeral(r), "ephemeral: {:?}", r.body);
    let text = content(r);
    assert!(
        text.contains(needle),
        "expected {needle:?} in the reply, got {text:?}"
    );
    assert_no_mass_mentions(r);
}

/// Every answer sets allowed_mentions and never lets @everyone, @here or roles ping.
#[track_caller]
pub fn assert_no_mass_mentions(r: &Recorded) {
    let am = &callback_data(r)["allowed_mentions"];
    assert!(
        am.is_object(),
        "allowed_mentions set explicitly: {:?}",
        r.body
    );
    let parse = am["parse"].as_array().cloned().unwrap_or_default();
    assert!(parse.is_empty(), "no parse-based mentions: {am}");
    assert!(am["roles"].as_array().is_none_or(|r| r.is_empty()), "{am}");
}
