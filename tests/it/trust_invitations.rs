//! Invitations are private and a no is respected: each test is the attack or the moment it
//! prevents. An invitation from a channel outsiders can read goes to the invited person by
//! direct message; a decline closes it without a name and tells the inviter privately; the
//! same inviter waits before asking again; nobody keeps more than three open; a stranger
//! cannot learn who is paired; and invitation rows go once they no longer matter, or sooner
//! when the person they name asks.

use haven::clock::Clock;
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::{Recorded, BOT_ID};
use crate::support::payloads::{bot_message, callback, component, slash};
use crate::world::*;

/// A member who is not paired and shares no channel with anyone.
const DAVE: u64 = 16;

/// `/setup partner:<invitee> timezone:UTC private_channel:true` from `inviter` in `channel`.
fn private_setup(app: &TestApp, channel: u64, inviter: u64, invitee: u64) -> Value {
    setup_cmd(
        app.id(),
        channel,
        inviter,
        invitee,
        "UTC",
        vec![json!({"name": "private_channel", "type": 5, "value": true})],
    )
}

/// What the person who ran a command finally reads: the answer, or the edit of a deferred one.
struct Reply {
    answer: Recorded,
    text: String,
    ephemeral: bool,
}

async fn ask(app: &TestApp, d: Value) -> Reply {
    let token = d["token"].as_str().expect("a token").to_string();
    let answer = app.interact(d).await;
    let ephemeral = is_ephemeral(&answer);
    let text = if callback_type(&answer) == callback::DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE {
        let path = format!("/webhooks/{BOT_ID}/{token}/messages/@original");
        let edit = app
            .fake
            .wait_request("the deferred answer's text", WAIT, |r| {
                r.method == "PATCH" && r.path == path
            })
            .await
            .unwrap();
        let body = edit.body.expect("an edit has a body");
        assert_eq!(
            body["allowed_mentions"]["users"]
                .as_array()
                .map_or(0, Vec::len),
            0,
            "a private answer pings nobody: {body}"
        );
        body["content"].as_str().unwrap_or("").to_string()
    } else {
        content(&answer)
    };
    Reply {
        answer,
        text,
        ephemeral,
    }
}

/// Messages in `channel` that anyone who can read the channel sees (ephemeral ones left out).
fn visible_messages(app: &TestApp, channel: u64) -> Vec<Value> {
    app.fake
        .channel_messages(channel)
        .into_iter()
        .filter(|m| m["flags"].as_u64().unwrap_or(0) & 64 == 0)
        .collect()
}

/// The direct message the bot sent `user` (the first one), with the DM channel's id.
async fn dm_to(app: &TestApp, user: u64) -> (u64, Value) {
    app.fake
        .wait_request("a DM channel opened", WAIT, |r| {
            r.is("POST", "/users/@me/channels")
                && r.body
                    .as_ref()
                    .is_some_and(|b| b["recipient_id"] == json!(user.to_string()))
        })
        .await
        .unwrap();
    let dm = app.fake.dm_channel_of(user).expect("a DM channel");
    let post = app
        .fake
        .wait_request("a direct message", WAIT, |r| {
            r.is("POST", &format!("/channels/{dm}/messages"))
        })
        .await
        .unwrap();
    (dm, post.body.expect("a message body"))
}

/// The newest message the bot holds in `channel` (a DM), as a button's message.
fn last_message(app: &TestApp, channel: u64) -> Value {
    app.fake
        .channel_messages(channel)
        .pop()
        .expect("a message in the channel")
}

/// The custom ids of a message body's buttons.
fn buttons(body: &Value) -> Vec<String> {
    body["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
        .collect()
}

/// A press in the DM channel `dm` (no server) by `user`.
fn press_in_dm(app: &TestApp, dm: u64, user: u64, custom_id: &str) -> Value {
    component(app.id(), None, dm, user, custom_id, last_message(app, dm))
}

/// The same words with every user mention made anonymous.
fn without_mentions(text: &str, users: &[u64]) -> String {
    users.iter().fold(text.to_string(), |t, u| {
        t.replace(&format!("<@{u}>"), "<@someone>")
    })
}

/// `/forget` from `user` in the public channel.
fn forget(app: &TestApp, user: u64) -> Value {
    slash(
        app.id(),
        Some(GUILD),
        PUBLIC,
        user,
        "forget",
        Value::Null,
        None,
        BOT_PERMS,
    )
}

#[tokio::test]
async fn an_invitation_asked_for_in_a_public_channel_goes_to_the_invited_person_privately() {
    let app = spawn_app(vec![server()]).await;
    // CAROL, in #general, asks haven to invite DAVE to a channel it would create.
    let reply = ask(&app, private_setup(&app, PUBLIC, CAROL, DAVE)).await;
    assert!(
        reply.ephemeral,
        "only Carol sees the answer: {:?}",
        reply.answer.body
    );
    assert!(
        visible_messages(&app, PUBLIC).is_empty(),
        "nothing is posted where outsiders can read: {:?}",
        visible_messages(&app, PUBLIC)
    );
    assert!(reply.text.contains("privately"), "{}", reply.text);
    // The invitation goes to Dave by direct message, with Accept and Not right now.
    let (dm, body) = dm_to(&app, DAVE).await;
    let ids = buttons(&body);
    assert_eq!(ids.len(), 2, "{body}");
    let text = body["content"].as_str().unwrap_or("");
    assert!(text.contains(&format!("<@{CAROL}>")), "{text}");
    assert!(text.contains("create a private channel"), "{text}");
    assert_eq!(
        body["allowed_mentions"]["users"]
            .as_array()
            .map_or(0, Vec::len),
        0,
        "a direct message needs no ping: {body}"
    );
    // The invitation's buttons mean nothing in the public channel.
    let stray = bot_message(1_400_000_000_000_000_031, PUBLIC, "", json!([]));
    let r = app
        .interact(press(&app, PUBLIC, DAVE, &ids[0], &stray))
        .await;
    assert_ephemeral_says(&r, "no longer valid");
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);

    // Dave accepts in the DM: haven creates the couple's channel in the server.
    let r = app.interact(press_in_dm(&app, dm, DAVE, &ids[0])).await;
    assert_eq!(
        callback_type(&r),
        callback::DEFERRED_UPDATE_MESSAGE,
        "accepted from a DM: {:?}",
        r.body
    );
    let create = app
        .fake
        .wait_request("the couple's channel created", WAIT, |r| {
            r.is("POST", &format!("/guilds/{GUILD}/channels"))
        })
        .await
        .unwrap();
    let overwrites = create.body.unwrap()["permission_overwrites"].clone();
    for who in [CAROL, DAVE] {
        assert!(
            overwrites
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["id"] == json!(who.to_string())),
            "{who} is let in: {overwrites}"
        );
    }
    let deadline = tokio::time::Instant::now() + WAIT;
    while app.query_i64(&format!(
        "SELECT count(*) FROM couples WHERE partner_a = {CAROL} AND partner_b = {DAVE} AND created_channel = 1 AND guild_id = {GUILD}"
    )) != 1
    {
        assert!(tokio::time::Instant::now() < deadline, "the couple starts");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    // From a channel only the two of them can read, the invitation is posted there, as before.
    let r = app.interact(private_setup(&app, PRIVATE, ALICE, BOB)).await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r), "posted in their own channel");
    assert!(content(&r).contains(&format!("<@{BOB}>")));
    assert_eq!(
        app.fake.dm_channel_of(BOB),
        None,
        "no DM when the channel is theirs"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_refused_direct_message_tells_only_the_inviter_where_to_run_setup() {
    let app = spawn_app(vec![server()]).await;
    app.fake.refuse_dms_from(DAVE);
    let reply = ask(&app, private_setup(&app, PUBLIC, CAROL, DAVE)).await;
    assert!(reply.ephemeral, "{:?}", reply.answer.body);
    assert!(
        reply.text.contains("/setup") && reply.text.contains("only the two of you"),
        "{}",
        reply.text
    );
    assert!(
        !reply.text.contains(&format!("<@{DAVE}>")),
        "{}",
        reply.text
    );
    assert!(visible_messages(&app, PUBLIC).is_empty());
    assert_eq!(
        app.query_i64("SELECT count(*) FROM invitations"),
        0,
        "an invitation nobody received is not kept"
    );
    // Nothing stops Carol from trying again where only the two of them can read.
    let reply = ask(&app, private_setup(&app, PUBLIC, CAROL, DAVE)).await;
    assert!(
        reply.ephemeral && reply.text.contains("/setup"),
        "{}",
        reply.text
    );
    app.stop().await;
}

#[tokio::test]
async fn a_decline_is_never_announced_and_the_inviter_learns_it_privately() {
    let app = spawn_app(vec![server()]).await;
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    let before = app.fake.requests().len();
    let r = app.interact(press(&app, PRIVATE, BOB, &ids[1], &msg)).await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE);
    let closed = content(&r);
    assert_eq!(
        closed, "This invitation is closed.",
        "no name, nothing else"
    );
    assert_eq!(callback_data(&r)["components"], json!([]));
    assert_eq!(
        callback_data(&r)["allowed_mentions"]["users"]
            .as_array()
            .map_or(0, Vec::len),
        0
    );
    // Alice is told by direct message, kindly, and nothing is posted in the channel.
    let (_, note) = dm_to(&app, ALICE).await;
    let words = note["content"].as_str().unwrap_or("");
    assert!(
        words.contains("not right now") && words.contains("okay"),
        "{words}"
    );
    assert_eq!(
        note["allowed_mentions"]["users"]
            .as_array()
            .map_or(0, Vec::len),
        0
    );
    let posts: Vec<String> = app
        .requests_since(before)
        .iter()
        .filter(|r| r.method == "POST" && r.path == format!("/channels/{PRIVATE}/messages"))
        .map(Recorded::summary)
        .collect();
    assert!(posts.is_empty(), "nothing announced: {posts:?}");

    // A decline in a DM: the DM is closed the same way; an inviter who takes no DMs is
    // simply not told, and nothing else happens.
    app.fake.refuse_dms_from(CAROL);
    ask(&app, private_setup(&app, PUBLIC, CAROL, DAVE)).await;
    let (dm, body) = dm_to(&app, DAVE).await;
    let ids = buttons(&body);
    let before = app.fake.requests().len();
    let r = app.interact(press_in_dm(&app, dm, DAVE, &ids[1])).await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE, "{:?}", r.body);
    assert_eq!(content(&r), "This invitation is closed.");
    app.fake
        .wait_request("a DM channel opened with Carol", WAIT, |r| {
            r.is("POST", "/users/@me/channels")
                && r.body
                    .as_ref()
                    .is_some_and(|b| b["recipient_id"] == json!(CAROL.to_string()))
        })
        .await
        .unwrap();
    let to_carol = format!(
        "/channels/{}/messages",
        app.fake.dm_channel_of(CAROL).unwrap()
    );
    let carol_dm = app
        .fake
        .wait_request("the note to Carol tried", WAIT, |r| r.is("POST", &to_carol))
        .await
        .unwrap();
    assert_eq!(carol_dm.status, 403);
    // The handler ends right after the refused DM; give it that moment.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let others: Vec<String> = app
        .requests_since(before)
        .iter()
        .filter(|r| {
            !(r.path.ends_with("/callback")
                || r.is("POST", "/users/@me/channels")
                || r.path == carol_dm.path)
        })
        .map(Recorded::summary)
        .collect();
    assert!(others.is_empty(), "nothing else: {others:?}");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM invitations WHERE status = 'declined'"),
        2
    );
    app.stop().await;
}

#[tokio::test]
async fn after_a_no_the_same_inviter_waits_thirty_days_and_sees_no_countdown() {
    let app = spawn_app(vec![server()]).await;
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    app.interact(press(&app, PRIVATE, BOB, &ids[1], &msg)).await;
    let declined_at = app.clock.now();

    // A day later, Alice asks again: still no, and no date to count down to.
    app.clock
        .advance(chrono::Duration::hours(24) + chrono::Duration::seconds(1));
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "not right now");
    assert!(
        !content(&r).contains("<t:"),
        "no countdown: {}",
        content(&r)
    );
    // By direct message too.
    let r = app.interact(private_setup(&app, PUBLIC, ALICE, BOB)).await;
    assert_ephemeral_says(&r, "not right now");
    assert!(!content(&r).contains("<t:"));
    assert_eq!(app.fake.dm_channel_of(BOB), None, "Bob is not asked again");

    // Bob, who said no, can always invite Alice.
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, BOB, ALICE, "UTC", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r), "Bob's invitation is posted");
    assert!(content(&r).contains(&format!("<@{ALICE}>")));
    // Alice lets it pass; it expires.
    app.clock.advance(chrono::Duration::hours(25));

    app.clock
        .set(declined_at + chrono::Duration::days(30) - chrono::Duration::seconds(1));
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_ephemeral_says(&r, "not right now");
    app.clock.set(declined_at + chrono::Duration::days(30));
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r), "thirty days on, Alice may ask again");
    app.stop().await;
}

#[tokio::test]
async fn a_fourth_open_invitation_is_refused() {
    let app = spawn_app(vec![server()]).await;
    // Three open in the server, however they were sent: one posted in a channel, two by DM.
    let r = app
        .interact(setup_cmd(app.id(), PRIVATE_CD, CAROL, DAN, "UTC", vec![]))
        .await;
    assert!(!is_ephemeral(&r), "posted in Carol and Dan's channel");
    for invitee in [BOB, DAVE] {
        let reply = ask(&app, private_setup(&app, PUBLIC, CAROL, invitee)).await;
        assert!(reply.ephemeral, "{:?}", reply.answer.body);
        dm_to(&app, invitee).await;
    }
    let reply = ask(&app, private_setup(&app, PUBLIC, CAROL, EVE)).await;
    assert!(reply.ephemeral);
    assert!(
        reply.text.contains("3 invitations waiting"),
        "{}",
        reply.text
    );
    assert_eq!(app.fake.dm_channel_of(EVE), None, "Eve is not messaged");
    assert!(visible_messages(&app, PUBLIC).is_empty());
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 3);
    // An answer frees a place.
    let dm = app.fake.dm_channel_of(DAVE).unwrap();
    let ids = buttons(&last_message(&app, dm));
    app.interact(press_in_dm(&app, dm, DAVE, &ids[1])).await;
    let reply = ask(&app, private_setup(&app, PUBLIC, CAROL, EVE)).await;
    assert!(reply.text.contains("privately"), "{}", reply.text);
    dm_to(&app, EVE).await;
    app.stop().await;
}

#[tokio::test]
async fn a_stranger_cannot_tell_a_paired_member_from_an_unpaired_one() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // CAROL probes ALICE (paired) and DAVE (not) the same way.
    let to_alice = ask(&app, private_setup(&app, PUBLIC, CAROL, ALICE)).await;
    let to_dave = ask(&app, private_setup(&app, PUBLIC, CAROL, DAVE)).await;
    assert_eq!(
        (callback_type(&to_alice.answer), to_alice.ephemeral),
        (callback_type(&to_dave.answer), to_dave.ephemeral),
        "the same kind of answer"
    );
    assert_eq!(
        without_mentions(&to_alice.text, &[ALICE]),
        without_mentions(&to_dave.text, &[DAVE]),
        "the same words"
    );
    assert!(visible_messages(&app, PUBLIC).is_empty());
    // Both are invited, privately, in the same words.
    let (alice_dm, alice_inv) = dm_to(&app, ALICE).await;
    let (dave_dm, dave_inv) = dm_to(&app, DAVE).await;
    assert_eq!(
        alice_inv["content"], dave_inv["content"],
        "the invitation says nothing about the person it goes to"
    );
    // Nor when neither takes direct messages.
    app.fake.refuse_dms_from(BOB);
    app.fake.refuse_dms_from(DAN);
    let to_bob = ask(&app, private_setup(&app, PUBLIC, CAROL, BOB)).await;
    let to_dan = ask(&app, private_setup(&app, PUBLIC, CAROL, DAN)).await;
    assert_eq!(to_bob.ephemeral, to_dan.ephemeral);
    assert_eq!(to_bob.text, to_dan.text);

    // Alice, who knows she is paired, is told so if she accepts; Carol learns nothing.
    let ids = buttons(&alice_inv);
    let r = app
        .interact(press_in_dm(&app, alice_dm, ALICE, &ids[0]))
        .await;
    assert_ephemeral_says(&r, "already paired");
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 1);
    assert_eq!(app.fake.dm_channel_of(CAROL), None, "Carol is told nothing");
    // When both say not right now, Carol hears the same from each.
    app.interact(press_in_dm(&app, alice_dm, ALICE, &ids[1]))
        .await;
    let (carol_dm, first) = dm_to(&app, CAROL).await;
    let dave_ids = buttons(&dave_inv);
    app.interact(press_in_dm(&app, dave_dm, DAVE, &dave_ids[1]))
        .await;
    let second = app
        .fake
        .wait_request("the second note to Carol", WAIT, |r| {
            r.is("POST", &format!("/channels/{carol_dm}/messages"))
                && r.body.as_ref() != Some(&first)
        })
        .await
        .unwrap()
        .body
        .unwrap();
    assert_eq!(
        without_mentions(first["content"].as_str().unwrap(), &[ALICE, DAVE]),
        without_mentions(second["content"].as_str().unwrap(), &[ALICE, DAVE]),
    );
    app.stop().await;
}

#[tokio::test]
async fn invitations_are_purged_once_they_no_longer_matter() {
    let app = spawn_app(vec![server()]).await;
    // Accepted: Carol and Dan pair in their channel.
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE_CD, CAROL, DAN, "UTC", vec![]))
        .await;
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE_CD);
    app.interact(press(&app, PRIVATE_CD, DAN, &ids[0], &msg))
        .await;
    // Declined: Bob says not right now to Alice.
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    app.interact(press(&app, PRIVATE, BOB, &ids[1], &msg)).await;
    let declined_at = app.clock.now();
    // Unanswered: Eve's invitation to Dave expires.
    ask(&app, private_setup(&app, PUBLIC, EVE, DAVE)).await;
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 3);

    // A day after they closed, the accepted and the expired ones are gone.
    app.advance_by(chrono::Duration::days(2) + chrono::Duration::seconds(1))
        .await;
    assert_eq!(
        app.query_i64("SELECT count(*) FROM invitations WHERE status <> 'declined'"),
        0
    );
    // The decline is kept while it keeps Alice from asking again, then goes too.
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 1);
    app.advance_to(declined_at + chrono::Duration::days(30) + chrono::Duration::seconds(1))
        .await;
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 0);
    app.stop().await;
}

#[tokio::test]
async fn anyone_named_in_an_invitation_can_delete_it() {
    let app = spawn_app(vec![server()]).await;
    // Bob, invited by Alice in their channel and paired with nobody, deletes the invitation.
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, "UTC", vec![]))
        .await;
    let r = app.interact(forget(&app, BOB)).await;
    assert_ephemeral_says(&r, "deleted the invitation that named you");
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 0);
    let msg = invitation_message(&answer, PRIVATE);
    let r = app
        .interact(press(&app, PRIVATE, BOB, &custom_ids(&answer)[0], &msg))
        .await;
    assert_ephemeral_says(&r, "no longer valid");
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);

    // Dave, invited by Eve by direct message, does the same.
    ask(&app, private_setup(&app, PUBLIC, EVE, DAVE)).await;
    let (dm, body) = dm_to(&app, DAVE).await;
    let r = app.interact(forget(&app, DAVE)).await;
    assert_ephemeral_says(&r, "deleted the invitation that named you");
    assert_eq!(
        app.query_i64(&format!(
            "SELECT count(*) FROM invitations WHERE invitee_id = {DAVE} OR inviter_id = {DAVE}"
        )),
        0
    );
    let r = app
        .interact(press_in_dm(&app, dm, DAVE, &buttons(&body)[0]))
        .await;
    assert_ephemeral_says(&r, "no longer valid");
    // Eve has nothing left to forget.
    let r = app.interact(forget(&app, EVE)).await;
    assert_ephemeral_says(&r, "nothing of yours");

    // Carol's invitation that Bob declined is kept on her request (it is what keeps her from
    // asking again), and deleted on his.
    ask(&app, private_setup(&app, PUBLIC, CAROL, BOB)).await;
    let (dm, body) = dm_to(&app, BOB).await;
    app.interact(press_in_dm(&app, dm, BOB, &buttons(&body)[1]))
        .await;
    let r = app.interact(forget(&app, CAROL)).await;
    assert_ephemeral_says(&r, "not right now");
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 1);
    let r = app.interact(private_setup(&app, PUBLIC, CAROL, BOB)).await;
    assert_ephemeral_says(&r, "not right now");
    let r = app.interact(forget(&app, BOB)).await;
    assert_ephemeral_says(&r, "deleted the invitation that named you");
    assert!(content(&r).contains("invite you again"), "{}", content(&r));
    assert_eq!(app.query_i64("SELECT count(*) FROM invitations"), 0);
    app.stop().await;
}
