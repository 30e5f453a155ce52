//! haven speaks the couple's language: a partner whose Discord speaks Spanish reads their own
//! answers in Spanish while the channel keeps the couple's language, and a couple paired by a
//! Spanish-speaking inviter gets Spanish nudges, prompts, notices and reveals.

use haven::copy::{self, Lang};
use haven::domain::ids::UserId;
use serde_json::Value;

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{callback, with_locale};
use crate::world::*;

fn spanish() -> Lang {
    Lang::from_code("es").expect("Spanish is shipped")
}

/// A private follow-up (`POST /webhooks/…`).
async fn follow_up(app: &TestApp, what: &str) -> Recorded {
    app.fake
        .wait_request(what, WAIT, |r| {
            r.method == "POST" && r.path.starts_with("/webhooks/")
        })
        .await
        .expect("a follow-up")
}

fn embeds(body: &Value) -> &Vec<Value> {
    body["embeds"].as_array().expect("embeds")
}

#[tokio::test]
async fn a_spanish_speaking_partner_reads_spanish_while_the_channel_stays_english() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    let es = spanish();

    // /help, only for Bob, in his language.
    let help = app
        .interact(with_locale(
            cmd(app.id(), PRIVATE, BOB, "help", vec![]),
            "es-ES",
        ))
        .await;
    assert!(is_ephemeral(&help));
    assert_eq!(content(&help), copy::help(es));
    // Alice's client speaks English: the same command in English.
    let help_en = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "help", vec![]))
        .await;
    assert_eq!(content(&help_en), copy::help(Lang::ENGLISH));

    // A check-in: Bob's confirmation in Spanish, the channel's notice in the couple's English.
    let form = with_locale(
        checkin_form(&app, BOB, TODAY, "4", "You made coffee.", ""),
        "es-419",
    );
    let saved = app.interact(form).await;
    assert!(is_ephemeral(&saved));
    assert_eq!(
        content(&saved),
        copy::checkin_saved(es, UserId(ALICE), false)
    );
    assert!(content(&saved).starts_with("Gracias por hacer tu check-in."));
    let posts = app.settle().await;
    let notice = posts
        .iter()
        .filter_map(|r| r.body.as_ref())
        .find(|b| {
            b["content"]
                .as_str()
                .is_some_and(|c| c.contains("checked in"))
        })
        .expect("the check-in notice");
    assert_eq!(
        notice["content"].as_str().unwrap(),
        copy::checkin_notice(Lang::ENGLISH, UserId(BOB), UserId(ALICE))
    );

    // /streak: the couple's embed in English for the channel, Bob's own numbers in Spanish.
    let before = app.fake.requests().len();
    let streak = app
        .interact(with_locale(
            cmd(app.id(), PRIVATE, BOB, "streak", vec![]),
            "es-ES",
        ))
        .await;
    assert!(!is_ephemeral(&streak));
    let embed = &embeds(callback_data(&streak))[0];
    assert_eq!(embed["title"], "Your streak");
    let own = follow_up(&app, "Bob's own streak").await;
    assert!(app.fake.requests().len() > before);
    let own_words = own.body.as_ref().unwrap()["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(own_words.starts_with("Solo tú ves esto."), "{own_words}");
    eprintln!("/streak, Bob's own (es-ES): {own_words}");

    // A refusal in his language too: an unknown time zone.
    let refused = app
        .interact(with_locale(
            schedule_set(
                app.id(),
                PRIVATE,
                BOB,
                vec![crate::support::payloads::string_option(
                    "timezone",
                    "Mars/Olympus\u{0}",
                )],
            ),
            "es-ES",
        ))
        .await;
    assert!(is_ephemeral(&refused));
    assert!(
        content(&refused).starts_with("No conozco la zona horaria"),
        "{}",
        content(&refused)
    );
    app.stop().await;
}

#[tokio::test]
async fn a_couple_paired_by_a_spanish_speaking_inviter_gets_spanish_posts() {
    let app = spawn_app(vec![server()]).await;
    let es = spanish();
    // Alice's Discord speaks Latin American Spanish; Bob's English.
    let answer = app
        .interact(with_locale(
            setup_cmd(app.id(), PRIVATE, ALICE, BOB, "America/Mexico_City", vec![]),
            "es-419",
        ))
        .await;
    assert!(
        content(&answer).contains("quiere empezar **haven** contigo"),
        "{}",
        content(&answer)
    );
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    let accepted = app.interact(press(&app, PRIVATE, BOB, &ids[0], &msg)).await;
    assert_eq!(callback_type(&accepted), callback::UPDATE_MESSAGE);
    assert!(content(&accepted).contains("Les doy la bienvenida"));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE language = 'es'"),
        1
    );

    // 20:00 in Mexico City: the nudge, its prompt from the Spanish library.
    let posts = app.advance_to(utc(2026, 11, 27, 2, 0, 0)).await;
    let nudge = posts
        .iter()
        .filter_map(|r| r.body.clone())
        .find(|b| b["embeds"].is_array())
        .expect("the day's nudge");
    let embed = &embeds(&nudge)[0];
    assert_eq!(embed["footer"]["text"], copy::nudge_footer(es));
    let text = embed["description"].as_str().unwrap();
    let library = haven::domain::prompt::Library::builtin();
    assert!(
        !library.iter().any(|p| text.starts_with(p.text.as_str())),
        "the prompt is not the English one: {text}"
    );
    let labels: Vec<&str> = nudge["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["label"].as_str())
        .collect();
    assert!(labels.contains(&"Hacer check-in"), "{labels:?}");
    eprintln!(
        "Spanish nudge: {}",
        serde_json::to_string_pretty(&nudge).unwrap()
    );

    // Both check in; the reveal is in Spanish, each partner's confirmation in their own.
    let day = haven::domain::checkin::couple_day(
        utc(2026, 11, 27, 2, 0, 0),
        chrono_tz::America::Mexico_City,
        haven::domain::time::LocalTime { hour: 4, minute: 0 },
    );
    let first = app
        .interact(checkin_form(
            &app,
            BOB,
            day,
            "3",
            "You called me at lunch.",
            "",
        ))
        .await;
    assert!(content(&first).starts_with("Thank you for checking in."));
    app.settle().await;
    let second = app
        .interact(with_locale(
            checkin_form(&app, ALICE, day, "5", "Tu mensaje de la mañana.", ""),
            "es-419",
        ))
        .await;
    assert_eq!(content(&second), copy::checkin_revealed(es));
    let posts = app.settle().await;
    let reveal = posts
        .iter()
        .filter_map(|r| r.body.clone())
        .find(|b| {
            b["content"]
                .as_str()
                .is_some_and(|c| c.contains("ya hicieron su check-in"))
        })
        .expect("the reveal, in Spanish");
    assert!(embeds(&reveal)
        .iter()
        .any(|e| e["title"].as_str().is_some_and(|t| t.starts_with("Ánimo"))));
    eprintln!(
        "Spanish reveal: {}",
        serde_json::to_string_pretty(&reveal).unwrap()
    );

    // /streak: the picture and its words for both in the couple's Spanish, and Bob's own
    // numbers, for him alone, in his English.
    let streak = app
        .interact(cmd(app.id(), PRIVATE, BOB, "streak", vec![]))
        .await;
    let shown = callback_data(&streak);
    assert_eq!(shown["embeds"][0]["title"], copy::streak_title(es));
    assert_eq!(
        shown["attachments"][0]["description"],
        copy::streak_picture_alt(es),
        "the picture in words, for a screen reader"
    );
    assert!(!is_ephemeral(&streak));
    let own = follow_up(&app, "Bob's own numbers").await;
    let own = own.body.expect("a body");
    assert_eq!(own["flags"], 64, "only Bob sees his own numbers");
    eprintln!(
        "Spanish /streak: {}\nBob's own: {}",
        serde_json::to_string_pretty(&shown).unwrap(),
        own["content"]
    );
    app.stop().await;
}

fn settings(app: &TestApp, user: u64, options: &[(&str, &str)]) -> Value {
    cmd(
        app.id(),
        PRIVATE,
        user,
        "settings",
        options
            .iter()
            .map(|(n, v)| crate::support::payloads::string_option(n, v))
            .collect(),
    )
}

#[tokio::test]
async fn a_partner_chooses_their_own_language_and_the_couple_their_channels() {
    let app = spawn_app(vec![server()]).await;
    // Thursday 26 November 2026, 13:00 in Berlin.
    app.clock.set(utc(2026, 11, 26, 12, 0, 0));
    pair(&app, "Europe/Berlin").await;
    app.settle().await;
    let es = spanish();

    // Bob's Discord speaks English; he chooses Spanish for himself. The answer is already in
    // it, privately, and says what the choice does; the channel hears nothing of it.
    let r = app
        .interact(settings(&app, BOB, &[("language", "es")]))
        .await;
    assert!(is_ephemeral(&r));
    assert!(
        content(&r).contains("**Tu idioma**: Español, el que elegiste"),
        "{}",
        content(&r)
    );
    assert!(
        app.settle().await.is_empty(),
        "a personal choice is never announced"
    );
    // From now on every private answer to Bob is Spanish, whatever his client's language;
    // Alice's stay English.
    let help = app
        .interact(with_locale(
            cmd(app.id(), PRIVATE, BOB, "help", vec![]),
            "en-US",
        ))
        .await;
    assert_eq!(content(&help), copy::help(es));
    let help = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "help", vec![]))
        .await;
    assert_eq!(content(&help), copy::help(Lang::ENGLISH));

    // Hostile values are refused kindly, in the reader's language, and change nothing.
    for bad in [
        "fr",
        "../../etc",
        "",
        "esperanto",
        "es\u{0}",
        &"e".repeat(5000),
    ] {
        for option in ["language", "channel_language"] {
            let r = app.interact(settings(&app, BOB, &[(option, bad)])).await;
            assert!(is_ephemeral(&r), "{option}={bad:?}");
            assert_eq!(content(&r), copy::bad_language(es), "{option}={bad:?}");
        }
    }
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE language IS NULL OR language = 'en'"),
        1
    );

    // 20:05 in Berlin: the day's nudge, in English, and each partner's reminder planned for
    // later, written in English too.
    let nudged = app.advance_to(utc(2026, 11, 26, 19, 5, 0)).await;
    assert!(
        nudged.iter().any(|p| p.body.as_ref().is_some_and(
            |b| b["embeds"][0]["footer"]["text"] == copy::nudge_footer(Lang::ENGLISH).as_str()
        )),
        "the nudge, in English"
    );

    // The channel's language is the couple's: Alice changes it, and the channel is told, in
    // the new language; her own answer stays in hers.
    let r = app
        .interact(settings(&app, ALICE, &[("channel_language", "es")]))
        .await;
    assert!(is_ephemeral(&r));
    assert!(
        content(&r).contains("**Your channel's language**: Español"),
        "{}",
        content(&r)
    );
    let posts = app.settle().await;
    let announced: Vec<String> = posts
        .iter()
        .filter_map(|p| p.body.as_ref()?["content"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        announced,
        [format!(
            "<@{ALICE}> cambió el idioma de mis publicaciones en su canal: a partir de ahora las escribo en Español."
        )]
    );
    // Choosing it again changes nothing and says nothing in the channel.
    app.interact(settings(&app, BOB, &[("channel_language", "es")]))
        .await;
    assert!(app.settle().await.is_empty());
    // "From now on" holds for what was already planned: the reminders, due at 23:00, come in
    // Spanish.
    let later = app.advance_to(utc(2026, 11, 26, 22, 30, 0)).await;
    let reminders: Vec<String> = later
        .iter()
        .filter_map(|p| p.body.as_ref()?["content"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        reminders,
        [ALICE, BOB].map(|u| copy::reminder(es, UserId(u))),
        "{reminders:?}"
    );

    // The couple's posts now speak Spanish: a prompt right now, in the channel.
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "prompt", vec![json_now()]))
        .await;
    let body = callback_data(&r);
    let labels: Vec<&str> = body["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["label"].as_str())
        .collect();
    assert!(labels.contains(&"Hacer check-in"), "{labels:?}");

    // Either partner sees the channel's language in /settings.
    let r = app.interact(settings(&app, BOB, &[])).await;
    assert!(
        content(&r).contains("**El idioma de su canal**: Español"),
        "{}",
        content(&r)
    );
    app.stop().await;
}

/// `/prompt now` with no practice.
fn json_now() -> Value {
    serde_json::json!({"name": "now", "type": 1, "options": []})
}
