//! Trust and safety, tried as the moments they prevent: a partner having a hard time, a day
//! reopened by a change of time zone, an answer that could break the reveal, a schedule built
//! to slip past its checks, and a pause that needs to be quiet.

use haven::domain::custom_id::ComponentId;

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{callback, string_option};
use crate::world::*;

const SUPPORT: &str = "https://findahelpline.com";

fn body_text(r: &Recorded) -> String {
    r.body.as_ref().map(|b| b.to_string()).unwrap_or_default()
}

#[tokio::test]
async fn a_partner_whose_days_feel_heavy_alone_is_pointed_to_help_privately() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // Two days in a row at mood 1: the second confirmation, to Alice alone, points to help.
    let day1 = TODAY;
    let r = app
        .interact(checkin_form(&app, ALICE, day1, "1", "You listened", ""))
        .await;
    assert!(is_ephemeral(&r));
    assert!(
        !content(&r).contains(SUPPORT),
        "one heavy day is not a pattern"
    );

    app.advance_to(utc(2026, 11, 27, 12, 0, 0)).await;
    let day2 = date(2026, 11, 27);
    let r = app
        .interact(checkin_form(&app, ALICE, day2, "1", "You made tea", ""))
        .await;
    assert!(is_ephemeral(&r), "only Alice sees it");
    assert!(content(&r).contains(SUPPORT), "{}", content(&r));
    assert!(content(&r).starts_with("Thank you for checking in"));

    // Bob's own confirmation never carries it, and nothing in the channel does.
    let r = app
        .interact(checkin_form(&app, BOB, day2, "4", "You were patient", ""))
        .await;
    assert!(!content(&r).contains(SUPPORT));
    app.settle().await;
    for post in couple_channel_posts(&app) {
        let text = body_text(&post);
        assert!(!text.contains(SUPPORT), "never posted: {text}");
        assert!(!text.contains("heavy. You don't"), "never posted: {text}");
    }
    // Nor in Bob's export.
    let couple = app
        .store
        .call_blocking(|c| {
            haven::store::couples::by_channel(c, haven::domain::ids::ChannelId(PRIVATE))
        })
        .unwrap()
        .unwrap();
    let bob = serde_json::to_string(
        &app.services
            .export(&couple, haven::domain::ids::UserId(BOB))
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(!bob.contains(SUPPORT) && !bob.contains("care"));

    // At most once every 7 days: a third heavy day says nothing more.
    app.advance_to(utc(2026, 11, 28, 12, 0, 0)).await;
    let r = app
        .interact(checkin_form(
            &app,
            ALICE,
            date(2026, 11, 28),
            "1",
            "You called",
            "",
        ))
        .await;
    assert!(!content(&r).contains(SUPPORT), "not again within the week");
    app.stop().await;
}

#[tokio::test]
async fn help_says_what_to_do_when_things_are_hard() {
    let app = spawn_app(vec![server()]).await;
    let r = app
        .interact(cmd(app.id(), PUBLIC, EVE, "help", vec![]))
        .await;
    assert!(is_ephemeral(&r));
    assert!(content(&r).contains("hosting haven can read its database"));
    let text = callback_data(&r)["embeds"][0].to_string();
    assert!(text.contains("When things are hard"), "{text}");
    assert!(text.contains("How long it is kept"), "{text}");
    assert!(text.contains("30 days after haven is removed"), "{text}");
    assert!(text.contains("not counselling"), "{text}");
    assert!(text.contains(SUPPORT), "{text}");
    assert!(
        text.contains("`/pause` and `/forget` work from any"),
        "{text}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_pause_from_another_channel_is_quiet() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let before = app.fake.requests().len();
    let r = app
        .interact(cmd(app.id(), PUBLIC, ALICE, "pause", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
    assert!(
        is_ephemeral(&r),
        "nothing said where the pause was asked for"
    );
    assert!(!content(&r).contains(&format!("<@{ALICE}>")));
    app.settle().await;
    assert!(
        app.requests_since(before)
            .iter()
            .all(|r| !(r.method == "POST" && r.path.starts_with("/channels/"))),
        "nothing posted in any channel"
    );
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE paused_until IS NOT NULL"),
        1
    );
    // In the couple's own channel it is said there, as before.
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "resume", vec![]))
        .await;
    assert!(!is_ephemeral(&r));
    app.stop().await;
}

#[tokio::test]
async fn a_new_time_zone_does_not_reopen_a_closed_day() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "Europe/Berlin").await;
    // Bob checks in on day D; Alice does not.
    let d = TODAY;
    let secret = "something only for the day it was written";
    let r = app
        .interact(checkin_form(&app, BOB, d, "3", secret, ""))
        .await;
    assert!(is_ephemeral(&r));
    // D ended at 04:00 Berlin on D+1 and its grace at 05:00. At 10:00 Berlin, Alice moves the
    // couple twelve hours behind UTC, where it is 21:00 on D again.
    app.advance_to(utc(2026, 11, 27, 9, 0, 0)).await;
    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            ALICE,
            vec![string_option("timezone", "Etc/GMT+12")],
        ))
        .await;
    assert!(!is_ephemeral(&r), "{}", content(&r));
    // A form for D is refused and kept as a draft.
    let r = app
        .interact(checkin_form(&app, ALICE, d, "4", "I was there", ""))
        .await;
    assert!(is_ephemeral(&r));
    assert!(content(&r).contains("closed"), "{}", content(&r));
    // /checkin now opens the next day, not D.
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "checkin", vec![]))
        .await;
    assert_eq!(callback_type(&r), callback::MODAL);
    assert_ne!(
        callback_data(&r)["custom_id"].as_str().unwrap(),
        ComponentId::CheckinForm(d).encode()
    );
    app.settle().await;
    assert_eq!(app.query_i64("SELECT count(*) FROM reveals"), 0);
    for post in couple_channel_posts(&app) {
        assert!(
            !body_text(&post).contains(secret),
            "Bob's answer stays private"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn no_answer_can_make_the_reveal_unsendable() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // Nothing readable: refused, with the draft kept.
    let r = app
        .interact(checkin_form(
            &app,
            BOB,
            TODAY,
            "3",
            "\u{7}\u{200b}\u{202e}",
            "",
        ))
        .await;
    assert!(is_ephemeral(&r));
    assert!(custom_ids(&r)
        .iter()
        .any(|id| *id == ComponentId::EditCheckin(TODAY).encode()));
    assert_eq!(app.query_i64("SELECT count(*) FROM checkin_drafts"), 1);
    // Hidden characters are cleaned away; the rest is kept, line breaks included.
    app.interact(checkin_form(
        &app,
        BOB,
        TODAY,
        "3",
        "thank you\u{7}\nfor today",
        "\u{90}",
    ))
    .await;
    app.interact(checkin_form(&app, ALICE, TODAY, "4", "You cooked", ""))
        .await;
    app.settle().await;
    let reveal = couple_channel_posts(&app)
        .into_iter()
        .filter_map(|p| p.body)
        .find(|b| b["embeds"].as_array().is_some_and(|e| e.len() == 2))
        .expect("the reveal was posted");
    for embed in reveal["embeds"].as_array().unwrap() {
        for field in embed["fields"].as_array().unwrap() {
            let value = field["value"].as_str().unwrap();
            assert!(!value.trim().is_empty(), "no empty field: {reveal}");
            assert!(!value.contains('\u{7}') && !value.contains('\u{90}'));
        }
    }
    assert!(reveal.to_string().contains("thank you\\nfor today"));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'reveal' AND status = 'sent'"),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn no_schedule_can_ping_every_hour_or_slip_past_the_check() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // Hourly passes the one-hour interval but not the cap of two a day.
    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            ALICE,
            vec![string_option("cron", "0 0 * * * *")],
        ))
        .await;
    assert_ephemeral_says(&r, "2 a day is the most");
    // At the edge of the year-long window, an every-second schedule restricted to a later
    // year used to pass and then fire every second.
    app.clock.set(utc(2026, 12, 31, 0, 0, 0));
    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            ALICE,
            vec![
                string_option("cron", "* * * * * * 2028"),
                string_option("timezone", "UTC"),
            ],
        ))
        .await;
    assert_ephemeral_says(&r, "1 second apart");
    // Twice a day is fine.
    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            ALICE,
            vec![string_option("cron", "0 0 8,20 * * *")],
        ))
        .await;
    assert!(!is_ephemeral(&r), "{}", content(&r));
    app.stop().await;
}

#[tokio::test]
async fn a_schedule_already_stored_cannot_send_more_than_the_limits() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // A schedule written before the limits existed (or by hand): every minute.
    let every_minute = haven::domain::schedule::CronExpr::parse("0 * * * * *").unwrap();
    let first = utc(2026, 11, 26, 13, 0, 0);
    app.store
        .call_blocking(move |c| {
            let couple =
                haven::store::couples::by_channel(c, haven::domain::ids::ChannelId(PRIVATE))?
                    .expect("paired");
            haven::store::couples::set_schedule(
                c,
                couple.id,
                &every_minute,
                couple.timezone,
                Some(first),
                None,
            )
        })
        .unwrap();
    for minute in 0..5 {
        app.advance_to(utc(2026, 11, 26, 13, minute, 0)).await;
    }
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'nudge' AND status = 'sent'"),
        1,
        "one nudge, then the interval holds"
    );
    assert_eq!(
        app.query_i64(
            "SELECT count(*) FROM outbox WHERE kind = 'nudge' AND skip_reason = 'over_limit'"
        ),
        4
    );
    app.stop().await;
}

#[tokio::test]
async fn twenty_appreciations_a_day_is_the_most() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    for n in 0..20 {
        let r = app
            .interact(cmd(
                app.id(),
                PRIVATE,
                ALICE,
                "appreciate",
                vec![string_option("text", &format!("Thank you, number {n}"))],
            ))
            .await;
        assert!(!is_ephemeral(&r), "{n}: {}", content(&r));
    }
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            ALICE,
            "appreciate",
            vec![string_option("text", "One more")],
        ))
        .await;
    assert_ephemeral_says(&r, "20 appreciations today");
    // Bob's own are his; and the next couple-day Alice can say more.
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            BOB,
            "appreciate",
            vec![string_option("text", "And you")],
        ))
        .await;
    assert!(!is_ephemeral(&r));
    app.clock.set(utc(2026, 11, 27, 4, 0, 1));
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            ALICE,
            "appreciate",
            vec![string_option("text", "A new day")],
        ))
        .await;
    assert!(!is_ephemeral(&r), "{}", content(&r));
    app.stop().await;
}

#[tokio::test]
async fn a_couple_is_found_only_in_its_own_server() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let msg = crate::support::payloads::bot_message(
        1_400_000_000_000_000_041,
        PRIVATE,
        "",
        serde_json::json!([]),
    );
    // The couple's channel id, but an interaction that names another server.
    let r = app
        .interact(crate::support::payloads::component(
            app.id(),
            Some(GUILD + 1),
            PRIVATE,
            ALICE,
            &ComponentId::check_in("n1"),
            msg.clone(),
        ))
        .await;
    assert!(is_ephemeral(&r));
    assert_ne!(
        callback_type(&r),
        callback::MODAL,
        "no form for another server"
    );
    // In its own server, the same button opens the form.
    let r = app
        .interact(crate::support::payloads::component(
            app.id(),
            Some(GUILD),
            PRIVATE,
            ALICE,
            &ComponentId::check_in("n1"),
            msg,
        ))
        .await;
    assert_eq!(callback_type(&r), callback::MODAL);
    app.stop().await;
}
