//! No pressure, no scores: each test is the attack it prevents. One partner cannot lift the
//! other's pause.

use haven::clock::Clock;
use serde_json::{json, Value};

use crate::harness::*;
use crate::support::payloads::{guild_channel, overwrite_member, overwrite_role, string_option};
use crate::world::*;

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
