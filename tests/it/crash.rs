//! Exactly once, whatever instant the process dies at: the real `haven` binary is killed with
//! SIGKILL at random moments while a schedule fires every second, and restarted each time.
//! Also the two recovery paths that need no kill: the read-back after the nonce window, and
//! the catch-up after downtime.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime};

use chrono::{TimeZone, Utc};
use haven::clock::Clock;
use haven::domain::custom_id::ComponentId;
use haven::domain::ids::{ChannelId, CoupleId, GuildId, UserId};
use haven::domain::prompt::Practice;
use haven::domain::time::Timezone;
use haven::store::{couples, outbox, Store};
use rand::Rng;
use serde_json::json;
use tokio::process::{Child, Command};

use crate::harness::*;
use crate::support::fake::{FakeDiscord, Recorded};
use crate::world::*;

const KILLS: usize = 30;

fn spawn_haven(fake: &FakeDiscord, db: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_haven"))
        .arg("run")
        .env_clear()
        .env("DISCORD_TOKEN", TOKEN)
        .env("HAVEN_DISCORD__API_BASE_URL", fake.base_url())
        .env("HAVEN_STORAGE__DATABASE_PATH", db)
        .env("HAVEN_SCHEDULE__MIN_INTERVAL_SECS", "1")
        .env("HAVEN_SCHEDULE__MAX_NUDGES_PER_DAY", "86400")
        .env("RUST_LOG", "error")
        .kill_on_drop(true)
        .spawn()
        .expect("haven starts")
}

fn nonce_of(r: &Recorded) -> Option<String> {
    r.body.as_ref()?["nonce"].as_str().map(str::to_string)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_at_random_moments_never_loses_or_duplicates_a_nudge() {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    // Discord answering slowly widens the moment between a POST and its acknowledgement, so
    // many kills land while a nudge is in flight.
    fake.set_message_delay(Some(Duration::from_millis(300)));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("haven.db");
    {
        let store = Store::open(&db, Duration::from_millis(1500)).unwrap();
        store
            .call_blocking(|c| {
                couples::insert(
                    c,
                    &couples::NewCouple {
                        language: Default::default(),
                        guild_id: GuildId(GUILD),
                        channel_id: ChannelId(PRIVATE),
                        partners: [UserId(ALICE), UserId(BOB)],
                        timezone: Timezone::parse("UTC").unwrap(),
                        schedule: haven::domain::schedule::CronExpr::parse("* * * * * *").unwrap(),
                        created_channel: false,
                        created_at: Utc::now(),
                        next_due: None,
                    },
                )
            })
            .unwrap();
    }

    // Each run is [start, the moment it was seen dead].
    let mut runs: Vec<(SystemTime, SystemTime)> = Vec::new();
    let mut rng = rand::rng();
    for _ in 0..KILLS {
        let start = SystemTime::now();
        let mut child = spawn_haven(&fake, &db);
        let lifetime = rng.random_range(150..2500);
        tokio::time::sleep(Duration::from_millis(lifetime)).await;
        child.start_kill().unwrap();
        tokio::time::timeout(WAIT, child.wait())
            .await
            .expect("killed")
            .unwrap();
        runs.push((start, SystemTime::now()));
        // Now and then the host takes a while to restart it: several nudges fall due meanwhile.
        if rng.random_bool(0.25) {
            tokio::time::sleep(Duration::from_millis(rng.random_range(1500..3500))).await;
        }
    }
    // A last run that ends gracefully.
    fake.set_message_delay(None);
    let start = SystemTime::now();
    let mut child = spawn_haven(&fake, &db);
    tokio::time::sleep(Duration::from_secs(4)).await;
    let pid = child.id().unwrap().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("stops")
        .unwrap();
    assert_eq!(status.code(), Some(0));
    runs.push((start, SystemTime::now()));

    let store = Store::open(&db, Duration::from_millis(1500)).unwrap();
    let rows: Vec<(String, i64, String)> = store
        .call_blocking(|c| {
            let mut stmt =
                c.prepare("SELECT nonce, occurrence, status FROM outbox WHERE kind = 'nudge' ORDER BY occurrence")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
        .unwrap();
    assert!(!rows.is_empty());

    // Nothing lost: every scheduled second from the first to the last recorded is recorded
    // once, as sent or as skipped, and none is left pending after the graceful stop.
    let first = rows.first().unwrap().1;
    let last = rows.last().unwrap().1;
    let instants: BTreeSet<i64> = rows.iter().map(|r| r.1).collect();
    assert_eq!(instants.len(), rows.len(), "each occurrence recorded once");
    assert_eq!(
        instants.len() as i64,
        last - first + 1,
        "no second is missing from the record"
    );
    assert!(
        rows.iter().all(|r| r.2 == "sent" || r.2 == "skipped"),
        "nothing left pending"
    );

    // Nothing duplicated: exactly one created message per sent occurrence, and no message
    // that is not a recorded occurrence.
    let sent: BTreeSet<String> = rows
        .iter()
        .filter(|r| r.2 == "sent")
        .map(|r| r.0.clone())
        .collect();
    let mut created: BTreeMap<String, usize> = BTreeMap::new();
    for m in fake.channel_messages(PRIVATE) {
        if let Some(n) = m["nonce"].as_str() {
            *created.entry(n.to_string()).or_default() += 1;
        }
    }
    assert!(
        created.values().all(|n| *n == 1),
        "one message per nonce: {created:?}"
    );
    assert_eq!(created.keys().cloned().collect::<BTreeSet<_>>(), sent);

    // A second raw POST of a nonce only after a kill: every POST of one occurrence is in a
    // different run of the process.
    let run_of = |at: SystemTime| runs.iter().rposition(|(s, _)| *s <= at).unwrap_or(0);
    let mut posts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for r in fake.requests() {
        if r.method == "POST" && r.path == format!("/channels/{PRIVATE}/messages") {
            posts
                .entry(nonce_of(&r).expect("a nonce"))
                .or_default()
                .push(run_of(r.at));
        }
    }
    let mut repeated = 0;
    for (nonce, in_runs) in &posts {
        let distinct: BTreeSet<usize> = in_runs.iter().copied().collect();
        assert_eq!(
            distinct.len(),
            in_runs.len(),
            "{nonce} was POSTed twice within one run: {in_runs:?}"
        );
        if in_runs.len() > 1 {
            repeated += 1;
            // ...and the earlier run was one that was killed.
            assert!(in_runs[..in_runs.len() - 1].iter().all(|r| *r < KILLS));
        }
    }
    let skipped = rows.iter().filter(|r| r.2 == "skipped").count();
    eprintln!(
        "crash test: {KILLS} kills, {} occurrences recorded, {} sent, {skipped} skipped while down, {repeated} re-POSTed after a kill (same nonce), 0 duplicates",
        rows.len(),
        sent.len(),
    );
    assert!(sent.len() >= KILLS, "the bot made progress between kills");
    fake.assert_schema_clean();
    fake.shutdown().await;
}

/// An occurrence whose nonce window has passed is looked for in the channel first: found, it
/// is recorded as sent without a new POST; not found, it is sent again.
#[tokio::test]
async fn after_the_nonce_window_the_channel_is_read_back_first() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let now = app.clock.now();
    let couple = CoupleId(app.query_i64("SELECT id FROM couples") as u64);
    let occ_found = now - chrono::Duration::minutes(5);
    let occ_missing = now - chrono::Duration::minutes(4);

    // The first was posted before the crash: a message carrying its marker is in the channel.
    let http = haven::discord::http_client(TOKEN, Some(&app.fake.base_url()));
    let marker = haven::domain::post::PostKind::Nudge.marker(occ_found, couple);
    let earlier = serenity::all::ChannelId::new(PRIVATE)
        .send_message(
            &http,
            serenity::all::CreateMessage::new()
                .content("an earlier nudge")
                .components(vec![serenity::all::CreateActionRow::Buttons(vec![
                    serenity::all::CreateButton::new(ComponentId::another_prompt(
                        Practice::Appreciation,
                        &marker,
                    ))
                    .label("Another prompt"),
                ])]),
        )
        .await
        .unwrap();

    let window_start = now - chrono::Duration::minutes(3);
    let ids: Vec<i64> = [occ_found, occ_missing]
        .into_iter()
        .map(|occ| {
            let post = haven::render::posts::nudge(
                haven::copy::Lang::ENGLISH,
                Practice::Appreciation,
                "Say one thing you loved today.",
                &[],
                &haven::domain::post::PostKind::Nudge.marker(occ, couple),
            );
            app.store
                .call_blocking(move |c| {
                    let id = outbox::insert(
                        c,
                        &outbox::NewRow {
                            day: None,
                            couple_id: couple,
                            kind: haven::domain::post::PostKind::Nudge,
                            occurrence: occ,
                            channel_id: ChannelId(PRIVATE),
                            post: &post,
                            status: outbox::Status::Pending,
                            skip_reason: None,
                            next_attempt_at: now,
                            now,
                        },
                    )?
                    .expect("recorded");
                    outbox::start_window(c, id, window_start)?;
                    Ok(id.0 as i64)
                })
                .unwrap()
        })
        .collect();
    app.wake.notify_one();

    let deadline = tokio::time::Instant::now() + WAIT;
    while app.query_i64("SELECT count(*) FROM outbox WHERE status = 'sent'") < 2 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{:?}",
            app.fake
                .requests()
                .iter()
                .map(Recorded::summary)
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(
        app.query_i64(&format!(
            "SELECT message_id FROM outbox WHERE id = {}",
            ids[0]
        )),
        earlier.id.get() as i64,
        "found on read-back, recorded as sent"
    );
    let reqs = app.fake.requests();
    let nonce = |id: i64| -> String {
        app.store
            .call_blocking(move |c| {
                Ok(c.query_row("SELECT nonce FROM outbox WHERE id = ?1", [id], |r| r.get(0))?)
            })
            .unwrap()
    };
    let posts_of = |id: i64| {
        let n = nonce(id);
        reqs.iter()
            .filter(|r| {
                r.method == "POST" && r.body.as_ref().is_some_and(|b| b["nonce"] == json!(n))
            })
            .count()
    };
    assert_eq!(
        posts_of(ids[0]),
        0,
        "no second POST for a post already in the channel"
    );
    assert_eq!(posts_of(ids[1]), 1, "the missing one is sent again");
    let first_get = reqs
        .iter()
        .position(|r| r.method == "GET" && r.path == format!("/channels/{PRIVATE}/messages"));
    let resent = nonce(ids[1]);
    let resend = reqs.iter().position(|r| {
        r.method == "POST" && r.body.as_ref().is_some_and(|b| b["nonce"] == json!(resent))
    });
    assert!(
        first_get.is_some() && first_get < resend,
        "read back before sending again"
    );
    app.stop().await;
}

/// After downtime only the latest missed occurrence is sent, and only if its day has not
/// ended; the earlier ones are recorded as skipped.
#[tokio::test]
async fn catch_up_sends_only_the_latest_of_today() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await; // daily at 20:00 UTC, first due 2026-11-26 20:00
    let caught_up = app
        .advance_to(Utc.with_ymd_and_hms(2026, 11, 29, 21, 0, 0).unwrap())
        .await;
    let post = caught_up
        .iter()
        .find(|r| r.path == format!("/channels/{PRIVATE}/messages"))
        .expect("the caught-up nudge");
    assert_eq!(
        app.query_i64(
            "SELECT count(*) FROM outbox WHERE status = 'skipped' AND skip_reason = 'missed'"
        ),
        3
    );
    let sent_occ = app.query_i64("SELECT occurrence FROM outbox WHERE status = 'sent'");
    assert_eq!(
        sent_occ,
        Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0)
            .unwrap()
            .timestamp()
    );
    assert!(nonce_of(post).is_some());
    let posts = app
        .fake
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with("/channels/"))
        .count();
    assert_eq!(posts, 1, "no burst of stale nudges");

    // A day later, past midnight: yesterday's 20:00 is stale and skipped, nothing is sent.
    app.advance_to(Utc.with_ymd_and_hms(2026, 12, 1, 0, 30, 0).unwrap())
        .await;
    assert!(app.query_i64("SELECT count(*) FROM outbox WHERE status = 'skipped'") >= 4);
    let posts = app
        .fake
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with("/channels/"))
        .count();
    assert_eq!(posts, 1);
    app.stop().await;
}
