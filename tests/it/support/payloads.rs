//! Builders for the Discord payloads tests feed to the bot: GUILD_CREATE, INTERACTION_CREATE, messages.
//!
//! Every payload here is shaped like what Discord sends (snowflakes as strings, permissions as
//! decimal strings, all keys serenity 0.12.5 requires); `fake_selftest` deserialises each one
//! with serenity's own model types, because a dispatch serenity cannot parse is silently dropped.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Map, Value};

use super::fake::BOT_ID;

/// Discord's epoch (2015-01-01T00:00:00Z) in Unix milliseconds.
pub const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// Channel types used by the builders.
pub const CHANNEL_TEXT: u8 = 0;
pub const CHANNEL_DM: u8 = 1;
pub const CHANNEL_VOICE: u8 = 2;
pub const CHANNEL_CATEGORY: u8 = 4;

/// Permission bits the builders use for defaults.
pub mod perms {
    pub const CREATE_INSTANT_INVITE: u64 = 1 << 0;
    pub const ADMINISTRATOR: u64 = 1 << 3;
    pub const MANAGE_CHANNELS: u64 = 1 << 4;
    pub const ADD_REACTIONS: u64 = 1 << 6;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const MANAGE_MESSAGES: u64 = 1 << 13;
    pub const EMBED_LINKS: u64 = 1 << 14;
    pub const ATTACH_FILES: u64 = 1 << 15;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    pub const CONNECT: u64 = 1 << 20;
    pub const SPEAK: u64 = 1 << 21;
    pub const CHANGE_NICKNAME: u64 = 1 << 26;
    pub const MANAGE_ROLES: u64 = 1 << 28;
    pub const USE_APPLICATION_COMMANDS: u64 = 1 << 31;
    pub const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;

    /// What a fresh guild grants @everyone (close to Discord's default).
    pub const EVERYONE_DEFAULT: u64 = CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | CONNECT
        | SPEAK
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | SEND_MESSAGES_IN_THREADS;

    /// Default `app_permissions` / member `permissions` of interactions built without one.
    pub const MEMBER_DEFAULT: u64 = EVERYONE_DEFAULT;
}

/// Interaction callback types: the `type` of the bot's answer to an interaction.
pub mod callback {
    pub const PONG: u64 = 1;
    /// A message (`data` is the message).
    pub const CHANNEL_MESSAGE_WITH_SOURCE: u64 = 4;
    /// "Thinking…": the message follows as an edit of the original response.
    pub const DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: u64 = 5;
    /// A component's message will be edited later.
    pub const DEFERRED_UPDATE_MESSAGE: u64 = 6;
    /// Edits the message the component sits on.
    pub const UPDATE_MESSAGE: u64 = 7;
    pub const AUTOCOMPLETE_RESULT: u64 = 8;
    /// A form.
    pub const MODAL: u64 = 9;
    pub const PREMIUM_REQUIRED: u64 = 10;
    pub const LAUNCH_ACTIVITY: u64 = 12;
}

/// Fixed join date used for members (Discord's timestamp format).
pub const JOINED_AT: &str = "2024-01-15T12:00:00.000000+00:00";

/// Attachment size limit reported in interactions (Discord's current default, 10 MiB).
pub const ATTACHMENT_SIZE_LIMIT: u64 = 10_485_760;

/// The current time in Discord's timestamp format (`2024-01-15T12:00:00.000000+00:00`).
pub fn timestamp_now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.6f+00:00")
        .to_string()
}

/// A snowflake for the current time with the given low 22 bits (worker, process, increment).
pub fn snowflake_now(low_bits: u64) -> u64 {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(DISCORD_EPOCH_MS)
        .saturating_sub(DISCORD_EPOCH_MS);
    (ms << 22) | (low_bits & 0x3f_ffff)
}

/// A random-looking interaction token, unique per call.
pub fn interaction_token(interaction_id: u64) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let state = RandomState::new();
    let a = state.hash_one((interaction_id, n, 1u8));
    let b = state.hash_one((interaction_id, n, 2u8));
    let c = state.hash_one((interaction_id, n, 3u8));
    format!("aW50ZXJhY3Rpb246{interaction_id}{a:016x}{b:016x}{c:016x}{n:x}")
}

/// A user object.
pub fn user(id: u64, username: &str) -> Value {
    json!({
        "id": id.to_string(),
        "username": username,
        "discriminator": "0",
        "global_name": null,
        "avatar": null,
        "public_flags": 0,
    })
}

/// The default username of a test user: `user<id>`.
pub fn username_for(id: u64) -> String {
    format!("user{id}")
}

/// The bot's own user (id [`BOT_ID`], `bot: true`).
pub fn bot_user() -> Value {
    json!({
        "id": BOT_ID.to_string(),
        "username": "haven",
        "discriminator": "0",
        "global_name": null,
        "avatar": null,
        "bot": true,
        "public_flags": 0,
    })
}

fn user_for(id: u64) -> Value {
    if id == BOT_ID {
        bot_user()
    } else {
        user(id, &username_for(id))
    }
}

/// A guild member object. `permissions` is only present on members inside interactions.
pub fn member(user_id: u64, roles: &[u64], permissions: Option<u64>) -> Value {
    let mut m = json!({
        "user": user_for(user_id),
        "nick": null,
        "avatar": null,
        "banner": null,
        "roles": ids(roles),
        "joined_at": JOINED_AT,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "communication_disabled_until": null,
    });
    if let Some(p) = permissions {
        m["permissions"] = json!(p.to_string());
    }
    m
}

fn ids(list: &[u64]) -> Value {
    Value::Array(list.iter().map(|id| json!(id.to_string())).collect())
}

/// A role permission overwrite (type 0); allow/deny as decimal strings like Discord sends them.
pub fn overwrite_role(id: u64, allow: u64, deny: u64) -> Value {
    json!({"id": id.to_string(), "type": 0, "allow": allow.to_string(), "deny": deny.to_string()})
}

/// A member permission overwrite (type 1).
pub fn overwrite_member(id: u64, allow: u64, deny: u64) -> Value {
    json!({"id": id.to_string(), "type": 1, "allow": allow.to_string(), "deny": deny.to_string()})
}

/// A role object.
pub fn role(id: u64, name: &str, permissions: u64, position: u64) -> Value {
    json!({
        "id": id.to_string(),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": position,
        "permissions": permissions.to_string(),
        "managed": false,
        "mentionable": false,
        "flags": 0,
    })
}

/// A guild channel object as Discord returns it (GUILD_CREATE `channels[]`, CHANNEL_CREATE, REST).
pub fn guild_channel(
    id: u64,
    guild_id: u64,
    kind: u8,
    name: &str,
    position: u64,
    overwrites: Vec<Value>,
) -> Value {
    let mut c = json!({
        "id": id.to_string(),
        "type": kind,
        "guild_id": guild_id.to_string(),
        "name": name,
        "position": position,
        "permission_overwrites": overwrites,
        "parent_id": null,
        "nsfw": false,
        "flags": 0,
    });
    if kind == CHANNEL_TEXT {
        c["topic"] = Value::Null;
        c["last_message_id"] = Value::Null;
        c["rate_limit_per_user"] = json!(0);
    }
    if kind == CHANNEL_VOICE {
        c["bitrate"] = json!(64000);
        c["user_limit"] = json!(0);
        c["rtc_region"] = Value::Null;
    }
    c
}

/// A DM channel with `recipient_id`.
pub fn dm_channel(id: u64, recipient_id: u64) -> Value {
    json!({
        "id": id.to_string(),
        "type": CHANNEL_DM,
        "last_message_id": null,
        "recipients": [user_for(recipient_id)],
        "flags": 0,
    })
}

/// A message object (`author` is a user object; `components` an array of action rows).
pub fn message(id: u64, channel_id: u64, author: Value, content: &str, components: Value) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": channel_id.to_string(),
        "author": author,
        "content": content,
        "timestamp": timestamp_now(),
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "components": if components.is_null() { json!([]) } else { components },
        "pinned": false,
        "type": 0,
        "flags": 0,
    })
}

/// A message sent by the bot, e.g. the `message` of a [`component`] interaction.
pub fn bot_message(id: u64, channel_id: u64, content: &str, components: Value) -> Value {
    message(id, channel_id, bot_user(), content, components)
}

/// An action row of buttons `(custom_id, label)`, style primary.
pub fn button_row(buttons: &[(&str, &str)]) -> Value {
    let comps: Vec<Value> = buttons
        .iter()
        .map(|(id, label)| json!({"type": 2, "style": 1, "custom_id": id, "label": label}))
        .collect();
    json!({"type": 1, "components": comps})
}

/// Builder for a full GUILD_CREATE `d` payload. See [`guild`].
#[derive(Clone, Debug)]
pub struct GuildBuilder {
    id: u64,
    owner_id: u64,
    name: String,
    everyone_permissions: u64,
    roles: Vec<Value>,
    channels: Vec<Value>,
    members: Vec<Value>,
    member_ids: Vec<u64>,
}

/// Starts a guild: @everyone (id == guild id) with [`perms::EVERYONE_DEFAULT`], no channels,
/// and (at `build`) the bot's own member holding every role whose `tags.bot_id` is [`BOT_ID`].
pub fn guild(id: u64, owner_id: u64) -> GuildBuilder {
    GuildBuilder {
        id,
        owner_id,
        name: format!("guild{id}"),
        everyone_permissions: perms::EVERYONE_DEFAULT,
        roles: Vec::new(),
        channels: Vec::new(),
        members: Vec::new(),
        member_ids: Vec::new(),
    }
}

impl GuildBuilder {
    pub fn name(mut self, name: &str) -> Self {
        self.name = name.to_owned();
        self
    }

    /// Permissions of the @everyone role.
    pub fn everyone_permissions(mut self, permissions: u64) -> Self {
        self.everyone_permissions = permissions;
        self
    }

    /// A plain role; positions follow insertion order (first added = 1).
    pub fn role(mut self, id: u64, name: &str, permissions: u64) -> Self {
        let position = self.roles.len() as u64 + 1;
        self.roles.push(role(id, name, permissions, position));
        self
    }

    /// A managed integration role of a bot (`tags.bot_id`), like the one Discord creates on invite.
    pub fn bot_role(mut self, id: u64, name: &str, permissions: u64, bot_id: u64) -> Self {
        let position = self.roles.len() as u64 + 1;
        let mut r = role(id, name, permissions, position);
        r["managed"] = json!(true);
        r["tags"] = json!({"bot_id": bot_id.to_string()});
        self.roles.push(r);
        self
    }

    /// A text channel (type 0) with the given permission overwrites.
    pub fn text_channel(mut self, id: u64, name: &str, overwrites: Vec<Value>) -> Self {
        let position = self.channels.len() as u64;
        self.channels.push(guild_channel(
            id,
            self.id,
            CHANNEL_TEXT,
            name,
            position,
            overwrites,
        ));
        self
    }

    /// A channel of any type without overwrites.
    pub fn channel(mut self, id: u64, kind: u8, name: &str) -> Self {
        let position = self.channels.len() as u64;
        self.channels
            .push(guild_channel(id, self.id, kind, name, position, Vec::new()));
        self
    }

    /// A member with the given role ids (without @everyone, like Discord).
    pub fn member(mut self, user_id: u64, roles: &[u64]) -> Self {
        self.members
            .retain(|m| m["user"]["id"] != json!(user_id.to_string()));
        self.member_ids.retain(|u| *u != user_id);
        self.members.push(member(user_id, roles, None));
        self.member_ids.push(user_id);
        self
    }

    /// The GUILD_CREATE `d` with all 26 keys serenity requires (and the usual optional ones).
    pub fn build(self) -> Value {
        let mut roles = vec![role(self.id, "@everyone", self.everyone_permissions, 0)];
        roles.extend(self.roles.iter().cloned());
        let mut members = self.members.clone();
        if !self.member_ids.contains(&BOT_ID) {
            let bot_roles: Vec<u64> = self
                .roles
                .iter()
                .filter(|r| r["tags"]["bot_id"] == json!(BOT_ID.to_string()))
                .filter_map(|r| r["id"].as_str().and_then(|s| s.parse().ok()))
                .collect();
            members.push(member(BOT_ID, &bot_roles, None));
        }
        let member_count = members.len();
        // Split in two: one `json!` this size exceeds the macro recursion limit.
        let mut g = json!({
            "id": self.id.to_string(),
            "name": self.name,
            "icon": null,
            "splash": null,
            "discovery_splash": null,
            "owner_id": self.owner_id.to_string(),
            "afk_channel_id": null,
            "afk_timeout": 300,
            "widget_enabled": false,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 2,
            "roles": roles,
            "emojis": [],
            "features": [],
            "mfa_level": 0,
            "application_id": null,
            "system_channel_id": null,
            "system_channel_flags": 0,
            "rules_channel_id": null,
            "max_members": 500000,
            "vanity_url_code": null,
        });
        let rest = json!({
            "description": null,
            "banner": null,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": null,
            "max_video_channel_users": 25,
            "nsfw_level": 0,
            "stickers": [],
            "premium_progress_bar_enabled": false,
            "safety_alerts_channel_id": null,
            "joined_at": JOINED_AT,
            "large": false,
            "unavailable": false,
            "member_count": member_count,
            "voice_states": [],
            "members": members,
            "channels": self.channels,
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
        });
        if let (Some(dst), Value::Object(src)) = (g.as_object_mut(), rest) {
            dst.extend(src);
        }
        g
    }
}

/// Interaction fields common to every type.
fn interaction_base(
    id: u64,
    kind: u8,
    guild_id: Option<u64>,
    channel_id: u64,
    user_id: u64,
    app_permissions: u64,
) -> Value {
    let mut i = json!({
        "id": id.to_string(),
        "application_id": BOT_ID.to_string(),
        "type": kind,
        "token": interaction_token(id),
        "version": 1,
        "channel_id": channel_id.to_string(),
        "app_permissions": app_permissions.to_string(),
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    });
    match guild_id {
        Some(g) => {
            i["guild_id"] = json!(g.to_string());
            i["guild"] = json!({"id": g.to_string(), "features": [], "locale": "en-US"});
            i["guild_locale"] = json!("en-US");
            i["channel"] = json!({
                "id": channel_id.to_string(),
                "type": CHANNEL_TEXT,
                "guild_id": g.to_string(),
                "name": format!("channel{channel_id}"),
                "permissions": app_permissions.to_string(),
                "flags": 0,
            });
            i["member"] = member(user_id, &[], Some(perms::MEMBER_DEFAULT));
            i["authorizing_integration_owners"] = json!({"0": g.to_string()});
            i["context"] = json!(0);
        }
        None => {
            i["channel"] = json!({
                "id": channel_id.to_string(),
                "type": CHANNEL_DM,
                "flags": 0,
                "recipients": [user_for(user_id)],
            });
            i["user"] = user_for(user_id);
            i["authorizing_integration_owners"] = json!({"0": "0"});
            i["context"] = json!(1);
        }
    }
    i
}

/// Sets the invoking member's roles and permissions of a guild interaction (no-op in DMs).
pub fn with_member(mut interaction: Value, roles: &[u64], permissions: u64) -> Value {
    if let Some(m) = interaction.get_mut("member").and_then(Value::as_object_mut) {
        m.insert("roles".into(), ids(roles));
        m.insert("permissions".into(), json!(permissions.to_string()));
    }
    interaction
}

/// Sets the Discord locale of the person who used the interaction (the client's language).
pub fn with_locale(mut interaction: Value, locale: &str) -> Value {
    interaction["locale"] = json!(locale);
    interaction
}

/// A stable fake command id for a command name (tests may not have registered it in the fake).
pub fn command_id(name: &str) -> u64 {
    let h = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    (1_200_000_000_000_000_000 + (h % 100_000_000_000_000_000)) | 1
}

fn command_data(name: &str, options: Value, resolved: Option<Value>) -> Value {
    let mut data = json!({
        "id": command_id(name).to_string(),
        "name": name,
        "type": 1,
    });
    if !options.is_null() {
        data["options"] = options;
    }
    if let Some(r) = resolved {
        data["resolved"] = r;
    }
    data
}

/// INTERACTION_CREATE `d` for a slash command (type 2). `options` is Discord's `data.options`
/// array (or `Value::Null` for none); `resolved` is `data.resolved` (see [`user_option_resolved`]).
#[allow(clippy::too_many_arguments)]
pub fn slash(
    id: u64,
    guild_id: Option<u64>,
    channel_id: u64,
    user_id: u64,
    name: &str,
    options: Value,
    resolved: Option<Value>,
    app_permissions: u64,
) -> Value {
    let mut i = interaction_base(id, 2, guild_id, channel_id, user_id, app_permissions);
    i["data"] = command_data(name, options, resolved);
    i
}

/// INTERACTION_CREATE `d` for a button click (type 3, component_type 2) on `message`
/// (see [`bot_message`]).
pub fn component(
    id: u64,
    guild_id: Option<u64>,
    channel_id: u64,
    user_id: u64,
    custom_id: &str,
    message: Value,
) -> Value {
    let mut i = interaction_base(id, 3, guild_id, channel_id, user_id, perms::MEMBER_DEFAULT);
    i["data"] = json!({"custom_id": custom_id, "component_type": 2});
    i["message"] = message;
    i
}

/// INTERACTION_CREATE `d` for a modal submission (type 5): one action row per text input
/// `(custom_id, value)`.
pub fn modal_submit(
    id: u64,
    guild_id: Option<u64>,
    channel_id: u64,
    user_id: u64,
    custom_id: &str,
    inputs: &[(&str, &str)],
) -> Value {
    let mut i = interaction_base(id, 5, guild_id, channel_id, user_id, perms::MEMBER_DEFAULT);
    let rows: Vec<Value> = inputs
        .iter()
        .map(|(cid, value)| {
            json!({"type": 1, "components": [{"type": 4, "custom_id": cid, "value": value}]})
        })
        .collect();
    i["data"] = json!({"custom_id": custom_id, "components": rows});
    i
}

/// INTERACTION_CREATE `d` for an autocomplete request (type 4). If no option in `options` has
/// `focused: true`, the last leaf option (innermost for subcommands) is marked focused.
pub fn autocomplete(
    id: u64,
    guild_id: Option<u64>,
    channel_id: u64,
    user_id: u64,
    name: &str,
    mut options: Value,
) -> Value {
    if !has_focused(&options) {
        mark_last_leaf_focused(&mut options);
    }
    let mut i = interaction_base(id, 4, guild_id, channel_id, user_id, perms::MEMBER_DEFAULT);
    i["data"] = command_data(name, options, None);
    i
}

fn has_focused(options: &Value) -> bool {
    options.as_array().is_some_and(|opts| {
        opts.iter().any(|o| {
            o.get("focused").and_then(Value::as_bool) == Some(true)
                || o.get("options").is_some_and(has_focused)
        })
    })
}

fn mark_last_leaf_focused(options: &mut Value) -> bool {
    let Some(opts) = options.as_array_mut() else {
        return false;
    };
    for o in opts.iter_mut().rev() {
        if let Some(sub) = o.get_mut("options") {
            if mark_last_leaf_focused(sub) {
                return true;
            }
        } else if o.get("value").is_some() {
            o["focused"] = json!(true);
            return true;
        }
    }
    false
}

/// `data.resolved` for a USER option naming `user_id` (with its guild member entry).
pub fn user_option_resolved(user_id: u64, username: &str, roles: &[u64]) -> Value {
    let key = user_id.to_string();
    let mut users = Map::new();
    users.insert(key.clone(), user(user_id, username));
    let mut members = Map::new();
    members.insert(
        key,
        json!({
            "nick": null,
            "avatar": null,
            "banner": null,
            "roles": ids(roles),
            "joined_at": JOINED_AT,
            "premium_since": null,
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
            "permissions": perms::MEMBER_DEFAULT.to_string(),
            "communication_disabled_until": null,
        }),
    );
    json!({"users": users, "members": members})
}

/// One USER option `{"name", "type": 6, "value": id}` for [`slash`]'s `options`.
pub fn user_option(name: &str, user_id: u64) -> Value {
    json!({"name": name, "type": 6, "value": user_id.to_string()})
}

/// One STRING option for [`slash`] / [`autocomplete`].
pub fn string_option(name: &str, value: &str) -> Value {
    json!({"name": name, "type": 3, "value": value})
}

/// One INTEGER option.
pub fn integer_option(name: &str, value: i64) -> Value {
    json!({"name": name, "type": 4, "value": value})
}

/// A SUB_COMMAND option wrapping `options`.
pub fn subcommand(name: &str, options: Vec<Value>) -> Value {
    json!({"name": name, "type": 1, "options": options})
}
