//! The weekly pulse against the fake Discord: opting in, the digest's button (the same for every
//! couple), the private form, privacy until both partners share (channel, digest, the other's
//! export), the lean on the next week's nudges, the private offer of repair, /forget, and
//! hostile input.

use chrono::NaiveDate;
use haven::domain::custom_id::ComponentId;
use haven::domain::forget::ForgetChoice;
use haven::domain::ids::{CoupleId, UserId};
use haven::domain::prompt::Deck;
use serde_json::Value;

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{bot_message, callback, modal_submit, string_option, with_locale};
use crate::world::*;

/// The digest days of these tests (Sundays, the default digest weekday).
const NOV_29: NaiveDate = date(2026, 11, 29);
const DEC_6: NaiveDate = date(2026, 12, 6);
const DEC_13: NaiveDate = date(2026, 12, 13);

fn couple_id(app: &TestApp) -> CoupleId {
    CoupleId(app.query_i64("SELECT id FROM couples") as u64)
}

async fn pulse(app: &TestApp, user: u64, channel: u64, opts: &[(&str, &str)]) -> Recorded {
    let options = opts.iter().map(|(k, v)| string_option(k, v)).collect();
    app.interact(cmd(app.id(), channel, user, "pulse", options))
        .await
}

fn form(
    app: &TestApp,
    user: u64,
    couple: CoupleId,
    week: NaiveDate,
    s: [&str; 4],
    note: &str,
) -> Value {
    modal_submit(
        app.id(),
        Some(GUILD),
        PRIVATE,
        user,
        &ComponentId::PulseForm { couple, week }.encode(),
        &[
            ("close", s[0]),
            ("beyond_logistics", s[1]),
            ("free_to_share", s[2]),
            ("unsettled", s[3]),
            ("note", note),
        ],
    )
}

/// The digest among `posts`, as a message its buttons sit on, and its pulse button's id.
fn digest(posts: &[Recorded]) -> (Value, String) {
    let body = posts
        .iter()
        .filter_map(|r| r.body.clone())
        .find(|b| {
            b.to_string()
                .contains(&haven::copy::digest_title(haven::copy::Lang::ENGLISH))
        })
        .expect("the digest");
    let ids: Vec<String> = body["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["custom_id"].as_str().unwrap().to_string())
        .collect();
    let pulse = ids
        .iter()
        .find(|id| ComponentId::parse(id) == Ok(ComponentId::PulseDigest))
        .expect("the digest's pulse button")
        .clone();
    let labels: Vec<&str> = body["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            &haven::copy::check_in_button(haven::copy::Lang::ENGLISH),
            &haven::copy::pulse::digest_button(haven::copy::Lang::ENGLISH)
        ],
        "the same buttons for every couple"
    );
    let msg = bot_message(
        1_400_000_000_000_000_200,
        PRIVATE,
        "",
        body["components"].clone(),
    );
    (msg, pulse)
}

fn digest_text(posts: &[Recorded]) -> String {
    posts
        .iter()
        .filter_map(|r| r.body.clone())
        .find(|b| {
            b.to_string()
                .contains(&haven::copy::digest_title(haven::copy::Lang::ENGLISH))
        })
        .expect("the digest")
        .to_string()
}

async fn export(app: &TestApp, user: u64) -> Value {
    let id = couple_id(app);
    let couple = app
        .store
        .call_blocking(move |c| haven::store::couples::by_id(c, id))
        .unwrap()
        .unwrap();
    serde_json::to_value(app.services.export(&couple, UserId(user)).await.unwrap()).unwrap()
}

/// Everything the fake received that anyone but the answering partner could see: posts and
/// edits in any channel (interaction answers are each one's own).
fn channel_traffic(app: &TestApp) -> String {
    app.fake
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/channels/"))
        .filter_map(|r| r.body)
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn inputs(r: &Recorded) -> Vec<Value> {
    callback_data(r)["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Presses the digest's pulse button as `user`; a form comes back for one who takes the pulse.
async fn open_from_digest(app: &TestApp, user: u64, msg: &Value, id: &str) -> Recorded {
    app.interact(press(app, PRIVATE, user, id, msg)).await
}

#[tokio::test]
async fn a_pulse_stays_private_until_both_share_and_goes_again_when_one_stops() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let couple = couple_id(&app);

    // Off by default: /pulse explains, privately.
    let r = pulse(&app, ALICE, PRIVATE, &[]).await;
    assert_ephemeral_says(&r, "four short questions once a week");
    let r = pulse(&app, ALICE, PRIVATE, &[("turn", "on")]).await;
    assert_ephemeral_says(&r, "Your weekly pulse is on");
    assert!(custom_ids(&r)
        .iter()
        .any(|id| ComponentId::parse(id) == Ok(ComponentId::PulseOpen(couple))));

    // Sunday's digest carries the same button for everyone, and nothing about who opted in.
    // Thursday's nudge plans Sunday's digest.
    app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    let posts = app.advance_to(utc(2026, 11, 29, 20, 0, 0)).await;
    let (msg, button) = digest(&posts);
    let text = digest_text(&posts);
    assert!(
        !text.contains(&haven::copy::pulse::shared_title(
            haven::copy::Lang::ENGLISH
        )),
        "{text}"
    );

    // Alice gets her form for this week; Bob, who never opted in, a private word about it.
    let r = open_from_digest(&app, ALICE, &msg, &button).await;
    assert_eq!(callback_type(&r), callback::MODAL, "{:?}", r.body);
    assert_eq!(
        ComponentId::parse(callback_data(&r)["custom_id"].as_str().unwrap()),
        Ok(ComponentId::PulseForm {
            couple,
            week: NOV_29
        })
    );
    assert_eq!(inputs(&r).len(), 5);
    let r = open_from_digest(&app, BOB, &msg, &button).await;
    assert_ephemeral_says(&r, "four short questions once a week");
    assert!(!content(&r).contains(&ALICE.to_string()));
    // An outsider in the server can't press it.
    let r = open_from_digest(&app, EVE, &msg, &button).await;
    assert_ne!(callback_type(&r), callback::MODAL);
    assert!(is_ephemeral(&r));

    let r = app
        .interact(form(
            &app,
            ALICE,
            couple,
            NOV_29,
            ["2", "1", "4", "2"],
            "a private thought about us",
        ))
        .await;
    assert_ephemeral_says(&r, "Your pulse for this week is saved");
    app.settle().await;

    // Nothing of it in the channel, in Bob's /pulse or in Bob's export; all of it in Alice's.
    assert!(!channel_traffic(&app).contains("private thought"));
    let r = pulse(&app, BOB, PRIVATE, &[]).await;
    assert_ephemeral_says(&r, "four short questions once a week");
    let bob = export(&app, BOB).await;
    assert_eq!(bob["format"], "haven-export/3");
    assert_eq!(bob["pulse"]["weeks"].as_array().unwrap().len(), 0);
    assert!(!bob.to_string().contains("private thought"));
    let alice = export(&app, ALICE).await;
    assert_eq!(alice["pulse"]["weeks"][0]["week"], "2026-11-29");
    assert_eq!(alice["pulse"]["weeks"][0]["close"], 2);
    assert_eq!(
        alice["pulse"]["weeks"][0]["note"],
        "a private thought about us"
    );

    // Alice shares; Bob does not: the next digest shows nothing.
    let alice_share = pulse(&app, ALICE, PRIVATE, &[("share", "on")]).await;
    assert_ephemeral_says(&alice_share, "Sharing is on for you");
    let posts = app.advance_to(utc(2026, 12, 6, 20, 0, 0)).await;
    let text = digest_text(&posts);
    assert!(
        !text.contains(&haven::copy::pulse::shared_title(
            haven::copy::Lang::ENGLISH
        )),
        "{text}"
    );
    assert!(!text.contains("Felt close"), "{text}");

    // Bob opts in and shares too, told exactly what Alice was told (nothing about her).
    let r = pulse(&app, BOB, PRIVATE, &[("turn", "on")]).await;
    assert_ephemeral_says(&r, "Your weekly pulse is on");
    let bob_share = pulse(&app, BOB, PRIVATE, &[("share", "on")]).await;
    assert_eq!(content(&bob_share), content(&alice_share));
    let (msg, button) = digest(&posts);
    for (user, scores) in [(ALICE, ["3", "2", "4", "1"]), (BOB, ["4", "4", "5", "1"])] {
        let r = open_from_digest(&app, user, &msg, &button).await;
        assert_eq!(callback_type(&r), callback::MODAL);
        let r = app
            .interact(form(&app, user, couple, DEC_6, scores, "just mine"))
            .await;
        assert_ephemeral_says(&r, "saved");
    }
    let posts = app.advance_to(utc(2026, 12, 13, 20, 0, 0)).await;
    let text = digest_text(&posts);
    assert!(
        text.contains(&haven::copy::pulse::shared_title(
            haven::copy::Lang::ENGLISH
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("<@{ALICE}>\\nFelt close: 3 of 5")),
        "{text}"
    );
    assert!(
        text.contains(&format!("<@{BOB}>\\nFelt close: 4 of 5")),
        "{text}"
    );
    assert!(
        !text.contains("just mine"),
        "notes are never shared: {text}"
    );
    // Still never in the other's export.
    assert_eq!(
        export(&app, BOB).await["pulse"]["weeks"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Alice stops taking the pulse (sharing stays on): she is not asked again, and the next
    // digest shows nothing of either, although both answered.
    for user in [ALICE, BOB] {
        app.interact(form(&app, user, couple, DEC_13, ["5", "5", "5", "1"], ""))
            .await;
    }
    let r = pulse(&app, ALICE, PRIVATE, &[("turn", "off")]).await;
    assert_ephemeral_says(&r, "Your weekly pulse is off");
    let (msg, button) = digest(&posts);
    let r = open_from_digest(&app, ALICE, &msg, &button).await;
    assert_ephemeral_says(&r, "four short questions once a week");
    let posts = app.advance_to(utc(2026, 12, 20, 20, 0, 0)).await;
    let text = digest_text(&posts);
    assert!(
        !text.contains(&haven::copy::pulse::shared_title(
            haven::copy::Lang::ENGLISH
        )),
        "{text}"
    );
    assert!(!text.contains("Felt close"), "{text}");

    // She takes it again and both share: shown. Then she stops sharing: gone the week after.
    pulse(&app, ALICE, PRIVATE, &[("turn", "on")]).await;
    for user in [ALICE, BOB] {
        let r = app
            .interact(form(
                &app,
                user,
                couple,
                date(2026, 12, 20),
                ["2", "2", "2", "2"],
                "",
            ))
            .await;
        assert_ephemeral_says(&r, "saved");
    }
    let posts = app.advance_to(utc(2026, 12, 27, 20, 0, 0)).await;
    assert!(digest_text(&posts).contains("Felt close: 2 of 5"));
    let r = pulse(&app, ALICE, PRIVATE, &[("share", "off")]).await;
    assert_ephemeral_says(&r, "Sharing is off");
    for user in [ALICE, BOB] {
        app.interact(form(
            &app,
            user,
            couple,
            date(2026, 12, 27),
            ["5", "5", "5", "1"],
            "",
        ))
        .await;
    }
    let posts = app.advance_to(utc(2027, 1, 3, 20, 0, 0)).await;
    let text = digest_text(&posts);
    assert!(
        !text.contains(&haven::copy::pulse::shared_title(
            haven::copy::Lang::ENGLISH
        )),
        "{text}"
    );
    assert!(!text.contains("Felt close"), "{text}");
    // Never anything of a note, anywhere in the channel.
    assert!(!channel_traffic(&app).contains("just mine"));
    app.stop().await;
}

/// A partner whose Discord speaks Spanish turns the pulse on and reads the answer, its button
/// and a refused form in Spanish.
#[tokio::test]
async fn a_spanish_speaking_partner_turns_the_pulse_on_in_spanish() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let es = haven::copy::Lang::from_code("es").expect("Spanish is shipped");
    let options = vec![string_option("turn", "on")];
    let r = app
        .interact(with_locale(
            cmd(app.id(), PRIVATE, BOB, "pulse", options),
            "es-ES",
        ))
        .await;
    assert!(is_ephemeral(&r));
    assert_eq!(content(&r), haven::copy::pulse::turned_on(es));
    assert!(content(&r).starts_with("Tu pulso semanal está activado."));
    let data = serde_json::to_string(&r.body).unwrap();
    assert!(
        data.contains(&haven::copy::pulse::answer_button(es)),
        "{data}"
    );
    let bad = with_locale(
        form(&app, BOB, couple_id(&app), NOV_29, ["9", "1", "1", "1"], ""),
        "es-ES",
    );
    app.advance_to(utc(2026, 11, 29, 20, 0, 0)).await;
    let r = app.interact(bad).await;
    assert!(is_ephemeral(&r));
    assert!(
        content(&r).contains("«Esta semana me sentí cerca de mi pareja» no lo tenía"),
        "{}",
        content(&r)
    );
    app.stop().await;
}

#[tokio::test]
async fn pulse_shows_a_partner_their_own_chart_and_notes_only() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let couple = couple_id(&app);
    for user in [ALICE, BOB] {
        pulse(&app, user, PRIVATE, &[("turn", "on")]).await;
    }
    app.advance_to(utc(2026, 11, 29, 20, 0, 0)).await;
    app.interact(form(
        &app,
        ALICE,
        couple,
        NOV_29,
        ["5", "4", "3", "2"],
        "alice's own note",
    ))
    .await;
    app.interact(form(
        &app,
        BOB,
        couple,
        NOV_29,
        ["1", "1", "1", "5"],
        "bob's own note",
    ))
    .await;
    let r = pulse(&app, ALICE, PRIVATE, &[]).await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(is_ephemeral(&r));
    // The chart says in words what it shows, for a screen reader.
    assert_eq!(
        callback_data(&r)["attachments"][0]["description"],
        haven::copy::pulse::chart_alt(haven::copy::Lang::ENGLISH)
    );
    let data = callback_data(&r).to_string();
    assert!(data.contains("attachment://pulse.png"), "{data}");
    assert!(data.contains("alice's own note"), "{data}");
    assert!(!data.contains("bob's own note"), "{data}");
    // This week is answered: the button offers to change it.
    assert!(
        data.contains(&haven::copy::pulse::change_button(
            haven::copy::Lang::ENGLISH
        )),
        "{data}"
    );
    // The change form is pre-filled with her answers.
    let ids = custom_ids(&r);
    let msg = bot_message(
        1_400_000_000_000_000_300,
        PRIVATE,
        "",
        callback_data(&r)["components"].clone(),
    );
    let r = app
        .interact(press(&app, PRIVATE, ALICE, &ids[0], &msg))
        .await;
    assert_eq!(callback_type(&r), callback::MODAL);
    let inputs = inputs(&r);
    let values: Vec<&str> = inputs
        .iter()
        .map(|i| i["value"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(values[..4], ["5", "4", "3", "2"]);
    app.stop().await;
}

/// The titles of the nudges among `posts` (a nudge's buttons end in a marker starting `n`).
fn nudge_titles(posts: &[Recorded]) -> Vec<String> {
    nudges(posts)
        .iter()
        .map(|b| b["embeds"][0]["title"].as_str().unwrap_or("").to_string())
        .collect()
}

fn nudges(posts: &[Recorded]) -> Vec<Value> {
    posts
        .iter()
        .filter_map(|r| r.body.clone())
        .filter(|b| {
            b["components"][0]["components"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c["custom_id"].as_str())
                .any(|id| id.rsplit_once(':').is_some_and(|(_, m)| m.starts_with('n')))
        })
        .collect()
}

/// One nudge a day at 20:00 from Thursday the 26th to Sunday, December 6th; on Sunday the
/// 29th, after the digest, `pulse` (if any) is Alice's answer. Returns each day's nudge title.
async fn a_fortnight(pulse_scores: Option<[&str; 4]>) -> Vec<String> {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let couple = couple_id(&app);
    pulse(&app, ALICE, PRIVATE, &[("turn", "on")]).await;
    let mut titles = vec![];
    for day in 0..11 {
        let at = utc(2026, 11, 26, 20, 0, 0) + chrono::Duration::days(day);
        let posts = app.advance_to(at).await;
        for nudge in nudges(&posts) {
            // Nothing says why.
            assert!(
                !nudge.to_string().to_lowercase().contains("pulse"),
                "{nudge}"
            );
        }
        let t = nudge_titles(&posts);
        assert_eq!(t.len(), 1, "one nudge on day {day}");
        titles.extend(t);
        if day == 3 {
            if let Some(s) = pulse_scores {
                let r = app.interact(form(&app, ALICE, couple, NOV_29, s, "")).await;
                assert_ephemeral_says(&r, "saved");
            }
        }
    }
    app.stop().await;
    titles
}

#[tokio::test]
async fn a_low_closeness_pulse_leans_the_next_weeks_nudges_toward_quality_time_and_us() {
    let plain = a_fortnight(None).await;
    let leaned = a_fortnight(Some(["1", "4", "4", "2"])).await;
    // Up to the pulse, the same decks.
    assert_eq!(plain[..4], leaned[..4]);
    // The nudges after it (the 4th to the 10th of this couple) differ where a slot may lean:
    // the 8th, 9th and 10th take "us", quality time, "us" in turn.
    assert_ne!(plain[4..], leaned[4..]);
    let us = haven::copy::deck_title(haven::copy::Lang::ENGLISH, Deck::Us);
    let qt = haven::copy::deck_title(haven::copy::Lang::ENGLISH, Deck::QualityTime);
    assert_eq!(leaned[8..], [us.clone(), qt, us], "{leaned:?}");
    assert_eq!(
        plain[9],
        haven::copy::deck_title(haven::copy::Lang::ENGLISH, Deck::Appreciation),
        "{plain:?}"
    );
}

#[tokio::test]
async fn an_unsettled_pulse_offers_repair_in_its_authors_own_confirmation_only() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let couple = couple_id(&app);
    for user in [ALICE, BOB] {
        pulse(&app, user, PRIVATE, &[("turn", "on")]).await;
    }
    app.advance_to(utc(2026, 11, 29, 20, 0, 0)).await;
    app.interact(form(&app, ALICE, couple, NOV_29, ["3", "3", "3", "5"], ""))
        .await;
    app.interact(form(&app, BOB, couple, NOV_29, ["3", "3", "3", "2"], ""))
        .await;
    app.advance_to(utc(2026, 11, 30, 20, 0, 0)).await;
    let monday = date(2026, 11, 30);
    let r = app
        .interact(checkin_form(&app, ALICE, monday, "3", "thanks", ""))
        .await;
    assert_ephemeral_says(&r, "feels unsettled");
    assert!(content(&r).contains("/onmymind"));
    assert!(custom_ids(&r)
        .iter()
        .any(|id| ComponentId::parse(id) == Ok(ComponentId::AnotherPrompt(Deck::Repair))));
    let r = app
        .interact(checkin_form(&app, BOB, monday, "3", "thanks too", ""))
        .await;
    assert!(is_ephemeral(&r));
    assert!(!content(&r).contains("unsettled"), "{}", content(&r));
    assert!(custom_ids(&r).is_empty());
    app.settle().await;
    assert!(!channel_traffic(&app).contains("unsettled"));
    // Once per pulse week.
    app.advance_to(utc(2026, 12, 1, 20, 0, 0)).await;
    let r = app
        .interact(checkin_form(
            &app,
            ALICE,
            date(2026, 12, 1),
            "3",
            "thanks",
            "",
        ))
        .await;
    assert!(!content(&r).contains("unsettled"));
    app.stop().await;
}

#[tokio::test]
async fn hostile_pulse_input_is_refused_kindly_and_kept() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let couple = couple_id(&app);
    pulse(&app, ALICE, PRIVATE, &[("turn", "on")]).await;
    // Thursday's nudge plans Sunday's digest.
    app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    let posts = app.advance_to(utc(2026, 11, 29, 20, 0, 0)).await;
    let (msg, button) = digest(&posts);
    let saved = || app.query_i64("SELECT count(*) FROM pulse_weeks");

    for bad in ["0", "6", "3.5", "", "٣", "05", " 4 2"] {
        let r = app
            .interact(form(
                &app,
                ALICE,
                couple,
                NOV_29,
                ["4", bad, "4", "1"],
                "kept",
            ))
            .await;
        assert_ephemeral_says(&r, "whole number from 1 to 5");
        assert_eq!(saved(), 0, "{bad:?}");
        // Try again reopens the form with what was typed.
        let ids = custom_ids(&r);
        assert_eq!(
            ComponentId::parse(&ids[0]),
            Ok(ComponentId::PulseOpen(couple))
        );
        let m = bot_message(
            1_400_000_000_000_000_400,
            PRIVATE,
            "",
            callback_data(&r)["components"].clone(),
        );
        let r = app.interact(press(&app, PRIVATE, ALICE, &ids[0], &m)).await;
        assert_eq!(callback_type(&r), callback::MODAL);
        let inputs = inputs(&r);
        assert_eq!(
            inputs[1]["value"].as_str().unwrap_or(""),
            bad.chars().take(3).collect::<String>()
        );
        assert_eq!(inputs[4]["value"], "kept");
    }
    let r = app
        .interact(form(
            &app,
            ALICE,
            couple,
            NOV_29,
            ["4", "4", "4", "1"],
            &"x".repeat(10_000),
        ))
        .await;
    assert_ephemeral_says(&r, "longer than 500 characters");
    assert_eq!(saved(), 0);
    // Another week, another couple, a partner who never opted in, an outsider.
    let r = app
        .interact(form(
            &app,
            ALICE,
            couple,
            date(2026, 11, 22),
            ["4", "4", "4", "1"],
            "",
        ))
        .await;
    assert_ephemeral_says(&r, "That week's pulse has closed");
    let r = app
        .interact(form(
            &app,
            ALICE,
            CoupleId(couple.0 + 99),
            NOV_29,
            ["4", "4", "4", "1"],
            "",
        ))
        .await;
    assert_ephemeral_says(&r, "no longer valid");
    let r = app
        .interact(form(&app, BOB, couple, NOV_29, ["4", "4", "4", "1"], ""))
        .await;
    assert_ephemeral_says(&r, "Your weekly pulse is off");
    let r = app
        .interact(form(&app, EVE, couple, NOV_29, ["4", "4", "4", "1"], ""))
        .await;
    assert!(is_ephemeral(&r));
    assert!(!content(&r).contains("saved"));
    let r = open_from_digest(&app, EVE, &msg, &button).await;
    assert_ne!(callback_type(&r), callback::MODAL);
    let r = app.interact(press(&app, PUBLIC, EVE, &button, &msg)).await;
    assert_ne!(callback_type(&r), callback::MODAL);
    let r = pulse(&app, EVE, PRIVATE, &[]).await;
    assert!(is_ephemeral(&r));
    assert!(!content(&r).contains("weekly pulse"), "{}", content(&r));
    let r = pulse(&app, ALICE, PRIVATE, &[("turn", "maybe")]).await;
    assert!(is_ephemeral(&r));
    assert_eq!(saved(), 0);
    // Control characters are cleaned from a note; the rest is kept.
    let r = app
        .interact(form(
            &app,
            ALICE,
            couple,
            NOV_29,
            [" 4 ", "4", "4", "1"],
            "\u{0}calm\u{7} week\u{202e}",
        ))
        .await;
    assert_ephemeral_says(&r, "saved");
    let alice = export(&app, ALICE).await;
    assert_eq!(alice["pulse"]["weeks"][0]["note"], "calm week");
    // Bob's kept form is his alone; Alice's went once hers was saved.
    assert!(alice["pulse"]["draft"].is_null(), "{alice}");
    assert_eq!(
        export(&app, BOB).await["pulse"]["draft"]["week"],
        "2026-11-29"
    );
    app.stop().await;
}

#[tokio::test]
async fn forget_deletes_every_pulse_row() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let couple = couple_id(&app);
    for user in [ALICE, BOB] {
        pulse(&app, user, PRIVATE, &[("turn", "on"), ("share", "on")]).await;
    }
    app.advance_to(utc(2026, 11, 29, 20, 0, 0)).await;
    app.interact(form(
        &app,
        ALICE,
        couple,
        NOV_29,
        ["4", "4", "4", "1"],
        "note",
    ))
    .await;
    app.interact(form(
        &app,
        BOB,
        couple,
        NOV_29,
        ["9", "4", "4", "1"],
        "draft",
    ))
    .await;
    let rows = || {
        app.query_i64(
            "SELECT (SELECT count(*) FROM pulse_settings) + (SELECT count(*) FROM pulse_weeks)
                  + (SELECT count(*) FROM pulse_drafts)",
        )
    };
    assert_eq!(rows(), 4);
    app.services
        .forget(
            couple,
            UserId(ALICE),
            ForgetChoice {
                remove_posts: false,
                tell_partner: false,
            },
        )
        .await
        .unwrap();
    assert_eq!(rows(), 0);
    app.stop().await;
}
