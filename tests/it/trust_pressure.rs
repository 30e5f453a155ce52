//! No pressure, no scores: each test is the attack it prevents. A partner who turned mentions
//! off is pinged by nothing; reminders off means no reminder; one partner cannot lift the
//! other's pause; the channel never sees the two partners compared; custom prompts carry who
//! added them (without a ping), either partner can remove them, each partner keeps at most 20,
//! and they are held like every other partner's words when outsiders can read the channel.

use haven::clock::Clock;
use haven::domain::custom_id::ComponentId;
use haven::domain::prompt::{Library, Practice};
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::fake::Recorded;
use crate::support::payloads::{
    autocomplete, callback, guild_channel, overwrite_member, overwrite_role, string_option,
    subcommand,
};
use crate::world::*;

/// `/notify` by `user`, with `mentions` and `reminders` given as "on" or "off".
fn notify(app: &TestApp, user: u64, options: &[(&str, &str)]) -> Value {
    cmd(
        app.id(),
        PRIVATE,
        user,
        "notify",
        options.iter().map(|(n, v)| string_option(n, v)).collect(),
    )
}

/// A check-in by `user` for `day`.
fn check_in(app: &TestApp, user: u64, day: chrono::NaiveDate) -> Value {
    crate::support::payloads::modal_submit(
        app.id(),
        Some(GUILD),
        PRIVATE,
        user,
        &ComponentId::CheckinForm(day).encode(),
        &[("mood", "4"), ("appreciated", "thank you"), ("hear", "")],
    )
}

/// The users a post or an answer lets ping, sorted.
fn pinged(body: &Value) -> Vec<u64> {
    let mut users: Vec<u64> = body["allowed_mentions"]["users"]
        .as_array()
        .unwrap_or_else(|| panic!("allowed_mentions names its users: {body}"))
        .iter()
        .map(|u| u.as_str().unwrap().parse().unwrap())
        .collect();
    users.sort();
    assert_eq!(body["allowed_mentions"]["parse"], json!([]), "{body}");
    users
}

fn body(r: &Recorded) -> Value {
    r.body.clone().expect("a body")
}

fn text(r: &Recorded) -> String {
    body(r)["content"].as_str().unwrap_or("").to_string()
}

/// The posts of one kind among `posts`, by the marker letter their buttons end with.
fn of_kind(posts: &[Recorded], letter: char) -> Vec<Value> {
    posts
        .iter()
        .map(body)
        .filter(|b| {
            b["components"][0]["components"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c["custom_id"].as_str())
                .any(|id| {
                    id.rsplit_once(':')
                        .is_some_and(|(_, m)| m.starts_with(letter) && m.len() > 1)
                })
        })
        .collect()
}

/// Opens the couple's channel to @everyone (outsiders can read it now).
fn open_to_everyone(app: &TestApp) {
    app.fake.dispatch(
        "CHANNEL_UPDATE",
        guild_channel(
            PRIVATE,
            GUILD,
            0,
            "us",
            0,
            vec![overwrite_role(GUILD, VIEW, 0)],
        ),
    );
}

/// Makes the couple's channel private again.
fn make_private(app: &TestApp) {
    app.fake.dispatch(
        "CHANNEL_UPDATE",
        guild_channel(
            PRIVATE,
            GUILD,
            0,
            "us",
            0,
            vec![
                overwrite_role(GUILD, 0, VIEW),
                overwrite_member(ALICE, VIEW, 0),
                overwrite_member(BOB, VIEW, 0),
            ],
        ),
    );
}

/// Every built-in prompt of `practice` counts as drawn this round, so the couple's own prompt
/// is the next one drawn.
fn use_up_the_library(app: &TestApp, practice: Practice) {
    let keys: Vec<String> = Library::builtin()
        .keys(practice)
        .map(str::to_string)
        .collect();
    app.store
        .call_blocking(move |c| {
            for (i, k) in keys.iter().enumerate() {
                c.execute(
                    "INSERT INTO prompt_draws (couple_id, practice, prompt_key, drawn_at, seq)
                     SELECT id, ?1, ?2, 0, ?3 FROM couples",
                    rusqlite::params![practice.key(), k, i as i64 + 1],
                )?;
            }
            Ok(())
        })
        .unwrap();
}

const OWN_PROMPT: &str = "Tell each other about a small kindness you noticed this week";

#[tokio::test]
async fn a_partner_who_turned_mentions_off_is_never_pinged() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await; // daily at 20:00 UTC
    let posts = app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    assert_eq!(pinged(&body(&posts[0])), [ALICE, BOB], "both, by default");

    // Bob turns mentions off after the day's reminders were recorded.
    let r = app
        .interact(notify(&app, BOB, &[("mentions", "off")]))
        .await;
    assert_ephemeral_says(&r, "never ping you");
    assert_eq!(pinged(callback_data(&r)), Vec::<u64>::new());

    // Alice's check-in notice is addressed to Bob, and pings nobody.
    app.interact(check_in(&app, ALICE, TODAY)).await;
    let posts = app.settle().await;
    let notice = of_kind(&posts, 'c');
    assert_eq!(notice.len(), 1, "Alice's notice");
    assert_eq!(pinged(&notice[0]), Vec::<u64>::new());
    // Bob's reminder, recorded before he opted out, does not ping him either.
    let posts = app.advance_to(utc(2026, 11, 26, 23, 0, 1)).await;
    let reminder = of_kind(&posts, 'm');
    assert_eq!(reminder.len(), 1, "Bob's reminder");
    assert_eq!(pinged(&reminder[0]), Vec::<u64>::new());

    // The next nudge names and pings Alice alone.
    let posts = app.advance_to(utc(2026, 11, 27, 20, 0, 0)).await;
    let nudge = of_kind(&posts, 'n');
    assert_eq!(nudge.len(), 1);
    assert_eq!(pinged(&nudge[0]), [ALICE]);
    assert!(
        !nudge[0]["content"]
            .as_str()
            .unwrap_or("")
            .contains(&BOB.to_string()),
        "{}",
        nudge[0]
    );
    // The reveal pings Alice alone.
    let day = date(2026, 11, 27);
    app.interact(check_in(&app, BOB, day)).await;
    app.interact(check_in(&app, ALICE, day)).await;
    let posts = app.settle().await;
    let reveal = of_kind(&posts, 'v');
    assert_eq!(reveal.len(), 1, "the reveal");
    assert_eq!(pinged(&reveal[0]), [ALICE]);
    // So does Sunday's digest.
    let posts = app.advance_to(utc(2026, 11, 29, 20, 0, 0)).await;
    let digest = of_kind(&posts, 'd');
    assert_eq!(digest.len(), 1, "the digest");
    assert_eq!(pinged(&digest[0]), [ALICE]);
    for p in &posts {
        assert!(!pinged(&body(p)).contains(&BOB), "{}", p.summary());
    }

    // Mentions back on: Bob is pinged again.
    let r = app.interact(notify(&app, BOB, &[("mentions", "on")])).await;
    assert_ephemeral_says(&r, "ping you");
    let posts = app.advance_to(utc(2026, 11, 30, 20, 0, 0)).await;
    assert_eq!(pinged(&of_kind(&posts, 'n')[0]), [ALICE, BOB]);
    app.stop().await;
}

#[tokio::test]
async fn reminders_off_means_no_reminder() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let r = app
        .interact(notify(&app, BOB, &[("reminders", "off")]))
        .await;
    assert_ephemeral_says(&r, "I won't remind you");
    app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    let posts = app.advance_to(utc(2026, 11, 26, 23, 0, 1)).await;
    let reminders = of_kind(&posts, 'm');
    assert_eq!(reminders.len(), 1, "Alice's only: {reminders:?}");
    assert!(
        reminders[0]["content"]
            .as_str()
            .unwrap()
            .starts_with(&format!("<@{ALICE}>")),
        "{}",
        reminders[0]
    );
    assert_eq!(
        app.query_i64(
            "SELECT count(*) FROM outbox WHERE kind = 'reminder' AND skip_reason = 'reminders_off'"
        ),
        1
    );
    // Only Bob sees his settings, and nothing of Alice's.
    let r = app.interact(notify(&app, BOB, &[])).await;
    assert_ephemeral_says(&r, "I won't remind you");
    assert!(content(&r).contains("ping you"), "{}", content(&r));
    let r = app.interact(notify(&app, ALICE, &[])).await;
    assert_ephemeral_says(&r, "one gentle reminder");
    // Outsiders cannot change anyone's.
    let mut eve = notify(&app, EVE, &[("reminders", "on")]);
    eve["channel_id"] = json!(PRIVATE.to_string());
    let r = app.interact(eve).await;
    assert_ephemeral_says(&r, "only the two of them");
    app.stop().await;
}

#[tokio::test]
async fn the_other_partner_cannot_lift_a_pause_early() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let until = (app.clock.now() + chrono::Duration::days(3)).timestamp();
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            ALICE,
            "pause",
            vec![int_option("days", 3)],
        ))
        .await;
    assert!(!is_ephemeral(&r));

    // Bob is told kindly, and alone, who paused and until when; the pause holds.
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "resume", vec![]))
        .await;
    assert_ephemeral_says(&r, &format!("<@{ALICE}> paused your nudges"));
    assert!(
        content(&r).contains(&format!("<t:{until}:F>")),
        "{}",
        content(&r)
    );
    assert_eq!(pinged(callback_data(&r)), Vec::<u64>::new());
    // Nor can he take the pause over with one of his own.
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            BOB,
            "pause",
            vec![int_option("days", 1)],
        ))
        .await;
    assert_ephemeral_says(&r, &format!("<@{ALICE}> paused your nudges"));
    assert_eq!(
        app.query_i64(&format!(
            "SELECT count(*) FROM couples WHERE paused_until = {until}"
        )),
        1
    );
    let posts = app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    assert!(posts.is_empty(), "no nudge while paused");
    // The schedule says whose pause it is, truthfully for both.
    let r = app.interact(schedule_show(app.id(), PRIVATE, BOB)).await;
    let d = callback_data(&r)["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        d.contains(&format!("**Paused** by <@{ALICE}> until <t:{until}:F>")),
        "{d}"
    );

    // Alice may end her own pause early.
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "resume", vec![]))
        .await;
    assert!(content(&r).contains("resumed"), "{}", content(&r));

    // An open-ended pause is the same.
    app.interact(cmd(app.id(), PRIVATE, ALICE, "pause", vec![]))
        .await;
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "resume", vec![]))
        .await;
    assert_ephemeral_says(&r, "until they resume");
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE paused_until IS NOT NULL"),
        1
    );
    let r = app
        .interact(cmd(app.id(), PRIVATE, ALICE, "resume", vec![]))
        .await;
    assert!(content(&r).contains("resumed"), "{}", content(&r));

    // A pause for the channel's sake belongs to nobody: either partner resumes it.
    open_to_everyone(&app);
    let r = app
        .interact(cmd(
            app.id(),
            PRIVATE,
            ALICE,
            "appreciate",
            vec![string_option("text", "Thank you for today")],
        ))
        .await;
    assert_ephemeral_says(&r, "outside your couple can read");
    make_private(&app);
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "resume", vec![]))
        .await;
    assert!(content(&r).contains("resumed"), "{}", content(&r));
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE paused_until IS NULL"),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn the_channel_never_sees_a_scoreboard() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    // Thursday both check in; Friday only Alice: their own numbers differ.
    app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    app.interact(check_in(&app, ALICE, TODAY)).await;
    app.interact(check_in(&app, BOB, TODAY)).await;
    app.advance_to(utc(2026, 11, 27, 20, 0, 0)).await;
    app.interact(check_in(&app, ALICE, date(2026, 11, 27)))
        .await;
    app.settle().await;

    for (who, own) in [(ALICE, "2 days"), (BOB, "1 day")] {
        let since = app.fake.requests().len();
        let r = app
            .interact(cmd(app.id(), PRIVATE, who, "streak", vec![]))
            .await;
        // The channel sees the couple's figures and the heatmap, and nobody's own.
        assert_eq!(callback_type(&r), callback::CHANNEL_MESSAGE_WITH_SOURCE);
        assert!(!is_ephemeral(&r));
        let data = callback_data(&r);
        let public = data["embeds"][0]["description"].as_str().unwrap();
        assert!(public.contains("**Together**: 1 day"), "{public}");
        assert!(!public.contains("<@"), "no partner is named: {public}");
        assert!(
            !public.contains("check-in"),
            "no counts per partner: {public}"
        );
        assert_eq!(
            data["embeds"][0]["image"]["url"],
            json!("attachment://streak.png")
        );
        assert_eq!(pinged(data), Vec::<u64>::new());
        // The invoker's own numbers come to the invoker alone.
        let own_reply = follow_up_since(&app, since).await;
        let b = body(&own_reply);
        assert_eq!(b["flags"].as_u64().unwrap_or(0) & 64, 64, "ephemeral: {b}");
        let words = b["content"].as_str().unwrap();
        assert!(
            words.contains(&format!("Your own streak: {own}")),
            "{words}"
        );
        assert!(!words.contains("<@"), "{words}");
        assert_eq!(pinged(&b), Vec::<u64>::new());
    }

    // The digest carries the couple's figures only.
    let posts = app.advance_to(utc(2026, 11, 29, 20, 0, 0)).await;
    let digest = of_kind(&posts, 'd');
    assert_eq!(digest.len(), 1);
    let d = digest[0]["embeds"][0]["description"].as_str().unwrap();
    assert!(d.contains("1 day together"), "{d}");
    assert!(!d.contains("<@") && !d.contains("check-in"), "{d}");
    app.stop().await;
}

/// The first follow-up message (`POST /webhooks/…`) sent after request number `since`.
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

/// `/prompt remove prompt:<value>` by `user`.
fn prompt_remove(app: &TestApp, user: u64, value: &str) -> Value {
    cmd(
        app.id(),
        PRIVATE,
        user,
        "prompt",
        vec![subcommand("remove", vec![string_option("prompt", value)])],
    )
}

/// What `/prompt remove` suggests to `user` in `channel` for `typed`.
async fn suggestions(app: &TestApp, channel: u64, user: u64, typed: &str) -> Vec<Value> {
    let r = app
        .interact(autocomplete(
            app.id(),
            Some(GUILD),
            channel,
            user,
            "prompt",
            json!([{"name": "remove", "type": 1, "options": [
                {"name": "prompt", "type": 3, "value": typed, "focused": true}
            ]}]),
        ))
        .await;
    assert_eq!(callback_type(&r), callback::AUTOCOMPLETE_RESULT);
    callback_data(&r)["choices"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn custom_prompts_are_attributed_without_a_ping_and_either_partner_removes_them() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    let r = app
        .interact(prompt_add(
            app.id(),
            PRIVATE,
            ALICE,
            "appreciation",
            OWN_PROMPT,
        ))
        .await;
    assert_ephemeral_says(&r, "Added");
    use_up_the_library(&app, Practice::Appreciation);

    // Shown with who added it, and nobody is pinged for it.
    let r = app
        .interact(prompt_now(app.id(), PRIVATE, BOB, Some("appreciation")))
        .await;
    assert!(!is_ephemeral(&r));
    let embed = &callback_data(&r)["embeds"][0];
    assert_eq!(embed["description"], json!(OWN_PROMPT));
    assert_eq!(
        embed["fields"][0]["value"],
        json!(format!("<@{ALICE}>")),
        "{embed}"
    );
    assert_eq!(embed["fields"][0]["name"], json!("Added by"));
    assert_eq!(pinged(callback_data(&r)), Vec::<u64>::new());

    // Either partner finds it to remove; an outsider finds nothing.
    let found = suggestions(&app, PRIVATE, BOB, "kindness").await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0]["name"]
        .as_str()
        .unwrap()
        .contains("small kindness"));
    let value = found[0]["value"].as_str().unwrap().to_string();
    assert!(suggestions(&app, PRIVATE, EVE, "").await.is_empty());
    assert!(suggestions(&app, PUBLIC, EVE, "kind").await.is_empty());

    let r = app.interact(prompt_remove(&app, EVE, &value)).await;
    assert_ephemeral_says(&r, "only the two of them");
    let r = app.interact(prompt_remove(&app, BOB, &value)).await;
    assert_ephemeral_says(&r, "Removed");
    assert!(content(&r).contains("small kindness"), "{}", content(&r));
    assert_eq!(app.query_i64("SELECT count(*) FROM custom_prompts"), 0);
    let r = app.interact(prompt_remove(&app, ALICE, &value)).await;
    assert_ephemeral_says(&r, "isn't among your prompts");
    assert!(suggestions(&app, PRIVATE, ALICE, "").await.is_empty());
    app.stop().await;
}

#[tokio::test]
async fn each_partner_keeps_at_most_20_custom_prompts() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    for i in 1..=20 {
        let r = app
            .interact(prompt_add(
                app.id(),
                PRIVATE,
                ALICE,
                "appreciation",
                &format!("Prompt number {i} of my own"),
            ))
            .await;
        assert_ephemeral_says(&r, "Added");
    }
    let r = app
        .interact(prompt_add(
            app.id(),
            PRIVATE,
            ALICE,
            "validation",
            "One prompt too many",
        ))
        .await;
    assert_ephemeral_says(&r, "20 prompts of your own");
    assert!(content(&r).contains("/prompt remove"), "{}", content(&r));
    // Alice's prompts do not use up Bob's room.
    let r = app
        .interact(prompt_add(
            app.id(),
            PRIVATE,
            BOB,
            "validation",
            "A prompt of Bob's own",
        ))
        .await;
    assert_ephemeral_says(&r, "Added");
    assert_eq!(
        app.query_i64(&format!(
            "SELECT count(*) FROM custom_prompts WHERE created_by = {ALICE}"
        )),
        20
    );
    // Room again once one is removed.
    let value = suggestions(&app, PRIVATE, BOB, "number 7").await[0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app.interact(prompt_remove(&app, BOB, &value)).await;
    assert_ephemeral_says(&r, "Removed");
    let r = app
        .interact(prompt_add(
            app.id(),
            PRIVATE,
            ALICE,
            "validation",
            "Room for this one now",
        ))
        .await;
    assert_ephemeral_says(&r, "Added");
    app.stop().await;
}

#[tokio::test]
async fn a_custom_prompt_is_not_shown_to_outsiders_by_prompt_now() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.interact(prompt_add(
        app.id(),
        PRIVATE,
        ALICE,
        "appreciation",
        OWN_PROMPT,
    ))
    .await;
    use_up_the_library(&app, Practice::Appreciation);
    open_to_everyone(&app);
    let since = app.fake.requests().len();
    let r = app
        .interact(prompt_now(app.id(), PRIVATE, BOB, Some("appreciation")))
        .await;
    assert_ephemeral_says(&r, "outside your couple can read");
    app.settle().await;
    assert!(
        app.requests_since(since).iter().all(|q| !q
            .body
            .as_ref()
            .is_some_and(|b| b.to_string().contains("small kindness"))),
        "the prompt's words go nowhere"
    );
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE pause_reason = 'channel'"),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn a_nudge_with_a_custom_prompt_is_held_while_outsiders_can_read() {
    let app = spawn_app(vec![server()]).await;
    pair(&app, "UTC").await;
    app.interact(prompt_add(
        app.id(),
        PRIVATE,
        ALICE,
        "appreciation",
        OWN_PROMPT,
    ))
    .await;
    use_up_the_library(&app, Practice::Appreciation);
    open_to_everyone(&app);
    let posts = app.advance_to(utc(2026, 11, 26, 20, 0, 0)).await;
    assert!(
        posts.iter().all(|p| !text(p).contains("small kindness")
            && !body(p).to_string().contains("small kindness")),
        "held: {:?}",
        posts.iter().map(Recorded::summary).collect::<Vec<_>>()
    );
    assert!(
        posts.iter().any(|p| text(p).contains("holding back")),
        "the partners are told, without the words"
    );
    assert_eq!(
        app.query_i64("SELECT count(*) FROM couples WHERE pause_reason = 'channel'"),
        1
    );
    // Fixed and resumed the same evening: the nudge goes out, with who added its prompt.
    make_private(&app);
    let r = app
        .interact(cmd(app.id(), PRIVATE, BOB, "resume", vec![]))
        .await;
    assert!(content(&r).contains("resumed"), "{}", content(&r));
    let posts = app.advance_to(utc(2026, 11, 26, 20, 1, 30)).await;
    let nudge = of_kind(&posts, 'n');
    assert_eq!(nudge.len(), 1, "{posts:?}");
    assert_eq!(nudge[0]["embeds"][0]["description"], json!(OWN_PROMPT));
    assert_eq!(
        nudge[0]["embeds"][0]["fields"][0]["value"],
        json!(format!("<@{ALICE}>"))
    );
    app.stop().await;
}
