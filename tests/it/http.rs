//! The host's HTTP endpoint: `/metrics` moves with what haven does, `/healthz` follows the
//! gateway and the database, and HTTP interactions mode verifies Discord's signatures and runs
//! the same handlers as the gateway.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};
use haven::app::App;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::harness::*;
use crate::support::fake::{FakeDiscord, GatewayMode};
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
    shutdown: CancellationToken,
    handle: tokio::task::JoinHandle<Result<(), haven::discord::RunError>>,
    _dir: tempfile::TempDir,
}

/// haven in HTTP interactions mode against the fake (no gateway), once it accepts a PING.
async fn spawn_http_app() -> HttpApp {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let key = SigningKey::from_bytes(&[42; 32]);
    let mut settings = settings_for(&fake, dir.path());
    settings.http.listen = Some("127.0.0.1:0".into());
    settings.discord.interactions = haven::config::InteractionsMode::Http;
    settings.discord.public_key = Some(hex::encode(key.verifying_key().to_bytes()));
    let app =
        App::build_with_clock(settings, Arc::new(haven::clock::SystemClock)).expect("app builds");
    let addr = app.http_addr().expect("bound");
    let shutdown = CancellationToken::new();
    let handle = tokio::spawn(app.run(shutdown.clone()));
    let app = HttpApp {
        fake,
        addr,
        key,
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
    assert_eq!(content(&answer), haven::copy::HELP);

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
