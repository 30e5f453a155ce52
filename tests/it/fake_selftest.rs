//! Tests of the test harness itself: the fake Discord, its OpenAPI checker and the payload
//! builders, checked against serenity 0.12.5's own model types and a real serenity client.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use serenity::all::{
    ApplicationId, ChannelId, ChannelType, Command, CommandInteraction, CommandOptionType,
    ComponentInteraction, CreateActionRow, CreateButton, CreateChannel, CreateCommand,
    CreateCommandOption, CreateEmbed, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, CreateMessage,
    CreateModal, CurrentApplicationInfo, EditChannel, EditInteractionResponse, EditMessage,
    GetMessages, GuildId, InputTextStyle, Interaction, MessageId, ModalInteraction, Nonce,
    PermissionOverwrite, PermissionOverwriteType, Permissions, ResolvedValue, RoleId, UserId,
};
use serenity::http::{Http, HttpBuilder};
use serenity::model::channel::{Channel, GuildChannel, Message, PrivateChannel};
use serenity::model::event::{Event, GatewayEvent};
use serenity::model::gateway::Ready;
use serenity::model::guild::Guild;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::support::fake::{FakeDiscord, Recorded, BOT_ID};
use crate::support::openapi;
use crate::support::payloads::{self, perms};

const TOKEN: &str = "fake-token-for-tests";
const GUILD: u64 = 1_200_000_000_000_000_100;
const OWNER: u64 = 1_200_000_000_000_000_200;
const PARTNER: u64 = 1_200_000_000_000_000_201;
const CHANNEL: u64 = 1_200_000_000_000_000_300;
const VOICE: u64 = 1_200_000_000_000_000_301;
const ROLE: u64 = 1_200_000_000_000_000_400;
const BOT_ROLE: u64 = 1_200_000_000_000_000_401;
const WAIT: Duration = Duration::from_secs(10);

fn test_guild() -> Value {
    payloads::guild(GUILD, OWNER)
        .role(ROLE, "couple", perms::VIEW_CHANNEL)
        .bot_role(
            BOT_ROLE,
            "haven",
            perms::MANAGE_CHANNELS | perms::MANAGE_ROLES,
            BOT_ID,
        )
        .text_channel(
            CHANNEL,
            "general",
            vec![
                payloads::overwrite_role(GUILD, 0, perms::VIEW_CHANNEL),
                payloads::overwrite_role(ROLE, perms::VIEW_CHANNEL, 0),
                payloads::overwrite_member(PARTNER, perms::SEND_MESSAGES, 0),
            ],
        )
        .channel(VOICE, payloads::CHANNEL_VOICE, "voice")
        .member(OWNER, &[ROLE])
        .member(PARTNER, &[])
        .build()
}

fn http_for(fake: &FakeDiscord) -> Arc<Http> {
    Arc::new(
        HttpBuilder::new(TOKEN)
            .proxy(fake.base_url())
            .ratelimiter_disabled(true)
            .application_id(ApplicationId::new(BOT_ID))
            .build(),
    )
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, v: &Value) -> T {
    match serde_json::from_value(v.clone()) {
        Ok(t) => t,
        Err(e) => panic!("serenity cannot parse {what}: {e}\n{v:#}"),
    }
}

/// A dispatch frame must parse as a known serenity event (unknown ones are dropped silently).
fn assert_frame_parses(frame: &Value) {
    let ev: GatewayEvent = parse("gateway frame", frame);
    if let GatewayEvent::Dispatch(_, Event::Unknown(u)) = &ev {
        panic!(
            "serenity does not understand dispatch {}: {frame:#}",
            u.kind
        );
    }
}

/// A bare HTTP/1.1 request to the fake (for bodies and headers serenity would not send).
async fn raw_request(
    fake: &FakeDiscord,
    method: &str,
    path: &str,
    auth: Option<&str>,
    content_type: &str,
    body: &[u8],
) -> (u16, String, String) {
    let addr = fake.base_url().trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(a) = auth {
        head.push_str(&format!("Authorization: {a}\r\n"));
    }
    if !content_type.is_empty() {
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    stream.write_all(body).await.expect("write");
    let mut resp = Vec::new();
    tokio::time::timeout(WAIT, stream.read_to_end(&mut resp))
        .await
        .expect("response in time")
        .expect("read");
    let text = String::from_utf8_lossy(&resp).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, headers.to_ascii_lowercase(), body.to_owned())
}

fn bot_auth() -> String {
    format!("Bot {TOKEN}")
}

#[test]
fn builders_produce_payloads_serenity_parses() {
    let g: Guild = parse("guild", &test_guild());
    assert_eq!(g.id, GuildId::new(GUILD));
    assert_eq!(g.owner_id, UserId::new(OWNER));
    assert_eq!(g.roles.len(), 3);
    let everyone = &g.roles[&RoleId::new(GUILD)];
    assert_eq!(everyone.name, "@everyone");
    let bot_role = &g.roles[&RoleId::new(BOT_ROLE)];
    assert!(bot_role.managed);
    assert_eq!(bot_role.tags.bot_id, Some(UserId::new(BOT_ID)));
    let bot_member = &g.members[&UserId::new(BOT_ID)];
    assert_eq!(bot_member.roles, vec![RoleId::new(BOT_ROLE)]);
    assert_eq!(
        g.members[&UserId::new(OWNER)].roles,
        vec![RoleId::new(ROLE)]
    );
    let general = &g.channels[&ChannelId::new(CHANNEL)];
    assert_eq!(general.kind, ChannelType::Text);
    assert_eq!(general.permission_overwrites.len(), 3);
    assert_eq!(
        general.permission_overwrites[2].kind,
        PermissionOverwriteType::Member(UserId::new(PARTNER))
    );
    assert_eq!(
        general.permission_overwrites[0].deny,
        Permissions::VIEW_CHANNEL
    );
    assert_eq!(g.channels[&ChannelId::new(VOICE)].kind, ChannelType::Voice);

    // Slash command in a guild, with a USER option and its resolved member.
    let slash = payloads::slash(
        1_300_000_000_000_000_001,
        Some(GUILD),
        CHANNEL,
        OWNER,
        "pair",
        json!([payloads::user_option("partner", PARTNER)]),
        Some(payloads::user_option_resolved(PARTNER, "partner", &[ROLE])),
        perms::EVERYONE_DEFAULT,
    );
    let slash = payloads::with_member(slash, &[ROLE], perms::VIEW_CHANNEL);
    let cmd: CommandInteraction = parse("slash", &slash);
    assert_eq!(cmd.data.name, "pair");
    assert_eq!(cmd.guild_id, Some(GuildId::new(GUILD)));
    assert_eq!(
        cmd.user.id,
        UserId::new(OWNER),
        "user is filled from member"
    );
    let member = cmd.member.as_ref().expect("member");
    assert_eq!(member.roles, vec![RoleId::new(ROLE)]);
    assert_eq!(member.permissions, Some(Permissions::VIEW_CHANNEL));
    assert_eq!(
        cmd.app_permissions,
        Some(Permissions::from_bits_truncate(perms::EVERYONE_DEFAULT))
    );
    match cmd.data.options()[0].value {
        ResolvedValue::User(user, member) => {
            assert_eq!(user.id, UserId::new(PARTNER));
            assert_eq!(
                member.expect("resolved member").roles,
                vec![RoleId::new(ROLE)]
            );
        }
        ref other => panic!("expected a user option, got {other:?}"),
    }
    let resolved_user = &cmd.data.resolved.users[&UserId::new(PARTNER)];
    assert_eq!(resolved_user.name, "partner");
    assert_eq!(
        cmd.data.resolved.members[&UserId::new(PARTNER)].roles,
        vec![RoleId::new(ROLE)]
    );
    assert!(matches!(
        parse::<Interaction>("slash", &slash),
        Interaction::Command(_)
    ));

    // Slash command in a DM: `user`, no member.
    let dm = payloads::slash(
        1_300_000_000_000_000_002,
        None,
        CHANNEL + 50,
        PARTNER,
        "today",
        Value::Null,
        None,
        perms::EVERYONE_DEFAULT,
    );
    let cmd: CommandInteraction = parse("DM slash", &dm);
    assert!(cmd.guild_id.is_none() && cmd.member.is_none());
    assert_eq!(cmd.user.id, UserId::new(PARTNER));
    assert_ne!(
        cmd.token,
        parse::<CommandInteraction>("slash", &slash).token,
        "tokens are unique"
    );

    // Button click on a bot message.
    let msg = payloads::bot_message(
        1_300_000_000_000_000_010,
        CHANNEL,
        "Ready?",
        json!([payloads::button_row(&[("v1:yes", "Yes"), ("v1:no", "No")])]),
    );
    let parsed_msg: Message = parse("bot message", &msg);
    assert_eq!(parsed_msg.author.id, UserId::new(BOT_ID));
    assert_eq!(parsed_msg.components[0].components.len(), 2);
    let click = payloads::component(
        1_300_000_000_000_000_003,
        Some(GUILD),
        CHANNEL,
        PARTNER,
        "v1:yes",
        msg,
    );
    let comp: ComponentInteraction = parse("component", &click);
    assert_eq!(comp.data.custom_id, "v1:yes");
    assert_eq!(comp.message.id, MessageId::new(1_300_000_000_000_000_010));
    assert!(matches!(
        parse::<Interaction>("component", &click),
        Interaction::Component(_)
    ));

    // Modal submission.
    let modal = payloads::modal_submit(
        1_300_000_000_000_000_004,
        None,
        CHANNEL + 50,
        PARTNER,
        "v1:note",
        &[("mood", "calm"), ("note", "thank you")],
    );
    let m: ModalInteraction = parse("modal", &modal);
    assert_eq!(m.data.custom_id, "v1:note");
    assert_eq!(m.data.components.len(), 2);
    assert!(matches!(
        parse::<Interaction>("modal", &modal),
        Interaction::Modal(_)
    ));

    // Autocomplete: the last leaf option is focused.
    let ac = payloads::autocomplete(
        1_300_000_000_000_000_005,
        Some(GUILD),
        CHANNEL,
        OWNER,
        "habit",
        json!([payloads::subcommand(
            "pick",
            vec![payloads::string_option("name", "wal")]
        )]),
    );
    assert_eq!(
        ac["data"]["options"][0]["options"][0]["focused"],
        json!(true)
    );
    match parse::<Interaction>("autocomplete", &ac) {
        Interaction::Autocomplete(a) => {
            let focused = a.data.autocomplete().expect("focused option");
            assert_eq!(focused.name, "name");
            assert_eq!(focused.value, "wal");
        }
        other => panic!("expected autocomplete, got {other:?}"),
    }

    // Channels.
    let dm_channel: PrivateChannel =
        parse("DM channel", &payloads::dm_channel(CHANNEL + 50, PARTNER));
    assert_eq!(dm_channel.recipient.id, UserId::new(PARTNER));
    let _: GuildChannel = parse(
        "guild channel",
        &payloads::guild_channel(CHANNEL + 1, GUILD, 0, "x", 0, vec![]),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fake_rest_answers_parse_as_serenity_models() {
    let fake = FakeDiscord::start(TOKEN, vec![test_guild()]).await;
    let http = http_for(&fake);

    let ready: Ready = parse("READY", &fake.ready_payload());
    assert_eq!(ready.user.id, UserId::new(BOT_ID));
    assert_eq!(ready.application.id, ApplicationId::new(BOT_ID));

    let gw = http.get_gateway().await.expect("GET /gateway");
    assert_eq!(gw.url, fake.gateway_url());
    let bot_gw = http.get_bot_gateway().await.expect("GET /gateway/bot");
    assert_eq!(bot_gw.shards, 1);
    let app: CurrentApplicationInfo = http.get_current_application_info().await.expect("app info");
    assert_eq!(app.id, ApplicationId::new(BOT_ID));
    let me = http.get_current_user().await.expect("users/@me");
    assert_eq!(me.id, UserId::new(BOT_ID));
    assert!(me.bot);

    // Commands, global and guild.
    let commands = vec![
        CreateCommand::new("pair")
            .description("Pair with your partner")
            .add_option(
                CreateCommandOption::new(CommandOptionType::User, "partner", "Your partner")
                    .required(true),
            ),
        CreateCommand::new("habit")
            .description("Habits")
            .add_option(
                CreateCommandOption::new(CommandOptionType::SubCommand, "pick", "Pick one")
                    .add_sub_option(
                        CreateCommandOption::new(CommandOptionType::String, "name", "Name")
                            .set_autocomplete(true),
                    ),
            ),
    ];
    let global = Command::set_global_commands(&http, commands.clone())
        .await
        .expect("PUT global commands");
    assert_eq!(global.len(), 2);
    assert_eq!(global[0].application_id, ApplicationId::new(BOT_ID));
    let again = Command::set_global_commands(&http, commands.clone())
        .await
        .expect("PUT again");
    assert_eq!(again[0].id, global[0].id, "re-registering keeps ids");
    let guild_cmds = GuildId::new(GUILD)
        .set_commands(&http, commands)
        .await
        .expect("PUT guild commands");
    assert_eq!(guild_cmds[1].guild_id, Some(GuildId::new(GUILD)));

    // Channel messages with embeds and buttons.
    let channel = ChannelId::new(CHANNEL);
    let sent = channel
        .send_message(
            &http,
            CreateMessage::new()
                .content("hello")
                .embed(
                    CreateEmbed::new()
                        .title("t")
                        .description("d")
                        .field("f", "v", true),
                )
                .components(vec![CreateActionRow::Buttons(vec![
                    CreateButton::new("v1:a").label("A"),
                    CreateButton::new_link("https://example.com").label("L"),
                ])]),
        )
        .await
        .expect("send message");
    assert_eq!(sent.content, "hello");
    assert_eq!(sent.embeds[0].title.as_deref(), Some("t"));
    assert_eq!(sent.components[0].components.len(), 2);
    let second = channel
        .send_message(
            &http,
            CreateMessage::new()
                .content("second")
                .nonce(Nonce::String("n-1".into()))
                .enforce_nonce(true),
        )
        .await
        .expect("send with nonce");
    let dup = channel
        .send_message(
            &http,
            CreateMessage::new()
                .content("second again")
                .nonce(Nonce::String("n-1".into()))
                .enforce_nonce(true),
        )
        .await
        .expect("send duplicate nonce");
    assert_eq!(
        dup.id, second.id,
        "enforce_nonce returns the existing message"
    );
    assert_eq!(dup.content, "second");
    let listed = channel
        .messages(&http, GetMessages::new().limit(1))
        .await
        .expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, second.id, "newest first");
    let edited = channel
        .edit_message(&http, sent.id, EditMessage::new().content("edited"))
        .await
        .expect("edit");
    assert_eq!(edited.content, "edited");
    assert!(edited.edited_timestamp.is_some());
    channel
        .delete_message(&http, sent.id)
        .await
        .expect("delete");
    assert_eq!(fake.channel_messages(CHANNEL).len(), 1);

    // Channel creation answers a GuildChannel and queues CHANNEL_CREATE.
    let created = GuildId::new(GUILD)
        .create_channel(
            &http,
            CreateChannel::new("private-space")
                .kind(ChannelType::Text)
                .permissions(vec![
                    PermissionOverwrite {
                        allow: Permissions::empty(),
                        deny: Permissions::VIEW_CHANNEL,
                        kind: PermissionOverwriteType::Role(RoleId::new(GUILD)),
                    },
                    PermissionOverwrite {
                        allow: Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES,
                        deny: Permissions::empty(),
                        kind: PermissionOverwriteType::Member(UserId::new(PARTNER)),
                    },
                ]),
        )
        .await
        .expect("create channel");
    assert_eq!(created.name, "private-space");
    assert_eq!(created.guild_id, GuildId::new(GUILD));
    assert_eq!(created.permission_overwrites.len(), 2);
    assert_eq!(
        created.permission_overwrites[1].allow,
        Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES
    );
    let fetched = http.get_channel(created.id).await.expect("GET channel");
    assert!(matches!(fetched, Channel::Guild(c) if c.id == created.id));
    created
        .id
        .create_permission(
            &http,
            PermissionOverwrite {
                allow: Permissions::VIEW_CHANNEL,
                deny: Permissions::empty(),
                kind: PermissionOverwriteType::Member(UserId::new(OWNER)),
            },
        )
        .await
        .expect("PUT overwrite");
    created
        .id
        .delete_permission(&http, PermissionOverwriteType::Member(UserId::new(PARTNER)))
        .await
        .expect("DELETE overwrite");
    let renamed = created
        .id
        .edit(&http, EditChannel::new().name("our-space").topic("us"))
        .await
        .expect("PATCH channel");
    assert_eq!(renamed.name, "our-space");
    assert_eq!(renamed.topic.as_deref(), Some("us"));
    let kinds: Vec<_> = renamed
        .permission_overwrites
        .iter()
        .map(|o| o.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            PermissionOverwriteType::Role(RoleId::new(GUILD)),
            PermissionOverwriteType::Member(UserId::new(OWNER)),
        ]
    );
    let channels = GuildId::new(GUILD)
        .channels(&http)
        .await
        .expect("GET guild channels");
    assert_eq!(channels.len(), 3);
    let roles = GuildId::new(GUILD).roles(&http).await.expect("GET roles");
    assert_eq!(roles.len(), 3);
    let partner = http
        .get_member(GuildId::new(GUILD), UserId::new(PARTNER))
        .await
        .expect("GET member");
    assert!(partner.roles.is_empty());
    http.add_member_role(
        GuildId::new(GUILD),
        UserId::new(PARTNER),
        RoleId::new(ROLE),
        None,
    )
    .await
    .expect("PUT member role");
    let partner = http
        .get_member(GuildId::new(GUILD), UserId::new(PARTNER))
        .await
        .expect("GET member");
    assert_eq!(partner.roles, vec![RoleId::new(ROLE)]);
    assert!(http
        .get_member(GuildId::new(GUILD), UserId::new(PARTNER + 99))
        .await
        .is_err());
    created.id.delete(&http).await.expect("DELETE channel");
    assert!(http.get_channel(created.id).await.is_err());

    // DM channel.
    let dm = UserId::new(PARTNER)
        .create_dm_channel(&http)
        .await
        .expect("create DM");
    assert_eq!(dm.recipient.id, UserId::new(PARTNER));
    assert_eq!(fake.dm_channel_of(PARTNER), Some(dm.id.get()));
    dm.id
        .send_message(&http, CreateMessage::new().content("hello"))
        .await
        .expect("a DM is delivered");
    // Someone whose settings close DMs: the channel opens, the message is refused.
    fake.refuse_dms_from(PARTNER);
    let again = UserId::new(PARTNER)
        .create_dm_channel(&http)
        .await
        .expect("the DM channel still opens");
    assert_eq!(again.id, dm.id);
    let refused = dm
        .id
        .send_message(&http, CreateMessage::new().content("hello again"))
        .await
        .expect_err("the DM is refused");
    match refused {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => {
            assert_eq!((r.status_code.as_u16(), r.error.code), (403, 50007));
        }
        other => panic!("expected Discord's 50007, got {other:?}"),
    }

    // Interaction responses.
    let d = payloads::slash(
        1_300_000_000_000_000_020,
        Some(GUILD),
        CHANNEL,
        OWNER,
        "pair",
        Value::Null,
        None,
        perms::EVERYONE_DEFAULT,
    );
    fake.dispatch("INTERACTION_CREATE", d.clone()); // no connection: queued, remembered
    let cmd: CommandInteraction = parse("slash", &d);
    cmd.create_response(
        &http,
        CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content("answer")
                .ephemeral(true),
        ),
    )
    .await
    .expect("callback");
    let twice = cmd
        .create_response(&http, CreateInteractionResponse::Acknowledge)
        .await;
    assert!(
        twice.is_err(),
        "a second callback is refused like Discord does"
    );
    let original = cmd.get_response(&http).await.expect("GET @original");
    assert_eq!(original.content, "answer");
    assert_eq!(original.channel_id, ChannelId::new(CHANNEL));
    let edited = cmd
        .edit_response(&http, EditInteractionResponse::new().content("better"))
        .await
        .expect("PATCH @original");
    assert_eq!(edited.content, "better");
    let follow = cmd
        .create_followup(
            &http,
            CreateInteractionResponseFollowup::new().content("more"),
        )
        .await
        .expect("followup");
    assert_eq!(follow.content, "more");
    cmd.delete_followup(&http, follow.id)
        .await
        .expect("delete followup");
    cmd.delete_response(&http).await.expect("DELETE @original");
    assert!(fake.original_response(&cmd.token).is_none());

    // A modal callback validates too.
    let d2 = payloads::slash(
        1_300_000_000_000_000_021,
        None,
        CHANNEL + 50,
        PARTNER,
        "note",
        Value::Null,
        None,
        perms::EVERYONE_DEFAULT,
    );
    let cmd2: CommandInteraction = parse("slash", &d2);
    cmd2.create_response(
        &http,
        CreateInteractionResponse::Modal(CreateModal::new("v1:note", "A note").components(vec![
            CreateActionRow::InputText(CreateInputText::new(
                InputTextStyle::Paragraph,
                "Note",
                "note",
            )),
        ])),
    )
    .await
    .expect("modal callback");

    let callback = fake
        .wait_request("the modal callback", WAIT, |r| {
            r.method == "POST"
                && r.path.ends_with("/callback")
                && r.body
                    .as_ref()
                    .is_some_and(|b| b["type"] == json!(payloads::callback::MODAL))
        })
        .await
        .expect("recorded");
    assert_eq!(callback.status, 204);
    assert_eq!(callback.auth.as_deref(), Some(bot_auth().as_str()));
    assert!(fake.requests().iter().all(|r| r.path.starts_with('/')));

    fake.assert_schema_clean();
    fake.shutdown().await;
}

#[tokio::test]
async fn fake_rest_auth_faults_multipart_and_unknown_routes() {
    let fake = FakeDiscord::start(TOKEN, vec![test_guild()]).await;
    let auth = bot_auth();
    let msg_path = format!("/api/v10/channels/{CHANNEL}/messages");

    let (status, _, body) = raw_request(
        &fake,
        "GET",
        "/api/v10/users/@me",
        Some("Bot wrong"),
        "",
        b"",
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["message"],
        "401: Unauthorized"
    );
    let (status, _, _) = raw_request(&fake, "GET", "/api/v10/users/@me", None, "", b"").await;
    assert_eq!(status, 401);

    let (status, _, body) = raw_request(
        &fake,
        "GET",
        "/api/v10/nothing/here?x=1",
        Some(&auth),
        "",
        b"",
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"message":"Unknown","code":0})
    );
    let unknown = fake
        .wait_request("the unknown route", WAIT, |r| r.path == "/nothing/here")
        .await
        .unwrap();
    assert_eq!(unknown.query.as_deref(), Some("x=1"));
    assert_eq!(unknown.status, 404);

    // Faults: FIFO, one use each, matched by method and path substring.
    fake.push_fault(
        "POST",
        "/messages",
        429,
        json!({"message": "You are being rate limited.", "retry_after": 1.5, "global": false}),
    );
    fake.push_fault(
        "POST",
        "/messages",
        500,
        json!({"message": "oops", "code": 0}),
    );
    let good = json!({"content": "hi"}).to_string();
    let (s1, h1, _) = raw_request(
        &fake,
        "POST",
        &msg_path,
        Some(&auth),
        "application/json",
        good.as_bytes(),
    )
    .await;
    assert_eq!(s1, 429);
    assert!(h1.contains("retry-after: 2"), "{h1}");
    let (s2, _, _) = raw_request(
        &fake,
        "POST",
        &msg_path,
        Some(&auth),
        "application/json",
        good.as_bytes(),
    )
    .await;
    assert_eq!(s2, 500);
    let (s3, _, b3) = raw_request(
        &fake,
        "POST",
        &msg_path,
        Some(&auth),
        "application/json",
        good.as_bytes(),
    )
    .await;
    assert_eq!(s3, 200);
    let _: Message = parse("message", &serde_json::from_str(&b3).unwrap());

    // Multipart: payload_json is parsed and recorded.
    let boundary = "XyZzY";
    let multipart = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nfile body\r\n--{boundary}\r\nContent-Disposition: form-data; \
         name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n{{\"content\":\"with file\",\
         \"attachments\":[{{\"id\":0,\"filename\":\"a.txt\"}}]}}\r\n--{boundary}--\r\n"
    );
    let (s4, _, b4) = raw_request(
        &fake,
        "POST",
        &msg_path,
        Some(&auth),
        &format!("multipart/form-data; boundary={boundary}"),
        multipart.as_bytes(),
    )
    .await;
    assert_eq!(s4, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&b4).unwrap()["content"],
        "with file"
    );
    let rec = fake
        .wait_request("the multipart post", WAIT, |r| {
            r.body.as_ref().is_some_and(|b| b["content"] == "with file")
        })
        .await
        .unwrap();
    assert_eq!(rec.path, format!("/channels/{CHANNEL}/messages"));

    // Listing: newest first, limit honoured.
    let (s5, _, b5) = raw_request(
        &fake,
        "GET",
        &format!("{msg_path}?limit=2"),
        Some(&auth),
        "",
        b"",
    )
    .await;
    assert_eq!(s5, 200);
    let list: Vec<Message> = parse("message list", &serde_json::from_str(&b5).unwrap());
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].content, "with file");
    assert_eq!(list[1].content, "hi");

    let err = fake
        .wait_request("something never sent", Duration::from_millis(50), |r| {
            r.method == "TRACE"
        })
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("something never sent") && err.contains("GET /nothing/here?x=1 -> 404"),
        "{err}"
    );

    fake.assert_schema_clean();
    fake.shutdown().await;
}

#[test]
fn hand_checks_flag_what_the_schema_misses() {
    let msg = "/channels/1/messages";
    let long = "x".repeat(2001);
    assert!(!openapi::manual_violations("POST", msg, &json!({"content": long})).is_empty());
    assert!(
        openapi::manual_violations("POST", msg, &json!({"content": "x".repeat(2000)})).is_empty()
    );

    let row = |n: usize, prefix: &str| {
        let buttons: Vec<Value> = (0..n)
            .map(|i| json!({"type": 2, "style": 1, "custom_id": format!("{prefix}{i}"), "label": "b"}))
            .collect();
        json!({"type": 1, "components": buttons})
    };
    let rows: Vec<Value> = (0..6).map(|i| row(1, &format!("r{i}-"))).collect();
    assert!(!openapi::manual_violations("POST", msg, &json!({"components": rows})).is_empty());
    assert!(
        !openapi::manual_violations("POST", msg, &json!({"components": [row(6, "b")]})).is_empty()
    );
    assert!(openapi::manual_violations(
        "POST",
        msg,
        &json!({"components": [row(5, "b"), row(5, "c")]})
    )
    .is_empty());
    let dup = json!({"components": [row(2, "same"), row(1, "same")]});
    assert!(
        !openapi::manual_violations("POST", msg, &dup).is_empty(),
        "duplicate custom_id"
    );
    let long_id = json!({"type": 4, "data": {"components": [{"type": 1, "components": [
        {"type": 2, "style": 1, "custom_id": "x".repeat(101), "label": "b"}]}]}});
    assert!(!openapi::manual_violations("POST", "/interactions/1/t/callback", &long_id).is_empty());

    let cmds = "/applications/1000/commands";
    for bad in ["Hello", "two words", "", &"a".repeat(33), "emoji🙂"] {
        let body = json!([{"name": bad, "description": "d", "type": 1}]);
        assert!(
            !openapi::manual_violations("PUT", cmds, &body).is_empty(),
            "{bad:?} must be flagged"
        );
    }
    for good in ["hello", "check-in", "ça_va", "日記", "เช็คอิน"] {
        let body = json!([{"name": good, "description": "d", "type": 1}]);
        assert!(
            openapi::manual_violations("PUT", cmds, &body).is_empty(),
            "{good:?} is valid"
        );
    }
    let bad_option = json!([{"name": "pair", "description": "d", "options": [
        {"type": 6, "name": "Partner", "description": "d"}]}]);
    assert!(!openapi::manual_violations("PUT", cmds, &bad_option).is_empty());
    let user_cmd = json!([{"name": "Send Love", "type": 2}]);
    assert!(openapi::manual_violations("PUT", cmds, &user_cmd).is_empty());
}

#[test]
fn openapi_spec_loading_rejects_non_specs() {
    let dir = tempfile::tempdir().unwrap();
    assert!(openapi::Spec::load(&dir.path().join("missing.json")).is_err());
    let not_json = dir.path().join("x.json");
    std::fs::write(&not_json, "{").unwrap();
    assert!(openapi::Spec::load(&not_json).is_err());
    let not_spec = dir.path().join("y.json");
    std::fs::write(&not_spec, r#"{"hello": 1}"#).unwrap();
    assert!(openapi::Spec::load(&not_spec).is_err());
}

#[test]
fn openapi_schema_flags_bad_bodies_and_accepts_good_ones() {
    let Some(spec) = openapi::spec() else {
        eprintln!(
            "openapi_schema_flags_bad_bodies_and_accepts_good_ones: SKIPPED ({} is not set)",
            openapi::SPEC_ENV
        );
        return;
    };
    assert_eq!(
        spec.route_template("/webhooks/1000/tok/messages/@original"),
        Some("/webhooks/{webhook_id}/{webhook_token}/messages/@original")
    );
    assert_eq!(
        spec.route_template("/webhooks/1000/tok/messages/123"),
        Some("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
    );
    assert_eq!(
        spec.route_template("/channels/1/messages"),
        Some("/channels/{channel_id}/messages")
    );
    assert_eq!(spec.route_template("/nothing"), None);

    let msg = "/channels/1/messages";
    assert!(spec
        .schema_violations("POST", msg, &json!({"content": "hi"}))
        .is_empty());
    let embeds: Vec<Value> = (0..11).map(|i| json!({"title": format!("e{i}")})).collect();
    let v = spec.schema_violations("POST", msg, &json!({"embeds": embeds}));
    assert!(!v.is_empty(), "11 embeds");
    assert!(!spec
        .schema_violations("POST", msg, &json!({"content": 5}))
        .is_empty());
    assert!(!spec
        .schema_violations("POST", msg, &json!({"content": "x".repeat(4001)}))
        .is_empty());
    // 2001 characters pass the schema (4000) but not the bot limit.
    assert!(!openapi::check_request("POST", msg, &json!({"content": "x".repeat(2001)})).is_empty());

    let cb = "/interactions/1/tok/callback";
    let modal_ok = json!({"type": 9, "data": {"custom_id": "m", "title": "T", "components": [
        {"type": 1, "components": [{"type": 4, "custom_id": "a", "style": 1, "label": "A"}]}]}});
    assert!(
        spec.schema_violations("POST", cb, &modal_ok).is_empty(),
        "{:?}",
        spec.schema_violations("POST", cb, &modal_ok)
    );
    let mut modal_bad = modal_ok.clone();
    modal_bad["data"].as_object_mut().unwrap().remove("title");
    assert!(
        !spec.schema_violations("POST", cb, &modal_bad).is_empty(),
        "modal without title"
    );

    assert!(
        !spec
            .schema_violations("POST", "/nothing/here", &json!({}))
            .is_empty(),
        "unknown route"
    );
    assert!(
        !spec.schema_violations("DELETE", msg, &json!({})).is_empty(),
        "method not in spec"
    );
    assert!(
        !spec
            .schema_violations("GET", "/gateway", &json!({"a": 1}))
            .is_empty(),
        "no body expected"
    );

    let cmds = json!([{"name": "pair", "description": "Pair up", "type": 1, "options": [
        {"type": 6, "name": "partner", "description": "Partner", "required": true}]}]);
    assert!(spec
        .schema_violations("PUT", "/applications/1000/commands", &cmds)
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fake_records_schema_violations_and_assert_panics() {
    let fake = FakeDiscord::start(TOKEN, vec![]).await;
    let path = format!("/api/v10/channels/{CHANNEL}/messages");
    let body = json!({"content": "x".repeat(2001)}).to_string();
    let (status, _, _) = raw_request(
        &fake,
        "POST",
        &path,
        Some(&bot_auth()),
        "application/json",
        body.as_bytes(),
    )
    .await;
    assert_eq!(
        status, 200,
        "the fake answers anyway; the violation is recorded"
    );
    let (status, _, _) = raw_request(
        &fake,
        "POST",
        &path,
        Some(&bot_auth()),
        "application/json",
        b"{nope",
    )
    .await;
    assert_eq!(status, 200);
    let v = fake.violations();
    assert_eq!(v.len(), 2, "{v:#?}");
    assert!(v[0].contains("2001 characters"), "{v:#?}");
    assert!(v[1].contains("not JSON"), "{v:#?}");
    let f = fake.clone();
    let panicked = std::panic::catch_unwind(move || f.assert_schema_clean());
    assert!(panicked.is_err());
    fake.shutdown().await;
}

enum Seen {
    Ready(u64),
    Guild(u64),
    Interaction(Box<Interaction>),
    ChannelCreate(u64),
}

struct Recorder(mpsc::UnboundedSender<Seen>);

#[serenity::async_trait]
impl serenity::all::EventHandler for Recorder {
    async fn ready(&self, _ctx: serenity::all::Context, ready: Ready) {
        let _ = self.0.send(Seen::Ready(ready.user.id.get()));
    }

    async fn guild_create(
        &self,
        _ctx: serenity::all::Context,
        guild: Guild,
        _is_new: Option<bool>,
    ) {
        let _ = self.0.send(Seen::Guild(guild.id.get()));
    }

    async fn channel_create(&self, _ctx: serenity::all::Context, channel: GuildChannel) {
        let _ = self.0.send(Seen::ChannelCreate(channel.id.get()));
    }

    async fn interaction_create(&self, ctx: serenity::all::Context, interaction: Interaction) {
        if let Interaction::Command(cmd) = &interaction {
            let _ = cmd
                .create_response(
                    &ctx.http,
                    CreateInteractionResponse::Message(
                        CreateInteractionResponseMessage::new().content("pong"),
                    ),
                )
                .await;
        }
        let _ = self.0.send(Seen::Interaction(Box::new(interaction)));
    }
}

async fn next_matching(
    rx: &mut mpsc::UnboundedReceiver<Seen>,
    what: &str,
    mut pred: impl FnMut(&Seen) -> bool,
) -> Seen {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(seen)) if pred(&seen) => return seen,
            Ok(Some(_)) => continue,
            Ok(None) => panic!("event channel closed while waiting for {what}"),
            Err(_) => panic!("timed out waiting for {what}"),
        }
    }
}

fn interaction_id(seen: &Seen) -> Option<u64> {
    match seen {
        Seen::Interaction(i) => Some(match i.as_ref() {
            Interaction::Command(c) => c.id.get(),
            Interaction::Component(c) => c.id.get(),
            Interaction::Modal(m) => m.id.get(),
            Interaction::Autocomplete(a) => a.id.get(),
            _ => 0,
        }),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_client_connects_resumes_and_receives_interactions() {
    let fake = FakeDiscord::start(TOKEN, vec![test_guild()]).await;
    // Dispatched before any connection: delivered once the session is ready.
    let early = payloads::slash(
        1_300_000_000_000_000_100,
        Some(GUILD),
        CHANNEL,
        OWNER,
        "pair",
        Value::Null,
        None,
        perms::EVERYONE_DEFAULT,
    );
    fake.dispatch("INTERACTION_CREATE", early);

    let (tx, mut rx) = mpsc::unbounded_channel();
    let http = HttpBuilder::new(TOKEN)
        .proxy(fake.base_url())
        .ratelimiter_disabled(true)
        .build();
    let mut client =
        serenity::all::ClientBuilder::new_with_http(http, serenity::all::GatewayIntents::GUILDS)
            .event_handler(Recorder(tx))
            .await
            .expect("client");
    let shards = client.shard_manager.clone();
    let run = tokio::spawn(async move { client.start().await });

    next_matching(
        &mut rx,
        "READY",
        |s| matches!(s, Seen::Ready(id) if *id == BOT_ID),
    )
    .await;
    // GUILD_CREATE and the early interaction may arrive in either order: wait for both.
    let (mut guild_seen, mut early_seen) = (false, false);
    while !(guild_seen && early_seen) {
        let seen = next_matching(&mut rx, "GUILD_CREATE and the early interaction", |s| {
            matches!(s, Seen::Guild(id) if *id == GUILD)
                || interaction_id(s) == Some(1_300_000_000_000_000_100)
        })
        .await;
        if matches!(seen, Seen::Guild(_)) {
            guild_seen = true;
        } else {
            early_seen = true;
        }
    }
    fake.wait_ready(WAIT).await.expect("session ready");
    fake.wait_request(
        "the answer to the early interaction",
        WAIT,
        |r: &Recorded| r.path.starts_with("/interactions/1300000000000000100/") && r.status == 204,
    )
    .await
    .expect("callback");

    let second = payloads::component(
        1_300_000_000_000_000_101,
        Some(GUILD),
        CHANNEL,
        PARTNER,
        "v1:yes",
        payloads::bot_message(
            1_300_000_000_000_000_050,
            CHANNEL,
            "Ready?",
            json!([payloads::button_row(&[("v1:yes", "Yes")])]),
        ),
    );
    fake.dispatch("INTERACTION_CREATE", second);
    next_matching(&mut rx, "the component interaction", |s| {
        interaction_id(s) == Some(1_300_000_000_000_000_101)
    })
    .await;

    // Op 7 RECONNECT: serenity reconnects and RESUMEs; dispatches keep flowing.
    fake.send_raw(json!({"op": 7, "d": null}));
    let third = payloads::slash(
        1_300_000_000_000_000_102,
        None,
        CHANNEL + 50,
        PARTNER,
        "today",
        Value::Null,
        None,
        perms::EVERYONE_DEFAULT,
    );
    fake.dispatch("INTERACTION_CREATE", third);
    fake.wait_ready(WAIT).await.expect("resumed");
    next_matching(&mut rx, "the interaction after RESUME", |s| {
        interaction_id(s) == Some(1_300_000_000_000_000_102)
    })
    .await;
    assert_eq!(fake.identify_count(), 1);
    assert_eq!(fake.resume_count(), 1);
    assert_eq!(fake.connection_count(), 2);

    // A resumable close code: RESUME again. Then stay connected over a few heartbeats
    // (interval 1 s): answered heartbeats mean no further reconnects.
    fake.close_connection(4000);
    let fourth = payloads::modal_submit(
        1_300_000_000_000_000_103,
        Some(GUILD),
        CHANNEL,
        OWNER,
        "v1:note",
        &[("note", "hi")],
    );
    fake.dispatch("INTERACTION_CREATE", fourth);
    fake.wait_ready(WAIT)
        .await
        .expect("resumed after close 4000");
    next_matching(&mut rx, "the interaction after close 4000", |s| {
        interaction_id(s) == Some(1_300_000_000_000_000_103)
    })
    .await;
    assert_eq!(fake.resume_count(), 2);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(fake.connection_count(), 3, "heartbeats are acknowledged");
    assert_eq!(fake.identify_count(), 1);

    // REST-triggered gateway events reach the bot too.
    let http = http_for(&fake);
    let created = GuildId::new(GUILD)
        .create_channel(&http, CreateChannel::new("space"))
        .await
        .expect("create channel");
    next_matching(
        &mut rx,
        "CHANNEL_CREATE",
        |s| matches!(s, Seen::ChannelCreate(id) if *id == created.id.get()),
    )
    .await;

    let frames = fake.gateway_sent();
    assert!(frames.iter().any(|f| f["t"] == "RESUMED"));
    for f in &frames {
        assert_frame_parses(f);
    }
    fake.assert_schema_clean();

    shards.shutdown_all().await;
    let _ = tokio::time::timeout(WAIT, run).await.expect("client stops");
    fake.shutdown().await;
}
