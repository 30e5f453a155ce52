//! The anniversary: set, changed and cleared privately, each change noted once in the channel
//! (who, never the date); hostile dates refused kindly; the first nudge of the day (in the
//! couple's time zone) drawn from the anniversary's deck and saying which anniversary it is,
//! the days around it and a second nudge ordinary; a leap day; a pause; /streak, /export and
//! /forget.

use chrono::{DateTime, NaiveDate, Utc};
use haven::domain::custom_id::ComponentId;
use haven::domain::ids::CoupleId;
use haven::domain::prompt::{Deck, Depth, Library};
use haven::store::checkins;
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{bot_message, callback, string_option, subcommand, with_locale};
use crate::world::*;

fn anniversary(app: &TestApp, user: u64, sub: &str, options: Vec<Value>) -> Value {
    cmd(
        app.id(),
        PRIVATE,
        user,
        "anniversary",
        vec![subcommand(sub, options)],
    )
}

fn set(app: &TestApp, user: u64, date: &str) -> Value {
    anniversary(app, user, "set", vec![string_option("date", date)])
}

fn couple_id(app: &TestApp) -> CoupleId {
    CoupleId(app.query_i64("SELECT id FROM couples") as u64)
}

/// The stored date, or "" when none.
fn stored(app: &TestApp) -> String {
    app.store
        .call_blocking(|c| {
            Ok(
                c.query_row("SELECT coalesce(anniversary, '') FROM couples", [], |r| {
                    r.get::<_, String>(0)
                })?,
            )
        })
        .unwrap()
}

fn body(r: &Recorded) -> Value {
    r.body.clone().expect("a body")
}

fn buttons(post: &Value) -> Vec<String> {
    post["components"][0]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
        .collect()
}

/// Whether a post is a nudge: its buttons carry a nudge's marker (`n…`).
fn is_nudge(post: &Value) -> bool {
    buttons(post).iter().any(|id| {
        id.rsplit_once(':')
            .is_some_and(|(_, marker)| marker.starts_with('n'))
    })
}

/// The nudge among `posts` (exactly one).
fn the_nudge(posts: &[Recorded]) -> Value {
    let nudges: Vec<Value> = posts.iter().map(body).filter(is_nudge).collect();
    assert_eq!(nudges.len(), 1, "one nudge: {nudges:?}");
    nudges[0].clone()
}

fn title_and_text(nudge: &Value) -> (String, String) {
    let e = &nudge["embeds"][0];
    (
        e["title"].as_str().unwrap().to_string(),
        e["description"].as_str().unwrap().to_string(),
    )
}

/// Asserts `nudge` is the anniversary's: its title, the line with the years, a prompt of the
/// anniversary's deck that the day's check-in asks when it is a question, light in a couple's
/// first two weeks, and an Another prompt that draws from "us". Returns the prompt's key.
fn assert_anniversary_nudge(app: &TestApp, nudge: &Value, day: NaiveDate, line: &str) -> String {
    let (title, text) = title_and_text(nudge);
    assert_eq!(title, "Your anniversary");
    assert!(text.starts_with(&format!("{line}\n\n")), "{text}");
    let id = couple_id(app);
    let today = app
        .store
        .call_blocking(move |c| checkins::day_prompt(c, id, day))
        .unwrap()
        .expect("the nudge is the day's prompt");
    let prompt = Library::builtin()
        .get(&today.key)
        .expect("a library prompt");
    assert_eq!(prompt.deck, Deck::Anniversary, "{}", today.key);
    assert!(text.ends_with(&prompt.text), "{text}");
    assert_eq!(prompt.depth, Depth::Light, "a young couple: light only");
    assert_eq!(
        today.question.map(|q| q.short),
        prompt.short.clone(),
        "the check-in asks it"
    );
    let ids = buttons(nudge);
    assert!(
        ids.iter().any(|b| matches!(
            ComponentId::parse(b),
            Ok(ComponentId::AnotherPrompt(Deck::Us))
        )),
        "{ids:?}"
    );
    assert!(!ids.iter().any(|b| b.contains("anniversary")), "{ids:?}");
    today.key
}

#[track_caller]
fn assert_ordinary_nudge(nudge: &Value) {
    let (title, text) = title_and_text(nudge);
    assert_ne!(title, "Your anniversary");
    assert!(!text.contains("anniversary"), "{text}");
}

/// The couple's single note in the channel among `posts`.
fn one_note(posts: &[Recorded]) -> Value {
    assert_eq!(posts.len(), 1, "one post: {posts:?}");
    let b = body(&posts[0]);
    assert!(b["embeds"].as_array().is_none_or(|e| e.is_empty()));
    assert_eq!(
        b["allowed_mentions"]["users"],
        json!([]),
        "pings nobody: {b}"
    );
    assert_eq!(b["allowed_mentions"]["parse"], json!([]), "{b}");
    let text = b["content"].as_str().unwrap();
    for secret in ["2019", "March", "14", "15"] {
        assert!(!text.contains(secret), "no date in the channel: {text}");
    }
    b
}

/// The posts in the channel since `seen` requests, once the sender has nothing left to do;
/// `seen` moves on.
async fn new_posts(app: &TestApp, seen: &mut usize) -> Vec<Recorded> {
    app.settle().await;
    let posts = app
        .requests_since(*seen)
        .into_iter()
        .filter(is_channel_post)
        .collect();
    *seen = app.fake.requests().len();
    posts
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    utc(y, m, d, h, min, 0)
}

#[tokio::test]
async fn either_partner_sets_changes_and_clears_it_privately_and_the_channel_is_told_once_each() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;
    let mut seen = app.fake.requests().len();

    let r = app.interact(anniversary(&app, ALICE, "show", vec![])).await;
    assert_ephemeral_says(&r, "You haven't set an anniversary yet");
    assert!(new_posts(&app, &mut seen).await.is_empty());

    let r = app.interact(set(&app, ALICE, "2019-03-14")).await;
    assert_ephemeral_says(&r, "Saved: your anniversary is 14 March 2019.");
    assert_ephemeral_says(&r, "Your next anniversary is on 14 March 2027: 8 years.");
    assert_eq!(stored(&app), "2019-03-14");
    let note = one_note(&new_posts(&app, &mut seen).await);
    assert_eq!(
        note["content"],
        json!(format!(
            "<@{ALICE}> set the date of your anniversary. Press the button to see it."
        ))
    );
    // Bob sees the date, privately, from the note's button; an outsider does not.
    let see = buttons(&note)[0].clone();
    assert_eq!(ComponentId::parse(&see), Ok(ComponentId::ShowAnniversary));
    let msg = bot_message(
        1_400_000_000_000_000_300,
        PRIVATE,
        "",
        note["components"].clone(),
    );
    let r = app.interact(press(&app, PRIVATE, BOB, &see, &msg)).await;
    assert_ephemeral_says(&r, "Your anniversary is 14 March 2019.");
    let r = app.interact(press(&app, PRIVATE, EVE, &see, &msg)).await;
    assert_ephemeral_says(&r, "only the two of them can use haven here");
    assert!(!content(&r).contains("2019"));
    let r = app.interact(anniversary(&app, EVE, "show", vec![])).await;
    assert!(is_ephemeral(&r) && !content(&r).contains("2019"));

    // The same date again changes nothing and says nothing in the channel.
    let r = app.interact(set(&app, BOB, "2019-03-14")).await;
    assert_ephemeral_says(&r, "already 14 March 2019, so nothing changed");
    assert!(new_posts(&app, &mut seen).await.is_empty());

    // Bob changes it: Alice is not left unaware.
    let r = app.interact(set(&app, BOB, "2019-03-15")).await;
    assert_ephemeral_says(
        &r,
        "Changed: your anniversary is now 15 March 2019 (it was 14 March 2019).",
    );
    let note = one_note(&new_posts(&app, &mut seen).await);
    assert_eq!(
        note["content"],
        json!(format!(
            "<@{BOB}> changed the date of your anniversary. Press the button to see it."
        ))
    );

    // Alice clears it; a second clear has nothing to do.
    let r = app
        .interact(anniversary(&app, ALICE, "clear", vec![]))
        .await;
    assert_ephemeral_says(&r, "Cleared");
    assert_eq!(stored(&app), "");
    let note = one_note(&new_posts(&app, &mut seen).await);
    assert!(note["content"]
        .as_str()
        .unwrap()
        .starts_with(&format!("<@{ALICE}> cleared the date of your anniversary.")));
    let r = app
        .interact(anniversary(&app, ALICE, "clear", vec![]))
        .await;
    assert_ephemeral_says(&r, "There's no anniversary date to clear.");
    let r = app.interact(anniversary(&app, BOB, "show", vec![])).await;
    assert_ephemeral_says(&r, "You haven't set an anniversary yet");
    assert!(new_posts(&app, &mut seen).await.is_empty());
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'anniversary' AND status = 'sent'"),
        3
    );
    app.stop().await;
}

/// A partner whose Discord speaks Spanish reads their own answers in Spanish (a refused date
/// too), while the note in the channel keeps the couple's English.
#[tokio::test]
async fn a_spanish_speaking_partner_sets_it_in_spanish_and_the_channel_stays_english() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;
    let mut seen = app.fake.requests().len();

    let r = app
        .interact(with_locale(set(&app, BOB, "14/03/2019"), "es-ES"))
        .await;
    assert_ephemeral_says(&r, "No pude leer eso como una fecha.");
    assert_eq!(stored(&app), "");

    let r = app
        .interact(with_locale(set(&app, BOB, "2019-03-14"), "es-ES"))
        .await;
    assert_ephemeral_says(&r, "Guardado: su aniversario es el 14 de marzo de 2019.");
    assert_ephemeral_says(
        &r,
        "Su próximo aniversario es el 14 de marzo de 2027: cumplirán 8 años.",
    );
    assert!(!content(&r).contains("anniversary is"), "{}", content(&r));
    let note = one_note(&new_posts(&app, &mut seen).await);
    assert_eq!(
        note["content"],
        json!(format!(
            "<@{BOB}> set the date of your anniversary. Press the button to see it."
        ))
    );

    let r = app
        .interact(with_locale(
            anniversary(&app, BOB, "show", vec![]),
            "es-419",
        ))
        .await;
    assert_ephemeral_says(&r, "Su aniversario es el 14 de marzo de 2019.");
    let r = app.interact(anniversary(&app, ALICE, "show", vec![])).await;
    assert_ephemeral_says(&r, "Your anniversary is 14 March 2019.");
    app.stop().await;
}

/// One partner cannot fill the channel with notes: after five changes in a day the date stays
/// as it is, and nothing more is posted, until a day has passed.
#[tokio::test]
async fn five_changes_a_day_then_the_date_rests() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;
    for (i, d) in ["2019-03-14", "2019-03-15", "2019-03-16"]
        .iter()
        .enumerate()
    {
        let r = app.interact(set(&app, ALICE, d)).await;
        assert!(
            content(&r).starts_with(["Saved", "Changed"][i.min(1)]),
            "{}",
            content(&r)
        );
    }
    app.interact(anniversary(&app, ALICE, "clear", vec![]))
        .await;
    app.interact(set(&app, ALICE, "2019-03-17")).await;
    app.settle().await;
    let notes = "SELECT count(*) FROM outbox WHERE kind = 'anniversary' AND status = 'sent'";
    assert_eq!(app.query_i64(notes), 5);
    let r = app.interact(set(&app, ALICE, "2019-03-18")).await;
    assert_ephemeral_says(&r, "left it as it is for now");
    let r = app.interact(anniversary(&app, BOB, "clear", vec![])).await;
    assert_ephemeral_says(&r, "left it as it is for now");
    assert_eq!(stored(&app), "2019-03-17");
    app.settle().await;
    assert_eq!(app.query_i64(notes), 5, "nothing more was posted");
    // A day later, it may change again.
    app.advance_to(at(2026, 11, 27, 12, 1)).await;
    let r = app.interact(set(&app, BOB, "2019-03-18")).await;
    assert_ephemeral_says(&r, "Changed");
    assert_eq!(stored(&app), "2019-03-18");
    app.stop().await;
}

#[tokio::test]
async fn hostile_dates_buttons_and_callers_are_refused_kindly_and_nothing_is_kept() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.settle().await;
    let mut seen = app.fake.requests().len();
    let long = "9".repeat(300);
    for (input, says) in [
        ("2023-02-29", "That day isn't on the calendar"),
        ("2019-04-31", "That day isn't on the calendar"),
        ("2019-13-01", "That day isn't on the calendar"),
        ("2026-11-27", "That date hasn't come yet"),
        ("9999-12-31", "That date hasn't come yet"),
        ("1899-12-31", "from 1900 onwards"),
        ("14/03/2019", "I couldn't read that as a date"),
        ("2019-3-14", "I couldn't read that as a date"),
        ("", "I couldn't read that as a date"),
        ("   ", "I couldn't read that as a date"),
        ("2019-03-14\u{0}", "I couldn't read that as a date"),
        ("2019-03-14\n@everyone", "I couldn't read that as a date"),
        ("<@12>", "I couldn't read that as a date"),
        ("２０１９-03-14", "I couldn't read that as a date"),
        (long.as_str(), "I couldn't read that as a date"),
    ] {
        let r = app.interact(set(&app, ALICE, input)).await;
        assert_ephemeral_says(&r, says);
        assert!(!content(&r).contains("<@"), "{input:?}: no echo");
    }
    // Options that are missing or unknown.
    let r = app.interact(anniversary(&app, ALICE, "set", vec![])).await;
    assert!(is_ephemeral(&r));
    let r = app
        .interact(anniversary(&app, ALICE, "delete", vec![]))
        .await;
    assert!(is_ephemeral(&r));
    // An outsider in the couple's channel, and a partner elsewhere.
    let r = app.interact(set(&app, EVE, "2019-03-14")).await;
    assert_ephemeral_says(&r, "only the two of them can use haven here");
    let r = app
        .interact(cmd(
            app.id(),
            PUBLIC,
            ALICE,
            "anniversary",
            vec![subcommand("set", vec![string_option("date", "2019-03-14")])],
        ))
        .await;
    assert!(is_ephemeral(&r));
    // The anniversary's deck is never asked for: not by name, not by a forged button.
    let r = app
        .interact(prompt_now(app.id(), PRIVATE, ALICE, Some("anniversary")))
        .await;
    assert!(is_ephemeral(&r), "{:?}", r.body);
    let msg = bot_message(1_400_000_000_000_000_301, PRIVATE, "", json!([]));
    for forged in [
        "hv1:ap:anniversary:n1764187200c1",
        "hv1:lt:anniversary:n1764187200c1",
        "hv1:an:show:",
        "hv1:an:show:Y1",
        "hv1:an:hide:y1",
    ] {
        let r = app.interact(press(&app, PRIVATE, BOB, forged, &msg)).await;
        assert_ephemeral_says(&r, "That button is no longer valid");
    }
    assert_eq!(stored(&app), "");
    assert!(
        new_posts(&app, &mut seen).await.is_empty(),
        "nothing posted"
    );
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'anniversary'"),
        0
    );
    app.stop().await;
}

#[tokio::test]
async fn the_first_nudge_of_the_day_is_the_anniversarys_and_the_days_around_it_and_a_second_nudge_are_not(
) {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // Two nudges a day: 09:00 and 20:00.
    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            ALICE,
            vec![string_option("cron", "0 0 9,20 * * *")],
        ))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    app.interact(set(&app, BOB, "2019-11-27")).await;
    app.settle().await;

    let before = app.advance_to(at(2026, 11, 26, 20, 0)).await;
    assert_ordinary_nudge(&the_nudge(&before));
    let count_before = app.query_i64("SELECT nudge_count FROM couples");

    let day = date(2026, 11, 27);
    let first = app.advance_to(at(2026, 11, 27, 9, 0)).await;
    assert_anniversary_nudge(
        &app,
        &the_nudge(&first),
        day,
        "Happy anniversary: 7 years today.",
    );
    // The anniversary does not take a turn of the rotation.
    assert_eq!(
        app.query_i64("SELECT nudge_count FROM couples"),
        count_before
    );

    let second = app.advance_to(at(2026, 11, 27, 20, 0)).await;
    assert_ordinary_nudge(&the_nudge(&second));
    let after = app.advance_to(at(2026, 11, 28, 9, 0)).await;
    assert_ordinary_nudge(&the_nudge(&after));

    // /streak shows the next one to the partner who asks, privately.
    let since = app.fake.requests().len();
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "streak", vec![]))
        .await;
    assert!(!content(&r).contains("anniversary"));
    assert!(!callback_data(&r)["embeds"]
        .to_string()
        .contains("anniversary"));
    let own = follow_up_since(&app, since).await;
    let b = body(&own);
    assert_eq!(b["flags"].as_u64().unwrap_or(0) & 64, 64, "ephemeral: {b}");
    assert!(
        b["content"]
            .as_str()
            .unwrap()
            .contains("Your next anniversary is on 27 November 2027: 8 years."),
        "{b}"
    );
    app.stop().await;
}

/// A date set as today's (or less than a year back) has no number to tell on the day itself.
#[tokio::test]
async fn a_date_set_as_today_has_a_fitting_line_without_a_number() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let r = app.interact(set(&app, ALICE, "2026-11-26")).await;
    assert_ephemeral_says(&r, "Your next anniversary is on 26 November 2027: 1 year.");
    let posts = app.advance_to(at(2026, 11, 26, 20, 0)).await;
    assert_anniversary_nudge(
        &app,
        &the_nudge(&posts),
        TODAY,
        "Today is the day you chose to remember. Happy anniversary.",
    );
    app.stop().await;
}

#[tokio::test]
async fn a_leap_day_anniversary_falls_on_the_28th_in_a_common_year() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.interact(set(&app, ALICE, "2020-02-29")).await;
    app.settle().await;
    // Months pass (the catch-up sends only the latest nudge): the day before is ordinary.
    let before = app.advance_to(at(2027, 2, 27, 20, 0)).await;
    assert_ordinary_nudge(&the_nudge(&before));
    let on = app.advance_to(at(2027, 2, 28, 20, 0)).await;
    let nudge = the_nudge(&on);
    let (title, text) = title_and_text(&nudge);
    assert_eq!(title, "Your anniversary");
    assert!(
        text.starts_with("Happy anniversary: 7 years today."),
        "{text}"
    );
    let after = app.advance_to(at(2027, 3, 1, 20, 0)).await;
    assert_ordinary_nudge(&the_nudge(&after));
    app.stop().await;
}

/// Nudges near midnight UTC: the anniversary comes on its date in the couple's own zone. A
/// couple in Auckland (UTC+13 in November) is nudged at 12:30, which is 23:30 UTC the day
/// before; one in Los Angeles (UTC-8) at 17:00, which is 01:00 UTC the day after; and one
/// nudged at 02:00, before the couple-day starts at 04:00.
#[tokio::test]
async fn the_anniversary_arrives_on_its_date_in_the_couples_time_zone() {
    struct Case {
        tz: &'static str,
        time: &'static str,
        anniversary: &'static str,
        /// The nudge the day before, and the anniversary's, in UTC.
        eve: DateTime<Utc>,
        day: DateTime<Utc>,
        local_day: NaiveDate,
        /// Whether 2026-11-27 is already a date there (the clock says 12:00 UTC on the 26th).
        tomorrow_in_utc_is_past: bool,
    }
    for case in [
        Case {
            tz: "Pacific/Auckland",
            time: "12:30",
            anniversary: "2018-11-28",
            eve: at(2026, 11, 26, 23, 30),
            day: at(2026, 11, 27, 23, 30),
            local_day: date(2026, 11, 28),
            tomorrow_in_utc_is_past: true,
        },
        Case {
            tz: "America/Los_Angeles",
            time: "17:00",
            anniversary: "2018-11-27",
            eve: at(2026, 11, 27, 1, 0),
            day: at(2026, 11, 28, 1, 0),
            local_day: date(2026, 11, 27),
            tomorrow_in_utc_is_past: false,
        },
        // The day starts at 04:00: a nudge at 02:00 still belongs to the day before.
        Case {
            tz: "UTC",
            time: "02:00",
            anniversary: "2018-11-27",
            eve: at(2026, 11, 27, 2, 0),
            day: at(2026, 11, 28, 2, 0),
            local_day: date(2026, 11, 27),
            tomorrow_in_utc_is_past: false,
        },
    ] {
        let app = spawn_app(vec![server()]).await;
        pair(&app, case.tz).await;
        app.interact(schedule_set(
            app.id(),
            PRIVATE,
            ALICE,
            vec![string_option("time", case.time)],
        ))
        .await;
        // "Today" is the couple's: 27 November has begun in Auckland, not in Los Angeles.
        let r = app.interact(set(&app, ALICE, "2026-11-27")).await;
        assert_eq!(
            content(&r).contains("hasn't come yet"),
            !case.tomorrow_in_utc_is_past,
            "{}: {}",
            case.tz,
            content(&r)
        );
        app.interact(set(&app, ALICE, case.anniversary)).await;
        app.settle().await;
        let eve = app.advance_to(case.eve).await;
        assert_ordinary_nudge(&the_nudge(&eve));
        let on = app.advance_to(case.day).await;
        assert_anniversary_nudge(
            &app,
            &the_nudge(&on),
            case.local_day,
            "Happy anniversary: 8 years today.",
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_paused_couple_gets_nothing_on_its_anniversary_and_it_is_not_carried_over() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.interact(set(&app, ALICE, "2019-11-27")).await;
    app.settle().await;
    // Bob pauses for two days, until 12:00 on the 28th.
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            BOB,
            "pause",
            vec![int_option("days", 2)],
        ))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    app.settle().await;
    assert!(app.advance_to(at(2026, 11, 26, 20, 0)).await.is_empty());
    assert!(
        app.advance_to(at(2026, 11, 27, 20, 0)).await.is_empty(),
        "no nudge while paused, anniversary or not"
    );
    let after = app.advance_to(at(2026, 11, 28, 20, 0)).await;
    assert_ordinary_nudge(&the_nudge(&after));
    app.stop().await;
}

#[tokio::test]
async fn export_carries_the_date_for_both_and_forget_removes_it() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.interact(set(&app, ALICE, "2019-03-14")).await;
    app.settle().await;
    let id = couple_id(&app);
    let couple = app
        .store
        .call_blocking(move |c| haven::store::couples::by_id(c, id))
        .unwrap()
        .unwrap();
    for user in [ALICE, BOB] {
        let export = serde_json::to_value(
            app.services
                .export(&couple, haven::domain::ids::UserId(user))
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(export["format"], json!("haven-export/3"));
        assert_eq!(export["couple"]["anniversary"], json!("2019-03-14"));
    }

    // /forget, removing haven's posts: the date and its note go.
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "forget", vec![]))
        .await;
    let posts = custom_ids(&r)
        .into_iter()
        .find(|id| {
            matches!(
                ComponentId::parse(id),
                Ok(ComponentId::ForgetPosts {
                    remove_posts: true,
                    ..
                })
            )
        })
        .expect("a button that removes posts");
    let r = app.interact(press_answer(&app, BOB, &posts, &r)).await;
    let confirm = custom_ids(&r)
        .into_iter()
        .find(|id| {
            matches!(
                ComponentId::parse(id),
                Ok(ComponentId::ConfirmForget { .. })
            )
        })
        .expect("a button that forgets");
    let done = app.interact(press_answer(&app, BOB, &confirm, &r)).await;
    assert_eq!(
        callback_type(&done),
        callback::UPDATE_MESSAGE,
        "{:?}",
        done.body
    );
    app.settle().await;
    assert_eq!(app.query_i64("SELECT count(*) FROM couples"), 0);
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'anniversary'"),
        0
    );
    let note_deleted = app.fake.requests().iter().any(|q| {
        q.method == "DELETE"
            && q.path
                .starts_with(&format!("/channels/{PRIVATE}/messages/"))
    });
    assert!(
        note_deleted,
        "haven's posts, the note among them, are removed"
    );
    app.stop().await;
}

/// A press on a button of an ephemeral answer `r`.
fn press_answer(app: &TestApp, user: u64, custom_id: &str, r: &Recorded) -> Value {
    let mut msg = bot_message(
        1_400_000_000_000_000_900,
        PRIVATE,
        &content(r),
        callback_data(r)["components"].clone(),
    );
    msg["flags"] = json!(64);
    press(app, PRIVATE, user, custom_id, &msg)
}

async fn follow_up_since(app: &TestApp, since: usize) -> Recorded {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Some(r) = app
            .requests_since(since)
            .into_iter()
            .find(|q| q.method == "POST" && q.path.starts_with("/webhooks/"))
        {
            return r;
        }
        assert!(tokio::time::Instant::now() < deadline, "no follow-up");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
