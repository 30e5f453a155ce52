//! `/settings`: the couple's settings and each partner's own. Couple-wide changes are
//! announced in the channel exactly once (naming who made them, pinging nobody); personal ones
//! (time zone, notifications, language) are never announced and never shown to the other
//! partner; hostile input is refused kindly and changes nothing; together/apart changes what is
//! drawn.

use chrono::DateTime;
use haven::domain::couple::Togetherness;
use haven::domain::ids::ChannelId;
use haven::domain::prompt::{Deck, Depth, Library, Place, Practice, When};
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{bot_message, component, string_option};
use crate::world::*;

/// `/settings` by `user` in the couple's channel, with string options.
fn settings(app: &TestApp, user: u64, options: &[(&str, &str)]) -> Value {
    cmd(
        app.id(),
        PRIVATE,
        user,
        "settings",
        options.iter().map(|(n, v)| string_option(n, v)).collect(),
    )
}

fn post_text(r: &Recorded) -> String {
    r.body.as_ref().expect("a body")["content"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn couple(app: &TestApp) -> haven::domain::couple::Couple {
    app.store
        .call_blocking(|c| haven::store::couples::by_channel(c, ChannelId(PRIVATE)))
        .unwrap()
        .expect("the couple")
}

#[tokio::test]
async fn settings_show_the_couples_and_the_invokers_own() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    let r = app.interact(settings(&app, ALICE, &[])).await;
    assert_ephemeral_says(&r, "**The day starts at** 04:00");
    let text = content(&r);
    assert!(
        text.contains("on Sundays, the server's usual day"),
        "{text}"
    );
    assert!(text.contains("both, some days together"), "{text}");
    assert!(text.contains("Europe/Berlin, the couple's"), "{text}");
    assert!(text.contains("**Mentions**: on.") && text.contains("**Reminders**: on."));
    assert!(text.contains("**Your language**: not chosen"), "{text}");
    assert!(
        text.contains("**Your channel's language**: English"),
        "{text}"
    );
    assert!(text.chars().count() <= 2000);
    assert!(app.settle().await.is_empty(), "showing posts nothing");
    app.stop().await;
}

#[tokio::test]
async fn each_couple_wide_change_is_announced_exactly_once() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    app.settle().await;
    let r = app
        .interact(settings(
            &app,
            ALICE,
            &[
                ("day_start", "05:30"),
                ("digest_day", "wed"),
                ("together", "apart"),
            ],
        ))
        .await;
    assert_ephemeral_says(&r, "Saved.");
    assert!(content(&r).contains("**The day starts at** 05:30"));
    assert!(content(&r).contains("on Wednesdays."));
    let posts = app.settle().await;
    assert_eq!(posts.len(), 1, "one announcement: {posts:?}");
    let text = post_text(&posts[0]);
    assert!(
        text.contains(&format!(
            "<@{ALICE}> changed when your day starts: it now turns over at 05:30"
        )),
        "{text}"
    );
    assert!(text.contains(&format!(
        "<@{ALICE}> moved your weekly digest: it now comes on Wednesdays"
    )));
    assert!(text.contains(&format!("<@{ALICE}> set you as mostly apart")));
    let body = posts[0].body.as_ref().unwrap();
    assert_eq!(body["allowed_mentions"]["users"], json!([]), "pings nobody");
    assert_eq!(body["allowed_mentions"]["parse"], json!([]));
    // The same again changes nothing, and nothing is announced.
    let r = app
        .interact(settings(
            &app,
            BOB,
            &[("day_start", "05:30"), ("together", "apart")],
        ))
        .await;
    assert_ephemeral_says(&r, "Saved.");
    assert!(
        app.settle().await.is_empty(),
        "nothing changed, nothing said"
    );
    // Bob sees what Alice changed; the row is stored once.
    let r = app.interact(settings(&app, BOB, &[])).await;
    assert_ephemeral_says(&r, "**The day starts at** 05:30");
    assert!(content(&r).contains("mostly apart"));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'settings' AND status = 'sent'"),
        1
    );
    // A second change by Bob in the same second is its own announcement.
    app.interact(settings(&app, BOB, &[("together", "both")]))
        .await;
    let posts = app.settle().await;
    assert_eq!(posts.len(), 1);
    assert!(post_text(&posts[0]).contains(&format!("<@{BOB}> set you as some days together")));
    // And it survives into the couple as read.
    let c = couple(&app);
    assert_eq!(c.day_start.to_string(), "05:30");
    assert_eq!(c.digest_weekday, Some(chrono::Weekday::Wed));
    assert_eq!(c.togetherness, Togetherness::Both);
    app.stop().await;
}

#[tokio::test]
async fn personal_changes_are_never_announced_nor_shown_to_the_partner() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    app.settle().await;
    let r = app
        .interact(settings(
            &app,
            BOB,
            &[
                ("timezone", "America/Toronto"),
                ("mentions", "off"),
                ("reminders", "off"),
                ("language", "es"),
            ],
        ))
        .await;
    // Bob chose Spanish for himself: the answer is already in it.
    assert_ephemeral_says(&r, "America/Toronto, la tuya propia");
    let text = content(&r);
    assert!(
        text.contains("**Menciones**: desactivadas.")
            && text.contains("**Recordatorios**: desactivados.")
    );
    assert!(text.contains("**Tu idioma**: Español"), "{text}");
    assert!(
        app.settle().await.is_empty(),
        "personal changes are not announced"
    );
    // Alice sees the couple's zone and her own settings, nothing of Bob's.
    let r = app.interact(settings(&app, ALICE, &[])).await;
    let text = content(&r);
    assert!(
        !text.contains("Toronto") && !text.contains("Español"),
        "{text}"
    );
    assert!(text.contains("**Mentions**: on."));
    // /notify reads the same settings.
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "notify", vec![]))
        .await;
    assert_ephemeral_says(&r, "No te recordaré");
    assert_eq!(
        app.query_i64(&format!(
            "SELECT count(*) FROM partner_settings WHERE user_id = {BOB}
             AND timezone = 'America/Toronto' AND language = 'es' AND mentions = 0"
        )),
        1
    );
    // The couple's own zone again is no zone of one's own.
    let r = app
        .interact(settings(&app, BOB, &[("timezone", "europe/berlin")]))
        .await;
    assert_ephemeral_says(&r, "Europe/Berlin, la de la pareja");
    assert_eq!(
        app.query_i64(&format!(
            "SELECT count(*) FROM partner_settings WHERE user_id = {BOB} AND timezone IS NULL"
        )),
        1
    );
    assert!(app.settle().await.is_empty());
    // Their own export holds their own settings; Alice's holds hers only.
    let c = couple(&app);
    let bob = app
        .services
        .export(&c, haven::domain::ids::UserId(BOB))
        .await
        .unwrap();
    assert_eq!(bob.format, "haven-export/3");
    assert_eq!(bob.settings.language.as_deref(), Some("es"));
    assert!(!bob.settings.mentions);
    let alice = app
        .services
        .export(&c, haven::domain::ids::UserId(ALICE))
        .await
        .unwrap();
    assert_eq!(alice.settings.language, None);
    assert!(alice.settings.mentions);
    app.stop().await;
}

#[tokio::test]
async fn hostile_settings_are_refused_kindly_and_change_nothing() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    app.settle().await;
    let huge = "x".repeat(10 * 1024);
    let cases: Vec<(&str, String, &str)> = vec![
        ("day_start", "25:00".into(), "isn't a time I can use"),
        ("day_start", "4".into(), "isn't a time I can use"),
        ("day_start", "04:00:00".into(), "isn't a time I can use"),
        ("day_start", "".into(), "isn't a time I can use"),
        ("day_start", huge.clone(), "isn't a time I can use"),
        (
            "day_start",
            "04:\u{0}00\n@everyone".into(),
            "isn't a time I can use",
        ),
        ("timezone", "UTC+25".into(), "I don't know the time zone"),
        (
            "timezone",
            "../../etc/passwd".into(),
            "I don't know the time zone",
        ),
        (
            "timezone",
            "Mars/Olympus".into(),
            "I don't know the time zone",
        ),
        ("timezone", huge.clone(), "I don't know the time zone"),
        (
            "timezone",
            "\u{7}\u{1b}[2J".into(),
            "I don't know the time zone",
        ),
        ("digest_day", "funday".into(), "pick one of the days"),
        (
            "together",
            "sometimes".into(),
            "mostly together, mostly apart, or both",
        ),
        ("language", "klingon".into(), "I don't speak that language"),
        (
            "language",
            "../../etc".into(),
            "I don't speak that language",
        ),
        ("mentions", "maybe".into(), ""),
    ];
    for (name, value, says) in &cases {
        let r = app
            .interact(settings(&app, ALICE, &[(name, value.as_str())]))
            .await;
        assert!(is_ephemeral(&r), "{name}: {:?}", r.body);
        let text = content(&r);
        assert!(text.contains(says), "{name}={value:.20}: {text}");
        assert!(
            text.chars().count() < 400,
            "no echo of 10 KB: {}",
            text.len()
        );
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
    // One bad option spoils the whole change: the good one is not applied either.
    let r = app
        .interact(settings(
            &app,
            ALICE,
            &[("day_start", "06:00"), ("digest_day", "funday")],
        ))
        .await;
    assert_ephemeral_says(&r, "pick one of the days");
    assert!(app.settle().await.is_empty(), "nothing announced");
    let c = couple(&app);
    assert_eq!(c.day_start.to_string(), "04:00");
    assert_eq!(c.digest_weekday, None);
    assert_eq!(app.query_i64("SELECT count(*) FROM partner_settings"), 0);
    // An outsider in the couple's channel and a stranger elsewhere change nothing.
    let r = app
        .interact(settings(&app, EVE, &[("day_start", "09:00")]))
        .await;
    assert!(is_ephemeral(&r));
    let r = app
        .interact(cmd(
            app.id(),
            PUBLIC,
            EVE,
            "settings",
            vec![string_option("together", "apart")],
        ))
        .await;
    assert!(is_ephemeral(&r));
    assert!(app.settle().await.is_empty());
    let c = couple(&app);
    assert_eq!(c.day_start.to_string(), "04:00");
    assert_eq!(c.togetherness, Togetherness::Both);
    // A button id with the settings prefix that haven never made is answered as stale.
    let message = bot_message(1, PRIVATE, "", json!([]));
    let r = app
        .interact(component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            BOB,
            "hv1:st:day:0600",
            message,
        ))
        .await;
    assert!(is_ephemeral(&r), "{:?}", r.body);
    assert_eq!(couple(&app).day_start.to_string(), "04:00");
    app.stop().await;
}

/// The practice and the cards of its deck a couple in its first days may be dealt before the
/// evening: light prompts for any time of day.
fn light_daytime_cards() -> (Practice, Vec<(String, Place)>) {
    let library = Library::builtin();
    Practice::ALL
        .into_iter()
        .map(|p| {
            let cards: Vec<(String, Place)> = library
                .of_deck(Deck::from(p))
                .iter()
                .filter(|c| c.depth == Depth::Light && c.when == When::Any)
                .map(|c| (c.key.clone(), c.place))
                .collect();
            (p, cards)
        })
        .find(|(_, cards)| cards.iter().any(|(_, place)| *place == Place::Together))
        .expect("a practice with light prompts for being together")
}

#[tokio::test]
async fn a_couple_mostly_apart_is_never_dealt_a_together_prompt() {
    let (practice, cards) = light_daytime_cards();
    let together: Vec<&String> = cards
        .iter()
        .filter(|(_, p)| *p == Place::Together)
        .map(|(k, _)| k)
        .collect();
    for (setting, expect_together) in [("both", true), ("apart", false)] {
        let app = spawn_app(vec![server()]).await;
        pair(&app, "Europe/Berlin").await; // 13:00 in Berlin: before the evening
        app.interact(settings(&app, ALICE, &[("together", setting)]))
            .await;
        let c = couple(&app);
        // One full round of the deck: without repeats, every card allowed now comes once.
        let mut drawn = Vec::new();
        for _ in 0..cards.len() {
            let d = app
                .services
                .prompt_now(&c, Deck::from(practice), false)
                .await
                .unwrap();
            drawn.push(d.key);
        }
        let dealt_together = drawn.iter().filter(|k| together.contains(k)).count();
        if expect_together {
            assert_eq!(dealt_together, together.len(), "{setting}: the whole round");
        } else {
            assert_eq!(dealt_together, 0, "{setting}: {drawn:?}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn a_later_day_start_never_reopens_a_day_that_ended() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    // Friday 27 November, 10:00 in Berlin: the 26th ended at 04:00, its grace at 05:00.
    app.advance_to(utc(2026, 11, 27, 9, 0, 0)).await;
    // With the day starting at 11:00, 10:00 would still be the 26th.
    let r = app
        .interact(settings(&app, BOB, &[("day_start", "11:00")]))
        .await;
    assert_ephemeral_says(&r, "**The day starts at** 11:00");
    let r = app
        .interact(checkin_form(&app, ALICE, TODAY, "4", "late", ""))
        .await;
    assert_ephemeral_says(&r, "That day's check-in has closed");
    let r = app
        .interact(checkin_form(&app, BOB, TODAY, "4", "late", ""))
        .await;
    assert_ephemeral_says(&r, "That day's check-in has closed");
    assert_eq!(app.query_i64("SELECT count(*) FROM checkins"), 0);
    // The 27th is open, once per partner.
    let day = date(2026, 11, 27);
    let r = app
        .interact(checkin_form(&app, ALICE, day, "4", "today", ""))
        .await;
    assert!(is_ephemeral(&r));
    app.interact(checkin_form(&app, ALICE, day, "5", "today, edited", ""))
        .await;
    assert_eq!(
        app.query_i64(&format!(
            "SELECT count(*) FROM checkins WHERE user_id = {ALICE}"
        )),
        1,
        "one check-in per date"
    );
    // Moving the day start back again reopens nothing either.
    app.interact(settings(&app, BOB, &[("day_start", "04:00")]))
        .await;
    let r = app
        .interact(checkin_form(&app, BOB, TODAY, "4", "late", ""))
        .await;
    assert_ephemeral_says(&r, "That day's check-in has closed");
    app.stop().await;
}

#[tokio::test]
async fn the_digest_comes_on_the_couples_own_weekday() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await; // Thursday 26 November 2026
    app.advance_to(utc(2026, 11, 26, 19, 0, 0)).await; // the first nudge plans Sunday's digest
    let digests = |app: &TestApp| {
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'digest' AND status = 'pending'")
    };
    assert_eq!(digests(&app), 1, "the host's Sunday");
    app.interact(settings(&app, ALICE, &[("digest_day", "wed")]))
        .await;
    assert_eq!(digests(&app), 0, "Sunday's is no longer planned");
    for d in 27..=30 {
        app.advance_to(utc(2026, 11, d, 19, 0, 0)).await;
    }
    app.advance_to(utc(2026, 12, 1, 19, 0, 0)).await;
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'digest' AND status = 'sent'"),
        0,
        "none on Sunday"
    );
    app.advance_to(utc(2026, 12, 2, 19, 0, 0)).await;
    let sent =
        app.query_i64("SELECT occurrence FROM outbox WHERE kind = 'digest' AND status = 'sent'");
    assert_eq!(
        DateTime::from_timestamp(sent, 0).unwrap().date_naive(),
        date(2026, 12, 2),
        "Wednesday"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_spanish_speaking_partner_reads_settings_in_spanish_while_the_channel_stays_english() {
    use crate::support::payloads::with_locale;
    use haven::copy::Lang;

    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    app.settle().await;
    let es = Lang::from_code("es").expect("Spanish is shipped");
    let r = app
        .interact(with_locale(
            settings(&app, BOB, &[("digest_day", "wed")]),
            "es-ES",
        ))
        .await;
    assert!(is_ephemeral(&r));
    let text = content(&r);
    assert!(
        text.starts_with("Guardado.\n**Sus ajustes como pareja.**"),
        "{text}"
    );
    assert!(text.contains("**El día empieza a las** 04:00."), "{text}");
    assert!(
        text.contains("**Resumen semanal**: los miércoles."),
        "{text}"
    );
    assert!(
        text.contains("**Tu zona horaria**: Europe/Berlin, la de la pareja."),
        "{text}"
    );
    assert!(!text.contains("Weekly digest"), "{text}");
    // The announcement is the couple's, in the couple's language.
    let posts = app.settle().await;
    assert_eq!(posts.len(), 1, "one announcement: {posts:?}");
    assert_eq!(
        post_text(&posts[0]),
        format!("<@{BOB}> moved your weekly digest: it now comes on Wednesdays.")
    );
    // A refusal is his too.
    let r = app
        .interact(with_locale(
            settings(&app, BOB, &[("day_start", "25:00")]),
            "es-ES",
        ))
        .await;
    assert_eq!(content(&r), haven::copy::bad_day_start(es, "25:00"));
    assert!(
        content(&r).starts_with("«25:00» no es una hora"),
        "{}",
        content(&r)
    );
    app.stop().await;
}
