//! Forget means forget: each test is a moment in which a forget used to leave something behind
//! (a reply in the channel, a post in flight, a removal cut short by a restart, words in the
//! database files), or in which the limits around pairing and forgetting could be walked past.

use haven::domain::custom_id::ComponentId;
use haven::domain::forget::ForgetChoice;
use haven::domain::ids::{ChannelId, GuildId, UserId};
use haven::domain::time::{LocalTime, Timezone};
use haven::service::setup::{Home, SetupRequest};
use haven::service::{Fail, Refusal};
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::{FakeDiscord, Recorded, BOT_ID};
use crate::support::payloads::{bot_message, callback, component, modal_submit, string_option};
use crate::world::*;

const EPHEMERAL: u64 = 64;

/// Sends an interaction and returns its answer with the interaction's token.
async fn interact_with_token(app: &TestApp, d: Value) -> (Recorded, String) {
    let token = d["token"].as_str().expect("a token").to_string();
    (app.interact(d).await, token)
}

/// The message a public answer became.
fn original_id(app: &TestApp, token: &str) -> u64 {
    let m = app
        .fake
        .original_response(token)
        .expect("the answer is a message in the channel");
    m["id"].as_str().unwrap().parse().unwrap()
}

/// The bot's messages that anyone in `channel` can read (ephemeral answers left out).
fn bots_public_messages(app: &TestApp, channel: u64) -> Vec<Value> {
    app.fake
        .channel_messages(channel)
        .into_iter()
        .filter(|m| {
            m["author"]["id"] == json!(BOT_ID.to_string())
                && m["flags"].as_u64().unwrap_or(0) & EPHEMERAL == 0
        })
        .collect()
}

fn describe(messages: &[Value]) -> String {
    messages
        .iter()
        .map(|m| {
            format!(
                "  {} {:?} {}",
                m["id"].as_str().unwrap_or(""),
                m["content"].as_str().unwrap_or(""),
                m["embeds"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A press of `custom_id` on the private message an ephemeral answer `r` stands for.
fn press_on(app: &TestApp, channel: u64, user: u64, custom_id: &str, r: &Recorded) -> Value {
    let mut msg = bot_message(
        1_400_000_000_000_000_900,
        channel,
        &content(r),
        callback_data(r)["components"].clone(),
    );
    msg["flags"] = json!(EPHEMERAL);
    component(app.id(), Some(GUILD), channel, user, custom_id, msg)
}

/// Alice invites Bob in PRIVATE and Bob presses Accept on the invitation message itself.
async fn pair_here(app: &TestApp) {
    let (answer, token) =
        interact_with_token(app, setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![])).await;
    let invitation = app.fake.original_response(&token).expect("the invitation");
    let accept = custom_ids(&answer)[0].clone();
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &accept,
            invitation,
        ))
        .await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE, "{:?}", r.body);
}

/// `/forget` by `user` from `channel`, answered up to its last question; returns the last
/// answer (with the buttons that would delete) without pressing anything that deletes.
async fn forget_confirmation(
    app: &TestApp,
    user: u64,
    channel: u64,
    remove_posts: bool,
    tell_partner: bool,
) -> (Recorded, String) {
    let r = app
        .interact(cmd(app.id(), channel, user, "forget", vec![]))
        .await;
    assert_ephemeral_says(&r, "Nothing has been deleted yet");
    let posts = custom_ids(&r)
        .into_iter()
        .find(|id| {
            matches!(ComponentId::parse(id), Ok(ComponentId::ForgetPosts { remove_posts: p, .. }) if p == remove_posts)
        })
        .expect("a button for haven's posts");
    let r = app.interact(press_on(app, channel, user, &posts, &r)).await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE, "{:?}", r.body);
    let confirm = custom_ids(&r)
        .into_iter()
        .find(|id| {
            matches!(
                ComponentId::parse(id),
                Ok(ComponentId::ConfirmForget { choice, .. })
                    if choice == ForgetChoice { remove_posts, tell_partner }
            )
        })
        .expect("a button that forgets");
    (r, confirm)
}

/// `/forget` by `user` from `channel`, with both questions answered; returns the last answer.
async fn forget(
    app: &TestApp,
    user: u64,
    channel: u64,
    remove_posts: bool,
    tell_partner: bool,
) -> Recorded {
    let (r, id) = forget_confirmation(app, user, channel, remove_posts, tell_partner).await;
    let done = app.interact(press_on(app, channel, user, &id, &r)).await;
    assert_eq!(
        callback_type(&done),
        callback::UPDATE_MESSAGE,
        "{:?}",
        done.body
    );
    done
}

async fn check_in(app: &TestApp, user: u64, appreciated: &str) {
    app.interact(modal_submit(
        app.id(),
        Some(GUILD),
        PRIVATE,
        user,
        &ComponentId::CheckinForm(TODAY).encode(),
        &[("mood", "4"), ("appreciated", appreciated), ("hear", "")],
    ))
    .await;
}

/// Waits until `sql` gives `want`, or fails naming it.
async fn wait_for(app: &TestApp, sql: &str, want: i64) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let got = app.query_i64(sql);
        if got == want {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{sql} gave {got}, not {want}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn forget_removes_every_reply_haven_posted_for_the_couple() {
    let app = spawn_app(vec![server()]).await;
    pair_here(&app).await;
    let mut replies = Vec::new();
    for d in [
        cmd(
            app.id(),
            PRIVATE,
            ALICE,
            "appreciate",
            vec![string_option("text", "You carried the groceries up")],
        ),
        cmd(app.id(), PRIVATE, BOB, "streak", vec![]),
        schedule_set(app.id(), PRIVATE, BOB, vec![string_option("time", "21:00")]),
        cmd(app.id(), PRIVATE, ALICE, "pause", vec![]),
        cmd(app.id(), PRIVATE, ALICE, "resume", vec![]),
        cmd(app.id(), PRIVATE, BOB, "skip", vec![]),
    ] {
        let (r, token) = interact_with_token(&app, d).await;
        assert!(!is_ephemeral(&r), "a public answer: {:?}", r.body);
        replies.push(original_id(&app, &token));
    }
    let (r, token) = interact_with_token(&app, prompt_now(app.id(), PRIVATE, ALICE, None)).await;
    replies.push(original_id(&app, &token));
    let another = custom_ids(&r)
        .into_iter()
        .find(|id| id.starts_with("hv1:ap:"))
        .expect("an Another prompt button");
    let prompt = app.fake.original_response(&token).unwrap();
    let (r, token) = interact_with_token(
        &app,
        component(app.id(), Some(GUILD), PRIVATE, BOB, &another, prompt),
    )
    .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    replies.push(original_id(&app, &token));
    check_in(&app, ALICE, "You made tea").await;
    check_in(&app, BOB, "You listened").await;
    app.settle().await;
    let before = bots_public_messages(&app, PRIVATE);
    for id in &replies {
        assert!(
            before.iter().any(|m| m["id"] == json!(id.to_string())),
            "reply {id} is in the channel"
        );
    }

    // Bob forgets from another channel and asks for haven's posts to go.
    forget(&app, BOB, PUBLIC, true, false).await;
    app.settle().await;
    let left = bots_public_messages(&app, PRIVATE);
    assert!(
        left.is_empty(),
        "haven's messages left in the couple's channel:\n{}",
        describe(&left)
    );
    app.stop().await;
}

#[tokio::test]
async fn telling_the_partner_posts_one_note_without_words_and_quiet_posts_none() {
    let app = spawn_app(vec![server()]).await;
    pair_here(&app).await;
    check_in(&app, ALICE, "You made tea").await;
    app.settle().await;
    let done = forget(&app, ALICE, PUBLIC, true, true).await;
    assert!(
        content(&done).contains(&format!("lets <@{BOB}> know")),
        "{}",
        content(&done)
    );
    let posts = app.settle().await;
    assert_eq!(posts.len(), 1, "one note");
    let note = posts[0].body.clone().unwrap();
    assert_eq!(posts[0].path, format!("/channels/{PRIVATE}/messages"));
    assert_eq!(
        note["content"],
        json!(format!(
            "<@{BOB}>, <@{ALICE}> asked haven to forget your couple, so everything haven \
             stored about the two of you has been deleted."
        ))
    );
    assert_eq!(note["allowed_mentions"]["users"], json!([BOB.to_string()]));
    assert_eq!(note["allowed_mentions"]["parse"], json!([]));
    assert!(note["embeds"].as_array().is_none_or(|e| e.is_empty()));
    assert!(note["nonce"].is_string() && note["enforce_nonce"] == json!(true));
    // haven's other posts are gone; the note stays.
    let left = bots_public_messages(&app, PRIVATE);
    assert_eq!(left.len(), 1, "{}", describe(&left));

    // Forgetting quietly posts nothing.
    pair_here(&app).await;
    app.settle().await;
    let done = forget(&app, BOB, PRIVATE, false, false).await;
    assert!(content(&done).contains(&format!("I haven't told <@{ALICE}>")));
    assert!(app.settle().await.is_empty(), "nothing posted");
    app.stop().await;
}

#[tokio::test]
async fn a_post_in_flight_while_forget_runs_is_removed_too() {
    let app = spawn_app(vec![server()]).await;
    pair_here(&app).await;
    app.settle().await;
    // Discord takes its time to answer: the reveal is in flight when Alice forgets.
    app.fake
        .set_message_delay(Some(std::time::Duration::from_millis(1500)));
    check_in(&app, ALICE, "You made tea").await;
    check_in(&app, BOB, "You listened").await;
    app.fake
        .wait_request("the reveal sent", WAIT, |r| {
            is_channel_post(r)
                && r.body
                    .as_ref()
                    .is_some_and(|b| b["embeds"].as_array().is_some_and(|e| e.len() == 2))
        })
        .await
        .unwrap();
    forget(&app, ALICE, PRIVATE, true, false).await;
    app.fake.set_message_delay(None);
    app.settle().await;
    let left = bots_public_messages(&app, PRIVATE);
    assert!(
        left.is_empty(),
        "haven's messages left in the couple's channel:\n{}",
        describe(&left)
    );
    app.stop().await;
}

#[tokio::test]
async fn removing_posts_resumes_after_a_restart() {
    let app = spawn_app(vec![server()]).await;
    pair_here(&app).await;
    let (_, token) = interact_with_token(
        &app,
        cmd(
            app.id(),
            PRIVATE,
            ALICE,
            "appreciate",
            vec![string_option("text", "You fixed my bike")],
        ),
    )
    .await;
    let appreciation = original_id(&app, &token);
    check_in(&app, ALICE, "You made tea").await;
    check_in(&app, BOB, "You listened").await;
    app.settle().await;
    let posts = bots_public_messages(&app, PRIVATE);
    assert!(posts.len() >= 4, "{}", describe(&posts));
    // Discord is briefly unwell when haven tries to remove the appreciation.
    app.fake.push_fault(
        "DELETE",
        &format!("/messages/{appreciation}"),
        503,
        json!({"message": "Service Unavailable", "code": 0}),
    );
    forget(&app, ALICE, PRIVATE, true, false).await;
    app.settle().await;
    // haven stops before it tries again, and starts on the same database.
    let app = app.restart(None).await;
    app.advance_by(chrono::Duration::seconds(5)).await;
    let left = bots_public_messages(&app, PRIVATE);
    assert!(
        left.is_empty(),
        "haven's messages left in the couple's channel:\n{}",
        describe(&left)
    );
    let deletes = app
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE" && r.path.ends_with(&format!("/messages/{appreciation}")))
        .count();
    assert_eq!(
        deletes, 2,
        "tried once, failed, tried again after the restart"
    );
    app.stop().await;
}

/// Whether `needle` appears in the file's raw bytes (a missing file holds nothing).
fn file_holds(path: &std::path::Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn forgotten_words_are_in_neither_the_database_nor_its_wal() {
    let app = spawn_app(vec![server()]).await;
    pair_here(&app).await;
    let marker = format!("marker{:016x}", rand::random::<u64>());
    check_in(&app, ALICE, &format!("You sang {marker} in the kitchen")).await;
    check_in(&app, BOB, "You listened").await;
    app.settle().await;
    let db = app.store.path().to_path_buf();
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let wal = std::path::PathBuf::from(wal);
    assert!(
        file_holds(&db, &marker) || file_holds(&wal, &marker),
        "the check-in is stored before the forget"
    );
    forget(&app, BOB, PRIVATE, false, false).await;
    // The files are emptied of it right after the forget is answered.
    let deadline = tokio::time::Instant::now() + WAIT;
    while file_holds(&db, &marker) || file_holds(&wal, &marker) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the marker is left in haven.db ({}) or haven.db-wal ({})",
            file_holds(&db, &marker),
            file_holds(&wal, &marker)
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    app.stop().await;
}

#[tokio::test]
async fn pairing_and_forgetting_in_a_loop_never_passes_the_channel_cap() {
    let app = spawn_app_with(
        vec![server()],
        Options {
            tweak: |s| s.setup.max_created_channels_per_guild = 2,
            ..Options::default()
        },
    )
    .await;
    let creates = |app: &TestApp| {
        app.fake
            .requests()
            .iter()
            .filter(|r| r.is("POST", &format!("/guilds/{GUILD}/channels")))
            .count()
    };
    let mut refused = false;
    for round in 0..4 {
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
        if is_ephemeral(&answer) {
            assert_ephemeral_says(&answer, "the most the host allows");
            assert_eq!(round, 2, "refused once the cap is reached, not before");
            refused = true;
            break;
        }
        let ids = custom_ids(&answer);
        // Asked for where only the two of them can read, the invitation is posted there.
        let msg = invitation_message(&answer, PRIVATE);
        app.interact(press(&app, PRIVATE, BOB, &ids[0], &msg)).await;
        wait_for(&app, "SELECT count(*) FROM couples", 1).await;
        forget(&app, ALICE, PUBLIC, false, false).await;
        assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);
    }
    assert!(refused, "the cap was never reached");
    assert_eq!(creates(&app), 2, "channels created");
    app.stop().await;
}

#[tokio::test]
async fn simultaneous_accepts_never_pass_the_channel_cap() {
    let app = spawn_app_with(
        vec![server()],
        Options {
            tweak: |s| s.setup.max_created_channels_per_guild = 1,
            ..Options::default()
        },
    )
    .await;
    let request = |inviter: u64, invitee: u64| SetupRequest {
        guild_id: GuildId(GUILD),
        channel_id: ChannelId(PUBLIC),
        inviter: UserId(inviter),
        invitee: UserId(invitee),
        invitee_is_bot: false,
        timezone: Timezone::parse("UTC").unwrap(),
        nudge_time: LocalTime::DEFAULT_NUDGE,
        private_channel: true,
        language: Default::default(),
    };
    let svc = &app.services;
    let first = svc.invite(request(ALICE, BOB)).await.unwrap();
    let second = svc.invite(request(CAROL, DAN)).await.unwrap();
    // Both partners press Accept at the same moment: each passed the check before its channel
    // was created, and both channels exist.
    let (a, b) = tokio::join!(
        svc.accept(&first, Home::Created(ChannelId(9_001))),
        svc.accept(&second, Home::Created(ChannelId(9_002))),
    );
    let accepted = [&a, &b].iter().filter(|r| r.is_ok()).count();
    assert_eq!(accepted, 1, "{a:?} {b:?}");
    let refusal = [a, b].into_iter().find_map(|r| r.err());
    assert!(
        matches!(
            refusal,
            Some(Fail::Refused(Refusal::TooManyCreatedChannels { max: 1 }))
        ),
        "{refusal:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_stale_forget_button_never_deletes_a_newer_couple() {
    let app = spawn_app(vec![server()]).await;
    pair_here(&app).await;
    // Alice asks to forget, then leaves the confirmation unanswered...
    let (stale_answer, stale) = forget_confirmation(&app, ALICE, PRIVATE, false, false).await;
    // ...forgets through a new one, and the two pair again.
    forget(&app, ALICE, PRIVATE, false, false).await;
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);
    pair_here(&app).await;
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);
    // The old confirmation's button, pressed now, belongs to a couple that no longer exists.
    let r = app
        .interact(press_on(&app, PRIVATE, ALICE, &stale, &stale_answer))
        .await;
    assert!(is_ephemeral(&r), "{:?}", r.body);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples"),
        1,
        "the newer couple is still there"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_server_that_removed_haven_while_it_was_offline_starts_the_retention_clock() {
    let app = spawn_app(vec![server()]).await;
    pair_here(&app).await;
    app.settle().await;
    // While haven is down, the server removes it: the next READY does not list it.
    let elsewhere = FakeDiscord::start(TOKEN, vec![]).await;
    let app = app.restart(Some(elsewhere)).await;
    wait_for(&app, "SELECT count(*) FROM guild_removals", 1).await;
    app.advance_by(chrono::Duration::days(29)).await;
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples"),
        1,
        "kept during the retention period"
    );
    app.advance_by(chrono::Duration::days(1) + chrono::Duration::seconds(1))
        .await;
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);
    app.stop().await;
}

#[tokio::test]
async fn a_server_still_there_after_a_restart_is_not_counted_as_removed() {
    let app = spawn_app(vec![server()]).await;
    pair_here(&app).await;
    app.fake
        .dispatch("GUILD_DELETE", json!({"id": GUILD.to_string()}));
    wait_for(&app, "SELECT count(*) FROM guild_removals", 1).await;
    // haven was added back while it was down: READY lists the server again.
    let app = app.restart(None).await;
    wait_for(&app, "SELECT count(*) FROM guild_removals", 0).await;
    app.stop().await;
}

#[tokio::test]
async fn forgetting_never_erases_a_no() {
    let app = spawn_app(vec![server()]).await;
    let svc = &app.services;
    let ask = |inviter: u64, invitee: u64| SetupRequest {
        guild_id: GuildId(GUILD),
        channel_id: ChannelId(PRIVATE_CD),
        inviter: UserId(inviter),
        invitee: UserId(invitee),
        invitee_is_bot: false,
        timezone: Timezone::parse("UTC").unwrap(),
        nudge_time: LocalTime::DEFAULT_NUDGE,
        private_channel: true,
        language: Default::default(),
    };
    // Carol says not right now to Alice.
    let first = svc.invite(ask(ALICE, CAROL)).await.unwrap();
    svc.decline(&first).await.unwrap();
    // Alice pairs with Bob, then forgets the couple.
    pair(&app, "UTC").await;
    let couple = haven::domain::ids::CoupleId(app.query_i64("SELECT id FROM couples") as u64);
    svc.forget(
        couple,
        UserId(ALICE),
        ForgetChoice {
            remove_posts: false,
            tell_partner: false,
        },
    )
    .await
    .unwrap();
    // Carol's no still holds.
    match svc.invite(ask(ALICE, CAROL)).await {
        Err(Fail::Refused(Refusal::RecentlyDeclined)) => {}
        other => panic!("a no was erased by a forget: {other:?}"),
    }
    // Everything else naming them is gone.
    assert_eq!(
        app.query_i64("SELECT count(*) FROM invitations WHERE status <> 'declined'"),
        0
    );
    app.stop().await;
}
