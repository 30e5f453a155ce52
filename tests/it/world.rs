//! The server most tests run in: an owner, a couple, an outsider, and channels that are
//! private, public, or open to a role.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde_json::json;
use serde_json::Value;

use crate::harness::{callback_data, callback_type, content, custom_ids, TestApp};
use crate::support::fake::{Recorded, BOT_ID};
use crate::support::payloads::{
    bot_message, callback, component, guild, modal_submit, overwrite_member, overwrite_role, perms,
    slash, string_option, subcommand, user_option, user_option_resolved,
};

pub const GUILD: u64 = 2000;
pub const OWNER: u64 = 10;
pub const ALICE: u64 = 11;
pub const BOB: u64 = 12;
pub const EVE: u64 = 13;
pub const CAROL: u64 = 14;
pub const DAN: u64 = 15;

pub const FRIENDS_ROLE: u64 = 4001;
pub const ADMIN_ROLE: u64 = 4002;
pub const HAVEN_ROLE: u64 = 4003;

/// Only Alice, Bob and the bot may view.
pub const PRIVATE: u64 = 3001;
/// Another private channel, for Carol and Dan.
pub const PRIVATE_CD: u64 = 3002;
/// Anyone may view.
pub const PUBLIC: u64 = 3003;
/// Private to Alice and Bob, but the "friends" role is allowed in.
pub const ROLE_OPEN: u64 = 3004;
/// Private, but Bob cannot see it.
pub const NO_BOB: u64 = 3005;
/// A voice channel.
pub const VOICE: u64 = 3006;

/// The couple-day the tests' clock starts on: Thursday 2026-11-26 (at 12:00 UTC).
pub const TODAY: NaiveDate = date(2026, 11, 26);

pub const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => day,
        None => panic!("not a date"),
    }
}

/// An instant in UTC.
pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

pub const VIEW: u64 = perms::VIEW_CHANNEL;
/// What Discord would report as the bot's permissions in a channel it can use fully.
pub const BOT_PERMS: u64 = perms::VIEW_CHANNEL
    | perms::SEND_MESSAGES
    | perms::EMBED_LINKS
    | perms::ATTACH_FILES
    | perms::READ_MESSAGE_HISTORY
    | perms::MANAGE_CHANNELS
    | perms::USE_APPLICATION_COMMANDS;

fn private_to(a: u64, b: u64) -> Vec<Value> {
    vec![
        overwrite_role(GUILD, 0, VIEW),
        overwrite_member(a, VIEW, 0),
        overwrite_member(b, VIEW, 0),
        overwrite_member(BOT_ID, BOT_PERMS, 0),
    ]
}

pub fn server() -> Value {
    let mut role_open = private_to(ALICE, BOB);
    role_open.push(overwrite_role(FRIENDS_ROLE, VIEW, 0));
    guild(GUILD, OWNER)
        .role(FRIENDS_ROLE, "friends", 0)
        .role(ADMIN_ROLE, "Admins", perms::ADMINISTRATOR)
        .bot_role(HAVEN_ROLE, "haven", BOT_PERMS, BOT_ID)
        .text_channel(PRIVATE, "us", private_to(ALICE, BOB))
        .text_channel(PRIVATE_CD, "carol-and-dan", private_to(CAROL, DAN))
        .text_channel(PUBLIC, "general", vec![])
        .text_channel(ROLE_OPEN, "us-and-friends", role_open)
        .text_channel(
            NO_BOB,
            "alice-only",
            vec![
                overwrite_role(GUILD, 0, VIEW),
                overwrite_member(ALICE, VIEW, 0),
                overwrite_member(BOT_ID, BOT_PERMS, 0),
            ],
        )
        .channel(VOICE, 2, "voice")
        .member(ALICE, &[])
        .member(BOB, &[])
        .member(BOT_ID, &[HAVEN_ROLE])
        .build()
}

/// `/setup partner:<partner> timezone:<tz>` from `user` in `channel`, plus `extra` options.
pub fn setup_cmd(
    id: u64,
    channel: u64,
    user: u64,
    partner: u64,
    tz: &str,
    extra: Vec<Value>,
) -> Value {
    let mut options = vec![
        user_option("partner", partner),
        string_option("timezone", tz),
    ];
    options.extend(extra);
    slash(
        id,
        Some(GUILD),
        channel,
        user,
        "setup",
        Value::Array(options),
        Some(user_option_resolved(
            partner,
            &format!("user{partner}"),
            &[],
        )),
        BOT_PERMS,
    )
}

/// The invitation an answer posted, as the message its buttons sit on.
pub fn invitation_message(answer: &Recorded, channel: u64) -> Value {
    let components = callback_data(answer)["components"].clone();
    bot_message(
        1_400_000_000_000_000_001,
        channel,
        &content(answer),
        components,
    )
}

/// A button press by `user` on `message`.
pub fn press(app: &TestApp, channel: u64, user: u64, custom_id: &str, message: &Value) -> Value {
    component(
        app.id(),
        Some(GUILD),
        channel,
        user,
        custom_id,
        message.clone(),
    )
}

/// Alice invites Bob in PRIVATE and Bob accepts: the couple is active.
pub async fn pair(app: &TestApp, tz: &str) {
    let answer = app
        .interact(setup_cmd(app.id(), PRIVATE, ALICE, BOB, tz, vec![]))
        .await;
    let ids = custom_ids(&answer);
    let msg = invitation_message(&answer, PRIVATE);
    let r = app.interact(press(app, PRIVATE, BOB, &ids[0], &msg)).await;
    assert_eq!(
        callback_type(&r),
        callback::UPDATE_MESSAGE,
        "paired: {:?}",
        r.body
    );
}

/// A slash command in the test server.
pub fn cmd(id: u64, channel: u64, user: u64, name: &str, options: Vec<Value>) -> Value {
    let options = if options.is_empty() {
        Value::Null
    } else {
        Value::Array(options)
    };
    slash(
        id,
        Some(GUILD),
        channel,
        user,
        name,
        options,
        None,
        BOT_PERMS,
    )
}

pub fn schedule_set(id: u64, channel: u64, user: u64, options: Vec<Value>) -> Value {
    cmd(
        id,
        channel,
        user,
        "schedule",
        vec![subcommand("set", options)],
    )
}

pub fn schedule_show(id: u64, channel: u64, user: u64) -> Value {
    cmd(
        id,
        channel,
        user,
        "schedule",
        vec![subcommand("show", vec![])],
    )
}

pub fn prompt_now(id: u64, channel: u64, user: u64, practice: Option<&str>) -> Value {
    let opts = practice
        .map(|p| vec![string_option("practice", p)])
        .unwrap_or_default();
    cmd(id, channel, user, "prompt", vec![subcommand("now", opts)])
}

pub fn prompt_add(id: u64, channel: u64, user: u64, practice: &str, text: &str) -> Value {
    cmd(
        id,
        channel,
        user,
        "prompt",
        vec![subcommand(
            "add",
            vec![
                string_option("practice", practice),
                string_option("text", text),
            ],
        )],
    )
}

pub fn int_option(name: &str, v: i64) -> Value {
    json!({"name": name, "type": 4, "value": v})
}

/// The check-in form for `day`, submitted by `user` in the couple's channel.
pub fn checkin_form(
    app: &TestApp,
    user: u64,
    day: NaiveDate,
    mood: &str,
    appreciated: &str,
    hear: &str,
) -> Value {
    modal_submit(
        app.id(),
        Some(GUILD),
        PRIVATE,
        user,
        &haven::domain::custom_id::ComponentId::CheckinForm(day).encode(),
        &[("mood", mood), ("appreciated", appreciated), ("hear", hear)],
    )
}

/// Every post haven made in the couple's channel, as the fake received them.
pub fn couple_channel_posts(app: &TestApp) -> Vec<Recorded> {
    app.fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == format!("/channels/{PRIVATE}/messages"))
        .collect()
}
