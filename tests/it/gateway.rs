//! The gateway connection: reconnects, prompt stops whatever Discord is doing (an outage, a
//! re-IDENTIFY), close frames, and the close codes and answers after which haven stops instead
//! of retrying (4011, 4014, an exhausted session-start budget, a `/gateway/bot` answer that
//! cannot be right).

use std::time::Duration;

use haven::app::App;
use haven::config::Settings;
use haven::discord::RunError;
use serde_json::{json, Value};
use tokio::process::Command;
use tokio_util::sync::CancellationToken;

use crate::harness::*;
use crate::support::fake::{ClientClose, FakeDiscord, GatewayMode};
use crate::support::payloads::slash;
use crate::world::*;

#[tokio::test]
async fn a_reconnect_request_resumes_and_commands_still_work() {
    let app = spawn_app(vec![server()]).await;
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            "help",
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "haven");
    let connections = app.fake.connection_count();
    app.fake.send_raw(json!({"op": 7, "d": null}));
    let deadline = tokio::time::Instant::now() + WAIT;
    while app.fake.resume_count() == 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the bot resumes after op 7"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        app.fake.connection_count() > connections,
        "a new connection"
    );
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            "help",
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "haven");
    assert_eq!(app.fake.identify_count(), 1, "resumed, not re-identified");
    app.stop().await;
}

/// Waits (bounded) until `cond` holds.
async fn until(what: &str, cond: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !cond() {
        assert!(tokio::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_stop_during_a_gateway_outage_is_prompt() {
    let app = spawn_app(vec![server()]).await;
    // Discord's gateway stops answering: the open connection drops without a close frame and
    // new ones are never answered.
    app.fake.gateway_outage(GatewayMode::Silent);
    let before = app.fake.connection_count();
    // serenity tries again (its resume waits on a connection that is never answered).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(app.fake.connection_count(), before, "nothing gets through");
    // `stop` cancels and requires run to have returned Ok within WAIT (10 s).
    app.stop().await;
}

#[tokio::test]
async fn a_stop_after_a_reidentify_closes_the_gateway_with_1000() {
    let app = spawn_app(vec![server()]).await;
    // op 9 (not resumable): serenity IDENTIFYs again on a new connection, about 5 s later.
    app.fake.send_raw(json!({"op": 9, "d": false}));
    let fake = app.fake.clone();
    until("a fresh IDENTIFY", || fake.identify_count() == 2).await;
    app.fake
        .wait_ready(WAIT)
        .await
        .expect("ready again after the re-IDENTIFY");
    // The new session works.
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            "help",
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "haven");
    let closes_before = fake.client_closes().len();
    app.stop().await;
    let closes = fake.client_closes();
    let after: Vec<&ClientClose> = closes[closes_before..].iter().collect();
    assert!(
        after.iter().any(|c| c.code == Some(1000) && !c.answered),
        "the open connection was closed with a close frame 1000: {after:?}"
    );
    assert!(
        after.iter().all(|c| c.code.is_some()),
        "no connection open at the stop ended without a close frame: {after:?}"
    );
}

/// Starts haven on `fake` without waiting for the gateway, with `tweak` applied.
fn start(
    fake: &FakeDiscord,
    dir: &std::path::Path,
    tweak: impl FnOnce(&mut Settings),
) -> (
    CancellationToken,
    tokio::task::JoinHandle<Result<(), RunError>>,
) {
    let mut settings = settings_for(fake, dir);
    tweak(&mut settings);
    let app = App::build(settings).expect("app builds");
    let stop = CancellationToken::new();
    (stop.clone(), tokio::spawn(app.run(stop)))
}

/// How a run that must end by itself ended.
async fn ended(handle: tokio::task::JoinHandle<Result<(), RunError>>) -> Result<(), RunError> {
    tokio::time::timeout(WAIT, handle)
        .await
        .expect("haven stops by itself")
        .expect("no panic")
}

#[track_caller]
fn refused_saying(r: &Result<(), RunError>, needles: &[&str]) {
    match r {
        Err(e @ RunError::Refused(_)) => {
            let text = e.to_string();
            assert!(e.is_config(), "exit 78");
            for n in needles {
                assert!(text.contains(n), "expected {n:?} in {text:?}");
            }
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn sharding_required_ends_the_run_instead_of_a_loop() {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    fake.require_shards(2);
    // Discord's recommendation lags behind: it says 1 shard but requires 2.
    fake.set_gateway_bot(json!({
        "shards": 1,
        "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 1000, "max_concurrency": 1}
    }));
    let dir = tempfile::tempdir().unwrap();
    let (_stop, handle) = start(&fake, dir.path(), |_| {});
    let r = ended(handle).await;
    refused_saying(&r, &["4011", "discord.total_shards = 2"]);
    assert_eq!(fake.identifies(), vec![[0, 1]], "one IDENTIFY, no loop");

    // A fixed total that is too small: the advice is to raise it.
    let dir = tempfile::tempdir().unwrap();
    let (_stop, handle) = start(&fake, dir.path(), |s| {
        s.discord.shards = Some("0".into());
        s.discord.total_shards = Some(1);
    });
    let r = ended(handle).await;
    refused_saying(&r, &["4011", "raise discord.total_shards"]);
    assert_eq!(fake.identifies().len(), 2);
    fake.assert_schema_clean();
    fake.shutdown().await;
}

#[tokio::test]
async fn disallowed_intents_end_the_run_saying_what_to_enable() {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    fake.refuse_identify(4014);
    let dir = tempfile::tempdir().unwrap();
    let (_stop, handle) = start(&fake, dir.path(), |_| {});
    let r = ended(handle).await;
    refused_saying(&r, &["4014", "GUILDS", "Developer Portal"]);
    assert_eq!(fake.identify_count(), 1);
    fake.shutdown().await;
}

#[tokio::test]
async fn an_exhausted_session_budget_says_when_it_resets_and_identifies_nothing() {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    fake.set_gateway_bot(json!({
        "shards": 2,
        "session_start_limit": {"total": 1000, "remaining": 1, "reset_after": 7_260_000, "max_concurrency": 1}
    }));
    let dir = tempfile::tempdir().unwrap();
    let (_stop, handle) = start(&fake, dir.path(), |_| {});
    let r = ended(handle).await;
    refused_saying(
        &r,
        &["1 of 1000 starts left", "needs 2", "resets in 2 h 1 min"],
    );
    assert_eq!(fake.connection_count(), 0, "no connection was opened");
    fake.shutdown().await;
}

#[tokio::test]
async fn gateway_bot_answers_that_cannot_be_right_are_refused() {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    let limit = json!({"total": 1000, "remaining": 999, "reset_after": 1000, "max_concurrency": 1});
    for (body, needle) in [
        (
            json!({"shards": 0, "session_start_limit": limit}),
            "recommends 0 shards",
        ),
        (json!({"shards": 1}), "cannot be used"),
        (
            json!({"shards": 4_294_967_296u64, "session_start_limit": limit}),
            "cannot be used",
        ),
        (
            json!({"shards": 100_000, "session_start_limit": limit}),
            "recommends 100000 shards",
        ),
        (
            json!({"shards": 1, "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 1000, "max_concurrency": 0}}),
            "max_concurrency 0",
        ),
        (
            json!({"url": "http://evil.example/?x=1", "shards": 1, "session_start_limit": limit}),
            "not a ws:// or wss:// address",
        ),
    ] {
        fake.set_gateway_bot(body.clone());
        let dir = tempfile::tempdir().unwrap();
        let (_stop, handle) = start(&fake, dir.path(), |_| {});
        match ended(handle).await {
            Err(e @ RunError::Other(_)) => {
                assert!(e.to_string().contains(needle), "{body}: {e}")
            }
            other => panic!("{body}: expected a clear error, got {other:?}"),
        }
    }
    assert_eq!(fake.connection_count(), 0, "nothing was started");
    fake.shutdown().await;
}

#[tokio::test]
async fn the_binary_stops_within_10_s_on_sigterm_during_an_outage() {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    let dir = tempfile::tempdir().unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_haven"));
    c.current_dir(dir.path())
        .env_clear()
        .env("DISCORD_TOKEN", TOKEN)
        .env("RUST_LOG", "warn")
        .env("HAVEN_DISCORD__API_BASE_URL", fake.base_url())
        .env("HAVEN_STORAGE__DATABASE_PATH", dir.path().join("haven.db"))
        .arg("run")
        .kill_on_drop(true);
    let mut child = c.spawn().unwrap();
    fake.wait_ready(WAIT).await.expect("the binary connects");
    fake.gateway_outage(GatewayMode::Refuse);
    // serenity notices and tries again against a gateway that refuses.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let pid = child.id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("haven exits within 10 s of SIGTERM during an outage")
        .unwrap();
    assert_eq!(status.code(), Some(0), "a graceful stop");
    fake.shutdown().await;
}
