//! Scheduled nudges end to end: the schedule commands, prompts, and posts that leave on time
//! through the outbox, exactly once, with retries and pauses.

use std::time::Duration;

use haven::clock::Clock;
use haven::domain::custom_id::ComponentId;
use haven::domain::prompt::Practice;
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{bot_message, callback, component, string_option};
use crate::world::*;

fn embed_description(r: &Recorded) -> String {
    callback_data(r)["embeds"][0]["description"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn is_post_to(r: &Recorded, channel: u64) -> bool {
    r.method == "POST" && r.path == format!("/channels/{channel}/messages")
}

#[tokio::test]
async fn schedule_commands_show_change_pause_resume_and_skip() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;

    let r = app.interact(schedule_show(app.id(), PRIVATE, ALICE)).await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(is_ephemeral(&r));
    let d = embed_description(&r);
    assert!(d.contains("every day at 20:00"), "{d}");
    assert_eq!(d.matches("<t:").count(), 5, "{d}");
    assert!(
        d.contains(&format!("<t:{}:F>", 1_795_723_200)),
        "the first is 2026-11-26 20:00 UTC: {d}"
    );

    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            BOB,
            vec![
                string_option("time", "07:30"),
                string_option("days", "weekdays"),
                string_option("timezone", "Europe/Berlin"),
            ],
        ))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r), "both partners see a change");
    let d = embed_description(&r);
    assert!(
        d.contains("weekdays at 07:30") && d.contains("Europe/Berlin"),
        "{d}"
    );
    assert_eq!(d.matches("<t:").count(), 5);
    // Friday 2026-11-27 07:30 in Berlin is 06:30 UTC.
    assert!(d.contains("<t:1795761000:F>"), "{d}");
    assert_no_mass_mentions(&r);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE schedule_cron = '0 30 7 * * Mon-Fri' AND timezone = 'Europe/Berlin'"),
        1
    );

    // Refusals name the bad part and change nothing.
    for (opts, needle) in [
        (vec![string_option("cron", "*/5 * * * *")], "5 minutes"),
        (
            vec![string_option("cron", "0 9 1 * 1")],
            "both day-of-month and day-of-week",
        ),
        (vec![string_option("cron", "0 9 * * 8")], "day-of-week"),
        (vec![string_option("cron", &"9".repeat(5000))], "too long"),
        (
            vec![
                string_option("cron", "0 9 * * *"),
                string_option("time", "10:00"),
            ],
            "either `cron` or",
        ),
        (vec![], "Tell me what to change"),
        (vec![string_option("days", "funday")], "funday"),
        (vec![string_option("time", "25:00")], "isn't a time"),
        (
            vec![string_option("timezone", "Nowhere/Land")],
            "I don't know the time zone",
        ),
        (vec![string_option("cron", "0 0 0 30 2 *")], "never fires"),
    ] {
        let r = app
            .interact(schedule_set(app.id(), PRIVATE, ALICE, opts))
            .await;
        assert_ephemeral_says(&r, needle);
    }
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE schedule_cron = '0 30 7 * * Mon-Fri'"),
        1
    );
    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            ALICE,
            vec![string_option("cron", "0 20 * * 1,3,5")],
        ))
        .await;
    assert!(
        embed_description(&r).contains("Mon, Wed and Fri at 20:00"),
        "{}",
        embed_description(&r)
    );

    // Pause, skip and resume.
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            ALICE,
            "pause",
            vec![int_option("days", 3)],
        ))
        .await;
    assert!(!is_ephemeral(&r));
    assert!(
        embed_description(&r).contains(&format!("**Paused** by <@{ALICE}> until <t:")),
        "{}",
        embed_description(&r)
    );
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "skip", vec![]))
        .await;
    assert_ephemeral_says(&r, "paused right now");
    for bad in [0, 61, -5, i64::MAX] {
        let r = app
            .interact(cmd(
                app.id(),
                PRIVATE,
                BOB,
                "pause",
                vec![int_option("days", bad)],
            ))
            .await;
        assert_ephemeral_says(&r, "1 to 60 days");
    }
    // The pause is Alice's: she ends it.
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "resume", vec![]))
        .await;
    assert!(content(&r).contains("resumed"));
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "resume", vec![]))
        .await;
    assert_ephemeral_says(&r, "aren't paused");
    let before = embed_description(&app.interact(schedule_show(app.id(), PRIVATE, ALICE)).await);
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "skip", vec![]))
        .await;
    assert!(
        content(&r).contains("skipped the nudge of"),
        "{}",
        content(&r)
    );
    let after = embed_description(&r);
    let first = |d: &str| {
        d.split("**Next nudges**")
            .nth(1)
            .unwrap_or("")
            .lines()
            .nth(1)
            .unwrap_or("")
            .to_string()
    };
    assert_ne!(
        first(&before),
        first(&after),
        "the skipped nudge is no longer listed"
    );
    assert!(
        before.contains(&first(&after)),
        "the next one is the second of before"
    );
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "pause", vec![]))
        .await;
    assert!(embed_description(&r).contains(&format!("by <@{ALICE}> until they /resume")));

    // The authorisation rule for every couple command.
    for c in [
        schedule_show(app.id(), PRIVATE, EVE),
        schedule_set(app.id(), PRIVATE, EVE, vec![string_option("time", "09:00")]),
        cmd(app.id(), PRIVATE, EVE, "resume", vec![]),
        cmd(app.id(), PRIVATE, EVE, "skip", vec![]),
        prompt_now(app.id(), PRIVATE, EVE, None),
        prompt_add(app.id(), PRIVATE, EVE, "appreciation", "Hello there friend"),
    ] {
        let r = app.interact(c).await;
        assert_ephemeral_says(&r, "only the two of them");
    }
    // /pause works from any channel for one's own couple; an outsider has none to pause.
    let paused = "SELECT count(*) FROM couples WHERE paused_until IS NOT NULL";
    let before = app.query_i64(paused);
    let r = app
        .interact(cmd(app.id(), PRIVATE, EVE, "pause", vec![]))
        .await;
    assert_ephemeral_says(&r, "not part of a couple");
    assert_eq!(app.query_i64(paused), before);
    let r = app.interact(schedule_show(app.id(), PUBLIC, ALICE)).await;
    assert_ephemeral_says(&r, "isn't set up for a couple");
    app.stop().await;
}

#[tokio::test]
async fn prompts_now_added_and_another() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let r = app
        .interact(prompt_now(
            app.id(),
            PRIVATE,
            ALICE,
            Some("active_listening"),
        ))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r));
    assert_eq!(
        callback_data(&r)["embeds"][0]["title"],
        json!("Active listening")
    );
    let ids = custom_ids(&r);
    assert_eq!(ids.len(), 2);
    assert_eq!(
        ComponentId::parse(&ids[0]),
        Ok(ComponentId::CheckIn),
        "{ids:?}"
    );
    assert_eq!(
        ComponentId::parse(&ids[1]),
        Ok(ComponentId::AnotherPrompt(Practice::ActiveListening.into())),
        "{ids:?}"
    );
    assert_no_mass_mentions(&r);

    let msg = bot_message(
        1_400_000_000_000_000_005,
        PRIVATE,
        "",
        callback_data(&r)["components"].clone(),
    );
    let r2 = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &ids[1],
            msg.clone(),
        ))
        .await;
    assert_eq!(
        callback_data(&r2)["embeds"][0]["title"],
        json!("Active listening")
    );
    assert_ne!(
        embed_description(&r),
        embed_description(&r2),
        "another prompt, not the same"
    );
    let r3 = app
        .interact(component(app.id(), Some(GUILD), PRIVATE, EVE, &ids[1], msg))
        .await;
    assert_ephemeral_says(&r3, "only the two of them");

    // Hostile /prompt add input.
    for (text, needle) in [
        (&"a".repeat(5000)[..], "300 or fewer"),
        ("  ", "couldn't add"),
        ("line\nbreak here", "couldn't add"),
        // Nothing readable once hidden and control characters are cleaned away.
        ("\u{202e}\u{200b} \u{7}", "couldn't add"),
    ] {
        let r = app
            .interact(prompt_add(app.id(), PRIVATE, ALICE, "appreciation", text))
            .await;
        assert_ephemeral_says(&r, needle);
    }
    let r = app
        .interact(prompt_add(
            app.id(),
            PRIVATE,
            ALICE,
            "romance",
            "A fine prompt text",
        ))
        .await;
    assert_ephemeral_says(&r, "options I don't recognise");
    let r = app
        .interact(prompt_add(
            app.id(),
            PRIVATE,
            ALICE,
            "validation",
            "@everyone tell each other one feeling from today",
        ))
        .await;
    assert_ephemeral_says(&r, "Added");
    assert_eq!(app.query_i64("SELECT count(*) FROM custom_prompts"), 1);
    app.stop().await;
}

/// A couple whose schedule fires every `secs` seconds, on the real clock or on the test clock
/// (which moves only when told to).
async fn frequent(secs: u32, system_clock: bool) -> TestApp {
    let app = spawn_app_with(
        vec![server()],
        Options {
            system_clock,
            tweak: |s| {
                s.schedule.min_interval_secs = 1;
                s.schedule.max_nudges_per_day = 86_400;
            },
            ..Options::default()
        },
    )
    .await;
    pair(&app, "UTC").await;
    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            ALICE,
            vec![string_option("cron", &format!("*/{secs} * * * * *"))],
        ))
        .await;
    assert_eq!(
        callback_type(&r),
        callback::CHANNEL_MESSAGE_WITH_SOURCE,
        "{:?}",
        r.body
    );
    assert!(!is_ephemeral(&r), "{}", content(&r));
    app
}

fn posts(app: &TestApp) -> Vec<Recorded> {
    app.fake
        .requests()
        .into_iter()
        .filter(|r| is_post_to(r, PRIVATE))
        .collect()
}

async fn wait_posts(app: &TestApp, n: usize, within: Duration) -> Vec<Recorded> {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let p = posts(app);
        if p.len() >= n {
            return p;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "only {} of {n} posts: {:?}",
            p.len(),
            app.fake
                .requests()
                .iter()
                .map(Recorded::summary)
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test]
async fn nudges_leave_on_time_once_each_with_a_nonce_and_exact_mentions() {
    let app = frequent(2, true).await;
    let p = wait_posts(&app, 3, Duration::from_secs(10)).await;
    let mut nonces = Vec::new();
    for r in &p[..3] {
        let b = r.body.as_ref().unwrap();
        let nonce = b["nonce"].as_str().expect("a string nonce").to_string();
        assert!(nonce.len() <= 25);
        assert_eq!(b["enforce_nonce"], json!(true));
        assert_eq!(b["content"], json!(format!("<@{ALICE}> <@{BOB}>")));
        let mut users: Vec<String> =
            serde_json::from_value(b["allowed_mentions"]["users"].clone()).unwrap();
        users.sort();
        assert_eq!(users, [ALICE.to_string(), BOB.to_string()]);
        assert_eq!(b["allowed_mentions"]["parse"], json!([]));
        let title = b["embeds"][0]["title"].as_str().unwrap();
        assert!([
            "Appreciation",
            "Active listening",
            "Being vulnerable",
            "Quality time",
            "Validating feelings"
        ]
        .contains(&title));
        let check_in = b["components"][0]["components"][0]["custom_id"]
            .as_str()
            .unwrap();
        let another = b["components"][0]["components"][1]["custom_id"]
            .as_str()
            .unwrap();
        assert!(
            check_in.starts_with(&ComponentId::check_in("n")),
            "a nudge's check-in button: {check_in}"
        );
        assert!(
            matches!(
                ComponentId::parse(another),
                Ok(ComponentId::AnotherPrompt(_))
            ),
            "{another}"
        );
        nonces.push(nonce);
    }
    nonces.dedup();
    assert_eq!(nonces.len(), 3, "a different nonce per occurrence");
    // The headlines alternate: appreciation first, active listening second.
    assert_eq!(
        p[0].body.as_ref().unwrap()["embeds"][0]["title"],
        json!("Appreciation")
    );
    assert_eq!(
        p[1].body.as_ref().unwrap()["embeds"][0]["title"],
        json!("Active listening")
    );
    // Hold further nudges, then every sent occurrence is exactly one message in the channel.
    app.interact(cmd(app.id(), PRIVATE, ALICE, "pause", vec![]))
        .await;
    app.settle().await;
    let sent =
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'nudge' AND status = 'sent'");
    assert!(sent >= 3);
    let messages = app
        .fake
        .channel_messages(PRIVATE)
        .iter()
        .filter(|m| m["nonce"].is_string())
        .count() as i64;
    assert_eq!(messages, sent);
    app.stop().await;
}

#[tokio::test]
async fn pause_and_skip_hold_nudges() {
    let app = frequent(1, false).await;
    let start = app.clock.now();
    let second = |n: i64| start + chrono::Duration::seconds(n);
    assert_eq!(app.advance_to(second(1)).await.len(), 1);
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "pause", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    let n = posts(&app).len();
    for s in 2..=4 {
        app.advance_to(second(s)).await;
    }
    assert_eq!(posts(&app).len(), n, "nothing is posted while paused");
    assert!(
        app.query_i64(
            "SELECT count(*) FROM outbox WHERE status = 'skipped' AND skip_reason = 'paused'"
        ) >= 2
    );
    app.stop().await;
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retried_with_the_same_nonce() {
    let app = frequent(3, true).await;
    let path = format!("/channels/{PRIVATE}/messages");
    app.fake.push_fault(
        "POST",
        &path,
        429,
        json!({"message": "You are being rate limited.", "retry_after": 0.1, "global": false}),
    );
    app.fake.push_fault(
        "POST",
        &path,
        503,
        json!({"message": "upstream", "code": 0}),
    );
    app.fake.push_fault(
        "POST",
        &path,
        429,
        json!({"message": "You are being rate limited.", "global": true}),
    );
    let nonce = |r: &Recorded| {
        r.body.as_ref().unwrap()["nonce"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let faulted = |app: &TestApp| -> Vec<String> {
        posts(app)
            .iter()
            .filter(|r| r.status != 200)
            .map(nonce)
            .collect()
    };
    let created = |app: &TestApp| -> Vec<String> {
        posts(app)
            .iter()
            .filter(|r| r.status == 200)
            .map(nonce)
            .collect()
    };
    // Every occurrence that met a 429 or a 503 is posted in the end, with its own nonce.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(25);
    loop {
        let (f, c) = (faulted(&app), created(&app));
        if f.len() == 3 && f.iter().all(|n| c.contains(n)) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{:?}",
            app.fake
                .requests()
                .iter()
                .map(Recorded::summary)
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let statuses: Vec<u16> = posts(&app).iter().map(|r| r.status).take(3).collect();
    assert_eq!(statuses, [429, 503, 429]);
    let c = created(&app);
    let mut unique = c.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        c.len(),
        "one successful POST per occurrence: {c:?}"
    );
    for n in &unique {
        let same = app
            .fake
            .channel_messages(PRIVATE)
            .iter()
            .filter(|m| m["nonce"] == json!(n))
            .count();
        assert_eq!(same, 1, "one message for occurrence {n}");
    }
    app.stop().await;
}

#[tokio::test]
async fn an_unavailable_channel_pauses_the_couple() {
    let app = frequent(1, false).await;
    let start = app.clock.now();
    let second = |n: i64| start + chrono::Duration::seconds(n);
    let path = format!("/channels/{PRIVATE}/messages");
    app.fake.push_fault(
        "POST",
        &path,
        403,
        json!({"message": "Missing Access", "code": 50001}),
    );
    app.advance_to(second(1)).await;
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE pause_reason = 'channel'"),
        1,
        "the couple is paused"
    );
    let n = posts(&app).len();
    for s in 2..=4 {
        app.advance_to(second(s)).await;
    }
    assert_eq!(
        posts(&app).len(),
        n,
        "no more posts to a channel that refuses them"
    );
    let r = app.interact(schedule_show(app.id(), PRIVATE, ALICE)).await;
    assert!(
        embed_description(&r).contains("couldn't post in your channel"),
        "{}",
        embed_description(&r)
    );
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "resume", vec![]))
        .await;
    assert!(content(&r).contains("resumed"));
    app.advance_to(second(5)).await;
    assert!(posts(&app).len() > n, "posted again after /resume");
    app.stop().await;
}

#[tokio::test]
async fn a_401_while_posting_stops_the_process() {
    let mut app = frequent(1, true).await;
    let path = format!("/channels/{PRIVATE}/messages");
    app.fake.push_fault(
        "POST",
        &path,
        401,
        json!({"message": "401: Unauthorized", "code": 0}),
    );
    let result = app.wait_exit().await;
    assert!(
        matches!(result, Err(haven::discord::RunError::InvalidToken)),
        "{result:?}"
    );
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'nudge' AND status = 'pending'"),
        1,
        "the occurrence stays recorded for the next start"
    );
    let _: Value = json!(null);
}
