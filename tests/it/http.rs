//! The host's HTTP endpoint: `/metrics` moves with what haven does, `/healthz` follows the
//! gateway and the database, and HTTP interactions mode verifies Discord's signatures and runs
//! the same handlers as the gateway.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};
use haven::app::App;
use haven::clock::ManualClock;
use haven::domain::custom_id::ComponentId;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::harness::*;
use crate::support::fake::{FakeDiscord, GatewayMode, Recorded, BOT_ID};
use crate::support::payloads::{
    callback, component, modal_submit, overwrite_member, overwrite_role, string_option,
};
use crate::world::*;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .no_proxy()
        .build()
        .expect("a client")
}

/// The samples of a Prometheus text exposition, by series (name with its labels).
fn parse_metrics(text: &str) -> HashMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (series, value) = l.rsplit_once(' ')?;
            Some((series.to_string(), value.parse().ok()?))
        })
        .collect()
}

async fn scrape(addr: SocketAddr) -> HashMap<String, f64> {
    let r = client()
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .expect("/metrics answers");
    assert_eq!(r.status(), 200);
    parse_metrics(&r.text().await.expect("a body"))
}

fn sample(m: &HashMap<String, f64>, series: &str) -> f64 {
    m.get(series).copied().unwrap_or(0.0)
}

async fn healthz(addr: SocketAddr) -> (u16, Value) {
    let r = client()
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .expect("/healthz answers");
    let status = r.status().as_u16();
    let text = r.text().await.expect("a body");
    (status, serde_json::from_str(&text).expect("a JSON body"))
}

/// Asks /healthz until it answers `status` (at most `within`); returns its last body.
async fn wait_health(addr: SocketAddr, status: u16, within: Duration) -> Value {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let (got, body) = healthz(addr).await;
        if got == status {
            return body;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "/healthz still answers {got} ({body}) after {within:?}, expected {status}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn with_http(s: &mut haven::config::Settings) {
    s.http.listen = Some("127.0.0.1:0".into());
}

#[tokio::test]
async fn metrics_move_after_an_interaction_and_a_nudge() {
    let app = spawn_app_with(
        vec![server()],
        Options {
            tweak: with_http,
            ..Options::default()
        },
    )
    .await;
    let addr = app.http.expect("the endpoint is bound");
    pair(&app, "UTC").await;
    let before = scrape(addr).await;
    assert_eq!(
        sample(&before, "haven_build_info{version=\"0.1.0\"}"),
        1.0,
        "{before:?}"
    );
    let help = "haven_interaction_latency_seconds_count{command=\"help\",outcome=\"ok\"}";
    let outsider =
        "haven_interaction_latency_seconds_count{command=\"checkin\",outcome=\"refused\"}";
    let sent = "haven_posts_sent_total{kind=\"nudge\"}";

    app.interact(cmd(app.id(), PRIVATE, ALICE, "help", vec![]))
        .await;
    app.interact(cmd(app.id(), PRIVATE, EVE, "checkin", vec![]))
        .await;
    // A name nobody registered is counted as "other", never as itself.
    app.interact(cmd(app.id(), PRIVATE, ALICE, "made-up-name", vec![]))
        .await;
    let posts = app.advance_to(utc(2026, 11, 26, 20, 0, 5)).await;
    assert_eq!(posts.len(), 1, "the day's nudge");

    // The handler's metrics are recorded after its answer: wait for them briefly.
    let deadline = tokio::time::Instant::now() + WAIT;
    let after = loop {
        let m = scrape(addr).await;
        if sample(&m, help) > sample(&before, help)
            && sample(&m, outsider) > sample(&before, outsider)
        {
            break m;
        }
        assert!(tokio::time::Instant::now() < deadline, "{m:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(sample(&after, help) - sample(&before, help), 1.0);
    assert_eq!(sample(&after, sent) - sample(&before, sent), 1.0);
    assert_eq!(
        sample(&after, "haven_nudge_lateness_seconds_count")
            - sample(&before, "haven_nudge_lateness_seconds_count"),
        1.0
    );
    // Five seconds late on the manual clock: inside the 10 s bucket, not the 2 s one.
    assert_eq!(
        sample(&after, "haven_nudge_lateness_seconds_bucket{le=\"10.0\"}"),
        1.0
    );
    assert_eq!(
        sample(&after, "haven_nudge_lateness_seconds_bucket{le=\"2.0\"}"),
        0.0
    );
    assert!(
        after
            .keys()
            .any(|k| k.contains("command=\"other\"") && k.contains("_count")),
        "{after:?}"
    );
    assert!(
        !after.keys().any(|k| k.contains("made-up-name")),
        "no label value comes from a payload"
    );
    assert_eq!(sample(&after, "haven_outbox_pending"), 0.0);
    assert_eq!(sample(&after, "haven_gateway_connected_shards"), 1.0);
    assert!(after.contains_key("haven_sqlite_busy_errors_total"));
    assert!(after.contains_key("haven_discord_http_429_total"));

    // A paused couple's nudge is closed unsent, and counted by its reason.
    let paused = "haven_posts_skipped_total{kind=\"nudge\",reason=\"paused\"}";
    app.interact(cmd(
        app.id(),
        PRIVATE,
        ALICE,
        "pause",
        vec![int_option("days", 2)],
    ))
    .await;
    app.advance_to(utc(2026, 11, 27, 20, 0, 0)).await;
    let skipped = scrape(addr).await;
    assert_eq!(sample(&skipped, paused), 1.0, "{skipped:?}");
    assert_eq!(sample(&skipped, sent), sample(&after, sent));
    app.stop().await;
}

#[tokio::test]
async fn healthz_follows_the_gateway_and_the_database() {
    let app = spawn_app_with(
        vec![server()],
        Options {
            tweak: with_http,
            ..Options::default()
        },
    )
    .await;
    let addr = app.http.expect("the endpoint is bound");
    let body = wait_health(addr, 200, WAIT).await;
    assert_eq!(body["status"], "ok");

    // An outage: the connection drops and the gateway refuses new ones.
    app.fake.gateway_outage(GatewayMode::Refuse);
    let body = wait_health(addr, 503, WAIT).await;
    assert_eq!(body["gateway"], "0 of 1 shards connected", "{body}");
    assert_eq!(body["database"], "ok");
    let reconnects = sample(&scrape(addr).await, "haven_gateway_reconnects_total");

    // Discord is back: serenity connects again by itself.
    app.fake.gateway_outage(GatewayMode::Normal);
    wait_health(addr, 200, Duration::from_secs(30)).await;
    let m = scrape(addr).await;
    assert_eq!(
        sample(&m, "haven_gateway_reconnects_total"),
        reconnects + 1.0
    );
    assert_eq!(sample(&m, "haven_gateway_connected_shards"), 1.0);

    // The database stops answering (a statement holds it): 503 within the check's deadline,
    // and 200 again once it answers.
    let store = app.store.clone();
    let (held_tx, held_rx) = tokio::sync::oneshot::channel();
    let holder = tokio::task::spawn_blocking(move || {
        store
            .call_blocking(|_| {
                let _ = held_tx.send(());
                std::thread::sleep(Duration::from_secs(4));
                Ok(())
            })
            .expect("held");
    });
    held_rx.await.expect("the database is held");
    let started = tokio::time::Instant::now();
    let (status, body) = healthz(addr).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["gateway"], "ok");
    assert!(
        body["database"]
            .as_str()
            .unwrap_or("")
            .contains("no answer"),
        "{body}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "answered before the database"
    );
    // Asked again while the first question is unanswered: 503 at once, not a pile of reads.
    let (status, body) = healthz(addr).await;
    assert_eq!(status, 503, "{body}");
    holder.await.expect("released");
    wait_health(addr, 200, WAIT).await;
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// HTTP interactions mode

struct HttpApp {
    fake: FakeDiscord,
    addr: SocketAddr,
    key: SigningKey,
    services: haven::service::Services,
    clock: Arc<ManualClock>,
    next_id: AtomicU64,
    shutdown: CancellationToken,
    handle: tokio::task::JoinHandle<Result<(), haven::discord::RunError>>,
    _dir: tempfile::TempDir,
}

/// haven in HTTP interactions mode against the fake (no gateway), once it accepts a PING; on a
/// manual clock at the harness's start (Thursday 2026-11-26, 12:00 UTC).
async fn spawn_http_app() -> HttpApp {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let key = SigningKey::from_bytes(&[42; 32]);
    let mut settings = settings_for(&fake, dir.path());
    settings.http.listen = Some("127.0.0.1:0".into());
    settings.discord.interactions = haven::config::InteractionsMode::Http;
    settings.discord.public_key = Some(hex::encode(key.verifying_key().to_bytes()));
    let clock = Arc::new(ManualClock::new(utc(2026, 11, 26, 12, 0, 0)));
    let app = App::build_with_clock(settings, clock.clone()).expect("app builds");
    let addr = app.http_addr().expect("bound");
    let services = app.services().clone();
    let shutdown = CancellationToken::new();
    let handle = tokio::spawn(app.run(shutdown.clone()));
    let app = HttpApp {
        fake,
        addr,
        key,
        services,
        clock,
        next_id: AtomicU64::new(1_300_000_000_000_100_000),
        shutdown,
        handle,
        _dir: dir,
    };
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let r = app.post(&ping(), Signing::Good).await;
        if r.status() == 200 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "haven accepts interactions: {}",
            r.status()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app
}

fn ping() -> Value {
    json!({"id": "1300000000000000001", "application_id": "1000", "type": 1,
           "token": "ping-token", "version": 1})
}

fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

#[derive(Clone, Copy)]
enum Signing {
    Good,
    OtherKey,
    /// Signed with one timestamp, sent with another.
    WrongTimestamp,
    NoSignature,
    NoTimestamp,
    /// Signed, then the body is changed.
    Tampered,
    /// A genuine signature from an hour ago.
    Replayed,
}

impl HttpApp {
    async fn post(&self, body: &Value, how: Signing) -> reqwest::Response {
        self.post_bytes(body.to_string().into_bytes(), how).await
    }

    async fn post_bytes(&self, body: Vec<u8>, how: Signing) -> reqwest::Response {
        let ts = match how {
            Signing::Replayed => now_unix() - 3600,
            _ => now_unix(),
        }
        .to_string();
        let key = match how {
            Signing::OtherKey => SigningKey::from_bytes(&[43; 32]),
            _ => self.key.clone(),
        };
        let mut signed = ts.as_bytes().to_vec();
        signed.extend_from_slice(&body);
        let signature = hex::encode(key.sign(&signed).to_bytes());
        let mut sent = body;
        if let Signing::Tampered = how {
            let at = sent.len() / 2;
            sent[at] ^= 1;
        }
        let mut req = client().post(format!("http://{}/interactions", self.addr));
        if !matches!(how, Signing::NoSignature) {
            req = req.header("X-Signature-Ed25519", signature);
        }
        match how {
            Signing::NoTimestamp => {}
            Signing::WrongTimestamp => {
                req = req.header("X-Signature-Timestamp", (now_unix() + 1).to_string())
            }
            _ => req = req.header("X-Signature-Timestamp", ts),
        }
        req.header("Content-Type", "application/json")
            .body(sent)
            .send()
            .await
            .expect("an answer")
    }

    fn callbacks_of(&self, id: u64) -> usize {
        let prefix = format!("/interactions/{id}/");
        self.fake
            .requests()
            .iter()
            .filter(|r| r.path.starts_with(&prefix))
            .count()
    }

    async fn stop(self) {
        self.shutdown.cancel();
        let result = tokio::time::timeout(WAIT, self.handle)
            .await
            .expect("stops in time")
            .expect("no panic");
        assert!(result.is_ok(), "{result:?}");
        self.fake.assert_schema_clean();
        self.fake.shutdown().await;
    }
}

#[tokio::test]
async fn http_interactions_are_verified_and_run_the_same_handlers() {
    let app = spawn_http_app().await;
    assert_eq!(
        app.fake.identify_count(),
        0,
        "no gateway connection in HTTP mode"
    );
    let r = app.post(&ping(), Signing::Good).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        serde_json::from_str::<Value>(&r.text().await.expect("a body")).expect("JSON"),
        json!({"type": 1})
    );

    // A signed command: answered 202, after the same answer as on the gateway went out over
    // the callback endpoint.
    let id = 1_300_000_000_000_000_100;
    let r = app
        .post(&cmd(id, PRIVATE, ALICE, "help", vec![]), Signing::Good)
        .await;
    assert_eq!(r.status(), 202);
    assert!(r.bytes().await.expect("a body").is_empty());
    let answer = app
        .fake
        .wait_request("the /help answer", WAIT, |r| {
            r.method == "POST"
                && r.path.starts_with(&format!("/interactions/{id}/"))
                && r.path.ends_with("/callback")
        })
        .await
        .expect("answered through the callback");
    assert_ephemeral_says(&answer, "haven");
    assert_eq!(
        content(&answer),
        haven::copy::help(haven::copy::Lang::ENGLISH)
    );

    // Whatever is not signed by the application's key is refused unread, and nothing runs.
    let mut refused_ids = Vec::new();
    for (n, how) in [
        Signing::OtherKey,
        Signing::WrongTimestamp,
        Signing::NoSignature,
        Signing::NoTimestamp,
        Signing::Tampered,
        Signing::Replayed,
    ]
    .into_iter()
    .enumerate()
    {
        let id = 1_300_000_000_000_000_200 + n as u64;
        refused_ids.push(id);
        let r = app
            .post(&cmd(id, PRIVATE, ALICE, "help", vec![]), how)
            .await;
        assert_eq!(r.status(), 401, "case {n}");
    }
    let r = app.post(&json!({"type": 1}), Signing::OtherKey).await;
    assert_eq!(r.status(), 401, "an unsigned PING is refused too");
    // A body far over any interaction's size.
    let id = 1_300_000_000_000_000_300;
    let mut huge = cmd(id, PRIVATE, ALICE, "help", vec![]);
    huge["padding"] = json!("x".repeat(2 << 20));
    refused_ids.push(id);
    let r = app.post(&huge, Signing::Good).await;
    assert_eq!(r.status(), 413);
    // Signed but not an interaction.
    let r = app.post_bytes(b"not json".to_vec(), Signing::Good).await;
    assert_eq!(r.status(), 400);

    // A later good request is answered, so nothing refused earlier was merely slow.
    let id = 1_300_000_000_000_000_400;
    let r = app
        .post(&cmd(id, PRIVATE, ALICE, "help", vec![]), Signing::Good)
        .await;
    assert_eq!(r.status(), 202);
    assert_eq!(app.callbacks_of(id), 1);
    for id in refused_ids {
        assert_eq!(app.callbacks_of(id), 0, "no handler ran for {id}");
    }

    // Health is the database alone: there is no gateway to be connected.
    let (status, body) = healthz(app.addr).await;
    assert_eq!(status, 200, "{body}");
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// HTTP interactions mode: privacy asked of Discord (the cache stays empty without a gateway)

impl HttpApp {
    fn id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Posts a signed interaction (the fake learns its channel and message, as Discord would
    /// know them) and returns the bot's first answer to it.
    async fn interact(&self, d: Value) -> Recorded {
        self.fake.remember_interaction(&d);
        let id = d["id"].as_str().expect("interaction id").to_string();
        let r = self.post(&d, Signing::Good).await;
        assert_eq!(r.status(), 202, "interaction {id} accepted");
        let prefix = format!("/interactions/{id}/");
        self.fake
            .wait_request(&format!("the answer to interaction {id}"), WAIT, |r| {
                r.method == "POST" && r.path.starts_with(&prefix) && r.path.ends_with("/callback")
            })
            .await
            .expect("the bot answers the interaction")
    }

    /// Wakes the sender and waits for a step that began after this call to end idle; the
    /// channel posts made meanwhile (see `TestApp::settle`).
    async fn settle(&self) -> Vec<Recorded> {
        let since = self.fake.requests().len();
        let mut steps = self.services.sender_steps.subscribe();
        let begun = steps.borrow().begun;
        self.services.wake.notify_one();
        tokio::time::timeout(WAIT, steps.wait_for(|s| s.idle > begun))
            .await
            .expect("the sender settles in time")
            .expect("the sender runs");
        self.fake
            .requests()
            .into_iter()
            .skip(since)
            .filter(is_channel_post)
            .collect()
    }

    async fn advance_to(&self, at: chrono::DateTime<chrono::Utc>) -> Vec<Recorded> {
        self.clock.set(at);
        self.settle().await
    }

    async fn advance_by(&self, by: chrono::Duration) -> Vec<Recorded> {
        use haven::clock::Clock;
        self.advance_to(self.clock.now() + by).await
    }

    fn query_i64(&self, sql: &str) -> i64 {
        let sql = sql.to_string();
        self.services
            .store
            .call_blocking(move |c| Ok(c.query_row(&sql, [], |r| r.get(0))?))
            .expect("query")
    }

    /// `GET` requests on exactly `path` recorded after the first `since` requests, with the
    /// status each was answered.
    fn gets_since(&self, since: usize, path: &str) -> Vec<u16> {
        self.fake
            .requests()
            .into_iter()
            .skip(since)
            .filter(|r| r.is("GET", path))
            .map(|r| r.status)
            .collect()
    }

    /// Every message the bot posted, or answered an interaction with, whose body holds `words`.
    fn posted_with(&self, words: &str) -> Vec<Recorded> {
        self.fake
            .requests()
            .into_iter()
            .filter(|r| {
                (is_channel_post(r)
                    || r.path.ends_with("/callback")
                    || r.path.contains("/webhooks/"))
                    && r.body
                        .as_ref()
                        .is_some_and(|b| b.to_string().contains(words))
            })
            .collect()
    }

    /// Alice invites Bob in PRIVATE and Bob accepts.
    async fn pair(&self) {
        let answer = self
            .interact(setup_cmd(self.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
            .await;
        assert_eq!(
            callback_type(&answer),
            callback::CHANNEL_MESSAGE_WITH_SOURCE,
            "{:?}",
            answer.body
        );
        assert!(!is_ephemeral(&answer), "the invitation: {:?}", answer.body);
        let ids = custom_ids(&answer);
        let msg = invitation_message(&answer, PRIVATE);
        let r = self
            .interact(component(
                self.id(),
                Some(GUILD),
                PRIVATE,
                BOB,
                &ids[0],
                msg,
            ))
            .await;
        assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE, "{:?}", r.body);
        assert_eq!(self.query_i64("SELECT count(*) FROM couples"), 1);
    }

    fn checkin(&self, user: u64, day: chrono::NaiveDate, appreciated: &str) -> Value {
        modal_submit(
            self.id(),
            Some(GUILD),
            PRIVATE,
            user,
            &ComponentId::CheckinForm(day).encode(),
            &[("mood", "4"), ("appreciated", appreciated), ("hear", "")],
        )
    }

    fn appreciate(&self, user: u64, text: &str) -> Value {
        cmd(
            self.id(),
            PRIVATE,
            user,
            "appreciate",
            vec![string_option("text", text)],
        )
    }

    fn paused_for_channel(&self) -> i64 {
        self.query_i64("SELECT count(*) FROM couples WHERE pause_reason = 'channel'")
    }
}

const GUILD_PATH: &str = "/guilds/2000";
const PRIVATE_PATH: &str = "/channels/3001";

/// The couple's channel as only the two of them (and the bot) can read it.
fn private_overwrites() -> Vec<Value> {
    vec![
        overwrite_role(GUILD, 0, VIEW),
        overwrite_member(ALICE, VIEW, 0),
        overwrite_member(BOB, VIEW, 0),
        overwrite_member(BOT_ID, BOT_PERMS, 0),
    ]
}

/// The same channel opened to @everyone.
fn public_overwrites() -> Vec<Value> {
    let mut o = private_overwrites();
    o[0] = overwrite_role(GUILD, VIEW, 0);
    o
}

#[tokio::test]
async fn the_fake_describes_servers_and_channels_as_serenity_reads_them() {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    let http = haven::discord::http_client(TOKEN, Some(&fake.base_url()));
    let g = http
        .get_guild(serenity::all::GuildId::new(GUILD))
        .await
        .expect("GET /guilds/{id} parses as a PartialGuild");
    assert_eq!(g.owner_id.get(), OWNER);
    assert!(g
        .roles
        .contains_key(&serenity::all::RoleId::new(ADMIN_ROLE)));
    assert!(g.roles.contains_key(&serenity::all::RoleId::new(GUILD)));
    let c = http
        .get_channel(serenity::all::ChannelId::new(PRIVATE))
        .await
        .expect("GET /channels/{id} parses");
    let serenity::all::Channel::Guild(c) = c else {
        panic!("a guild channel: {c:?}");
    };
    assert_eq!(c.guild_id.get(), GUILD);
    assert_eq!(c.permission_overwrites.len(), 4);
    fake.set_channel_overwrites(PRIVATE, public_overwrites());
    let serenity::all::Channel::Guild(c) = http
        .get_channel(serenity::all::ChannelId::new(PRIVATE))
        .await
        .expect("GET /channels/{id} parses")
    else {
        panic!("a guild channel");
    };
    let everyone = &c.permission_overwrites[0];
    assert!(everyone.allow.view_channel(), "the change is served");
    assert!(http
        .get_guild(serenity::all::GuildId::new(GUILD + 1))
        .await
        .is_err());
    fake.shutdown().await;
}

#[tokio::test]
async fn http_mode_pairs_a_couple_posts_their_words_and_stops_once_the_channel_opens() {
    let app = spawn_http_app().await;

    // /setup in a channel only the two of them can read: Discord is asked (the cache is empty),
    // once about the server and once about the channel.
    let before = app.fake.requests().len();
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_eq!(
        callback_type(&answer),
        callback::CHANNEL_MESSAGE_WITH_SOURCE,
        "{:?}",
        answer.body
    );
    assert!(!is_ephemeral(&answer), "the invitation: {:?}", answer.body);
    assert_eq!(app.gets_since(before, GUILD_PATH), [200]);
    assert_eq!(app.gets_since(before, PRIVATE_PATH), [200]);
    // Who else can see it, from the server Discord described: its owner and admin role.
    let text = content(&answer);
    assert!(text.contains(&format!("<@{OWNER}>")), "{text}");
    assert!(text.contains("Admins"), "{text}");

    // Bob accepts: the channel is checked again, and the couple starts.
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    let before = app.fake.requests().len();
    let r = app
        .interact(component(app.id(), Some(GUILD), PRIVATE, BOB, &ids[0], msg))
        .await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE, "{:?}", r.body);
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);
    assert_eq!(app.gets_since(before, PRIVATE_PATH), [200]);

    // An appreciation is posted with its words.
    let r = app
        .interact(app.appreciate(ALICE, "Thank you for the soup"))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r), "{:?}", r.body);
    assert!(r.body.as_ref().unwrap().to_string().contains("soup"));

    // Both check in: the reveal is posted by the sender, after one fresh look each.
    app.interact(app.checkin(ALICE, TODAY, "day one from Alice"))
        .await;
    let before = app.fake.requests().len();
    app.interact(app.checkin(BOB, TODAY, "day one from Bob"))
        .await;
    app.settle().await;
    let reveal = app.posted_with("day one from Bob");
    assert_eq!(reveal.len(), 1, "one reveal");
    assert_eq!(reveal[0].path, format!("/channels/{PRIVATE}/messages"));
    assert!(reveal[0]
        .body
        .as_ref()
        .unwrap()
        .to_string()
        .contains("day one from Alice"));
    assert_eq!(app.gets_since(before, GUILD_PATH), [200]);
    assert_eq!(app.gets_since(before, PRIVATE_PATH), [200]);

    // The next day someone opens the channel to @everyone (no gateway tells haven): the
    // reveal is held, the couple paused and told without content, and no words go out.
    app.advance_to(utc(2026, 11, 27, 12, 0, 0)).await;
    app.fake
        .set_channel_overwrites(PRIVATE, public_overwrites());
    app.interact(app.checkin(ALICE, date(2026, 11, 27), "day two from Alice"))
        .await;
    app.interact(app.checkin(BOB, date(2026, 11, 27), "day two from Bob"))
        .await;
    let posts = app.settle().await;
    assert!(app.posted_with("day two from").is_empty(), "{posts:?}");
    assert_eq!(app.paused_for_channel(), 1);
    let held = app.posted_with("holding back");
    assert_eq!(held.len(), 1, "the partners are told: {posts:?}");

    // An appreciation now is refused, and its words are posted nowhere.
    let r = app
        .interact(app.appreciate(BOB, "Thank you for the walk"))
        .await;
    assert_ephemeral_says(&r, "outside your couple can read");
    assert!(app.posted_with("the walk").is_empty());
    assert_eq!(app.query_i64("SELECT count(*) FROM appreciations"), 1);

    // Made private again and resumed: the held reveal goes out after a fresh look.
    app.fake
        .set_channel_overwrites(PRIVATE, private_overwrites());
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "resume", vec![]))
        .await;
    assert!(content(&r).contains("resumed"), "{:?}", r.body);
    app.settle().await;
    assert_eq!(app.posted_with("day two from Bob").len(), 1);
    app.stop().await;
}

#[tokio::test]
async fn http_mode_setup_refuses_what_outsiders_can_read_and_what_discord_will_not_describe() {
    let app = spawn_http_app().await;
    let setup =
        |channel: u64, from: u64, to: u64| setup_cmd(app.id(), channel, from, to, "UTC", vec![]);

    let r = app.interact(setup(PUBLIC, ALICE, BOB)).await;
    assert_ephemeral_says(&r, "everyone in the server");
    let r = app.interact(setup(ROLE_OPEN, ALICE, BOB)).await;
    assert_ephemeral_says(&r, "**friends**");
    let r = app.interact(setup(VOICE, ALICE, BOB)).await;
    assert_ephemeral_says(&r, "plain text channel");
    let r = app.interact(setup(NO_BOB, ALICE, BOB)).await;
    assert_ephemeral_says(&r, "can't see this channel");

    // Discord does not answer about the server (500, then a 429), or about the channel: try
    // again in a moment; nothing is created and no invitation is posted.
    app.fake.push_fault(
        "GET",
        GUILD_PATH,
        500,
        json!({"message": "oops", "code": 0}),
    );
    let r = app.interact(setup(PRIVATE, ALICE, BOB)).await;
    assert_ephemeral_says(&r, "try again in a moment");
    tokio::time::sleep(haven::discord::privacy::FAILURE_BACKOFF).await;
    app.fake.push_fault(
        "GET",
        GUILD_PATH,
        429,
        json!({"message": "You are being rate limited.", "retry_after": 1.0, "global": false}),
    );
    let r = app.interact(setup(PRIVATE, ALICE, BOB)).await;
    assert_ephemeral_says(&r, "try again in a moment");
    tokio::time::sleep(haven::discord::privacy::FAILURE_BACKOFF).await;
    app.fake.push_fault(
        "GET",
        PRIVATE_PATH,
        500,
        json!({"message": "oops", "code": 0}),
    );
    let r = app.interact(setup(PRIVATE, ALICE, BOB)).await;
    assert_ephemeral_says(&r, "try again in a moment");
    tokio::time::sleep(haven::discord::privacy::FAILURE_BACKOFF).await;
    // A channel the bot may not see is not described to it: what is missing is named.
    app.fake.push_fault(
        "GET",
        PRIVATE_PATH,
        403,
        json!({"message": "Missing Access", "code": 50001}),
    );
    let mut blind = setup(PRIVATE, ALICE, BOB);
    blind["app_permissions"] = json!("0");
    let r = app.interact(blind).await;
    assert_ephemeral_says(&r, "missing some permissions in this channel");
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 0);
    tokio::time::sleep(haven::discord::privacy::FAILURE_BACKOFF).await;

    // Once Discord answers, the same /setup works.
    let r = app.interact(setup(PRIVATE, ALICE, BOB)).await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r), "the invitation: {:?}", r.body);

    // A channel Discord says does not exist is not one haven can live in.
    app.fake.push_fault(
        "GET",
        "/channels/3002",
        404,
        json!({"message": "Unknown Channel", "code": 10003}),
    );
    let r = app.interact(setup(PRIVATE_CD, CAROL, DAN)).await;
    assert_ephemeral_says(&r, "plain text channel");
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 1);
    app.stop().await;
}

#[tokio::test]
async fn http_mode_creates_a_private_channel_that_lets_the_bot_in_by_its_own_id() {
    let app = spawn_http_app().await;
    let before = app.fake.requests().len();
    let answer = app
        .interact(setup_cmd(
            app.id(),
            PRIVATE,
            ALICE,
            BOB,
            "UTC",
            vec![json!({"name": "private_channel", "type": 5, "value": true})],
        ))
        .await;
    // Run from a channel only the two of them read, the invitation is posted there.
    assert_eq!(
        callback_type(&answer),
        callback::CHANNEL_MESSAGE_WITH_SOURCE
    );
    assert!(!is_ephemeral(&answer), "{:?}", answer.body);
    // One look at the server serves the new channel, the bot's own permissions and this
    // channel's check; the bot's id and roles are asked once.
    assert_eq!(app.gets_since(before, GUILD_PATH), [200]);
    assert_eq!(app.gets_since(before, PRIVATE_PATH), [200]);
    assert_eq!(
        app.gets_since(before, &format!("/guilds/{GUILD}/members/{BOT_ID}")),
        [200]
    );
    assert_eq!(app.gets_since(before, "/users/@me"), [200]);

    // From a channel others can read, the invitation goes by DM, naming the server Discord
    // described.
    let r = app
        .interact(setup_cmd(
            app.id(),
            PUBLIC,
            CAROL,
            DAN,
            "UTC",
            vec![json!({"name": "private_channel", "type": 5, "value": true})],
        ))
        .await;
    assert_eq!(
        callback_type(&r),
        callback::DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    );
    app.fake
        .wait_request("the DM channel", WAIT, |r| {
            r.is("POST", "/users/@me/channels")
        })
        .await
        .expect("a DM channel is opened");
    let dm_path = format!(
        "/channels/{}/messages",
        app.fake.dm_channel_of(DAN).expect("a DM channel with Dan")
    );
    let dm = app
        .fake
        .wait_request("the invitation by DM", WAIT, |r| r.is("POST", &dm_path))
        .await
        .expect("sent by DM");
    let dm_text = dm.body.as_ref().unwrap()["content"].to_string();
    assert!(dm_text.contains("guild2000"), "{dm_text}");

    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    app.interact(component(app.id(), Some(GUILD), PRIVATE, BOB, &ids[0], msg))
        .await;
    let created = app
        .fake
        .wait_request("the couple's channel", WAIT, |r| {
            r.is("POST", &format!("/guilds/{GUILD}/channels"))
        })
        .await
        .expect("a channel is created");
    let overwrites = created.body.as_ref().unwrap()["permission_overwrites"].clone();
    let bot = overwrites
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == json!(BOT_ID.to_string()));
    assert!(bot.is_some(), "the bot lets itself in: {overwrites}");
    assert!(
        !overwrites.to_string().contains("\"1\""),
        "not the empty cache's placeholder user: {overwrites}"
    );
    app.settle().await;
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);
    app.stop().await;
}

#[tokio::test]
async fn http_mode_never_posts_words_into_a_public_channel_when_discord_will_not_say() {
    let app = spawn_http_app().await;
    app.pair().await;
    app.fake
        .set_channel_overwrites(PRIVATE, public_overwrites());
    let oops = json!({"message": "oops", "code": 0});
    let limited =
        json!({"message": "You are being rate limited.", "retry_after": 1.0, "global": false});
    app.fake.push_fault("GET", GUILD_PATH, 500, oops.clone());
    app.fake
        .push_fault("GET", PRIVATE_PATH, 429, limited.clone());
    app.fake.push_fault("GET", GUILD_PATH, 429, limited);
    app.fake.push_fault("GET", PRIVATE_PATH, 500, oops);
    let before = app.fake.requests().len();
    app.interact(app.checkin(ALICE, TODAY, "first secret"))
        .await;
    app.interact(app.checkin(BOB, TODAY, "second secret")).await;

    // The reveal is tried again every few seconds; while Discord fails it is neither posted
    // nor held, and once Discord answers it is held.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while app.paused_for_channel() == 0 {
        app.advance_by(chrono::Duration::seconds(5)).await;
        assert!(app.posted_with("secret").is_empty());
        assert!(
            tokio::time::Instant::now() < deadline,
            "held once Discord answers"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(app.posted_with("secret").is_empty());
    let guild = app.gets_since(before, GUILD_PATH);
    let channel = app.gets_since(before, PRIVATE_PATH);
    assert!(guild.contains(&500) && guild.contains(&429), "{guild:?}");
    assert!(
        channel.contains(&500) && channel.contains(&429),
        "{channel:?}"
    );
    assert_eq!(guild.last(), Some(&200));
    assert_eq!(channel.last(), Some(&200));
    assert_eq!(app.posted_with("holding back").len(), 1);

    // Private again and resumed: the reveal goes.
    app.fake
        .set_channel_overwrites(PRIVATE, private_overwrites());
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "resume", vec![]))
        .await;
    assert!(content(&r).contains("resumed"), "{:?}", r.body);
    app.settle().await;
    assert_eq!(app.posted_with("second secret").len(), 1);

    // Public again the next day, and Discord says it knows neither the server nor the
    // channel (404): nothing is posted, however often it is tried.
    app.advance_to(utc(2026, 11, 27, 12, 0, 0)).await;
    app.fake
        .set_channel_overwrites(PRIVATE, public_overwrites());
    let unknown = |code| json!({"message": "Unknown", "code": code});
    app.fake.push_fault("GET", GUILD_PATH, 404, unknown(10004));
    app.fake
        .push_fault("GET", PRIVATE_PATH, 404, unknown(10003));
    let before = app.fake.requests().len();
    app.interact(app.checkin(ALICE, date(2026, 11, 27), "third secret"))
        .await;
    app.interact(app.checkin(BOB, date(2026, 11, 27), "fourth secret"))
        .await;
    for _ in 0..4 {
        app.advance_by(chrono::Duration::seconds(5)).await;
    }
    assert!(app.posted_with("third secret").is_empty());
    assert!(app.posted_with("fourth secret").is_empty());
    assert_eq!(app.gets_since(before, GUILD_PATH).first(), Some(&404));
    assert_eq!(app.gets_since(before, PRIVATE_PATH).first(), Some(&404));
    // A 404 is believed for a while: not asked again on every try.
    assert!(app.gets_since(before, PRIVATE_PATH).len() < 3);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'reveal' AND status = 'pending'"),
        1,
        "the reveal waits"
    );
    app.stop().await;
}
