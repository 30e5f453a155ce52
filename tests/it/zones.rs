//! Each partner's own time zone, through a week with a change of clocks: a Berlin-Toronto couple
//! (five, then six hours apart; Toronto skips 02:00-03:00 on 14 March 2027) and a
//! Berlin-Auckland couple (eleven, then ten hours apart; Auckland repeats 02:00-03:00 on
//! 4 April 2027), both with their day starting at 02:30, a time one zone skips or repeats.
//! Check-ins land on each partner's own date, exactly one reveal per date, each reminder in its
//! partner's own evening, the streak counts a date both checked in on, and a closed day stays
//! closed after a change of zone.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use haven::clock::Clock;
use haven::domain::custom_id::ComponentId;
use haven::domain::ids::ChannelId;
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{bot_message, callback, string_option};
use crate::world::*;

fn settings(app: &TestApp, user: u64, options: &[(&str, &str)]) -> Value {
    cmd(
        app.id(),
        PRIVATE,
        user,
        "settings",
        options.iter().map(|(n, v)| string_option(n, v)).collect(),
    )
}

/// The day haven opens the check-in form for when `user` presses Check in now.
async fn form_day(app: &TestApp, user: u64) -> NaiveDate {
    let id = ComponentId::CheckIn.encode();
    let message = bot_message(1, PRIVATE, "", json!([]));
    let r = app.interact(press(app, PRIVATE, user, &id, &message)).await;
    assert_eq!(callback_type(&r), callback::MODAL, "a form: {:?}", r.body);
    match ComponentId::parse(callback_data(&r)["custom_id"].as_str().unwrap()) {
        Ok(ComponentId::CheckinForm(day)) => day,
        other => panic!("not a check-in form: {other:?}"),
    }
}

/// `user` presses Check in and submits the form: returns the day it was for and the reply.
async fn check_in(app: &TestApp, user: u64) -> (NaiveDate, Recorded) {
    let day = form_day(app, user).await;
    let r = app
        .interact(checkin_form(app, user, day, "4", "thank you", ""))
        .await;
    (day, r)
}

fn couple(app: &TestApp) -> haven::domain::couple::Couple {
    app.store
        .call_blocking(|c| haven::store::couples::by_channel(c, ChannelId(PRIVATE)))
        .unwrap()
        .expect("the couple")
}

/// The dates revealed so far, one entry per reveal recorded.
fn reveal_dates(app: &TestApp) -> Vec<NaiveDate> {
    app.store
        .call_blocking(|c| {
            let mut stmt = c.prepare(
                "SELECT occurrence FROM outbox WHERE kind = 'reveal' ORDER BY occurrence",
            )?;
            let rows = stmt
                .query_map([], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows
                .into_iter()
                .map(|t| DateTime::from_timestamp(t, 0).unwrap().date_naive())
                .collect())
        })
        .unwrap()
}

/// The dates `user` checked in on.
fn checkin_dates(app: &TestApp, user: u64) -> Vec<NaiveDate> {
    app.store
        .call_blocking(move |c| {
            let mut stmt = c.prepare("SELECT day FROM checkins WHERE user_id = ?1 ORDER BY day")?;
            let rows = stmt
                .query_map([user as i64], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows
                .into_iter()
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").unwrap())
                .collect())
        })
        .unwrap()
}

/// Every check-in: who, their date, the question it asked and the couple-day of that prompt.
fn questions_asked(app: &TestApp) -> Vec<(u64, NaiveDate, Option<String>, Option<NaiveDate>)> {
    let day = |d: Option<String>| d.map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").unwrap());
    app.store
        .call_blocking(move |c| {
            let mut stmt = c.prepare(
                "SELECT user_id, day, question, prompt_day FROM checkins ORDER BY day, user_id",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)? as u64,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows
                .into_iter()
                .map(|(u, d, q, p)| (u, day(Some(d)).unwrap(), q, day(p)))
                .collect())
        })
        .unwrap()
}

/// The reminders among `posts`, by whom they are for.
fn reminders_for(posts: &[Recorded], user: u64) -> usize {
    posts
        .iter()
        .filter(|p| {
            let b = p.body.as_ref().unwrap();
            b["content"]
                .as_str()
                .unwrap_or("")
                .starts_with(&format!("<@{user}>, a gentle nudge"))
        })
        .count()
}

/// Moves the clock minute by minute-ish from now to `until` in `step`s, returning when the
/// first reminder for `user` was posted (`None`: not by `until`).
async fn reminder_at(
    app: &TestApp,
    user: u64,
    until: DateTime<Utc>,
    step: Duration,
) -> Option<DateTime<Utc>> {
    let mut t = app.clock.now();
    while t < until {
        t += step;
        let posts = app.advance_to(t).await;
        if reminders_for(&posts, user) > 0 {
            return Some(t);
        }
    }
    None
}

#[tokio::test]
async fn berlin_and_toronto_through_torontos_change_of_clocks() {
    let app = spawn_app(vec![server()]).await;
    // Wednesday 10 March 2027, 12:00 UTC: 13:00 in Berlin, 07:00 in Toronto.
    app.clock.set(utc(2027, 3, 10, 12, 0, 0));
    pair(&app, "Europe/Berlin").await; // daily at 20:00 Berlin, 19:00 UTC
    app.settle().await;
    let r = app
        .interact(settings(&app, BOB, &[("timezone", "America/Toronto")]))
        .await;
    assert_ephemeral_says(&r, "America/Toronto, your own");
    // 20:00 in Berlin is 14:00/15:00 in Toronto: nothing at night for Bob.
    assert!(!content(&r).contains("at night"));
    app.interact(settings(&app, ALICE, &[("day_start", "02:30")]))
        .await;
    assert_eq!(app.settle().await.len(), 1, "the day start is announced");

    // 10 and 11 March: both check in after the nudge, each on the same date.
    for d in [10, 11] {
        app.advance_to(utc(2027, 3, d, 19, 5, 0)).await;
        assert_eq!(check_in(&app, ALICE).await.0, date(2027, 3, d));
        assert_eq!(
            check_in(&app, BOB).await.0,
            date(2027, 3, d),
            "14:05 in Toronto"
        );
        app.settle().await;
    }
    // 12 March: only Alice. Her reminder is not needed; Bob's comes at 18:00 in Toronto
    // (23:00 UTC, EST), not three hours after the nudge (22:00 UTC).
    app.advance_to(utc(2027, 3, 12, 19, 5, 0)).await;
    check_in(&app, ALICE).await;
    app.settle().await;
    let at = reminder_at(&app, BOB, utc(2027, 3, 13, 1, 0, 0), Duration::minutes(30)).await;
    assert_eq!(
        at,
        Some(utc(2027, 3, 12, 23, 5, 0)),
        "18:00 in Toronto, first step after"
    );
    // 13 March: Alice after the nudge; Bob only late in his night, at 01:59 EST on the 14th.
    app.advance_to(utc(2027, 3, 13, 19, 5, 0)).await;
    check_in(&app, ALICE).await;
    app.advance_to(utc(2027, 3, 13, 23, 30, 0)).await; // his reminder, in his evening
                                                       // 14 March: Toronto skips 02:30. 13 March ends for Bob at the jump (07:00 UTC): a minute
                                                       // before it his check-in is still the 13th's, at it the 14th's.
    app.advance_to(utc(2027, 3, 14, 6, 59, 0)).await;
    assert_eq!(check_in(&app, BOB).await.0, date(2027, 3, 13));
    app.settle().await;
    app.advance_to(utc(2027, 3, 14, 7, 0, 0)).await;
    let (day, _) = check_in(&app, BOB).await;
    assert_eq!(day, date(2027, 3, 14), "03:00 EDT: the new day");
    app.advance_to(utc(2027, 3, 14, 19, 5, 0)).await;
    check_in(&app, ALICE).await;
    app.settle().await;
    // 15 March: both.
    app.advance_to(utc(2027, 3, 15, 19, 5, 0)).await;
    check_in(&app, ALICE).await;
    check_in(&app, BOB).await;
    app.settle().await;
    // 16 March: only Alice; Bob's reminder now comes at 18:00 EDT, 22:00 UTC.
    app.advance_to(utc(2027, 3, 16, 19, 5, 0)).await;
    check_in(&app, ALICE).await;
    app.settle().await;
    let at = reminder_at(&app, BOB, utc(2027, 3, 17, 1, 0, 0), Duration::minutes(30)).await;
    assert_eq!(
        at,
        Some(utc(2027, 3, 16, 22, 5, 0)),
        "18:00 in Toronto after the change"
    );

    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'reminder' AND status = 'sent'"),
        3,
        "Bob's, on the 12th, 13th and 16th; none for Alice, who always checked in"
    );
    // One reveal per date both checked in on, none for the 12th or the 16th.
    let both = [10, 11, 13, 14, 15].map(|d| date(2027, 3, d));
    assert_eq!(
        checkin_dates(&app, ALICE),
        (10..=16).map(|d| date(2027, 3, d)).collect::<Vec<_>>()
    );
    assert_eq!(reveal_dates(&app), both);
    assert_eq!(
        checkin_dates(&app, BOB),
        both,
        "each check-in on Bob's own date"
    );
    // The streak: 10-11, broken on the 12th, 13-15 counted; the 16th is still open for Bob.
    let c = couple(&app);
    let s = app.services.streak_view(&c).await.unwrap().streaks;
    assert_eq!((s.current, s.longest), (3, 3), "{s:?}");
    assert_eq!(s.totals.counted_days, 5);

    // 17 March, 10:00 UTC: the 16th ended for Bob at 02:30 EDT (06:30 UTC), its grace at
    // 07:30. In Honolulu it is 00:00 on the 17th, before 02:30: the 16th would be "today" there.
    app.advance_to(utc(2027, 3, 17, 10, 0, 0)).await;
    let r = app
        .interact(settings(&app, BOB, &[("timezone", "Pacific/Honolulu")]))
        .await;
    assert_ephemeral_says(&r, "Pacific/Honolulu, your own");
    assert!(app.settle().await.is_empty(), "a zone change is private");
    assert_eq!(
        form_day(&app, BOB).await,
        date(2027, 3, 17),
        "the 16th stays closed"
    );
    let r = app
        .interact(checkin_form(&app, BOB, date(2027, 3, 16), "4", "late", ""))
        .await;
    assert_ephemeral_says(&r, "That day's check-in has closed");
    assert!(!checkin_dates(&app, BOB).contains(&date(2027, 3, 16)));
    assert_eq!(reveal_dates(&app), both, "no reveal for a closed day");
    app.stop().await;
}

#[tokio::test]
async fn berlin_and_auckland_through_aucklands_change_of_clocks() {
    let app = spawn_app(vec![server()]).await;
    // Thursday 1 April 2027, 12:00 UTC: 14:00 in Berlin (CEST), 01:00 on the 2nd in Auckland.
    app.clock.set(utc(2027, 4, 1, 12, 0, 0));
    pair(&app, "Europe/Berlin").await; // daily at 20:00 Berlin, 18:00 UTC
    app.settle().await;
    let r = app
        .interact(settings(
            &app,
            BOB,
            &[("timezone", "Pacific/Auckland"), ("mentions", "off")],
        ))
        .await;
    assert_ephemeral_says(&r, "Pacific/Auckland, your own");
    // 20:00 in Berlin is 07:00 in Auckland, then 06:00 once its clocks go back: Bob is told
    // that those at 06:00 come at night (before 07:00).
    assert!(
        content(&r).contains("arrive at night (06:00)"),
        "{}",
        content(&r)
    );
    app.interact(settings(&app, ALICE, &[("day_start", "02:30")]))
        .await;
    app.settle().await;

    // Each evening in Berlin Alice checks in on her date; Bob, reading the same nudge on his
    // morning, on the next date.
    for d in 1..=6 {
        if d == 3 {
            // Around the repeated hour: the 3rd ends for Bob at the first 02:30 (13:30 UTC);
            // the repeated 02:00-03:00 (NZST) already belongs to the 4th.
            app.advance_to(utc(2027, 4, 3, 13, 29, 0)).await;
            assert_eq!(form_day(&app, BOB).await, date(2027, 4, 3), "02:29 NZDT");
            app.advance_to(utc(2027, 4, 3, 14, 15, 0)).await;
            assert_eq!(
                form_day(&app, BOB).await,
                date(2027, 4, 4),
                "02:15 NZST, again"
            );
        }
        app.advance_to(utc(2027, 4, d, 18, 5, 0)).await;
        assert_eq!(check_in(&app, ALICE).await.0, date(2027, 4, d));
        if d != 4 {
            assert_eq!(check_in(&app, BOB).await.0, date(2027, 4, d + 1));
        }
        app.settle().await;
        if d == 4 {
            // Bob lets the morning of his 5th go by: his reminder comes at 18:00 in Auckland
            // (06:00 UTC, NZST), not three hours after the nudge.
            let at = reminder_at(&app, BOB, utc(2027, 4, 5, 9, 0, 0), Duration::hours(1)).await;
            assert_eq!(at, Some(utc(2027, 4, 5, 6, 5, 0)), "18:05 in Auckland");
        }
    }
    let bob_dates = checkin_dates(&app, BOB);
    assert_eq!(
        bob_dates,
        [2, 3, 4, 6, 7].map(|d| date(2027, 4, d)),
        "Bob's own dates"
    );
    // Each check-in asked the question posted within its author's own day: Alice's, her
    // evening's prompt; Bob's, the one that reached him that morning (the couple-day before
    // his date), never a prompt not yet posted. A day's question came even though Bob had
    // already checked in under that date, for the one before.
    let asked = questions_asked(&app);
    assert_eq!(asked.len(), 6 + 5, "{asked:?}");
    for (user, day, question, prompt_day) in &asked {
        let expected = if *user == BOB {
            day.pred_opt().unwrap()
        } else {
            *day
        };
        let posted = app
            .store
            .call_blocking(move |c| {
                haven::store::checkins::day_prompt(c, haven::domain::ids::CoupleId(1), expected)
            })
            .unwrap()
            .and_then(|p| p.question)
            .map(|q| q.text);
        assert!(posted.is_some() || question.is_none(), "{asked:?}");
        assert_eq!(question, &posted, "{user} on {day}");
        assert_eq!(
            *prompt_day,
            question.as_ref().map(|_| expected),
            "{user} on {day}"
        );
    }
    // Reveals: a date both checked in on, once each: the 2nd, 3rd, 4th and 6th (Alice checks
    // in on the 7th only tomorrow).
    assert_eq!(reveal_dates(&app), [2, 3, 4, 6].map(|d| date(2027, 4, d)));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'reminder' AND status = 'sent'"),
        1,
        "Bob's on his 5th only"
    );
    // The streak: the 1st has Alice's check-in only (Bob's first was his 2nd); the 2nd-4th
    // count; on the 5th Bob did not check in, so the run breaks there; the 6th counts. Today
    // is the 6th for Alice (20:05) and the 7th for Bob: the 7th is not judged yet.
    let c = couple(&app);
    let s = app.services.streak_view(&c).await.unwrap().streaks;
    assert_eq!(s.totals.counted_days, 4, "{s:?}");
    assert_eq!(s.current, 1, "{s:?}");
    assert_eq!(s.longest, 3, "{s:?}");
    app.stop().await;
}

#[tokio::test]
async fn the_schedule_in_both_partners_local_times_and_a_word_about_nights() {
    let app = spawn_app(vec![server()]).await;
    app.clock.set(utc(2027, 3, 1, 12, 0, 0));
    pair(&app, "Europe/Berlin").await; // 20:00 in Berlin
    app.interact(settings(&app, BOB, &[("timezone", "America/Toronto")]))
        .await;
    // /schedule show: each upcoming nudge in each partner's own local time, only to Alice.
    let r = app.interact(schedule_show(app.id(), PRIVATE, ALICE)).await;
    assert!(is_ephemeral(&r));
    let shown = callback_data(&r)["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        shown.contains(&format!("Mon 20:00 for <@{ALICE}>, Mon 14:00 for <@{BOB}>")),
        "{shown}"
    );
    // /schedule set at 07:30 in Berlin is 01:30 in Toronto: the one who set it is told,
    // privately; the channel's answer says nothing of Bob's night.
    let since = app.fake.requests().len();
    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            ALICE,
            vec![string_option("time", "07:30")],
        ))
        .await;
    assert!(!is_ephemeral(&r), "a schedule change is posted for both");
    assert!(!content(&r).contains("night"));
    let follow = app
        .fake
        .wait_request("the private word about nights", WAIT, |q| {
            q.method == "POST" && q.path.starts_with("/webhooks/")
        })
        .await
        .expect("a follow-up");
    let body = follow.body.clone().unwrap();
    assert_eq!(
        body["flags"].as_u64().unwrap_or(0) & 64,
        64,
        "ephemeral: {body}"
    );
    let text = body["content"].as_str().unwrap();
    assert!(
        text.contains(&format!(
            "for <@{BOB}>, some of these nudges arrive at night (01:30"
        )),
        "{text}"
    );
    assert!(
        !text.contains("for you"),
        "07:30 is not night in Berlin: {text}"
    );
    // A schedule that suits both nights says nothing more.
    let r = app
        .interact(schedule_set(
            app.id(),
            PRIVATE,
            BOB,
            vec![string_option("time", "19:00")],
        ))
        .await;
    assert!(!is_ephemeral(&r));
    app.settle().await;
    let followups = app
        .requests_since(since)
        .into_iter()
        .filter(|q| q.method == "POST" && q.path.starts_with("/webhooks/"))
        .count();
    assert_eq!(followups, 1, "only the first change fell at night");
    app.stop().await;
}

/// A couple living in `couple_zone` (Alice) and `bob_zone` (Bob), with their day starting at
/// 02:30 and the nudge at 20:00 in the couple's zone, walked hour by hour for eight days from
/// `from`: each partner checks in at 21:00 their own time. Holds: each partner's check-ins fall
/// on consecutive own dates, once each, the date their zone skips or repeats included; one
/// reveal per date both checked in on; a reminder comes at most once per own date, in that
/// partner's evening (from 18:00 their time to the end of their day) and only before they
/// checked in: every day for Bob when the nudge reaches him early in his day
/// (`bob_reminded`), never when it comes three hours or less before his check-in; the streak
/// counts every date both checked in on, unbroken.
async fn walk_a_week_apart(
    couple_zone: &str,
    bob_zone: &str,
    from: DateTime<Utc>,
    bob_reminded: bool,
) {
    use chrono::Timelike;
    let app = spawn_app(vec![server()]).await;
    app.clock.set(from);
    pair(&app, couple_zone).await;
    app.settle().await;
    app.interact(settings(&app, BOB, &[("timezone", bob_zone)]))
        .await;
    app.interact(settings(&app, ALICE, &[("day_start", "02:30")]))
        .await;
    app.settle().await;
    let zone = |z: &str| z.parse::<chrono_tz::Tz>().unwrap();
    let partners = [(ALICE, zone(couple_zone)), (BOB, zone(bob_zone))];
    let mut reminded: Vec<(u64, NaiveDate)> = Vec::new();
    let mut t = from;
    while t < from + Duration::days(8) {
        t += Duration::hours(1);
        let posts = app.advance_to(t).await;
        let c = couple(&app);
        for (user, tz) in partners {
            let local = t.with_timezone(&tz);
            if reminders_for(&posts, user) > 0 {
                assert_eq!(reminders_for(&posts, user), 1);
                let minutes = local.hour() * 60 + local.minute();
                assert!(
                    !(2 * 60 + 30..18 * 60).contains(&minutes),
                    "{user}'s reminder at {local}, not in their evening"
                );
                let day = c.checkin_day(haven::domain::ids::UserId(user), t);
                assert!(
                    !checkin_dates(&app, user).contains(&day),
                    "{user} was reminded on {day}, already checked in"
                );
                reminded.push((user, day));
            }
            if local.hour() == 21 {
                let day = form_day(&app, user).await;
                assert!(
                    !checkin_dates(&app, user).contains(&day),
                    "{user}: {day} offered again at {local}"
                );
                let (done, r) = check_in(&app, user).await;
                assert_eq!(done, day);
                assert!(is_ephemeral(&r), "{:?}", r.body);
            }
        }
    }
    app.settle().await;
    let mut both = Vec::new();
    for (user, _) in partners {
        let dates = checkin_dates(&app, user);
        assert_eq!(dates.len(), 8, "{user}: {dates:?}");
        assert!(
            dates.windows(2).all(|w| w[1] == w[0].succ_opt().unwrap()),
            "{user}'s own dates follow each other, once each: {dates:?}"
        );
        let mine: Vec<NaiveDate> = reminded
            .iter()
            .filter(|(u, _)| *u == user)
            .map(|(_, d)| *d)
            .collect();
        let mut distinct = mine.clone();
        distinct.dedup();
        assert_eq!(mine, distinct, "{user}: one reminder per own date");
        if user == BOB && bob_reminded {
            assert!(mine.len() >= 7, "{user} reminded on {mine:?}");
        } else {
            assert_eq!(
                mine,
                [],
                "{user} always checked in before a reminder was due"
            );
        }
        both = if both.is_empty() {
            dates
        } else {
            both.into_iter().filter(|d| dates.contains(d)).collect()
        };
    }
    assert!(both.len() >= 7, "{both:?}");
    assert_eq!(
        reveal_dates_by_key(&app),
        both,
        "one reveal per date both checked in on"
    );
    let s = app
        .services
        .streak_view(&couple(&app))
        .await
        .unwrap()
        .streaks;
    assert!(s.totals.counted_days as usize >= both.len() - 1, "{s:?}");
    assert_eq!(s.current, s.longest, "unbroken: {s:?}");
    assert!(s.current as usize >= both.len() - 1, "{s:?}");
    app.stop().await;
}

/// The dates revealed, read from the reveals themselves (one row per date), in order.
fn reveal_dates_by_key(app: &TestApp) -> Vec<NaiveDate> {
    let n = app.query_i64("SELECT count(*) FROM outbox WHERE kind = 'reveal'");
    let dates: Vec<NaiveDate> = app
        .store
        .call_blocking(|c| {
            let mut stmt = c.prepare("SELECT day FROM reveals ORDER BY day")?;
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows
                .into_iter()
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").unwrap())
                .collect())
        })
        .unwrap();
    assert_eq!(n as usize, dates.len(), "one reveal post per revealed date");
    dates
}

#[tokio::test]
async fn an_hour_apart_through_the_night_berlin_skips_the_day_start() {
    // London and Berlin: on 28 March 2027 Berlin skips 02:00-03:00, and with it the 02:30
    // start of its day.
    walk_a_week_apart(
        "Europe/London",
        "Europe/Berlin",
        utc(2027, 3, 25, 12, 0, 0),
        false,
    )
    .await;
}

#[tokio::test]
async fn nine_hours_apart_through_the_night_berlin_repeats_the_day_start() {
    // Berlin and Los Angeles, nine then eight hours apart: on 31 October 2027 Berlin repeats
    // 02:00-03:00, and with it the 02:30 start of its day.
    walk_a_week_apart(
        "Europe/Berlin",
        "America/Los_Angeles",
        utc(2027, 10, 28, 12, 0, 0),
        true,
    )
    .await;
}

#[tokio::test]
async fn fourteen_hours_apart_through_the_night_toronto_skips_the_day_start() {
    // Toronto and Tokyo, fourteen then thirteen hours apart: on 14 March 2027 Toronto skips
    // 02:00-03:00. The nudge at 20:00 in Toronto is 10:00 the next day in Tokyo.
    walk_a_week_apart(
        "America/Toronto",
        "Asia/Tokyo",
        utc(2027, 3, 11, 12, 0, 0),
        true,
    )
    .await;
}

#[tokio::test]
async fn a_partner_behind_the_couple_answers_the_same_dates_question() {
    let app = spawn_app(vec![server()]).await;
    // Monday 11 January 2027, 00:00 UTC: 13:00 in Auckland (NZDT), 19:00 on the 10th in
    // New York.
    app.clock.set(utc(2027, 1, 11, 0, 0, 0));
    pair(&app, "Pacific/Auckland").await; // daily at 20:00 Auckland, 07:00 UTC
    app.settle().await;
    app.interact(settings(&app, BOB, &[("timezone", "America/New_York")]))
        .await;
    app.settle().await;
    // The nudge of the 11th reaches Bob at 02:00 on his 11th, before his day starts (04:00):
    // still his 10th. He checks in at 21:00 on his 11th, 19 hours later: his question is the
    // 11th's, the one Alice answers on her 11th.
    for d in 11..=14 {
        let (alice_at, bob_at) = (utc(2027, 1, d, 8, 0, 0), utc(2027, 1, d + 1, 2, 0, 0));
        app.advance_to(alice_at).await;
        assert_eq!(check_in(&app, ALICE).await.0, date(2027, 1, d));
        app.advance_to(bob_at).await;
        assert_eq!(check_in(&app, BOB).await.0, date(2027, 1, d));
        app.settle().await;
    }
    let asked = questions_asked(&app);
    assert_eq!(asked.len(), 8, "{asked:?}");
    // Most prompts are questions: over four days at least one was asked of Bob.
    assert!(
        asked.iter().any(|(u, _, q, _)| *u == BOB && q.is_some()),
        "{asked:?}"
    );
    for (user, day, question, prompt_day) in &asked {
        let posted = app
            .store
            .call_blocking({
                let day = *day;
                move |c| haven::store::checkins::day_prompt(c, haven::domain::ids::CoupleId(1), day)
            })
            .unwrap()
            .and_then(|p| p.question)
            .map(|q| q.text);
        assert_eq!(
            question, &posted,
            "{user} on {day}: the same date's question"
        );
        assert_eq!(
            *prompt_day,
            question.as_ref().map(|_| *day),
            "{user} on {day}"
        );
    }
    // Each reveal shows one question with both answers under it, when the day asked one.
    assert_eq!(reveal_dates(&app).len(), 4);
    app.stop().await;
}
