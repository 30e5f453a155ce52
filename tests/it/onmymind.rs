//! "On my mind": private notes that nobody else learns of (not even that they exist), bringing
//! one up once through the outbox with the author's words only if they choose, the time only
//! the partner may pick, one reminder at that time (across a restart), and the follow-up that
//! reaches the author alone, by DM or, when DMs are closed, in their next private reply.

use haven::domain::custom_id::ComponentId;
use haven::domain::onmymind::{OmId, Pick};
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::{Recorded, BOT_ID};
use crate::support::payloads::{autocomplete, bot_message, callback, component, modal_submit};
use crate::support::payloads::{overwrite_member, overwrite_role, string_option, subcommand};
use crate::world::*;

const EPHEMERAL: u64 = 1 << 6;

fn omm(app: &TestApp, user: u64, sub: &str, options: Vec<Value>) -> Value {
    cmd(
        app.id(),
        PRIVATE,
        user,
        "onmymind",
        vec![subcommand(sub, options)],
    )
}

fn add(app: &TestApp, user: u64, text: &str) -> Value {
    omm(app, user, "add", vec![string_option("text", text)])
}

/// The id of the newest note.
fn last_note(app: &TestApp) -> u64 {
    app.query_i64("SELECT max(id) FROM on_my_mind") as u64
}

/// A press by `user` on a button of the ephemeral answer `r`.
fn press_on(app: &TestApp, user: u64, custom_id: &str, r: &Recorded) -> Value {
    let mut msg = bot_message(
        1_400_000_000_000_000_900,
        PRIVATE,
        &content(r),
        callback_data(r)["components"].clone(),
    );
    msg["flags"] = json!(EPHEMERAL);
    component(app.id(), Some(GUILD), PRIVATE, user, custom_id, msg)
}

/// A press by `user` on a button of a post the bot made (as the fake recorded its body).
fn press_post(app: &TestApp, channel: u64, user: u64, custom_id: &str, post: &Recorded) -> Value {
    let body = post.body.clone().unwrap_or_default();
    let msg = bot_message(
        1_400_000_000_000_000_950,
        channel,
        body["content"].as_str().unwrap_or(""),
        body["components"].clone(),
    );
    let guild = (channel == PRIVATE).then_some(GUILD);
    component(app.id(), guild, channel, user, custom_id, msg)
}

fn post_ids(post: &Recorded) -> Vec<String> {
    post.body.as_ref().unwrap()["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
        .collect()
}

fn find_id(ids: &[String], want: impl Fn(&OmId) -> bool) -> String {
    ids.iter()
        .find(|id| matches!(ComponentId::parse(id), Ok(ComponentId::OnMyMind(o)) if want(&o)))
        .cloned()
        .unwrap_or_else(|| panic!("no such button among {ids:?}"))
}

/// The posts of "on my mind" among `posts` (the couple's daily nudges fall meanwhile).
fn mine(posts: &[Recorded]) -> Vec<Recorded> {
    posts
        .iter()
        .filter(|p| {
            let t = text_of(p);
            t.contains("time you picked to talk")
                || t.contains("Did you get to talk")
                || t.contains("something on their mind")
        })
        .cloned()
        .collect()
}

fn text_of(r: &Recorded) -> String {
    serde_json::to_string(r.body.as_ref().unwrap()).unwrap()
}

/// Every message sent to `channel`.
fn sent_to(app: &TestApp, channel: u64) -> Vec<Recorded> {
    app.fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == format!("/channels/{channel}/messages"))
        .filter(|r| r.status == 200)
        .collect()
}

/// Every successful message haven sent anywhere but the couple's channel and interactions.
fn dms(app: &TestApp) -> Vec<Recorded> {
    app.fake
        .requests()
        .into_iter()
        .filter(|r| is_channel_post(r) && r.path != format!("/channels/{PRIVATE}/messages"))
        .collect()
}

async fn export(app: &TestApp, user: u64) -> Value {
    let id = haven::domain::ids::CoupleId(app.query_i64("SELECT id FROM couples") as u64);
    let couple = app
        .store
        .call_blocking(move |c| haven::store::couples::by_id(c, id))
        .unwrap()
        .unwrap();
    serde_json::to_value(
        app.services
            .export(&couple, haven::domain::ids::UserId(user))
            .await
            .unwrap(),
    )
    .unwrap()
}

/// Alice keeps `text`, brings it up (the form as pre-filled, or `parts`), and posts it with
/// or without her words; returns the post in the channel.
async fn bring_up(
    app: &TestApp,
    text: &str,
    parts: Option<[&str; 3]>,
    with_words: bool,
) -> Recorded {
    let r = app.interact(add(app, ALICE, text)).await;
    assert_ephemeral_says(&r, "Kept, just for you");
    let note = last_note(app);
    let r = app.interact(omm(app, ALICE, "list", vec![])).await;
    assert!(is_ephemeral(&r));
    let bring = find_id(&custom_ids(&r), |o| *o == OmId::Bring(note));
    let form = app.interact(press_on(app, ALICE, &bring, &r)).await;
    assert_eq!(callback_type(&form), callback::MODAL, "{:?}", form.body);
    let inputs: Vec<Value> = callback_data(&form)["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["components"][0].clone())
        .collect();
    assert_eq!(inputs.len(), 3);
    assert!(inputs[0]["value"]
        .as_str()
        .unwrap()
        .starts_with("I've been feeling"));
    assert!(
        inputs[1]["value"].as_str().unwrap().contains(text),
        "{inputs:?}"
    );
    assert!(inputs[2]["value"]
        .as_str()
        .unwrap()
        .starts_with("and I'd love it if"));
    let values: Vec<String> = match parts {
        Some(p) => p.iter().map(|s| s.to_string()).collect(),
        None => inputs
            .iter()
            .map(|i| i["value"].as_str().unwrap().to_string())
            .collect(),
    };
    let form_id = callback_data(&form)["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .interact(modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &form_id,
            &[
                ("feel", &values[0]),
                ("about", &values[1]),
                ("love", &values[2]),
            ],
        ))
        .await;
    assert!(is_ephemeral(&r), "{:?}", r.body);
    assert_no_mass_mentions(&r);
    let choose = find_id(
        &custom_ids(&r),
        |o| matches!(o, OmId::Post { with_words: w, .. } if *w == with_words),
    );
    assert!(
        app.settle().await.is_empty(),
        "nothing is posted before the choice"
    );
    // The post may leave before `settle` is called: count from before the press.
    let before = app.fake.requests().len();
    let done = app.interact(press_on(app, ALICE, &choose, &r)).await;
    assert_eq!(
        callback_type(&done),
        callback::UPDATE_MESSAGE,
        "{:?}",
        done.body
    );
    // A second press (a double click, a stale copy) posts nothing more.
    let again = app.interact(press_on(app, ALICE, &choose, &r)).await;
    assert_ephemeral_says(&again, "already brought this one up");
    app.settle().await;
    let posts: Vec<Recorded> = app
        .requests_since(before)
        .into_iter()
        .filter(is_channel_post)
        .collect();
    assert_eq!(posts.len(), 1, "exactly one post: {posts:?}");
    posts.into_iter().next().unwrap()
}

#[tokio::test]
async fn notes_stay_with_their_author_until_brought_up() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;

    let r = app
        .interact(add(
            &app,
            ALICE,
            "@everyone <@12> **the holidays** with my family",
        ))
        .await;
    assert_ephemeral_says(&r, "Kept, just for you");
    let note = last_note(&app);
    let r = app.interact(omm(&app, ALICE, "list", vec![])).await;
    assert!(is_ephemeral(&r));
    assert_no_mass_mentions(&r);
    let listed = text_of(&r);
    assert!(listed.contains("the holidays"), "{listed}");
    assert!(
        listed.contains("\\\\@everyone"),
        "echoed literally: {listed}"
    );

    // Edit and delete answer privately too.
    let r = app
        .interact(omm(
            &app,
            ALICE,
            "edit",
            vec![
                string_option("note", &note.to_string()),
                string_option("text", "the holidays, again"),
            ],
        ))
        .await;
    assert_ephemeral_says(&r, "Updated");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM on_my_mind WHERE text = 'the holidays, again'"),
        1
    );

    // Bob learns nothing: no suggestions, an empty list, and Alice's note id is refused
    // exactly like one that does not exist.
    let sugg = app
        .interact(autocomplete(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            "onmymind",
            json!([subcommand("delete", vec![string_option("note", "")])]),
        ))
        .await;
    assert_eq!(callback_type(&sugg), callback::AUTOCOMPLETE_RESULT);
    assert_eq!(
        callback_data(&sugg)["choices"],
        json!([]),
        "{:?}",
        sugg.body
    );
    let mine = app
        .interact(autocomplete(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            "onmymind",
            json!([subcommand("delete", vec![string_option("note", "holi")])]),
        ))
        .await;
    assert_eq!(
        callback_data(&mine)["choices"][0]["value"],
        json!(note.to_string())
    );
    let r = app.interact(omm(&app, BOB, "list", vec![])).await;
    assert_ephemeral_says(&r, "Nothing here yet");
    let theirs = app
        .interact(omm(
            &app,
            BOB,
            "delete",
            vec![string_option("note", &note.to_string())],
        ))
        .await;
    let missing = app
        .interact(omm(
            &app,
            BOB,
            "delete",
            vec![string_option("note", "987654")],
        ))
        .await;
    assert_ephemeral_says(&theirs, "couldn't find that note");
    assert_eq!(content(&theirs), content(&missing));
    for bogus in ["", "-1", "1 OR 1=1", "99999999999999999999999"] {
        let r = app
            .interact(omm(
                &app,
                BOB,
                "edit",
                vec![string_option("note", bogus), string_option("text", "x")],
            ))
            .await;
        assert_ephemeral_says(&r, "couldn't find that note");
    }
    let r = app
        .interact(press_on(
            &app,
            BOB,
            &ComponentId::OnMyMind(OmId::Bring(note)).encode(),
            &r,
        ))
        .await;
    assert_ephemeral_says(&r, "couldn't find that note");
    for forged in [
        OmId::Post {
            note,
            with_words: true,
        },
        OmId::Form(note),
    ] {
        let r = app
            .interact(press_on(
                &app,
                BOB,
                &ComponentId::OnMyMind(forged).encode(),
                &r,
            ))
            .await;
        assert!(is_ephemeral(&r), "{:?}", r.body);
        assert!(!text_of(&r).contains("holidays"));
    }
    let r = app
        .interact(modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &ComponentId::OnMyMind(OmId::Form(note)).encode(),
            &[("feel", "x"), ("about", "y"), ("love", "z")],
        ))
        .await;
    assert_ephemeral_says(&r, "couldn't find that note");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM on_my_mind WHERE draft IS NULL AND status = 'open'"),
        1,
        "Bob's form changed nothing"
    );
    let form = app
        .interact(omm(
            &app,
            ALICE,
            "bring",
            vec![string_option("note", &note.to_string())],
        ))
        .await;
    assert_eq!(callback_type(&form), callback::MODAL, "{:?}", form.body);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM on_my_mind"),
        1,
        "nothing lost"
    );

    // An outsider in the channel is refused, and an unpaired person elsewhere too.
    let r = app.interact(omm(&app, EVE, "list", vec![])).await;
    assert!(is_ephemeral(&r));
    assert!(!text_of(&r).contains("holidays"));
    let r = app
        .interact(cmd(
            app.id(),
            PUBLIC,
            EVE,
            "onmymind",
            vec![subcommand("list", vec![])],
        ))
        .await;
    assert!(is_ephemeral(&r));

    // Alice's export holds her note; Bob's does not.
    assert_eq!(export(&app, ALICE).await["format"], json!("haven-export/3"));
    assert_eq!(
        export(&app, ALICE).await["on_my_mind"][0]["text"],
        json!("the holidays, again")
    );
    assert_eq!(export(&app, BOB).await["on_my_mind"], json!([]));

    let r = app
        .interact(omm(
            &app,
            ALICE,
            "delete",
            vec![string_option("note", &note.to_string())],
        ))
        .await;
    assert_ephemeral_says(&r, "Deleted");
    assert_eq!(app.query_i64("SELECT count(*) FROM on_my_mind"), 0);
    app.settle().await;
    assert!(
        sent_to(&app, PRIVATE).is_empty(),
        "nothing reached the channel"
    );
    assert!(dms(&app).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn hostile_notes_are_refused_kindly_and_twenty_is_the_most() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    for empty in ["", "   \n\t ", "\u{200b}\u{202e}\u{0}"] {
        let r = app.interact(add(&app, ALICE, empty)).await;
        assert_ephemeral_says(&r, "looks empty");
    }
    let r = app.interact(add(&app, ALICE, &"x".repeat(10_240))).await;
    assert_ephemeral_says(&r, "keep it to 500 characters");
    let r = app
        .interact(add(&app, ALICE, "a\u{7}b\u{202e}c\r\nd"))
        .await;
    assert_ephemeral_says(&r, "Kept");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM on_my_mind WHERE text = 'abc\nd'"),
        1,
        "cleaned by the one rule"
    );
    for i in 1..20 {
        let r = app.interact(add(&app, ALICE, &format!("note {i}"))).await;
        assert_ephemeral_says(&r, "Kept");
    }
    let r = app.interact(add(&app, ALICE, "one more")).await;
    assert_ephemeral_says(&r, "You're keeping 20 notes already");
    assert_eq!(app.query_i64("SELECT count(*) FROM on_my_mind"), 20);
    // Bob keeps his own twenty.
    let r = app.interact(add(&app, BOB, "mine")).await;
    assert_ephemeral_says(&r, "Kept");
    // The list of twenty fits, with a button for each.
    let r = app.interact(omm(&app, ALICE, "list", vec![])).await;
    assert_eq!(custom_ids(&r).len(), 20);
    // Forged and stale ids are answered kindly.
    for forged in [
        "hv1:om:b:0",
        "hv1:om:p:1:x:o1c1",
        "hv1:om:a:1:1:1",
        "hv1:om:w:1:2",
        "hv9:om:b:1",
    ] {
        let r = app.interact(press_on(&app, ALICE, forged, &r)).await;
        assert_ephemeral_says(&r, "no longer valid");
    }
    let r = app
        .interact(modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &ComponentId::OnMyMind(OmId::Form(987_654)).encode(),
            &[("feel", "x")],
        ))
        .await;
    assert_ephemeral_says(&r, "couldn't find that note");
    app.settle().await;
    assert!(
        sent_to(&app, PRIVATE).is_empty(),
        "nothing reached the channel"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_note_brought_up_is_posted_once_and_only_the_partner_picks_a_time_reminded_once_across_a_restart(
) {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;
    let post = bring_up(
        &app,
        "how we split the weekends",
        Some([
            "I've been feeling stretched thin",
            "about how we split the weekends @everyone <@13>",
            "and I'd love it if we planned one together",
        ]),
        true,
    )
    .await;
    let body = post.body.clone().unwrap();
    assert!(text_of(&post).contains("planned one together"), "{body}");
    assert!(body["content"]
        .as_str()
        .unwrap()
        .contains(&format!("<@{BOB}>")));
    assert!(
        !body["content"].as_str().unwrap().contains("weekends"),
        "words only in the embed"
    );
    assert_eq!(body["allowed_mentions"]["users"], json!([BOB.to_string()]));
    assert!(body["allowed_mentions"]["parse"]
        .as_array()
        .is_none_or(|p| p.is_empty()));
    let ids = post_ids(&post);
    assert_eq!(ids.len(), 4, "tonight, tomorrow, this weekend, more time");

    let tonight = find_id(&ids, |o| {
        matches!(
            o,
            OmId::Pick {
                pick: Some(Pick::Tonight),
                ..
            }
        )
    });
    let more = find_id(&ids, |o| matches!(o, OmId::Pick { pick: None, .. }));
    // The author, an outsider and a forged note id cannot pick.
    let r = app
        .interact(press_post(&app, PRIVATE, ALICE, &tonight, &post))
        .await;
    assert_ephemeral_says(&r, "for your partner to answer");
    let r = app
        .interact(press_post(&app, PRIVATE, EVE, &tonight, &post))
        .await;
    assert!(is_ephemeral(&r));
    let forged = tonight.replacen(&format!(":p:{}:", last_note(&app)), ":p:987654:", 1);
    let r = app
        .interact(press_post(&app, PRIVATE, BOB, &forged, &post))
        .await;
    assert_ephemeral_says(&r, "no longer waiting");
    // Bob may take his time: only he hears back.
    let r = app
        .interact(press_post(&app, PRIVATE, BOB, &more, &post))
        .await;
    assert_ephemeral_says(&r, "completely okay");
    app.settle().await;
    assert_eq!(sent_to(&app, PRIVATE).len(), 1, "only the post itself");

    // Bob picks tonight: 20:00 in the couple's zone (UTC), said in public without the words.
    let r = app
        .interact(press_post(&app, PRIVATE, BOB, &tonight, &post))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r));
    let at = utc(2026, 11, 26, 20, 0, 0).timestamp();
    assert!(
        content(&r).contains(&format!("<t:{at}:F>")),
        "{}",
        content(&r)
    );
    assert!(!content(&r).contains("weekends"));
    assert_no_mass_mentions(&r);
    // Picking again before the reminder moves it; there is still one reminder.
    let tomorrow = find_id(&ids, |o| {
        matches!(
            o,
            OmId::Pick {
                pick: Some(Pick::Tomorrow),
                ..
            }
        )
    });
    app.interact(press_post(&app, PRIVATE, BOB, &tomorrow, &post))
        .await;
    let r = app
        .interact(press_post(&app, PRIVATE, BOB, &tonight, &post))
        .await;
    assert!(content(&r).contains(&format!("<t:{at}:F>")));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'omm_reminder'"),
        1
    );

    assert!(mine(&app.advance_to(utc(2026, 11, 26, 19, 59, 0)).await).is_empty());
    // A restart between the pick and the reminder loses nothing and doubles nothing.
    let app = app.restart(None).await;
    let posts = mine(&app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await);
    assert_eq!(posts.len(), 1, "one reminder: {posts:?}");
    assert!(text_of(&posts[0]).contains("time you picked to talk"));
    assert!(
        !text_of(&posts[0]).contains("weekends"),
        "no words in the reminder"
    );
    assert!(!text_of(&posts[0]).contains("stretched"));
    assert_eq!(posts[0].path, format!("/channels/{PRIVATE}/messages"));
    let r = app
        .interact(press_post(&app, PRIVATE, BOB, &tomorrow, &post))
        .await;
    assert_ephemeral_says(&r, "already gone out");
    assert!(mine(&app.advance_to(utc(2026, 11, 26, 23, 0, 0)).await).is_empty());
    let app = app.restart(None).await;
    assert!(mine(&app.advance_to(utc(2026, 11, 27, 9, 59, 0)).await).is_empty());

    // The next morning the author alone is asked, by DM.
    let posts = mine(&app.advance_to(utc(2026, 11, 27, 10, 0, 0)).await);
    let dm = app.fake.dm_channel_of(ALICE).expect("a DM with Alice");
    assert!(app.fake.dm_channel_of(BOB).is_none(), "nothing to Bob");
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(posts[0].path, format!("/channels/{dm}/messages"));
    assert!(!text_of(&posts[0]).contains("weekends"));
    assert!(sent_to(&app, PRIVATE)
        .iter()
        .all(|p| !text_of(p).contains("Did you get to talk")));
    let ask = posts[0].clone();
    let talked = find_id(&post_ids(&ask), |o| {
        matches!(o, OmId::Answer { talked: true, .. })
    });
    // In the DM, only the author's press counts.
    let r = app.interact(press_post(&app, dm, BOB, &talked, &ask)).await;
    assert_ephemeral_says(&r, "no longer waiting");
    let r = app
        .interact(press_post(&app, dm, ALICE, &talked, &ask))
        .await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE, "{:?}", r.body);
    assert!(content(&r).contains("marked it as talked about"));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM on_my_mind WHERE status = 'done'"),
        1
    );
    let r = app
        .interact(press_post(&app, dm, ALICE, &talked, &ask))
        .await;
    assert_ephemeral_says(&r, "no longer waiting");
    assert!(mine(&app.advance_to(utc(2026, 11, 29, 12, 0, 0)).await).is_empty());
    assert_eq!(dms(&app).len(), 1, "one DM in all");
    app.stop().await;
}

#[tokio::test]
async fn without_words_nothing_of_the_note_is_posted_and_a_closed_dm_asks_in_the_next_reply() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    app.settle().await;
    app.fake.refuse_dms_from(ALICE);
    let post = bring_up(&app, "my sister's visit", None, false).await;
    let body = text_of(&post);
    assert!(!body.contains("sister"), "{body}");
    assert!(!body.contains("feeling"), "{body}");
    assert!(body.contains("something on their mind"));
    let ids = post_ids(&post);
    let weekend = find_id(&ids, |o| {
        matches!(
            o,
            OmId::Pick {
                pick: Some(Pick::Weekend),
                ..
            }
        )
    });
    let r = app
        .interact(press_post(&app, PRIVATE, BOB, &weekend, &post))
        .await;
    // Thursday 13:00 in Berlin: Saturday 11:00 Berlin is 10:00 UTC.
    let at = utc(2026, 11, 28, 10, 0, 0).timestamp();
    assert!(
        content(&r).contains(&format!("<t:{at}:F>")),
        "{}",
        content(&r)
    );

    let posts = mine(&app.advance_to(utc(2026, 11, 28, 10, 0, 0)).await);
    assert_eq!(posts.len(), 1, "the reminder: {posts:?}");
    // Sunday 10:00 Berlin: the DM is refused, nothing is paused, nothing reaches the channel.
    let posts = mine(&app.advance_to(utc(2026, 11, 29, 9, 0, 0)).await);
    assert!(posts.iter().all(|p| p.status != 200), "{posts:?}");
    assert!(
        dms(&app).iter().all(|p| p.status == 403),
        "refused, never delivered"
    );
    assert_eq!(dms(&app).len(), 1, "tried once");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE paused_until IS NOT NULL"),
        0
    );
    assert_eq!(
        app.query_i64(
            "SELECT count(*) FROM outbox WHERE kind = 'omm_ask' AND skip_reason = 'dm_closed'"
        ),
        1
    );
    // Bob's reply carries nothing of it; Alice's next reply asks her, privately.
    let r = app.interact(omm(&app, BOB, "list", vec![])).await;
    assert!(!text_of(&r).contains("Did you get to talk"));
    let r = app.interact(add(&app, ALICE, "another thing")).await;
    assert_ephemeral_says(&r, "Kept");
    assert!(
        text_of(&r).contains("couldn't reach you by direct message"),
        "{:?}",
        r.body
    );
    let keep = find_id(&custom_ids(&r), |o| {
        matches!(o, OmId::Answer { talked: false, .. })
    });
    let done = app.interact(press_on(&app, ALICE, &keep, &r)).await;
    assert_eq!(callback_type(&done), callback::UPDATE_MESSAGE);
    assert!(content(&done).contains("back on your private list"));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM on_my_mind WHERE status = 'open'"),
        2
    );
    let r = app.interact(omm(&app, ALICE, "list", vec![])).await;
    assert!(!text_of(&r).contains("couldn't reach you"));
    assert!(mine(&app.settle().await).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn a_post_about_a_note_waits_while_outsiders_can_read_the_channel_and_forget_removes_every_note(
) {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;
    let open = vec![
        overwrite_role(GUILD, VIEW, 0),
        overwrite_member(ALICE, VIEW, 0),
        overwrite_member(BOB, VIEW, 0),
        overwrite_member(BOT_ID, BOT_PERMS, 0),
    ];
    app.fake.set_channel_overwrites(PRIVATE, open);
    let r = app.interact(add(&app, ALICE, "the move")).await;
    assert_ephemeral_says(&r, "Kept");
    let note = last_note(&app);
    let r = app
        .interact(modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &ComponentId::OnMyMind(OmId::Form(note)).encode(),
            &[
                ("feel", "I've been feeling unsure"),
                ("about", "about the move"),
                ("love", ""),
            ],
        ))
        .await;
    let without = find_id(&custom_ids(&r), |o| {
        matches!(
            o,
            OmId::Post {
                with_words: false,
                ..
            }
        )
    });
    let before = app.fake.requests().len();
    app.interact(press_on(&app, ALICE, &without, &r)).await;
    app.settle().await;
    let posts: Vec<Recorded> = app
        .requests_since(before)
        .into_iter()
        .filter(is_channel_post)
        .collect();
    assert!(
        !posts.is_empty(),
        "the partners are told, without content, that a post waits"
    );
    // Even without her words, that Alice has something on her mind is not for outsiders.
    assert!(
        posts
            .iter()
            .all(|p| !text_of(p).contains("something on their mind")),
        "{posts:?}"
    );
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'omm_post' AND status = 'pending'"),
        1
    );
    // Bob cannot answer in public while outsiders can read: not even the time is shown.
    let pick = ComponentId::OnMyMind(OmId::Pick {
        note,
        pick: Some(Pick::Tonight),
        marker: haven::domain::onmymind::MarkerTail::new("o1c1").unwrap(),
    })
    .encode();
    let r = app.interact(press_on(&app, BOB, &pick, &r)).await;
    assert!(is_ephemeral(&r), "{:?}", r.body);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'omm_reminder'"),
        0
    );

    // /forget deletes every note and the posts still waiting.
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "forget", vec![]))
        .await;
    let posts_id = custom_ids(&r)
        .into_iter()
        .find(|id| {
            matches!(
                ComponentId::parse(id),
                Ok(ComponentId::ForgetPosts {
                    remove_posts: false,
                    ..
                })
            )
        })
        .unwrap();
    let r = app.interact(press_on(&app, ALICE, &posts_id, &r)).await;
    let confirm = custom_ids(&r)
        .into_iter()
        .find(|id| {
            matches!(
                ComponentId::parse(id),
                Ok(ComponentId::ConfirmForget { .. })
            )
        })
        .unwrap();
    let r = app.interact(press_on(&app, ALICE, &confirm, &r)).await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE, "{:?}", r.body);
    assert_eq!(app.query_i64("SELECT count(*) FROM on_my_mind"), 0);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind LIKE 'omm_%'"),
        0
    );
    app.stop().await;
}

#[tokio::test]
async fn a_pause_holds_back_the_reminder_and_says_so_but_the_author_is_still_asked() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;
    let post = bring_up(&app, "the dishes", None, false).await;
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            ALICE,
            "pause",
            vec![int_option("days", 3)],
        ))
        .await;
    assert!(content(&r).to_lowercase().contains("pause"), "{:?}", r.body);
    app.settle().await;
    let tonight = find_id(&post_ids(&post), |o| {
        matches!(
            o,
            OmId::Pick {
                pick: Some(Pick::Tonight),
                ..
            }
        )
    });
    let r = app
        .interact(press_post(&app, PRIVATE, BOB, &tonight, &post))
        .await;
    assert!(
        content(&r).contains("haven is paused then"),
        "{}",
        content(&r)
    );
    assert!(mine(&app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await).is_empty());
    assert_eq!(
        app.query_i64(
            "SELECT count(*) FROM outbox WHERE kind = 'omm_reminder' AND skip_reason = 'paused'"
        ),
        1
    );
    // The question is the author's own, asked privately: a pause does not hold it.
    let posts = mine(&app.advance_to(utc(2026, 11, 27, 10, 0, 0)).await);
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(
        posts[0].path,
        format!(
            "/channels/{}/messages",
            app.fake.dm_channel_of(ALICE).unwrap()
        )
    );
    app.stop().await;
}

#[tokio::test]
async fn deleting_a_brought_up_note_withdraws_its_reminder_and_question() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;
    let post = bring_up(&app, "money worries", None, true).await;
    let note = last_note(&app);
    let tomorrow = find_id(&post_ids(&post), |o| {
        matches!(
            o,
            OmId::Pick {
                pick: Some(Pick::Tomorrow),
                ..
            }
        )
    });
    let r = app
        .interact(press_post(&app, PRIVATE, BOB, &tomorrow, &post))
        .await;
    assert!(content(&r).contains("I'll remind you both then"));
    // Editing a note that was brought up is refused; deleting it is the author's right.
    let r = app
        .interact(omm(
            &app,
            ALICE,
            "edit",
            vec![
                string_option("note", &note.to_string()),
                string_option("text", "x"),
            ],
        ))
        .await;
    assert_ephemeral_says(&r, "already brought this one up");
    let r = app
        .interact(omm(
            &app,
            ALICE,
            "delete",
            vec![string_option("note", &note.to_string())],
        ))
        .await;
    assert_ephemeral_says(&r, "won't be sent");
    assert!(mine(&app.advance_to(utc(2026, 11, 29, 12, 0, 0)).await).is_empty());
    assert!(dms(&app).is_empty());
    // Bob's button is now answered kindly, and changes nothing.
    let r = app
        .interact(press_post(&app, PRIVATE, BOB, &tomorrow, &post))
        .await;
    assert_ephemeral_says(&r, "no longer waiting");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind LIKE 'omm_%' AND kind != 'omm_post'"),
        0
    );
    app.stop().await;
}

#[tokio::test]
async fn a_spanish_speaking_partner_keeps_lists_and_brings_up_a_note_in_spanish() {
    use crate::support::payloads::with_locale;
    use haven::copy::onmymind as words;
    use haven::copy::Lang;

    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;
    let es = Lang::from_code("es").expect("Spanish is shipped");

    // Bob's Discord speaks Spanish: his private answers are in Spanish.
    let r = app
        .interact(with_locale(add(&app, BOB, "las vacaciones"), "es-ES"))
        .await;
    assert!(is_ephemeral(&r));
    assert_eq!(content(&r), words::note_kept(es));
    assert!(content(&r).starts_with("Guardada, solo para ti."));
    let note = last_note(&app);
    let r = app
        .interact(with_locale(omm(&app, BOB, "list", vec![]), "es-ES"))
        .await;
    assert!(is_ephemeral(&r));
    assert_eq!(content(&r), words::list_hint(es));
    assert_eq!(
        callback_data(&r)["embeds"][0]["title"],
        json!(words::list_title(es))
    );
    let buttons = text_of(&r);
    assert!(buttons.contains("Hablar de la 1"), "{buttons}");

    // The form that helps him start is in Spanish, pre-filled with Spanish openers.
    let bring = find_id(&custom_ids(&r), |o| *o == OmId::Bring(note));
    let form = app
        .interact(with_locale(press_on(&app, BOB, &bring, &r), "es-ES"))
        .await;
    assert_eq!(callback_type(&form), callback::MODAL, "{:?}", form.body);
    assert_eq!(callback_data(&form)["title"], json!(words::form_title(es)));
    let values: Vec<String> = callback_data(&form)["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["components"][0]["value"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        values,
        [
            "Últimamente me he sentido ".to_string(),
            "con respecto a las vacaciones".to_string(),
            "y me encantaría que ".to_string(),
        ]
    );

    // Alice's client speaks English: the same command answers her in English.
    let r = app.interact(add(&app, ALICE, "the holidays")).await;
    assert_ephemeral_says(&r, "Kept, just for you");
    assert_eq!(content(&r), words::note_kept(Lang::ENGLISH));
    app.stop().await;
}
