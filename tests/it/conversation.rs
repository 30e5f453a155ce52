//! The conversation: the day's question asked in the check-in form and revealed with both
//! answers side by side, an activity leaving the form as it was, the day's question fixed by
//! the first check-in, "something lighter", and a check-in with only the mood kept as a draft.

use haven::domain::checkin::DayQuestion;
use haven::domain::custom_id::ComponentId;
use haven::domain::ids::CoupleId;
use haven::store::checkins::{self, DayPrompt};
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{bot_message, callback, modal_submit};
use crate::world::*;

/// How many times a test asks for another prompt before the kind it needs comes up. About
/// half the library's prompts are questions, so needing more is vanishingly unlikely.
const MAX_TRIES: usize = 60;

/// The couple's id (the only couple of these tests).
fn couple_id(app: &TestApp) -> CoupleId {
    CoupleId(app.query_i64("SELECT id FROM couples") as u64)
}

/// The prompt of today's couple-day, as the store keeps it.
fn today_prompt(app: &TestApp) -> Option<DayPrompt> {
    let id = couple_id(app);
    app.store
        .call_blocking(move |c| checkins::day_prompt(c, id, TODAY))
        .unwrap()
}

/// The nudge of 20:00 today, as the message its buttons sit on, with its custom ids.
async fn nudge(app: &TestApp) -> (Value, Vec<String>) {
    let posts = app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    let nudge = posts
        .iter()
        .filter_map(|r| r.body.clone())
        .find(|b| b["embeds"].is_array())
        .expect("the day's nudge");
    let ids: Vec<String> = nudge["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["custom_id"].as_str().unwrap().to_string())
        .collect();
    let msg = bot_message(
        1_400_000_000_000_000_100,
        PRIVATE,
        "",
        nudge["components"].clone(),
    );
    (msg, ids)
}

/// Presses the nudge's Another prompt (as `user`) until today's prompt is a question (`true`)
/// or an activity (`false`); returns the prompt.
async fn until_kind(
    app: &TestApp,
    user: u64,
    msg: &Value,
    ids: &[String],
    question: bool,
) -> DayPrompt {
    let another = ids
        .iter()
        .find(|id| matches!(ComponentId::parse(id), Ok(ComponentId::AnotherPrompt(_))))
        .expect("an Another prompt button");
    for _ in 0..MAX_TRIES {
        let p = today_prompt(app).expect("the nudge is today's prompt");
        if p.question.is_some() == question {
            return p;
        }
        let r = app.interact(press(app, PRIVATE, user, another, msg)).await;
        assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    }
    panic!("no prompt of the kind asked for in {MAX_TRIES} draws");
}

/// The inputs of a form the bot answered with.
fn inputs(r: &Recorded) -> Vec<Value> {
    callback_data(r)["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .collect()
}

fn form(app: &TestApp, user: u64, fields: &[(&str, &str)]) -> Value {
    modal_submit(
        app.id(),
        Some(GUILD),
        PRIVATE,
        user,
        &ComponentId::CheckinForm(TODAY).encode(),
        fields,
    )
}

async fn export_text(app: &TestApp, user: u64) -> String {
    let id = couple_id(app);
    let couple = app
        .store
        .call_blocking(move |c| haven::store::couples::by_id(c, id))
        .unwrap()
        .unwrap();
    serde_json::to_string(
        &app.services
            .export(&couple, haven::domain::ids::UserId(user))
            .await
            .unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn a_question_nudge_is_answered_in_the_form_and_revealed_with_both_answers() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let (msg, ids) = nudge(&app).await;
    let day = until_kind(&app, ALICE, &msg, &ids, true).await;
    let DayQuestion { text, short } = day.question.clone().unwrap();

    // The form asks today's question, its short form as the placeholder; every answer is
    // optional as far as the form goes (the rule is checked on submission).
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "checkin", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::MODAL, "{:?}", r.body);
    let f = inputs(&r);
    assert_eq!(f.len(), 4, "{f:?}");
    assert_eq!(f[1]["custom_id"], json!("answer"));
    assert_eq!(f[1]["label"], json!("Today's question"));
    assert_eq!(f[1]["placeholder"], json!(short));
    assert_eq!(f[1]["max_length"], json!(1000));
    for input in &f[1..] {
        assert_eq!(input["required"], json!(false));
    }

    let alice_answer = "The walk by the river, when the heron took off.";
    let r = app
        .interact(form(
            &app,
            ALICE,
            &[("mood", "4"), ("answer", alice_answer), ("appreciated", "")],
        ))
        .await;
    assert_ephemeral_says(&r, "stay private");

    // After the first check-in, another prompt no longer changes the day's question.
    for _ in 0..3 {
        let another = ids
            .iter()
            .find(|id| matches!(ComponentId::parse(id), Ok(ComponentId::AnotherPrompt(_))))
            .unwrap();
        let r = app.interact(press(&app, PRIVATE, BOB, another, &msg)).await;
        assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
        let shown = callback_data(&r)["embeds"][0].clone();
        let library = haven::domain::prompt::Library::builtin();
        let drawn = library
            .iter()
            .find(|p| json!(p.text) == shown["description"])
            .expect("a library prompt");
        // A new question is still shown, and says kindly that the check-in keeps its own.
        let kept = haven::copy::question_kept(haven::copy::Lang::ENGLISH);
        assert_eq!(
            shown["footer"]["text"] == json!(kept),
            drawn.short.is_some(),
            "{shown}"
        );
    }
    assert_eq!(
        today_prompt(&app).unwrap().question,
        day.question,
        "the day's question stays once a partner has answered it"
    );
    // Bob's form asks the same question.
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "checkin", vec![]))
        .await;
    assert_eq!(inputs(&r)[1]["placeholder"], json!(short));

    let bob_answer = "Your sister's story about the goat.";
    let r = app
        .interact(form(
            &app,
            BOB,
            &[
                ("mood", "5"),
                ("answer", bob_answer),
                ("appreciated", "You waited for me."),
                ("hear", ""),
            ],
        ))
        .await;
    assert_ephemeral_says(&r, "revealing");
    app.settle().await;
    let reveal = couple_channel_posts(&app)
        .into_iter()
        .filter_map(|r| r.body)
        .find(|b| {
            b["components"][0]["components"][0]["custom_id"]
                .as_str()
                .is_some_and(|c| {
                    matches!(ComponentId::parse(c), Ok(ComponentId::ReflectBack { .. }))
                })
        })
        .expect("the reveal");
    let embeds = reveal["embeds"].as_array().unwrap();
    assert_eq!(
        embeds.len(),
        3,
        "the question, then each partner: {embeds:?}"
    );
    assert_eq!(embeds[0]["title"], json!("Today's question"));
    assert_eq!(embeds[0]["description"], json!(text));
    let answers = embeds[0]["fields"].as_array().unwrap();
    assert_eq!(answers.len(), 2);
    for (field, (who, answer)) in answers
        .iter()
        .zip([(ALICE, alice_answer), (BOB, bob_answer)])
    {
        assert_eq!(field["inline"], json!(true), "side by side");
        assert_eq!(field["value"], json!(format!("<@{who}>\n{answer}")));
    }
    assert!(reveal.to_string().contains("You waited for me."));
    // Alice wrote no appreciation: her embed shows none.
    assert!(embeds[1]["fields"].as_array().is_none_or(|f| f.is_empty()));

    // The export carries the question and the answers.
    let text_export = export_text(&app, ALICE).await;
    let export: Value = serde_json::from_str(&text_export).unwrap();
    assert_eq!(export["format"], json!("haven-export/3"));
    let check_ins = export["check_ins"].as_array().unwrap();
    assert_eq!(check_ins.len(), 2);
    for c in check_ins {
        assert_eq!(c["question"], json!(text));
    }
    assert_eq!(check_ins[0]["answer"], json!(alice_answer));
    assert_eq!(check_ins[0]["appreciated"], Value::Null);
    app.stop().await;
}

#[tokio::test]
async fn an_activity_nudge_leaves_the_form_without_the_question() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // The fifth nudge of the rotation is quality time, mostly things to do together.
    app.store
        .call_blocking(|c| {
            c.execute("UPDATE couples SET nudge_count = 4", [])?;
            Ok(())
        })
        .unwrap();
    let (msg, ids) = nudge(&app).await;
    assert_eq!(
        ComponentId::parse(&ids[1]),
        Ok(ComponentId::AnotherPrompt(
            haven::domain::prompt::Deck::QualityTime
        ))
    );
    until_kind(&app, BOB, &msg, &ids, false).await;
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "checkin", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::MODAL);
    let f = inputs(&r);
    let names: Vec<&str> = f.iter().map(|i| i["custom_id"].as_str().unwrap()).collect();
    assert_eq!(names, ["mood", "appreciated", "hear"]);
    assert!(!r
        .body
        .as_ref()
        .unwrap()
        .to_string()
        .contains("Today's question"));

    // Something lighter: a light prompt, which becomes the day's prompt.
    let lighter = ComponentId::lighter(haven::domain::prompt::Deck::Appreciation, "x1");
    let r = app
        .interact(press(&app, PRIVATE, ALICE, &lighter, &msg))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(!is_ephemeral(&r));
    assert_eq!(
        callback_data(&r)["embeds"][0]["title"],
        json!("Appreciation")
    );
    assert_eq!(today_prompt(&app).unwrap().depth, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_check_in_with_only_the_mood_is_refused_kindly_with_the_draft_kept() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let (msg, ids) = nudge(&app).await;
    until_kind(&app, ALICE, &msg, &ids, true).await;
    let r = app
        .interact(form(
            &app,
            ALICE,
            &[
                ("mood", "3"),
                ("answer", "  "),
                ("appreciated", ""),
                ("hear", "\u{200b}"),
            ],
        ))
        .await;
    assert_ephemeral_says(&r, "a few words");
    assert!(content(&r).contains("kept your mood"));
    assert_eq!(app.query_i64("SELECT count(*) FROM checkins"), 0);
    assert_eq!(app.query_i64("SELECT count(*) FROM checkin_drafts"), 1);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'notice'"),
        0,
        "nothing is said in the channel"
    );
    // Edit reopens the form with the mood kept and the question asked.
    let edit = custom_ids(&r);
    assert_eq!(edit, [ComponentId::EditCheckin(TODAY).encode()]);
    let r = app
        .interact(press(&app, PRIVATE, ALICE, &edit[0], &msg))
        .await;
    assert_eq!(callback_type(&r), callback::MODAL);
    let f = inputs(&r);
    assert_eq!(f[0]["value"], json!("3"));
    assert_eq!(f[1]["custom_id"], json!("answer"));
    // With an answer it is accepted, and the draft goes.
    let r = app
        .interact(form(
            &app,
            ALICE,
            &[("mood", "3"), ("answer", "Mostly the quiet."), ("hear", "")],
        ))
        .await;
    assert_ephemeral_says(&r, "stay private");
    assert_eq!(app.query_i64("SELECT count(*) FROM checkin_drafts"), 0);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM checkins WHERE answer = 'Mostly the quiet.' AND appreciated IS NULL"),
        1
    );
    app.stop().await;
}
