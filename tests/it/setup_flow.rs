//! `/setup` end to end: registration, the invitation, Accept and Decline, refusals, and the
//! authorisation rule for outsiders.

use haven::domain::custom_id::ComponentId;
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::BOT_ID;
use crate::support::payloads::{bot_message, callback, component, slash, string_option};
use crate::world::*;

#[tokio::test]
async fn commands_are_registered_in_one_bulk_put_per_scope() {
    let app = spawn_app_with(
        vec![server()],
        Options {
            guild_id: Some(GUILD),
            ..Options::default()
        },
    )
    .await;
    let reqs = app.fake.requests();
    let guild_put = reqs
        .iter()
        .find(|r| {
            r.is(
                "PUT",
                &format!("/applications/{BOT_ID}/guilds/{GUILD}/commands"),
            )
        })
        .expect("guild commands PUT");
    let names: Vec<&str> = guild_put
        .body
        .as_ref()
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "setup",
            "help",
            "forget",
            "schedule",
            "pause",
            "resume",
            "skip",
            "prompt",
            "checkin",
            "streak",
            "notify",
            "appreciate",
            "Appreciate this",
            "export",
            "anniversary",
            "onmymind",
            "pulse",
            "settings"
        ]
    );
    for c in guild_put.body.as_ref().unwrap().as_array().unwrap() {
        assert_eq!(c["contexts"], json!([0]), "guild-only");
        assert_eq!(c["integration_types"], json!([0]), "guild install");
    }
    let global_put = reqs
        .iter()
        .find(|r| r.is("PUT", &format!("/applications/{BOT_ID}/commands")))
        .expect("the global scope is emptied");
    assert_eq!(global_put.body, Some(json!([])));
    let puts = reqs.iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts, 2, "one PUT per scope");
    app.stop().await;
}

#[tokio::test]
async fn global_registration_when_no_guild_is_configured() {
    let app = spawn_app(vec![server()]).await;
    let reqs = app.fake.requests();
    let global = reqs
        .iter()
        .find(|r| r.is("PUT", &format!("/applications/{BOT_ID}/commands")))
        .expect("global PUT");
    assert_eq!(global.body.as_ref().unwrap().as_array().unwrap().len(), 18);
    assert!(!reqs
        .iter()
        .any(|r| r.path.contains("/guilds/") && r.method == "PUT"));
    app.stop().await;
}

#[tokio::test]
async fn private_channel_setup_accepted_by_the_partner_pairs_the_couple() {
    let app = spawn_app(vec![server()]).await;

    let answer = app
        .interact(setup_cmd(
            app.id(),
            PRIVATE,
            ALICE,
            BOB,
            "Europe/Berlin",
            vec![string_option("time", "21:30")],
        ))
        .await;
    assert_eq!(
        callback_type(&answer),
        callback::CHANNEL_MESSAGE_WITH_SOURCE
    );
    assert!(
        !is_ephemeral(&answer),
        "the invitation is visible to the partner"
    );
    let text = content(&answer);
    assert!(text.contains(&format!("<@{BOB}>")) && text.contains(&format!("<@{ALICE}>")));
    assert!(text.contains("21:30") && text.contains("Europe/Berlin"));
    assert!(
        text.contains("**Admins**"),
        "administrator roles are named: {text}"
    );
    assert!(
        text.contains(&format!("<@{OWNER}>")),
        "the owner is disclosed: {text}"
    );
    assert!(
        text.contains("host"),
        "the host's access is disclosed: {text}"
    );
    assert_eq!(
        callback_data(&answer)["allowed_mentions"]["users"],
        json!([BOB.to_string()]),
        "only the invited partner is pinged"
    );
    let ids = custom_ids(&answer);
    assert_eq!(ids.len(), 2);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples"),
        0,
        "not active before acceptance"
    );

    let msg = invitation_message(&answer, PRIVATE);
    // An outsider, and the inviter herself, cannot answer for Bob.
    for who in [EVE, ALICE] {
        let r = app.interact(press(&app, PRIVATE, who, &ids[0], &msg)).await;
        assert_ephemeral_says(&r, "only they can answer");
    }
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM invitations WHERE status = 'pending'"),
        1
    );

    let r = app.interact(press(&app, PRIVATE, BOB, &ids[0], &msg)).await;
    assert_eq!(
        callback_type(&r),
        callback::UPDATE_MESSAGE,
        "the invitation message is updated"
    );
    assert!(content(&r).contains("accepted"), "{}", content(&r));
    assert_eq!(callback_data(&r)["components"], json!([]));
    assert_eq!(
        app.query_i64(&format!(
            "SELECT count(*) FROM couples WHERE channel_id = {PRIVATE} AND partner_a = {ALICE} AND partner_b = {BOB} AND timezone = 'Europe/Berlin' AND schedule_cron = '0 30 21 * * *'"
        )),
        1
    );

    // Pressing Accept again changes nothing.
    let r = app.interact(press(&app, PRIVATE, BOB, &ids[0], &msg)).await;
    assert_ephemeral_says(&r, "already accepted");
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);

    // The authorisation rule: an outsider's command in the couple's channel is refused.
    let before = app.fake.requests().len();
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, EVE, CAROL, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "only the two of them");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM invitations"),
        1,
        "nothing changed"
    );
    assert_eq!(
        app.requests_since(before).len(),
        1,
        "only the refusal was sent"
    );
    // A partner cannot pair the channel twice.
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, BOB, ALICE, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "already belongs to a couple");
    app.stop().await;
}

#[tokio::test]
async fn channels_outsiders_can_read_are_refused_with_the_fix() {
    let app = spawn_app(vec![server()]).await;
    let r = app
        .interact(setup_cmd(app.id(), PUBLIC, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "everyone in the server");
    assert!(content(&r).contains("private_channel:true"));
    let r = app
        .interact(setup_cmd(app.id(), ROLE_OPEN, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "the role **friends**");
    let r = app
        .interact(setup_cmd(app.id(), NO_BOB, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "can't see this channel");
    let r = app
        .interact(setup_cmd(app.id(), VOICE, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "plain text channel");
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 0);
    app.stop().await;
}

#[tokio::test]
async fn missing_bot_permissions_are_named() {
    let app = spawn_app(vec![server()]).await;
    let mut cmd = setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]);
    cmd["app_permissions"] =
        json!((VIEW | crate::support::payloads::perms::SEND_MESSAGES).to_string());
    let r = app.interact(cmd).await;
    assert_ephemeral_says(&r, "Embed Links, Attach Files, Read Message History");
    app.stop().await;
}

#[tokio::test]
async fn decline_closes_the_invitation_and_blocks_a_new_one_for_thirty_days() {
    let app = spawn_app(vec![server()]).await;
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    let r = app.interact(press(&app, PRIVATE, EVE, &ids[1], &msg)).await;
    assert_ephemeral_says(&r, "only they can answer");
    let r = app.interact(press(&app, PRIVATE, BOB, &ids[1], &msg)).await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE);
    assert_eq!(content(&r), "This invitation is closed.");
    assert_eq!(callback_data(&r)["components"], json!([]));
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);

    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "not right now");
    // Accept on the declined invitation does nothing.
    let r = app.interact(press(&app, PRIVATE, BOB, &ids[0], &msg)).await;
    assert_ephemeral_says(&r, "already answered");

    app.clock
        .advance(chrono::Duration::hours(24) + chrono::Duration::seconds(1));
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "not right now");
    app.clock.advance(chrono::Duration::days(29));
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r), "a new invitation after thirty days");
    app.stop().await;
}

#[tokio::test]
async fn an_invitation_expires_after_a_day() {
    let app = spawn_app(vec![server()]).await;
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    // While it is open, another invitation to Bob is refused.
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "already");
    app.clock.advance(chrono::Duration::hours(24));
    let r = app.interact(press(&app, PRIVATE, BOB, &ids[0], &msg)).await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE);
    assert!(content(&r).contains("expired"));
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM invitations WHERE status = 'expired'"),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn private_channel_true_creates_the_channel_after_acceptance() {
    let app = spawn_app(vec![server()]).await;
    // From a channel everyone can read, the invitation goes to Bob by direct message.
    let answer = app
        .interact(setup_cmd(
            app.id(),
            PUBLIC,
            ALICE,
            BOB,
            "America/New_York",
            vec![json!({"name": "private_channel", "type": 5, "value": true})],
        ))
        .await;
    assert_eq!(
        callback_type(&answer),
        callback::DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    );
    assert!(is_ephemeral(&answer), "only Alice sees the answer");
    let invitation = app
        .fake
        .wait_request("the invitation by DM", WAIT, |r| {
            r.method == "POST" && r.path.starts_with("/channels/") && r.path.ends_with("/messages")
        })
        .await
        .unwrap();
    let dm = app.fake.dm_channel_of(BOB).expect("a DM with Bob");
    assert_eq!(invitation.path, format!("/channels/{dm}/messages"));
    let body = invitation.body.unwrap();
    assert!(body["content"]
        .as_str()
        .unwrap()
        .contains("create a private channel"));
    let creates_before = app
        .fake
        .requests()
        .iter()
        .filter(|r| r.is("POST", &format!("/guilds/{GUILD}/channels")))
        .count();
    assert_eq!(creates_before, 0, "no channel before acceptance");

    let accept = body["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    let msg = bot_message(
        1_400_000_000_000_000_005,
        dm,
        body["content"].as_str().unwrap(),
        body["components"].clone(),
    );
    let press_d = component(app.id(), None, dm, BOB, &accept, msg);
    let token = press_d["token"].as_str().unwrap().to_string();
    let r = app.interact(press_d).await;
    assert_eq!(
        callback_type(&r),
        callback::DEFERRED_UPDATE_MESSAGE,
        "acknowledged before the channel is created"
    );
    let create = app
        .fake
        .wait_request("channel creation", WAIT, |r| {
            r.is("POST", &format!("/guilds/{GUILD}/channels"))
        })
        .await
        .unwrap();
    let body = create.body.clone().unwrap();
    assert_eq!(body["type"], json!(0));
    let ows = body["permission_overwrites"].as_array().unwrap();
    let find = |id: u64| {
        ows.iter()
            .find(|o| o["id"] == json!(id.to_string()))
            .cloned()
            .unwrap()
    };
    assert_eq!(
        find(GUILD)["deny"],
        json!(VIEW.to_string()),
        "@everyone denied"
    );
    for who in [ALICE, BOB, BOT_ID] {
        let allow: u64 = find(who)["allow"].as_str().unwrap().parse().unwrap();
        assert!(allow & VIEW != 0, "{who} allowed");
    }
    let edit = app
        .fake
        .wait_request("the invitation edited", WAIT, |r| {
            r.method == "PATCH"
                && r.path == format!("/webhooks/{BOT_ID}/{token}/messages/@original")
        })
        .await
        .unwrap();
    assert_eq!(edit.body.as_ref().unwrap()["components"], json!([]));
    let welcome = app
        .fake
        .wait_request("the welcome post", WAIT, |r| {
            r.method == "POST"
                && r.path.starts_with("/channels/")
                && r.path.ends_with("/messages")
                && r.path != format!("/channels/{dm}/messages")
        })
        .await
        .unwrap();
    let wb = welcome.body.unwrap();
    let mut users: Vec<String> =
        serde_json::from_value(wb["allowed_mentions"]["users"].clone()).unwrap();
    users.sort();
    assert_eq!(users, vec![ALICE.to_string(), BOB.to_string()]);
    assert_eq!(wb["allowed_mentions"]["parse"], json!([]));
    assert!(
        wb["nonce"].is_string(),
        "the welcome goes through the outbox"
    );
    assert_eq!(wb["enforce_nonce"], json!(true));
    let help_id = wb["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        help_id.starts_with(&ComponentId::help("w")),
        "the welcome's help button: {help_id}"
    );
    let new_channel: u64 = welcome.path.split('/').nth(2).unwrap().parse().unwrap();
    let msg = bot_message(
        1_400_000_000_000_000_007,
        new_channel,
        "",
        wb["components"].clone(),
    );
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            new_channel,
            BOB,
            &help_id,
            msg,
        ))
        .await;
    assert_ephemeral_says(&r, "helps the two of you");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE created_channel = 1"),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn the_created_channel_limit_is_enforced() {
    let app = spawn_app_with(
        vec![server()],
        Options {
            tweak: |s| s.setup.max_created_channels_per_guild = 0,
            ..Options::default()
        },
    )
    .await;
    let r = app
        .interact(setup_cmd(
            app.id(),
            PUBLIC,
            ALICE,
            BOB,
            "UTC",
            vec![json!({"name": "private_channel", "type": 5, "value": true})],
        ))
        .await;
    assert_ephemeral_says(&r, "the most the host allows");
    app.stop().await;
}

#[tokio::test]
async fn forget_deletes_every_row_of_the_couple_after_confirmation() {
    let app = spawn_app(vec![server()]).await;
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    app.interact(press(&app, PRIVATE, BOB, &ids[0], &msg)).await;
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);
    // Rows in every table that can name the couple.
    let r = app
        .interact(prompt_add(
            app.id(),
            PRIVATE,
            ALICE,
            "appreciation",
            "Name one thing you admired today.",
        ))
        .await;
    assert_ephemeral_says(&r, "Added");
    let r = app.interact(prompt_now(app.id(), PRIVATE, BOB, None)).await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert_eq!(app.query_i64("SELECT count(*) FROM custom_prompts"), 1);
    assert_eq!(app.query_i64("SELECT count(*) FROM prompt_draws"), 1);
    for (user, text) in [(ALICE, "You made tea"), (BOB, "You listened")] {
        app.interact(crate::support::payloads::modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            user,
            &ComponentId::CheckinForm(TODAY).encode(),
            &[("mood", "4"), ("appreciated", text), ("hear", "")],
        ))
        .await;
    }
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            ALICE,
            "appreciate",
            vec![string_option("text", "Thank you")],
        ))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    app.interact(crate::support::payloads::modal_submit(
        app.id(),
        Some(GUILD),
        PRIVATE,
        BOB,
        &ComponentId::CheckinForm(TODAY).encode(),
        &[("mood", "4"), ("appreciated", ""), ("hear", "")],
    ))
    .await;
    for table in ["checkins", "reveals", "appreciations", "outbox"] {
        assert!(
            app.query_i64(&format!("SELECT count(*) FROM {table}")) > 0,
            "{table} has rows before /forget"
        );
    }

    // Someone with no couple has nothing to forget.
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PUBLIC,
            EVE,
            "forget",
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_ephemeral_says(&r, "not part of a couple");

    // /forget works from any channel of the server.
    let r = app
        .interact(slash(
            app.id(),
            Some(GUILD),
            PUBLIC,
            ALICE,
            "forget",
            Value::Null,
            None,
            BOT_PERMS,
        ))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(is_ephemeral(&r));
    // It says what goes and what stays, and suggests an export first.
    for words in [
        "every check-in and mood",
        "reflections, appreciations and your appreciation jar",
        "streak history",
        "custom prompts",
        "settings",
        "invitations",
        "exports you already made",
        "backups",
        "`/export`",
        "Nothing has been deleted yet",
    ] {
        assert!(
            content(&r).contains(words),
            "{words:?} in {:?}",
            content(&r)
        );
    }
    let fids = custom_ids(&r);
    assert_eq!(fids.len(), 3, "remove posts, leave them, cancel: {fids:?}");
    let confirm = bot_message(
        1_400_000_000_000_000_009,
        PUBLIC,
        "confirm",
        callback_data(&r)["components"].clone(),
    );
    // Nobody else can answer it, even with the button's id.
    let r2 = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PUBLIC,
            EVE,
            &fids[0],
            confirm.clone(),
        ))
        .await;
    assert_ephemeral_says(&r2, "isn't your couple");
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);
    // Cancelling changes nothing.
    let r2 = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PUBLIC,
            ALICE,
            &fids[2],
            confirm.clone(),
        ))
        .await;
    assert_eq!(callback_type(&r2), callback::UPDATE_MESSAGE);
    assert!(content(&r2).contains("Nothing was deleted"));
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);

    // Leaving haven's posts is the first answer; nothing is deleted yet.
    let r2 = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PUBLIC,
            ALICE,
            &fids[1],
            confirm.clone(),
        ))
        .await;
    assert_eq!(callback_type(&r2), callback::UPDATE_MESSAGE);
    assert!(content(&r2).contains("I'll leave them"));
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);
    let last = custom_ids(&r2);
    let quietly = last
        .iter()
        .find(|id| {
            matches!(
                ComponentId::parse(id),
                Ok(ComponentId::ConfirmForget { choice, .. })
                    if !choice.tell_partner && !choice.remove_posts
            )
        })
        .expect("Forget quietly");
    let r3 = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PUBLIC,
            EVE,
            quietly,
            confirm.clone(),
        ))
        .await;
    assert_ephemeral_says(&r3, "isn't your couple");
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);

    let r2 = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PUBLIC,
            ALICE,
            quietly,
            confirm,
        ))
        .await;
    assert_eq!(callback_type(&r2), callback::UPDATE_MESSAGE);
    assert!(content(&r2).contains("is deleted"), "{}", content(&r2));
    assert!(content(&r2).contains("I haven't told"), "{}", content(&r2));
    // No table keeps a row: every table of the schema but the process's own facts.
    let tables: Vec<String> = app
        .store
        .call_blocking(|c| {
            let mut stmt = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('meta') AND name NOT LIKE 'sqlite_%'")?;
            let names = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(names)
        })
        .unwrap();
    assert!(tables.len() >= 11, "{tables:?}");
    for table in tables {
        assert_eq!(
            app.query_i64(&format!("SELECT count(*) FROM {table}")),
            0,
            "{table} is empty"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn forget_with_delete_messages_also_removes_the_bots_posts() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    for (user, text) in [(ALICE, "You made tea"), (BOB, "You listened")] {
        app.interact(crate::support::payloads::modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            user,
            &ComponentId::CheckinForm(TODAY).encode(),
            &[("mood", "4"), ("appreciated", text), ("hear", "")],
        ))
        .await;
    }
    let deadline = tokio::time::Instant::now() + WAIT;
    while app.query_i64("SELECT count(*) FROM outbox WHERE message_id IS NOT NULL") < 2 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the notice and the reveal were posted"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let posted: Vec<i64> = app
        .store
        .call_blocking(|c| {
            let mut s = c.prepare("SELECT message_id FROM outbox WHERE message_id IS NOT NULL")?;
            let v = s
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(v)
        })
        .unwrap();
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            BOB,
            "forget",
            vec![json!({"name": "delete_messages", "type": 5, "value": true})],
        ))
        .await;
    // The option answered the first question: the last one is asked.
    assert!(content(&r).contains("I'll remove them"), "{}", content(&r));
    let ids: Vec<String> = custom_ids(&r)
        .into_iter()
        .filter(|id| {
            matches!(
                ComponentId::parse(id),
                Ok(ComponentId::ConfirmForget { choice, .. })
                    if choice.remove_posts && !choice.tell_partner
            )
        })
        .collect();
    assert_eq!(ids.len(), 1, "Forget quietly, removing haven's posts");
    let confirm = bot_message(
        1_400_000_000_000_000_021,
        PRIVATE,
        "confirm",
        callback_data(&r)["components"].clone(),
    );
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &ids[0],
            confirm,
        ))
        .await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE);
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);
    for id in posted {
        app.fake
            .wait_request("a post deleted", WAIT, |r| {
                r.method == "DELETE" && r.path == format!("/channels/{PRIVATE}/messages/{id}")
            })
            .await
            .unwrap();
    }
    app.stop().await;
}

#[tokio::test]
async fn a_removed_servers_couples_are_deleted_after_the_retention_period() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let wait_for = |sql: &'static str, want: i64| {
        let app = &app;
        async move {
            let deadline = tokio::time::Instant::now() + WAIT;
            while app.query_i64(sql) != want {
                assert!(tokio::time::Instant::now() < deadline, "{sql} != {want}");
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        }
    };
    app.fake
        .dispatch("GUILD_DELETE", json!({"id": GUILD.to_string()}));
    wait_for("SELECT count(*) FROM guild_removals", 1).await;
    // Added back within the period: nothing is due for deletion any more.
    app.clock.advance(chrono::Duration::days(10));
    app.fake.dispatch("GUILD_CREATE", server());
    wait_for("SELECT count(*) FROM guild_removals", 0).await;
    app.advance_by(chrono::Duration::days(25)).await;
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);
    // An outage is not a removal. Handling one leaves no trace to wait for, so the bot is
    // given the time it takes to record a removal (above, well under 200 ms) before looking.
    app.fake.dispatch(
        "GUILD_DELETE",
        json!({"id": GUILD.to_string(), "unavailable": true}),
    );
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.query_i64("SELECT count(*) FROM guild_removals"), 0);
    // Removed for good: 30 days later the couple is gone.
    app.fake
        .dispatch("GUILD_DELETE", json!({"id": GUILD.to_string()}));
    wait_for("SELECT count(*) FROM guild_removals", 1).await;
    app.advance_by(chrono::Duration::days(29)).await;
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples"),
        1,
        "kept during the period"
    );
    app.advance_by(chrono::Duration::days(1) + chrono::Duration::seconds(1))
        .await;
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);
    assert_eq!(app.query_i64("SELECT count(*) FROM partners"), 0);
    app.stop().await;
}
