//! Check-ins end to end: the form, answers private until both partners answered, exactly one
//! reveal, drafts kept, reflect back and felt heard, and hostile input on every path.

use std::time::Duration;

use haven::domain::custom_id::ComponentId;
use haven::domain::prompt::Practice;
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{bot_message, callback, component, modal_submit};
use crate::world::*;

fn form(app: &TestApp, user: u64, mood: &str, appreciated: &str, hear: &str) -> Value {
    checkin_form(app, user, TODAY, mood, appreciated, hear)
}

fn channel_posts(app: &TestApp) -> Vec<Recorded> {
    couple_channel_posts(app)
}

async fn wait_channel_posts(app: &TestApp, n: usize) -> Vec<Recorded> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let p = channel_posts(app);
        if p.len() >= n {
            return p;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{} of {n} posts",
            p.len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn inputs(r: &Recorded) -> Vec<Value> {
    callback_data(r)["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn answers_stay_private_until_both_then_one_reveal_and_reflection() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;

    // The form, with Discord's own limits on its inputs.
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "checkin", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::MODAL, "a form: {:?}", r.body);
    assert_eq!(
        callback_data(&r)["custom_id"],
        json!(ComponentId::CheckinForm(TODAY).encode())
    );
    // No nudge today, so no question: the mood and two optional answers.
    let fields = inputs(&r);
    assert_eq!(fields.len(), 3);
    assert_eq!(fields[0]["max_length"], json!(1));
    assert_eq!(fields[0]["required"], json!(true));
    assert_eq!(fields[1]["max_length"], json!(800));
    assert_eq!(fields[2]["max_length"], json!(800));
    assert_eq!(
        fields[1]["required"],
        json!(false),
        "the appreciation is optional"
    );
    assert_eq!(fields[2]["required"], json!(false));

    let secret = "You made tea when I was tired @everyone";
    let r = app.interact(form(&app, ALICE, "4", secret, "")).await;
    assert_ephemeral_says(&r, "stay private");
    let notice = wait_channel_posts(&app, 1).await.remove(0);
    let body = notice.body.clone().unwrap();
    assert!(body["content"]
        .as_str()
        .unwrap()
        .contains(&format!("<@{ALICE}> checked in")));
    assert_eq!(
        body["allowed_mentions"]["users"],
        json!([BOB.to_string()]),
        "only the partner"
    );
    assert!(
        !body.to_string().contains("made tea"),
        "no content before the reveal"
    );
    assert!(body["nonce"].is_string());

    // An edit before the reveal: no second notice.
    let r = app
        .interact(form(
            &app,
            ALICE,
            "5",
            secret,
            "I'd love a walk this weekend",
        ))
        .await;
    assert_ephemeral_says(&r, "Updated");
    // An outsider's form in the couple's channel changes nothing.
    let mut eve = form(&app, EVE, "1", "sneaky", "");
    eve["channel_id"] = json!(PRIVATE.to_string());
    let r = app.interact(eve).await;
    assert_ephemeral_says(&r, "only the two of them");

    // Bob's first try cannot be accepted: it is kept, and Edit reopens it pre-filled.
    let long = "ü".repeat(801);
    let r = app.interact(form(&app, BOB, "9", &long, "")).await;
    assert_ephemeral_says(&r, "kept what you wrote");
    let edit = custom_ids(&r);
    assert_eq!(edit, [ComponentId::EditCheckin(TODAY).encode()]);
    let msg = bot_message(1_400_000_000_000_000_011, PRIVATE, "", json!([]));
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &edit[0],
            msg.clone(),
        ))
        .await;
    assert_eq!(callback_type(&r), callback::MODAL);
    let f = inputs(&r);
    assert_eq!(f[0]["value"], json!("9"));
    assert_eq!(
        f[1]["value"].as_str().unwrap().chars().count(),
        800,
        "pre-filled within the input's limit"
    );
    assert_eq!(app.query_i64("SELECT count(*) FROM checkin_drafts"), 1);
    let r = app
        .interact(form(&app, BOB, "3", "You listened to my whole story", ""))
        .await;
    assert_ephemeral_says(&r, "revealing");
    assert_eq!(app.query_i64("SELECT count(*) FROM checkin_drafts"), 0);

    let posts = wait_channel_posts(&app, 2).await;
    assert_eq!(posts.len(), 2, "one notice, one reveal");
    let reveal = posts[1].body.clone().unwrap();
    let embeds = reveal["embeds"].as_array().unwrap();
    assert_eq!(embeds.len(), 2);
    let text = reveal.to_string();
    assert!(
        text.contains("made tea")
            && text.contains("whole story")
            && text.contains("walk this weekend")
    );
    assert_eq!(reveal["allowed_mentions"]["parse"], json!([]));
    let mut users: Vec<String> =
        serde_json::from_value(reveal["allowed_mentions"]["users"].clone()).unwrap();
    users.sort();
    assert_eq!(
        users,
        [ALICE.to_string(), BOB.to_string()],
        "@everyone in an answer pings nobody"
    );
    let reflect: Vec<String> = reveal["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["custom_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(reflect.len(), 2);

    // After the reveal the answers can no longer change.
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "checkin", vec![]))
        .await;
    assert_ephemeral_says(&r, "revealed");
    let r = app
        .interact(form(&app, ALICE, "1", "changed my mind", ""))
        .await;
    assert_ephemeral_says(&r, "already revealed");

    // Reflect back: only the other partner may reflect an answer.
    let reveal_msg = bot_message(
        1_400_000_000_000_000_012,
        PRIVATE,
        "",
        reveal["components"].clone(),
    );
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &reflect[0],
            reveal_msg.clone(),
        ))
        .await;
    assert_ephemeral_says(&r, "for your partner");
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            EVE,
            &reflect[0],
            reveal_msg.clone(),
        ))
        .await;
    assert_ephemeral_says(&r, "only the two of them");
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &reflect[0],
            reveal_msg,
        ))
        .await;
    assert_eq!(callback_type(&r), callback::MODAL);
    let form_id = callback_data(&r)["custom_id"].as_str().unwrap().to_string();
    let r = app
        .interact(modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &form_id,
            &[("heard", "You felt cared for by the tea.")],
        ))
        .await;
    assert_ephemeral_says(&r, "Sent");
    let posts = wait_channel_posts(&app, 3).await;
    let reflection = posts[2].body.clone().unwrap();
    assert!(reflection.to_string().contains("cared for by the tea"));
    assert!(
        reflection["message_reference"]["message_id"].is_string(),
        "a reply to the reveal: {reflection}"
    );
    assert_eq!(
        reflection["allowed_mentions"]["users"],
        json!([ALICE.to_string()])
    );
    let heard: Vec<String> = reflection["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["custom_id"].as_str().unwrap().to_string())
        .collect();
    // A second reflection of the same answer is refused.
    let r = app
        .interact(modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &form_id,
            &[("heard", "again")],
        ))
        .await;
    assert_ephemeral_says(&r, "already been reflected");

    let rmsg = bot_message(
        1_400_000_000_000_000_013,
        PRIVATE,
        "",
        reflection["components"].clone(),
    );
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &heard[0],
            rmsg.clone(),
        ))
        .await;
    assert_ephemeral_says(&r, "Only the person");
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &heard[0],
            rmsg.clone(),
        ))
        .await;
    assert_eq!(callback_type(&r), callback::UPDATE_MESSAGE);
    assert!(content(&r).contains("felt heard"));
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &heard[1],
            rmsg,
        ))
        .await;
    assert_ephemeral_says(&r, "already answered");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM reflections WHERE response = 'heard'"),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn two_partners_checking_in_at_the_same_instant_get_exactly_one_reveal() {
    for _ in 0..5 {
        let app = spawn_app(vec![server()]).await;
        pair(&app, "UTC").await;
        let (a, b) = (
            form(&app, ALICE, "4", "Thank you for today", ""),
            form(&app, BOB, "5", "You made me laugh", ""),
        );
        let (ra, rb) = tokio::join!(app.interact(a), app.interact(b));
        assert_eq!(callback_type(&ra), callback::CHANNEL_MESSAGE_WITH_SOURCE);
        assert_eq!(callback_type(&rb), callback::CHANNEL_MESSAGE_WITH_SOURCE);
        app.settle().await;
        let reveals = channel_posts(&app)
            .iter()
            .filter(|r| {
                r.body
                    .as_ref()
                    .is_some_and(|b| b["embeds"].as_array().is_some_and(|e| e.len() == 2))
            })
            .count();
        assert_eq!(reveals, 1);
        assert_eq!(app.query_i64("SELECT count(*) FROM reveals"), 1);
        app.stop().await;
    }
}

#[tokio::test]
async fn hostile_check_in_input_is_kept_or_refused_kindly() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    for (mood, appreciated, hear, needle) in [
        ("4", &"x".repeat(5000)[..], "", "800"),
        ("4", "\u{200b}\u{202e}", "", "a few words"),
        ("", "ok", "", "mood"),
        ("٤", "ok", "", "mood"),
        ("4", "ok", &"y".repeat(5000)[..], "800"),
    ] {
        let r = app
            .interact(form(&app, ALICE, mood, appreciated, hear))
            .await;
        assert_ephemeral_says(&r, needle);
        assert!(content(&r).chars().count() < 2000);
    }
    assert_eq!(app.query_i64("SELECT count(*) FROM checkins"), 0);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM checkin_drafts"),
        1,
        "the latest draft is kept"
    );
    // A form for a day that is not today, and forged form ids.
    for id in [
        ComponentId::CheckinForm(date(2020, 1, 1)).encode(),
        ComponentId::CheckinForm(date(2099, 12, 31)).encode(),
        "hv1:cf:99999999".to_string(),
        "hv1:cf:x".to_string(),
        "hv1:rf:20261126:7".to_string(),
        "nonsense".to_string(),
    ] {
        let r = app
            .interact(modal_submit(
                app.id(),
                Some(GUILD),
                PRIVATE,
                ALICE,
                &id,
                &[("mood", "4"), ("appreciated", "ok")],
            ))
            .await;
        assert_eq!(
            callback_type(&r),
            callback::CHANNEL_MESSAGE_WITH_SOURCE,
            "{id}"
        );
        assert!(is_ephemeral(&r), "{id}");
    }
    // A form with no inputs at all.
    let r = app
        .interact(modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &ComponentId::CheckinForm(TODAY).encode(),
            &[],
        ))
        .await;
    assert_ephemeral_says(&r, "kept what you wrote");
    // Reflecting before anything was revealed.
    let msg = bot_message(1_400_000_000_000_000_014, PRIVATE, "", json!([]));
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            &ComponentId::reflect_back(TODAY, 0, "v1"),
            msg,
        ))
        .await;
    assert_ephemeral_says(&r, "haven't been revealed");
    assert_eq!(app.query_i64("SELECT count(*) FROM checkins"), 0);
    app.stop().await;
}

#[tokio::test]
async fn streak_shows_the_day_counted_with_a_heatmap() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "streak", vec![]))
        .await;
    assert!(callback_data(&r)["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .contains("fresh start"));
    app.interact(form(&app, ALICE, "4", "Thank you", "")).await;
    app.interact(form(&app, BOB, "4", "Thank you too", ""))
        .await;
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "streak", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    let data = callback_data(&r);
    let d = data["embeds"][0]["description"].as_str().unwrap();
    assert!(d.contains("**Together**: 1 day"), "{d}");
    assert_eq!(
        data["embeds"][0]["image"]["url"],
        json!("attachment://streak.png")
    );
    assert_eq!(data["attachments"][0]["filename"], json!("streak.png"));
    assert_no_mass_mentions(&r);
    let r = app
        .interact(cmd(app.id(), PRIVATE, EVE, "streak", vec![]))
        .await;
    assert_ephemeral_says(&r, "only the two of them");
    app.stop().await;
}

#[tokio::test]
async fn export_has_your_data_and_what_was_revealed_never_the_partners_private_answers() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // Day 1: both check in (revealed). Day 2: only Bob (private to Bob).
    app.interact(form(&app, ALICE, "4", "alice day one", ""))
        .await;
    app.interact(form(&app, BOB, "5", "bob day one", "")).await;
    app.clock.advance(chrono::Duration::days(1));
    let day2 = modal_submit(
        app.id(),
        Some(GUILD),
        PRIVATE,
        BOB,
        &ComponentId::CheckinForm(date(2026, 11, 27)).encode(),
        &[
            ("mood", "3"),
            ("appreciated", "bob private day two"),
            ("hear", "only for me so far"),
        ],
    );
    let r = app.interact(day2).await;
    assert_ephemeral_says(&r, "stay private");

    // Through Discord: an ephemeral file, from any channel of the server.
    let r = app
        .interact(cmd(app.id(), PUBLIC, ALICE, "export", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(is_ephemeral(&r));
    assert_eq!(
        callback_data(&r)["attachments"][0]["filename"],
        json!("haven-export.json")
    );
    let r = app
        .interact(cmd(app.id(), PUBLIC, EVE, "export", vec![]))
        .await;
    assert_ephemeral_says(&r, "nothing of yours to export");

    // The file's content, parsed.
    let couple = haven::store::couples::by_channel;
    let c = app
        .store
        .call_blocking(move |conn| couple(conn, haven::domain::ids::ChannelId(PRIVATE)))
        .unwrap()
        .unwrap();
    let text = serde_json::to_string(
        &app.services
            .export(&c, haven::domain::ids::UserId(ALICE))
            .await
            .unwrap(),
    )
    .unwrap();
    let alice: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(alice["format"], json!("haven-export/3"));
    let first = &alice["check_ins"][0];
    assert_eq!(
        (&first["question"], &first["answer"]),
        (&Value::Null, &Value::Null),
        "a day without a question"
    );
    assert!(text.contains("alice day one") && text.contains("bob day one"));
    assert!(
        !text.contains("bob private day two") && !text.contains("only for me so far"),
        "never the partner's unrevealed answers"
    );
    assert_eq!(alice["check_ins"].as_array().unwrap().len(), 2);
    assert_eq!(alice["streaks"]["counted_days"], json!(1));
    let bob = serde_json::to_string(
        &app.services
            .export(&c, haven::domain::ids::UserId(BOB))
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(
        bob.contains("bob private day two"),
        "your own answers, revealed or not"
    );
    app.stop().await;
}

#[tokio::test]
async fn one_gentle_reminder_for_the_partner_who_has_not_checked_in() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await; // daily at 20:00 UTC
    assert_eq!(app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await.len(), 1);
    assert_eq!(channel_posts(&app).len(), 1, "the nudge");
    app.interact(form(&app, ALICE, "4", "Thank you", "")).await;
    app.settle().await;
    assert_eq!(channel_posts(&app).len(), 2, "Alice's notice");
    // Two hours later: nothing yet.
    app.advance_to(utc(2026, 11, 26, 22, 0, 0)).await;
    assert_eq!(channel_posts(&app).len(), 2);
    // Three hours after the nudge: Bob, and only Bob, is reminded once.
    app.advance_to(utc(2026, 11, 26, 23, 0, 1)).await;
    let posts = channel_posts(&app);
    assert_eq!(
        posts.len(),
        3,
        "one reminder, none for Alice who checked in"
    );
    let reminder = posts[2].body.clone().unwrap();
    assert!(reminder["content"]
        .as_str()
        .unwrap()
        .starts_with(&format!("<@{BOB}>, a gentle nudge")));
    assert_eq!(
        reminder["allowed_mentions"]["users"],
        json!([BOB.to_string()])
    );
    assert_eq!(
        app.query_i64(
            "SELECT count(*) FROM outbox WHERE kind = 'reminder' AND skip_reason = 'checked_in'"
        ),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn no_reminder_while_paused() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    assert_eq!(channel_posts(&app).len(), 1, "the nudge");
    app.interact(cmd(app.id(), PRIVATE, BOB, "pause", vec![]))
        .await;
    app.advance_to(utc(2026, 11, 26, 23, 30, 0)).await;
    assert_eq!(channel_posts(&app).len(), 1, "no reminder while paused");
    assert_eq!(
        app.query_i64(
            "SELECT count(*) FROM outbox WHERE kind = 'reminder' AND skip_reason = 'paused'"
        ),
        2
    );
    app.stop().await;
}

/// The nudges posted so far, oldest first.
fn nudge_posts(app: &TestApp) -> Vec<Value> {
    channel_posts(app)
        .into_iter()
        .filter_map(|r| r.body)
        .filter(|b| {
            b["components"][0]["components"][1]["custom_id"]
                .as_str()
                .is_some_and(|c| matches!(ComponentId::parse(c), Ok(ComponentId::AnotherPrompt(_))))
        })
        .collect()
}

#[tokio::test]
async fn a_milestone_is_celebrated_once_with_the_next_nudge() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    for (i, day) in [26u32, 27, 28].into_iter().enumerate() {
        app.advance_to(utc(2026, 11, day, 20, 0, 0)).await;
        assert_eq!(nudge_posts(&app).len(), i + 1);
        for user in [ALICE, BOB] {
            let r = app
                .interact(modal_submit(
                    app.id(),
                    Some(GUILD),
                    PRIVATE,
                    user,
                    &ComponentId::CheckinForm(date(2026, 11, day)).encode(),
                    &[("mood", "4"), ("appreciated", "thank you"), ("hear", "")],
                ))
                .await;
            assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
        }
    }
    for (i, day) in [29u32, 30].into_iter().enumerate() {
        app.advance_to(utc(2026, 11, day, 20, 0, 0)).await;
        assert_eq!(nudge_posts(&app).len(), 4 + i);
    }
    let nudges = nudge_posts(&app);
    let said: Vec<bool> = nudges
        .iter()
        .map(|n| {
            n["content"]
                .as_str()
                .unwrap_or("")
                .contains("3 days in a row")
        })
        .collect();
    assert_eq!(
        said,
        [false, false, false, true, false],
        "celebrated once, with the next nudge"
    );
    app.stop().await;
}

#[tokio::test]
async fn outsiders_are_refused_by_every_couple_button_and_form() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let msg = bot_message(1_400_000_000_000_000_031, PRIVATE, "", json!([]));
    for id in [
        ComponentId::check_in("n1795723200"),
        ComponentId::EditCheckin(TODAY).encode(),
        ComponentId::reflect_back(TODAY, 0, "v1795651200"),
        ComponentId::felt_heard(1, true, "f1795651200"),
        ComponentId::another_prompt(Practice::Appreciation, "n1795723200"),
    ] {
        let r = app
            .interact(component(
                app.id(),
                Some(GUILD),
                PRIVATE,
                EVE,
                &id,
                msg.clone(),
            ))
            .await;
        assert_ephemeral_says(&r, "only the two of them");
    }
    for (id, inputs) in [
        (
            ComponentId::CheckinForm(TODAY).encode(),
            vec![("mood", "4"), ("appreciated", "x"), ("hear", "")],
        ),
        (
            ComponentId::ReflectForm {
                day: TODAY,
                slot: 0,
            }
            .encode(),
            vec![("heard", "I heard you")],
        ),
    ] {
        let r = app
            .interact(modal_submit(
                app.id(),
                Some(GUILD),
                PRIVATE,
                EVE,
                &id,
                &inputs,
            ))
            .await;
        assert_ephemeral_says(&r, "only the two of them");
    }
    // The same buttons outside any couple's channel explain how to start.
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PUBLIC,
            ALICE,
            &ComponentId::check_in("n1"),
            msg,
        ))
        .await;
    assert_ephemeral_says(&r, "isn't set up for a couple");
    assert_eq!(app.query_i64("SELECT count(*) FROM checkins"), 0);
    assert_eq!(app.query_i64("SELECT count(*) FROM reflections"), 0);
    app.stop().await;
}

#[tokio::test]
async fn an_answer_to_a_question_that_is_gone_is_kept_and_shown_back() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    app.settle().await;
    // No nudge today, so no question: a form that still carries an answer (the question
    // changed while it was open) is not saved with the answer dropped.
    let answer = "The **walk** by the river.";
    let r = app
        .interact(modal_submit(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &ComponentId::CheckinForm(TODAY).encode(),
            &[
                ("mood", "4"),
                ("answer", answer),
                ("appreciated", "You made tea."),
            ],
        ))
        .await;
    assert!(is_ephemeral(&r));
    let said = content(&r);
    assert!(said.contains("changed while you were writing"), "{said}");
    assert!(said.contains(r"The \*\*walk\*\* by the river."), "{said}");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM checkins"),
        0,
        "nothing saved half"
    );
    assert_eq!(
        app.query_i64("SELECT count(*) FROM checkin_drafts WHERE answer LIKE '%river%'"),
        1,
        "the words are kept as a draft"
    );
    assert!(app.settle().await.is_empty(), "the channel hears nothing");
    app.stop().await;
}
