//! Appreciations: /appreciate, the "Appreciate this" jar, and the visibility re-check before a
//! partner's words are posted.

use haven::domain::custom_id::ComponentId;
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{
    callback, guild_channel, message, overwrite_role, slash, string_option, user,
};
use crate::world::*;

fn appreciate(app: &TestApp, from: u64, text: &str) -> Value {
    cmd(
        app.id(),
        PRIVATE,
        from,
        "appreciate",
        vec![string_option("text", text)],
    )
}

/// "Appreciate this" by `user` on a message by `author` in `channel`.
fn jar(app: &TestApp, by: u64, author: u64, channel: u64, content: &str) -> Value {
    let target = 1_500_000_000_000_000_000 + app.id() % 1_000_000;
    let mut i = slash(
        app.id(),
        Some(GUILD),
        PRIVATE,
        by,
        "Appreciate this",
        Value::Null,
        None,
        BOT_PERMS,
    );
    let msg = message(
        target,
        channel,
        user(author, &format!("user{author}")),
        content,
        json!([]),
    );
    i["data"]["type"] = json!(3);
    i["data"]["target_id"] = json!(target.to_string());
    i["data"]["resolved"] = json!({"messages": {target.to_string(): msg}});
    i
}

#[tokio::test]
async fn appreciations_are_posted_and_kept_in_the_jar() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let r = app
        .interact(appreciate(
            &app,
            ALICE,
            "You stayed up to help me @everyone",
        ))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r));
    assert!(content(&r).contains(&format!("<@{BOB}>, <@{ALICE}> appreciates you")));
    assert_eq!(
        callback_data(&r)["allowed_mentions"]["users"],
        json!([BOB.to_string()])
    );
    assert_no_mass_mentions(&r);
    for (text, needle) in [
        ("   ", "write what you appreciate"),
        (&"z".repeat(5000)[..], "1000"),
        ("\u{200b}", "write what"),
    ] {
        let r = app.interact(appreciate(&app, BOB, text)).await;
        assert_ephemeral_says(&r, needle);
    }
    let r = app.interact(appreciate(&app, EVE, "hi")).await;
    assert_ephemeral_says(&r, "only the two of them");

    let r = app
        .interact(jar(&app, ALICE, BOB, PRIVATE, "I'm proud of you"))
        .await;
    assert_ephemeral_says(&r, "Saved to your appreciation jar");
    for (by, author, channel, text, needle) in [
        (ALICE, ALICE, PRIVATE, "my own words", "your own message"),
        (ALICE, BOB, PUBLIC, "elsewhere", "couple's channel"),
        (ALICE, EVE, PRIVATE, "someone else", "someone else"),
        (ALICE, BOB, PRIVATE, "   ", "no text"),
    ] {
        let r = app.interact(jar(&app, by, author, channel, text)).await;
        assert_ephemeral_says(&r, needle);
    }
    assert_eq!(
        app.query_i64("SELECT count(*) FROM appreciations WHERE source = 'jar'"),
        1
    );
    assert_eq!(
        app.query_i64("SELECT count(*) FROM appreciations WHERE source = 'command'"),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn words_are_held_when_the_channel_becomes_visible_to_outsiders() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // Someone opens the channel to @everyone.
    app.fake.dispatch(
        "CHANNEL_UPDATE",
        guild_channel(
            PRIVATE,
            GUILD,
            0,
            "us",
            0,
            vec![overwrite_role(GUILD, VIEW, 0)],
        ),
    );
    // The bot applies a gateway event to its cache before it reads the next one, so the
    // interaction below is handled with the channel already open.
    let r = app
        .interact(appreciate(&app, ALICE, "Thank you for the flowers"))
        .await;
    assert_ephemeral_says(&r, "outside your couple can read");
    assert!(!content(&r).contains("flowers"));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE pause_reason = 'channel'"),
        1
    );
    assert_eq!(app.query_i64("SELECT count(*) FROM appreciations"), 0);
    app.stop().await;
}

#[tokio::test]
async fn a_reveal_is_held_while_outsiders_can_read_and_posted_after_resume() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let form = |user: u64, text: &str| {
        crate::support::payloads::modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            user,
            &ComponentId::CheckinForm(TODAY).encode(),
            &[("mood", "4"), ("appreciated", text), ("hear", "")],
        )
    };
    app.interact(form(ALICE, "secret words one")).await;
    app.fake.dispatch(
        "CHANNEL_UPDATE",
        guild_channel(
            PRIVATE,
            GUILD,
            0,
            "us",
            0,
            vec![overwrite_role(GUILD, VIEW, 0)],
        ),
    );
    // Bob's answer (and so the reveal) comes after the update in the bot's cache.
    app.interact(form(BOB, "secret words two")).await;
    let held = app
        .fake
        .wait_request("the held notice", WAIT, |r| {
            r.method == "POST"
                && r.body
                    .as_ref()
                    .is_some_and(|b| b.to_string().contains("holding back"))
        })
        .await
        .unwrap();
    let posts: Vec<String> = app
        .fake
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with("/channels/"))
        .map(|r| r.body.as_ref().unwrap().to_string())
        .collect();
    assert!(
        posts.iter().all(|p| !p.contains("secret words")),
        "no words while outsiders can read"
    );
    assert!(!held.body.unwrap().to_string().contains("secret"));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE pause_reason = 'channel'"),
        1
    );

    // Fixed, and resumed: the reveal goes out.
    app.fake.dispatch(
        "CHANNEL_UPDATE",
        guild_channel(
            PRIVATE,
            GUILD,
            0,
            "us",
            0,
            vec![
                overwrite_role(GUILD, 0, VIEW),
                crate::support::payloads::overwrite_member(ALICE, VIEW, 0),
                crate::support::payloads::overwrite_member(BOB, VIEW, 0),
            ],
        ),
    );
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "resume", vec![]))
        .await;
    assert!(content(&r).contains("resumed"));
    app.fake
        .wait_request("the reveal", WAIT, |r| {
            r.method == "POST"
                && r.body
                    .as_ref()
                    .is_some_and(|b| b.to_string().contains("secret words two"))
        })
        .await
        .unwrap();
    app.stop().await;
}

#[tokio::test]
async fn the_weekly_digest_comes_with_sundays_first_nudge_with_one_jar_appreciation() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await; // daily at 20:00 UTC; 2026-11-26 is a Thursday
    let posts = app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    assert!(
        posts
            .iter()
            .any(|r| r.path == format!("/channels/{PRIVATE}/messages")),
        "Thursday's nudge"
    );
    let r = app
        .interact(jar(
            &app,
            BOB,
            ALICE,
            PRIVATE,
            "You always save me the last biscuit",
        ))
        .await;
    assert_ephemeral_says(&r, "Saved");
    for user in [ALICE, BOB] {
        app.interact(crate::support::payloads::modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            user,
            &ComponentId::CheckinForm(TODAY).encode(),
            &[("mood", "4"), ("appreciated", "thanks"), ("hear", "")],
        ))
        .await;
    }
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'digest' AND status = 'pending'"),
        1
    );
    app.advance_to(utc(2026, 11, 29, 20, 0, 0)).await;
    let digests: Vec<Recorded> = app
        .fake
        .requests()
        .into_iter()
        .filter(|r| {
            r.body
                .as_ref()
                .is_some_and(|b| b.to_string().contains("Your week together"))
        })
        .collect();
    assert_eq!(digests.len(), 1);
    assert!(is_channel_post(&digests[0]), "{}", digests[0].summary());
    let digest = digests[0].body.as_ref().unwrap();
    let text = digest.to_string();
    assert!(text.contains("1 day together"), "{text}");
    assert!(
        text.contains("last biscuit"),
        "one appreciation from the jar: {text}"
    );
    assert_eq!(digest["allowed_mentions"]["parse"], json!([]));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'digest' AND status = 'pending'"),
        1,
        "next week's is planned"
    );
    app.stop().await;
}
