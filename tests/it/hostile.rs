//! Hostile and malformed input: every path answers with a kind ephemeral sentence, nothing
//! panics, nothing is stored.

use haven::domain::custom_id::ComponentId;
use haven::domain::forget::ForgetChoice;
use haven::domain::ids::{CoupleId, InvitationId};
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::payloads::{
    autocomplete, bot_message, callback, component, modal_submit, slash, string_option,
    user_option_resolved,
};
use crate::world::*;

#[tokio::test]
async fn hostile_setup_options_get_kind_errors_and_change_nothing() {
    let app = spawn_app(vec![server()]).await;
    let huge = "🙂".repeat(5000);
    let cases: Vec<(Value, &str)> = vec![
        (
            setup_cmd(app.id(), PRIVATE, ALICE, BOB, &huge, vec![]),
            "I don't know the time zone",
        ),
        (
            setup_cmd(app.id(), PRIVATE, ALICE, BOB, "Mars/Olympus_Mons", vec![]),
            "I don't know the time zone",
        ),
        (
            setup_cmd(app.id(), PRIVATE, ALICE, BOB, "   ", vec![]),
            "choose your time zone",
        ),
        (
            setup_cmd(
                app.id(),
                PRIVATE,
                ALICE,
                BOB,
                "Europe/Berlin\u{202e}",
                vec![],
            ),
            "I don't know the time zone",
        ),
        (
            setup_cmd(
                app.id(),
                PRIVATE,
                ALICE,
                BOB,
                "UTC",
                vec![string_option("time", "25:99")],
            ),
            "isn't a time I understand",
        ),
        (
            setup_cmd(
                app.id(),
                PRIVATE,
                ALICE,
                BOB,
                "UTC",
                vec![string_option("time", &"9".repeat(5000))],
            ),
            "isn't a time I understand",
        ),
        (
            setup_cmd(
                app.id(),
                PRIVATE,
                ALICE,
                BOB,
                "UTC",
                vec![string_option("colour", "red")],
            ),
            "options I don't recognise",
        ),
        (
            setup_cmd(
                app.id(),
                PRIVATE,
                ALICE,
                BOB,
                "UTC",
                vec![json!({"name": "time", "type": 4, "value": 5})],
            ),
            "options I don't recognise",
        ),
        (
            setup_cmd(
                app.id(),
                PRIVATE,
                ALICE,
                BOB,
                "UTC",
                vec![string_option("timezone", "UTC")],
            ),
            "options I don't recognise",
        ),
        (
            setup_cmd(app.id(), PRIVATE, ALICE, ALICE, "UTC", vec![]),
            "not yourself",
        ),
    ];
    for (cmd, needle) in cases {
        let r = app.interact(cmd).await;
        assert_ephemeral_says(&r, needle);
        assert!(content(&r).chars().count() <= 2000);
    }
    // A bot as partner.
    let mut cmd = setup_cmd(app.id(), PRIVATE, ALICE, 1000, "UTC", vec![]);
    cmd["data"]["resolved"]["users"]["1000"]["bot"] = json!(true);
    let r = app.interact(cmd).await;
    assert_ephemeral_says(&r, "Bots make poor partners");
    // A partner who is not a member of the server (no resolved member).
    let mut cmd = setup_cmd(app.id(), PRIVATE, ALICE, 77, "UTC", vec![]);
    cmd["data"]["resolved"] =
        json!({"users": user_option_resolved(77, "ghost", &[])["users"].clone()});
    let r = app.interact(cmd).await;
    assert_ephemeral_says(&r, "can't find that person");
    // Missing required options.
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            "setup",
            Value::Array(vec![]),
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "options I don't recognise");
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 0);
    app.stop().await;
}

#[tokio::test]
async fn unknown_guilds_channels_dms_and_commands_are_refused_kindly() {
    let app = spawn_app(vec![server()]).await;
    // A guild the bot has not been told about yet.
    let mut cmd = setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]);
    cmd["guild_id"] = json!("9999");
    cmd["guild"]["id"] = json!("9999");
    cmd["channel"]["guild_id"] = json!("9999");
    let r = app.interact(cmd).await;
    assert_ephemeral_says(&r, "try again in a moment");
    // A channel the cache does not know.
    let r = app
        .interact(setup_cmd(app.id(), 8888, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "plain text channel");
    // A DM.
    let r = app
        .interact(slash(
            app.id(),
            None,
            7777,
            ALICE,
            "setup",
            Value::Null,
            None,
            0,
        ))
        .await;
    assert_ephemeral_says(&r, "lives inside a server");
    // A command this version does not have.
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            "teleport",
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "I don't know that command");
    let long_name = "x".repeat(500);
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &long_name,
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "I don't know that command");
    // /help works for anyone, anywhere in the server.
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PUBLIC,
            EVE,
            "help",
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "administrator");
    assert!(content(&r).contains("hosting haven can read its database"));
    app.stop().await;
}

#[tokio::test]
async fn forged_and_stale_custom_ids_get_an_ephemeral_error() {
    let app = spawn_app(vec![server()]).await;
    let msg = bot_message(1_400_000_000_000_000_002, PRIVATE, "x", json!([]));
    // Stale ids (well-formed, naming nothing that exists) and forged ones.
    let forged = [
        String::new(),
        "garbage".to_string(),
        ComponentId::AcceptInvitation(InvitationId(999_999)).encode(),
        "hv1:inv:acc:-1".to_string(),
        "hv1:inv:acc:1:2".to_string(),
        "hv9:inv:acc:1".to_string(),
        ComponentId::ConfirmForget {
            couple: CoupleId(424_242),
            choice: ForgetChoice {
                remove_posts: true,
                tell_partner: false,
            },
        }
        .encode(),
        "hv1:fgt:yes:1".to_string(),
        "a".repeat(100),
    ];
    for id in &forged {
        let r = app
            .interact(component(
                app.id(),
                Some(GUILD),
                PRIVATE,
                ALICE,
                id,
                msg.clone(),
            ))
            .await;
        assert_eq!(
            callback_type(&r),
            callback::CHANNEL_MESSAGE_WITH_SOURCE,
            "{id}"
        );
        assert!(is_ephemeral(&r), "{id}");
        assert!(
            content(&r).contains("no longer valid") || content(&r).contains("isn't your couple"),
            "{id}: {}",
            content(&r)
        );
    }
    // A real invitation's button pressed in another channel is stale there.
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    let ids = custom_ids(&answer);
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PUBLIC,
            BOB,
            &ids[0],
            msg.clone(),
        ))
        .await;
    assert_ephemeral_says(&r, "no longer valid");
    // A form this version never opened.
    let r = app
        .interact(modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            "hv1:ci:1:2",
            &[("mood", &"5".repeat(4000))],
        ))
        .await;
    assert_ephemeral_says(&r, "no longer valid");
    // A couple's button in a DM.
    let check_in = ComponentId::CheckIn.encode();
    let r = app
        .interact(component(app.id(), None, 7777, BOB, &check_in, msg.clone()))
        .await;
    assert_ephemeral_says(&r, "lives inside a server");
    // An invitation posted in a channel is stale in a DM (only one sent by DM is answered there).
    let r = app
        .interact(component(app.id(), None, 7777, BOB, &ids[0], msg))
        .await;
    assert_ephemeral_says(&r, "no longer valid");
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM invitations WHERE status = 'pending'"),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn timezone_autocomplete_suggests_at_most_25_names() {
    let app = spawn_app(vec![server()]).await;
    for (typed, expect) in [
        ("berl", Some("Europe/Berlin")),
        ("", None),
        (&"q".repeat(5000)[..], None),
        ("new y", Some("America/New_York")),
    ] {
        let r = app
            .interact(autocomplete(
                app.id(),
                Some(GUILD),
                PRIVATE,
                ALICE,
                "setup",
                json!([
                    {"name": "partner", "type": 6, "value": BOB.to_string()},
                    {"name": "timezone", "type": 3, "value": typed, "focused": true}
                ]),
            ))
            .await;
        assert_eq!(callback_type(&r), callback::AUTOCOMPLETE_RESULT);
        let choices = callback_data(&r)["choices"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(choices.len() <= 25);
        if let Some(e) = expect {
            assert_eq!(choices[0]["value"], json!(e), "{typed}");
        }
    }
    app.stop().await;
}
