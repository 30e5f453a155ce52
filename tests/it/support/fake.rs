//! A fake Discord on 127.0.0.1 for integration tests: REST v10 and the gateway websocket served
//! by one axum server, recording every REST request and checking its body against Discord's
//! OpenAPI schema (see `openapi`).
//!
//! Point serenity at it with `HttpBuilder::new(token).proxy(fake.base_url())
//! .ratelimiter_disabled(true)`; `client.start()` then fetches `GET /api/v10/gateway` and
//! connects to the websocket at `/`.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::bail;
use axum::body::{Body, Bytes};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{DefaultBodyLimit, State as AxumState};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use tokio::sync::{mpsc, watch, Notify};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::payloads::callback;
use super::{openapi, payloads};

/// The bot's user id, which is also its application id.
pub const BOT_ID: u64 = 1000;
/// The user owning the application (`owner` in `GET /oauth2/applications/@me`).
pub const APP_OWNER_ID: u64 = 1001;
/// HELLO's heartbeat interval.
pub const HEARTBEAT_INTERVAL_MS: u64 = 1000;
/// Channel id used for interaction responses whose interaction was not dispatched by the fake.
pub const UNKNOWN_INTERACTION_CHANNEL: u64 = 1_100_000_000_000_000_001;

const API_PREFIX: &str = "/api/v10";
const SESSION_ID: &str = "s1";
const EPHEMERAL: u64 = 1 << 6;
const INTENT_GUILDS: u64 = 1 << 0;
const INTENT_GUILD_MEMBERS: u64 = 1 << 1;
const LOADING: u64 = 1 << 7;

/// One REST request the fake received.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// Without the `/api/v10` prefix and without the query string.
    pub path: String,
    pub query: Option<String>,
    /// The JSON body, or the parsed `payload_json` part of a multipart body.
    pub body: Option<Value>,
    /// The status the fake answered with.
    pub status: u16,
    /// The `Authorization` header.
    pub auth: Option<String>,
    /// When the fake answered it (wall clock, to compare with scheduled instants).
    pub at: std::time::SystemTime,
}

impl Recorded {
    /// `METHOD /path?query -> status`.
    pub fn summary(&self) -> String {
        match &self.query {
            Some(q) => format!("{} {}?{} -> {}", self.method, self.path, q, self.status),
            None => format!("{} {} -> {}", self.method, self.path, self.status),
        }
    }

    /// Whether this is `method` on exactly `path`.
    pub fn is(&self, method: &str, path: &str) -> bool {
        self.method.eq_ignore_ascii_case(method) && self.path == path
    }
}

/// Handle to a running fake Discord. Cheap to clone; the server stops on [`shutdown`] or when
/// the last handle is dropped.
///
/// [`shutdown`]: FakeDiscord::shutdown
#[derive(Clone)]
pub struct FakeDiscord {
    inner: Arc<Inner>,
    guard: Arc<Guard>,
}

struct Guard {
    stop: watch::Sender<bool>,
    server: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.stop.send_replace(true);
        if let Some(h) = self.server.lock().unwrap_or_else(|e| e.into_inner()).take() {
            h.abort();
        }
    }
}

struct Inner {
    token: String,
    port: u16,
    guilds: Vec<Value>,
    state: Mutex<FakeState>,
    /// Woken on every recorded request and every gateway state change.
    changed: Notify,
    stop: watch::Receiver<bool>,
    /// A delay before answering message POSTs (see [`FakeDiscord::set_message_delay`]).
    message_delay: std::sync::Mutex<Option<Duration>>,
}

enum Out {
    Text(String),
    Close(u16, String),
    /// Drop the TCP connection without a close frame (an outage).
    Drop,
}

struct Conn {
    id: u64,
    tx: mpsc::UnboundedSender<Out>,
    /// IDENTIFY answered with READY (or RESUME with RESUMED): dispatches may flow.
    ready: bool,
    /// The shard this connection identified (or resumed) as.
    shard: Option<u32>,
}

enum Pending {
    Dispatch(String, Value),
    /// A raw gateway payload for the connection of a shard.
    Raw(Value, u32),
}

/// What the gateway does with new connections (see [`FakeDiscord::gateway_outage`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GatewayMode {
    #[default]
    Normal,
    /// The WebSocket upgrade is answered 503.
    Refuse,
    /// The upgrade request is never answered.
    Silent,
}

/// How a client ended a gateway connection, as the fake saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientClose {
    /// The shard the connection identified or resumed as, if it did.
    pub shard: Option<u32>,
    /// The code of the client's close frame; `None` when the connection ended without one
    /// (Discord's 1006).
    pub code: Option<u16>,
    /// The fake had sent a close frame first (the client's frame then only answers it).
    pub answered: bool,
}

/// One shard's session: sequence numbers and the dispatches a RESUME replays.
#[derive(Default)]
struct Session {
    seq: u64,
    log: Vec<Value>,
}

/// The shard Discord routes a guild's events to.
pub fn shard_of(guild_id: u64, total: u32) -> u32 {
    ((guild_id >> 22) % u64::from(total.max(1))) as u32
}

fn session_id(shard: u32) -> String {
    if shard == 0 {
        SESSION_ID.to_string()
    } else {
        format!("{SESSION_ID}-{shard}")
    }
}

fn shard_of_session(id: &str) -> Option<u32> {
    if id == SESSION_ID {
        return Some(0);
    }
    id.strip_prefix(SESSION_ID)?.strip_prefix('-')?.parse().ok()
}

#[derive(Clone)]
struct InteractionInfo {
    kind: u64,
    channel_id: u64,
    message_id: Option<u64>,
}

struct Fault {
    method: String,
    path_contains: String,
    status: u16,
    body: Value,
}

#[derive(Default)]
struct FakeState {
    requests: Vec<Recorded>,
    /// Every gateway payload sent (HELLO, dispatches, raw ops), oldest first; not heartbeat ACKs.
    gateway_log: Vec<Value>,
    /// Each shard's session (since its last IDENTIFY).
    sessions: HashMap<u32, Session>,
    violations: Vec<String>,
    faults: VecDeque<Fault>,
    /// Open gateway connections, oldest first.
    conns: Vec<Conn>,
    next_conn_id: u64,
    pending: VecDeque<Pending>,
    identify_count: usize,
    /// The `shard` of every IDENTIFY, oldest first.
    identifies: Vec<[u32; 2]>,
    /// The shard count of the last IDENTIFY (routing of guild events).
    total_shards: u32,
    /// Close 4011 on an IDENTIFY with fewer shards in total than this.
    required_shards: Option<u32>,
    /// Close with this code (4013, 4014) on every IDENTIFY.
    refuse_identify: Option<u16>,
    /// The `/gateway/bot` answer instead of the default.
    gateway_bot: Option<Value>,
    mode: GatewayMode,
    /// How clients ended their connections.
    client_closes: Vec<ClientClose>,
    /// The shard each connection identified or resumed as, by connection id.
    conn_shards: HashMap<u64, u32>,
    resume_count: usize,
    connection_count: usize,
    last_snowflake: u64,
    guild_ids: HashSet<u64>,
    /// Guild members by (guild, user), from GUILD_CREATE and GUILD_MEMBER_ADD/REMOVE dispatches.
    members: HashMap<(u64, u64), Value>,
    roles: HashMap<u64, Vec<Value>>,
    /// `intents` of the last IDENTIFY (events the bot did not ask for are not dispatched).
    intents: Option<u64>,
    channels: HashMap<u64, Value>,
    dm_channels: HashMap<u64, u64>,
    /// Users whose privacy settings refuse direct messages from the bot (50007 on a send).
    refusing_dms: HashSet<u64>,
    /// Every message by id (ids grow with time, so this is creation order).
    messages: BTreeMap<u64, Value>,
    /// Message ids by (channel, nonce as text), for `enforce_nonce` without a scan of every
    /// message (a benchmark's hundred thousand made each POST slow). A deleted message stays
    /// here and is simply not found.
    nonces: HashMap<(u64, String), u64>,
    /// Interaction token -> id of its original response message.
    originals: HashMap<String, u64>,
    acknowledged: HashSet<String>,
    interactions: HashMap<String, InteractionInfo>,
    /// Registered commands per scope (`None` = global).
    commands: HashMap<Option<u64>, Vec<Value>>,
    /// Opt-in global rate limit (requests per second over all REST routes); off by default.
    global_limit: Option<u32>,
    /// Arrival instants of the REST requests admitted in the last second (global limit only).
    global_window: VecDeque<Instant>,
    /// REST requests answered 429 by the global limit.
    global_limited: usize,
}

impl FakeDiscord {
    /// Binds 127.0.0.1:0 and serves REST and the gateway. `guilds` are full GUILD_CREATE `d`
    /// payloads (see `payloads::guild`), sent after READY on every IDENTIFY.
    pub async fn start(token: &str, guilds: Vec<Value>) -> FakeDiscord {
        // Load the spec now: a bad DISCORD_OPENAPI_SPEC must fail the test, not a server task.
        let _ = openapi::spec();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local addr").port();
        let (stop_tx, stop_rx) = watch::channel(false);

        let mut state = FakeState::default();
        for g in &guilds {
            let gid = parse_id(&g["id"]).expect("guild payload without a snowflake `id`");
            state.guild_ids.insert(gid);
            state
                .roles
                .insert(gid, g["roles"].as_array().cloned().unwrap_or_default());
            for m in g["members"].as_array().into_iter().flatten() {
                if let Some(uid) = parse_id(&m["user"]["id"]) {
                    state.members.insert((gid, uid), m.clone());
                }
            }
            for c in g["channels"].as_array().into_iter().flatten() {
                if let Some(cid) = parse_id(&c["id"]) {
                    let mut c = c.clone();
                    c["guild_id"] = json!(gid.to_string());
                    state.channels.insert(cid, c);
                }
            }
        }
        let inner = Arc::new(Inner {
            token: token.strip_prefix("Bot ").unwrap_or(token).to_owned(),
            port,
            guilds,
            state: Mutex::new(state),
            changed: Notify::new(),
            stop: stop_rx.clone(),
            message_delay: std::sync::Mutex::new(None),
        });
        let app = Router::new()
            .route("/", get(gateway))
            .fallback(rest)
            .layer(DefaultBodyLimit::max(64 << 20))
            .with_state(inner.clone());
        let mut stop = stop_rx;
        let server = tokio::spawn(async move {
            // Discord's servers answer without Nagle's delay; so does the fake (a small heartbeat
            // ACK would otherwise hold the next dispatch back ~30 ms).
            let listener =
                axum::serve::ListenerExt::tap_io(listener, |t: &mut tokio::net::TcpStream| {
                    let _ = t.set_nodelay(true);
                });
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stop.wait_for(|s| *s).await;
                })
                .await;
        });
        FakeDiscord {
            inner,
            guard: Arc::new(Guard {
                stop: stop_tx,
                server: Mutex::new(Some(server)),
            }),
        }
    }

    /// `http://127.0.0.1:PORT`, for `HttpBuilder::proxy`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.inner.port)
    }

    /// `ws://127.0.0.1:PORT`, the gateway URL the fake hands out.
    pub fn gateway_url(&self) -> String {
        self.inner.ws_url()
    }

    /// Waits until the newest gateway connection has IDENTIFIED (READY and every GUILD_CREATE
    /// sent) or RESUMED, i.e. dispatches now reach the bot.
    pub async fn wait_ready(&self, timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.inner.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let st = self.inner.lock();
                if st.conns.last().is_some_and(|c| c.ready) {
                    return Ok(());
                }
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let st = self.inner.lock();
                bail!(
                    "gateway not ready after {timeout:?}: {} connection(s), {} IDENTIFY, {} RESUME; \
                     REST requests:\n{}",
                    st.connection_count,
                    st.identify_count,
                    st.resume_count,
                    list_requests(&st.requests)
                );
            }
        }
    }

    /// Sends a dispatch (op 0, next sequence number) to the newest connection, or queues it until
    /// a connection is ready. INTERACTION_CREATE payloads are remembered so that responses to
    /// them land in the right channel.
    pub fn dispatch(&self, t: &str, d: Value) {
        let mut st = self.inner.lock();
        st.observe_dispatch(t, &d);
        st.enqueue(Pending::Dispatch(t.to_owned(), d));
    }

    /// Sends any gateway payload (e.g. `{"op":7,"d":null}`) to the newest connection, queued like
    /// [`dispatch`](Self::dispatch). After op 7 or op 9 the connection counts as not ready: later
    /// dispatches wait for the RESUME / IDENTIFY that follows.
    pub fn send_raw(&self, payload: Value) {
        self.send_raw_to(0, payload);
    }

    /// [`send_raw`](Self::send_raw) to the connection of `shard`.
    pub fn send_raw_to(&self, shard: u32, payload: Value) {
        self.inner.lock().enqueue(Pending::Raw(payload, shard));
    }

    /// Waits until every shard in `shards` has a connection that IDENTIFIED or RESUMED.
    pub async fn wait_shards_ready(&self, shards: &[u32], timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.inner.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let st = self.inner.lock();
                if shards.iter().all(|s| st.ready_conn(*s).is_some()) {
                    return Ok(());
                }
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let st = self.inner.lock();
                bail!(
                    "shards {shards:?} not all ready after {timeout:?}; IDENTIFYs: {:?}",
                    st.identifies
                );
            }
        }
    }

    /// Waits until `pred` holds for the fake's view of how clients closed their connections.
    pub async fn wait_client_close(
        &self,
        timeout: Duration,
        pred: impl Fn(&[ClientClose]) -> bool,
    ) -> anyhow::Result<Vec<ClientClose>> {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.inner.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let st = self.inner.lock();
                if pred(&st.client_closes) {
                    return Ok(st.client_closes.clone());
                }
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                bail!(
                    "timed out after {timeout:?}; client closes so far: {:?}",
                    self.inner.lock().client_closes
                );
            }
        }
    }

    /// How clients ended their gateway connections so far, oldest first.
    pub fn client_closes(&self) -> Vec<ClientClose> {
        self.inner.lock().client_closes.clone()
    }

    /// The `shard` ([id, total]) of every IDENTIFY so far.
    pub fn identifies(&self) -> Vec<[u32; 2]> {
        self.inner.lock().identifies.clone()
    }

    /// Gateway connections open now.
    pub fn open_connections(&self) -> usize {
        self.inner.lock().conns.len()
    }

    /// An outage (`Refuse`, `Silent`): open connections drop without a close frame and new
    /// ones are refused or never answered; `Normal` ends it. REST keeps working.
    pub fn gateway_outage(&self, mode: GatewayMode) {
        let mut st = self.inner.lock();
        st.mode = mode;
        if mode != GatewayMode::Normal {
            for c in st.conns.drain(..) {
                let _ = c.tx.send(Out::Drop);
            }
        }
        drop(st);
        self.inner.changed.notify_waiters();
    }

    /// From now on an IDENTIFY with fewer than `n` shards in total is closed with 4011
    /// (sharding required), and `/gateway/bot` recommends `n` shards.
    pub fn require_shards(&self, n: u32) {
        self.inner.lock().required_shards = Some(n);
    }

    /// From now on every IDENTIFY is closed with `code` (4013 invalid intents, 4014 disallowed).
    pub fn refuse_identify(&self, code: u16) {
        self.inner.lock().refuse_identify = Some(code);
    }

    /// `GET /gateway/bot` answers `body` from now on (`url` is filled in when missing and
    /// `body` is an object without a `"url": null`).
    pub fn set_gateway_bot(&self, body: Value) {
        self.inner.lock().gateway_bot = Some(body);
    }

    /// Closes the newest gateway connection with a close frame (e.g. 4000 resumable, 4009
    /// session timeout, 4004 authentication failed). Later dispatches wait for the next session.
    pub fn close_connection(&self, code: u16) {
        let mut st = self.inner.lock();
        if let Some(conn) = st.conns.pop() {
            let _ = conn.tx.send(Out::Close(code, "closed by the test".into()));
        }
        drop(st);
        self.inner.changed.notify_waiters();
    }

    /// Waits for a recorded REST request matching `pred` (the oldest one if several match).
    /// On timeout the error names `what` and lists every recorded request. `pred` runs while
    /// the fake's state is locked: it must not call the fake itself.
    pub async fn wait_request(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&Recorded) -> bool,
    ) -> anyhow::Result<Recorded> {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.inner.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let st = self.inner.lock();
                if let Some(r) = st.requests.iter().find(|r| pred(r)) {
                    return Ok(r.clone());
                }
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let st = self.inner.lock();
                bail!(
                    "timed out after {timeout:?} waiting for {what}; recorded requests:\n{}",
                    list_requests(&st.requests)
                );
            }
        }
    }

    /// The READY `d` this fake sends on IDENTIFY.
    pub fn ready_payload(&self) -> Value {
        self.inner.ready_payload()
    }

    /// Every gateway payload sent so far (HELLO, READY, GUILD_CREATE, dispatches, raw ops),
    /// oldest first; heartbeat ACKs and dispatches replayed on RESUME are left out.
    pub fn gateway_sent(&self) -> Vec<Value> {
        self.inner.lock().gateway_log.clone()
    }

    /// Every REST request so far, oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        self.inner.lock().requests.clone()
    }

    pub fn identify_count(&self) -> usize {
        self.inner.lock().identify_count
    }

    pub fn resume_count(&self) -> usize {
        self.inner.lock().resume_count
    }

    /// Gateway websocket connections accepted so far.
    pub fn connection_count(&self) -> usize {
        self.inner.lock().connection_count
    }

    /// The next request whose method equals `method` and whose path (without `/api/v10`)
    /// contains `path_contains` gets `status` and `body` instead (FIFO, each fault used once).
    /// A `retry_after` in the body of a 429 is also sent as the `Retry-After` header.
    /// Answers every `POST /channels/{id}/messages` only after `delay` (the message is created
    /// at once), so a process killed meanwhile never learns its post went through.
    pub fn set_message_delay(&self, delay: Option<Duration>) {
        *self.inner.message_delay.lock().unwrap() = delay;
    }

    /// From now on `user` refuses direct messages from the bot, as Discord does for someone
    /// whose privacy settings close DMs from server members: opening the DM channel works, and
    /// every message sent into it is answered 403 with code 50007.
    pub fn refuse_dms_from(&self, user: u64) {
        self.inner.lock().refusing_dms.insert(user);
    }

    /// Remembers an interaction the bot receives some other way than from this fake's gateway
    /// (HTTP interactions mode), so that its answers land in its channel and an
    /// UPDATE_MESSAGE edits the message its component sits on.
    pub fn remember_interaction(&self, d: &Value) {
        self.inner.lock().remember_interaction(d);
    }

    /// Replaces a guild channel's permission overwrites (`overwrite_role` / `overwrite_member`
    /// values), as someone editing the channel in Discord would: `GET /channels/{id}` answers
    /// with them from now on, and CHANNEL_UPDATE is dispatched to a gateway session.
    pub fn set_channel_overwrites(&self, channel: u64, overwrites: Vec<Value>) {
        let mut st = self.inner.lock();
        let Some(ch) = st.guild_channel_mut(&channel.to_string()) else {
            panic!("no guild channel {channel} to change");
        };
        ch["permission_overwrites"] =
            Value::Array(overwrites.iter().map(normalize_overwrite).collect());
        let ch = ch.clone();
        st.dispatch_caused("CHANNEL_UPDATE", ch, INTENT_GUILDS);
    }

    /// The DM channel the bot opened with `user`, if it opened one.
    pub fn dm_channel_of(&self, user: u64) -> Option<u64> {
        self.inner.lock().dm_channels.get(&user).copied()
    }

    pub fn push_fault(&self, method: &str, path_contains: &str, status: u16, body: Value) {
        self.inner.lock().faults.push_back(Fault {
            method: method.to_ascii_uppercase(),
            path_contains: path_contains.to_owned(),
            status,
            body,
        });
    }

    /// Enforces Discord's global rate limit from now on: at most `per_second` REST requests (any
    /// route) in any sliding 1-second window, counted on arrival. A request over it is answered
    /// 429 `{"message": "You are being rate limited.", "retry_after": <secs>, "global": true}`
    /// with `retry-after`, `x-ratelimit-global` and `x-ratelimit-scope: global` headers, recorded
    /// like any request, and counted (see [`global_rate_limited`](Self::global_rate_limited)).
    /// Refused requests do not use up the window. Off unless called.
    pub fn set_global_rate_limit(&self, per_second: u32) {
        let mut st = self.inner.lock();
        st.global_limit = Some(per_second.max(1));
        st.global_window.clear();
    }

    /// How many requests the global rate limit refused (429) so far.
    pub fn global_rate_limited(&self) -> usize {
        self.inner.lock().global_limited
    }

    /// Every schema / limit violation recorded so far.
    pub fn violations(&self) -> Vec<String> {
        self.inner.lock().violations.clone()
    }

    /// Panics listing every OpenAPI (and hand-checked limit) violation seen so far.
    pub fn assert_schema_clean(&self) {
        let v = self.violations();
        if !v.is_empty() {
            panic!(
                "{} request(s) to the fake Discord violate Discord's API schema:\n{}",
                v.len(),
                v.join("\n")
            );
        }
    }

    /// The messages of a channel, oldest first, as the fake stores them (ephemeral interaction
    /// responses included; `GET /channels/{id}/messages` leaves those out).
    pub fn channel_messages(&self, channel_id: u64) -> Vec<Value> {
        let cid = channel_id.to_string();
        self.inner
            .lock()
            .messages
            .values()
            .filter(|m| m["channel_id"] == json!(cid))
            .cloned()
            .collect()
    }

    /// Every message the fake holds, in all channels, oldest first (one pass, for benchmarks
    /// that count hundreds of thousands of messages).
    pub fn all_messages(&self) -> Vec<Value> {
        self.inner.lock().messages.values().cloned().collect()
    }

    /// The original response of the interaction with this token, if it has one.
    pub fn original_response(&self, interaction_token: &str) -> Option<Value> {
        let st = self.inner.lock();
        st.originals
            .get(interaction_token)
            .and_then(|id| st.messages.get(id))
            .cloned()
    }

    /// Stops the server and closes every gateway connection.
    pub async fn shutdown(&self) {
        self.guard.stop.send_replace(true);
        let handle = self.guard.server.lock().unwrap().take();
        if let Some(mut h) = handle {
            if tokio::time::timeout(Duration::from_secs(5), &mut h)
                .await
                .is_err()
            {
                h.abort();
            }
        }
    }
}

fn list_requests(requests: &[Recorded]) -> String {
    if requests.is_empty() {
        return "  (none)".into();
    }
    requests
        .iter()
        .map(|r| format!("  {}", r.summary()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_id(v: &Value) -> Option<u64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, FakeState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Admits a REST request arriving now under the opt-in global limit: `None` when admitted
    /// (or no limit is set), else the seconds until the window has room again.
    fn global_admit(&self) -> Option<f64> {
        let mut st = self.lock();
        let limit = st.global_limit? as usize;
        let now = Instant::now();
        let window = Duration::from_secs(1);
        while st
            .global_window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            st.global_window.pop_front();
        }
        if st.global_window.len() < limit {
            st.global_window.push_back(now);
            return None;
        }
        st.global_limited += 1;
        let oldest = *st.global_window.front().expect("a full window");
        Some(
            (oldest + window)
                .saturating_duration_since(now)
                .as_secs_f64(),
        )
    }

    fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    fn ready_payload(&self) -> Value {
        self.ready_payload_for(0, 1)
    }

    /// The guilds of `shard` of `total`, as Discord routes them.
    fn guilds_of(&self, shard: u32, total: u32) -> impl Iterator<Item = &Value> {
        self.guilds
            .iter()
            .filter(move |g| parse_id(&g["id"]).is_some_and(|id| shard_of(id, total) == shard))
    }

    fn ready_payload_for(&self, shard: u32, total: u32) -> Value {
        let unavailable: Vec<Value> = self
            .guilds_of(shard, total)
            .map(|g| json!({"id": g["id"], "unavailable": true}))
            .collect();
        json!({
            "v": 10,
            "user": {
                "id": BOT_ID.to_string(),
                "username": "haven",
                "discriminator": "0",
                "global_name": null,
                "avatar": null,
                "bot": true,
                "verified": true,
                "mfa_enabled": true,
                "flags": 0,
            },
            "guilds": unavailable,
            "session_id": session_id(shard),
            "resume_gateway_url": self.ws_url(),
            "shard": [shard, total],
            "application": {"id": BOT_ID.to_string(), "flags": 0},
        })
    }
}

impl FakeState {
    fn snowflake(&mut self) -> u64 {
        let id = payloads::snowflake_now(0).max(self.last_snowflake + 1);
        self.last_snowflake = id;
        id
    }

    /// Keeps the REST view consistent with what a test tells the bot over the gateway.
    fn observe_dispatch(&mut self, t: &str, d: &Value) {
        let gid = parse_id(&d["guild_id"]);
        match t {
            "INTERACTION_CREATE" => self.remember_interaction(d),
            "GUILD_MEMBER_ADD" | "GUILD_MEMBER_UPDATE" => {
                if let (Some(g), Some(u)) = (gid, parse_id(&d["user"]["id"])) {
                    let mut m = d.clone();
                    if let Some(o) = m.as_object_mut() {
                        o.remove("guild_id");
                    }
                    self.members.insert((g, u), m);
                }
            }
            "GUILD_MEMBER_REMOVE" => {
                if let (Some(g), Some(u)) = (gid, parse_id(&d["user"]["id"])) {
                    self.members.remove(&(g, u));
                }
            }
            "CHANNEL_CREATE" | "CHANNEL_UPDATE" => {
                if let Some(c) = parse_id(&d["id"]) {
                    self.channels.insert(c, d.clone());
                }
            }
            "CHANNEL_DELETE" => {
                if let Some(c) = parse_id(&d["id"]) {
                    self.channels.remove(&c);
                }
            }
            _ => {}
        }
    }

    /// Dispatches an event caused by a REST call, unless the session's intents exclude it.
    fn dispatch_caused(&mut self, t: &str, d: Value, intent: u64) {
        if self.intents.is_none_or(|i| i & intent != 0) {
            self.enqueue(Pending::Dispatch(t.to_owned(), d));
        }
    }

    fn guild_channel_mut(&mut self, c: &str) -> Option<&mut Value> {
        let c = c.parse::<u64>().ok()?;
        self.channels
            .get_mut(&c)
            .filter(|ch| !ch["guild_id"].is_null())
    }

    fn remember_interaction(&mut self, d: &Value) {
        let Some(token) = d["token"].as_str() else {
            return;
        };
        let info = InteractionInfo {
            kind: d["type"].as_u64().unwrap_or(0),
            channel_id: parse_id(&d["channel_id"]).unwrap_or(UNKNOWN_INTERACTION_CHANNEL),
            message_id: parse_id(&d["message"]["id"]),
        };
        // The message a component sits on, so an UPDATE_MESSAGE callback can edit it.
        if let (Some(mid), Some(msg)) = (info.message_id, d.get("message")) {
            self.messages.entry(mid).or_insert_with(|| msg.clone());
        }
        self.interactions.insert(token.to_owned(), info);
    }

    /// The newest ready connection of `shard`, as an index into `conns`.
    fn ready_conn(&self, shard: u32) -> Option<usize> {
        self.conns
            .iter()
            .rposition(|c| c.ready && c.shard == Some(shard))
    }

    /// The shard a payload goes to: the guild's (as Discord routes it), else shard 0.
    fn target_shard(&self, p: &Pending) -> u32 {
        match p {
            Pending::Raw(_, shard) => *shard,
            Pending::Dispatch(t, d) => {
                let gid = if matches!(t.as_str(), "GUILD_CREATE" | "GUILD_UPDATE" | "GUILD_DELETE")
                {
                    parse_id(&d["id"])
                } else {
                    parse_id(&d["guild_id"])
                };
                gid.map_or(0, |g| shard_of(g, self.total_shards))
            }
        }
    }

    fn enqueue(&mut self, p: Pending) {
        self.pending.push_back(p);
        self.flush();
    }

    /// Delivers queued payloads to their shard's ready connection, in order per shard; a
    /// payload whose shard has none waits (and so do later ones for that shard).
    fn flush(&mut self) {
        let mut blocked: HashSet<u32> = HashSet::new();
        let mut kept = VecDeque::new();
        while let Some(p) = self.pending.pop_front() {
            let shard = self.target_shard(&p);
            let Some(i) = self.ready_conn(shard).filter(|_| !blocked.contains(&shard)) else {
                blocked.insert(shard);
                kept.push_back(p);
                continue;
            };
            let session = self.sessions.entry(shard).or_default();
            let (frame, stops_session) = match &p {
                Pending::Dispatch(t, d) => {
                    let s = session.seq + 1;
                    (json!({"op": 0, "t": t, "s": s, "d": d}), false)
                }
                Pending::Raw(v, _) => (v.clone(), matches!(v["op"].as_u64(), Some(7 | 9))),
            };
            if self.conns[i].tx.send(Out::Text(frame.to_string())).is_err() {
                // The connection task is gone: keep the payload for the next session.
                self.conns.remove(i);
                blocked.insert(shard);
                kept.push_back(p);
                continue;
            }
            if frame["op"] == json!(0) {
                let session = self.sessions.entry(shard).or_default();
                session.seq += 1;
                session.log.push(frame.clone());
            }
            self.gateway_log.push(frame);
            if stops_session {
                self.conns[i].ready = false;
            }
        }
        self.pending = kept;
    }

    fn send_dispatch(&mut self, tx: &mpsc::UnboundedSender<Out>, shard: u32, t: &str, d: Value) {
        let session = self.sessions.entry(shard).or_default();
        session.seq += 1;
        let frame = json!({"op": 0, "t": t, "s": session.seq, "d": d});
        let _ = tx.send(Out::Text(frame.to_string()));
        session.log.push(frame.clone());
        self.gateway_log.push(frame);
    }

    fn message(&self, id: u64) -> Option<&Value> {
        self.messages.get(&id)
    }
}

// ---------------------------------------------------------------------------------------------
// Gateway

async fn gateway(AxumState(inner): AxumState<Arc<Inner>>, ws: WebSocketUpgrade) -> Response {
    let mode = inner.lock().mode;
    match mode {
        GatewayMode::Normal => ws.on_upgrade(move |socket| run_connection(inner, socket)),
        GatewayMode::Refuse => Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .body(Body::empty())
            .expect("response"),
        GatewayMode::Silent => {
            // Never answer the upgrade: wait for the outage to end (the client gives up first)
            // or the fake to stop.
            let mut stop = inner.stop.clone();
            loop {
                let changed = inner.changed.notified();
                tokio::select! {
                    _ = stop.wait_for(|s| *s) => break,
                    _ = changed => {}
                    _ = tokio::time::sleep(Duration::from_millis(200)) => {}
                }
                if inner.lock().mode != GatewayMode::Silent {
                    break;
                }
            }
            Response::builder()
                .status(StatusCode::SERVICE_UNAVAILABLE)
                .body(Body::empty())
                .expect("response")
        }
    }
}

async fn run_connection(inner: Arc<Inner>, mut ws: WebSocket) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Out>();
    let conn_id = {
        let mut st = inner.lock();
        st.connection_count += 1;
        st.next_conn_id += 1;
        let id = st.next_conn_id;
        st.conns.push(Conn {
            id,
            tx: tx.clone(),
            ready: false,
            shard: None,
        });
        id
    };
    let hello =
        json!({"op": 10, "s": null, "t": null, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}});
    let _ = tx.send(Out::Text(hello.to_string()));
    inner.lock().gateway_log.push(hello);
    inner.changed.notify_waiters();

    let mut stop = inner.stop.clone();
    let stopped = async move {
        let _ = stop.wait_for(|s| *s).await;
    };
    tokio::pin!(stopped);
    // After sending a close frame, keep reading (serenity logs an error otherwise) for a while.
    let mut closing_deadline: Option<Instant> = None;
    let far = Instant::now() + Duration::from_secs(86_400 * 365);
    // The client's close frame, if it sent one.
    let mut client_close: Option<Option<u16>> = None;

    loop {
        tokio::select! {
            msg = ws.recv() => match msg {
                Some(Ok(Message::Text(t))) => on_gateway_message(&inner, conn_id, &tx, t.as_str()),
                Some(Ok(Message::Binary(b))) => {
                    if let Ok(t) = std::str::from_utf8(&b) {
                        on_gateway_message(&inner, conn_id, &tx, t);
                    }
                }
                Some(Ok(Message::Close(frame))) => {
                    if client_close.is_none() {
                        client_close = Some(frame.map(|f| f.code));
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break,
            },
            out = rx.recv(), if closing_deadline.is_none() => match out {
                Some(Out::Text(s)) => {
                    if ws.send(Message::Text(s.into())).await.is_err() {
                        break;
                    }
                }
                Some(Out::Close(code, reason)) => {
                    let frame = CloseFrame { code, reason: reason.into() };
                    let _ = ws.send(Message::Close(Some(frame))).await;
                    closing_deadline = Some(Instant::now() + Duration::from_secs(5));
                    let mut st = inner.lock();
                    st.conns.retain(|c| c.id != conn_id);
                }
                Some(Out::Drop) | None => {
                    // Drop the TCP connection as an outage would: no close frame, no record.
                    inner.lock().conns.retain(|c| c.id != conn_id);
                    inner.changed.notify_waiters();
                    return;
                }
            },
            _ = tokio::time::sleep_until(closing_deadline.unwrap_or(far)), if closing_deadline.is_some() => break,
            _ = &mut stopped => break,
        }
    }

    {
        let mut st = inner.lock();
        let shard = st
            .conns
            .iter()
            .find(|c| c.id == conn_id)
            .and_then(|c| c.shard)
            .or_else(|| st.conn_shards.get(&conn_id).copied());
        st.client_closes.push(ClientClose {
            shard,
            code: client_close.flatten(),
            answered: closing_deadline.is_some(),
        });
        st.conns.retain(|c| c.id != conn_id);
    }
    inner.changed.notify_waiters();
}

fn on_gateway_message(inner: &Inner, conn_id: u64, tx: &mpsc::UnboundedSender<Out>, text: &str) {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return;
    };
    match v["op"].as_u64() {
        Some(1) => {
            let _ = tx.send(Out::Text(json!({"op": 11}).to_string()));
        }
        Some(2) => {
            let token = v["d"]["token"].as_str().unwrap_or("");
            let token = token.strip_prefix("Bot ").unwrap_or(token);
            if token != inner.token {
                let _ = tx.send(Out::Close(4004, "Authentication failed.".into()));
                return;
            }
            let shard = &v["d"]["shard"];
            let (id, total) = match (shard[0].as_u64(), shard[1].as_u64()) {
                (Some(i), Some(t)) if t >= 1 && i < t && t <= u64::from(u32::MAX) => {
                    (i as u32, t as u32)
                }
                (None, None) if shard.is_null() => (0, 1),
                _ => {
                    let _ = tx.send(Out::Close(4010, "Invalid shard.".into()));
                    return;
                }
            };
            let mut st = inner.lock();
            st.identify_count += 1;
            st.identifies.push([id, total]);
            st.conn_shards.insert(conn_id, id);
            if let Some(code) = st.refuse_identify {
                let _ = tx.send(Out::Close(code, "Disallowed intent(s).".into()));
                return;
            }
            if st.required_shards.is_some_and(|n| total < n) {
                let _ = tx.send(Out::Close(4011, "Sharding required.".into()));
                return;
            }
            st.total_shards = total;
            st.sessions.insert(id, Session::default());
            st.intents = v["d"]["intents"].as_u64();
            // A newer session replaces an older connection of the same shard.
            if let Some(c) = st.conns.iter_mut().find(|c| c.id == conn_id) {
                c.shard = Some(id);
            }
            st.conns.retain(|c| c.id == conn_id || c.shard != Some(id));
            let ready = inner.ready_payload_for(id, total);
            st.send_dispatch(tx, id, "READY", ready);
            for g in inner.guilds_of(id, total) {
                st.send_dispatch(tx, id, "GUILD_CREATE", g.clone());
            }
            mark_ready(&mut st, conn_id);
            drop(st);
            inner.changed.notify_waiters();
        }
        Some(6) => {
            let d = &v["d"];
            let token = d["token"].as_str().unwrap_or("");
            let token = token.strip_prefix("Bot ").unwrap_or(token);
            let mut st = inner.lock();
            let shard = d["session_id"].as_str().and_then(shard_of_session);
            let known = shard.is_some_and(|s| st.sessions.contains_key(&s));
            let (Some(shard), true, true) = (shard, known, token == inner.token) else {
                // Like Discord: the session cannot be resumed, the bot must IDENTIFY.
                let frame = json!({"op": 9, "d": false});
                let _ = tx.send(Out::Text(frame.to_string()));
                st.gateway_log.push(frame);
                return;
            };
            st.resume_count += 1;
            st.conn_shards.insert(conn_id, shard);
            if let Some(c) = st.conns.iter_mut().find(|c| c.id == conn_id) {
                c.shard = Some(shard);
            }
            st.conns
                .retain(|c| c.id == conn_id || c.shard != Some(shard));
            // Replay what the bot missed, as Discord does, then RESUMED.
            let from = d["seq"].as_u64().unwrap_or(0);
            let missed: Vec<String> = st.sessions[&shard]
                .log
                .iter()
                .filter(|f| f["s"].as_u64().is_some_and(|s| s > from))
                .map(|f| f.to_string())
                .collect();
            for f in missed {
                let _ = tx.send(Out::Text(f));
            }
            st.send_dispatch(tx, shard, "RESUMED", json!({}));
            mark_ready(&mut st, conn_id);
            drop(st);
            inner.changed.notify_waiters();
        }
        _ => {}
    }
}

fn mark_ready(st: &mut FakeState, conn_id: u64) {
    if let Some(c) = st.conns.iter_mut().find(|c| c.id == conn_id) {
        c.ready = true;
        st.flush();
    }
}

// ---------------------------------------------------------------------------------------------
// REST

struct Reply {
    status: u16,
    body: Option<Value>,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    fn ok(body: Value) -> Reply {
        Reply::json(200, body)
    }

    fn no_content() -> Reply {
        Reply {
            status: 204,
            body: None,
            headers: Vec::new(),
        }
    }

    fn error(status: u16, code: u64, message: &str) -> Reply {
        Reply::json(status, json!({"message": message, "code": code}))
    }

    fn not_found() -> Reply {
        Reply::error(404, 0, "Unknown")
    }

    fn unknown_message() -> Reply {
        Reply::error(404, 10008, "Unknown Message")
    }

    /// Discord's answer to a request over the global rate limit.
    fn global_rate_limited(secs: f64) -> Reply {
        let secs = (secs * 1000.0).ceil() / 1000.0;
        Reply {
            status: 429,
            body: Some(json!({
                "message": "You are being rate limited.",
                "retry_after": secs,
                "global": true,
            })),
            headers: vec![
                ("retry-after", format!("{}", secs.ceil().max(1.0) as u64)),
                ("x-ratelimit-global", "true".to_owned()),
                ("x-ratelimit-scope", "global".to_owned()),
            ],
        }
    }
}

async fn rest(
    AxumState(inner): AxumState<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let received = std::time::SystemTime::now();
    // The opt-in global limit counts requests on arrival, before any work, as Discord does.
    let globally_limited = inner.global_admit();
    let raw_path = uri.path();
    let (path, prefixed) = match raw_path.strip_prefix(API_PREFIX) {
        Some(p) => (p.to_owned(), true),
        None => (raw_path.to_owned(), false),
    };
    let query = uri.query().map(str::to_owned);
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();

    let mut violations = Vec::new();
    let parsed = match parse_body(&content_type, &body) {
        Ok(b) => b,
        Err(e) => {
            violations.push(e);
            None
        }
    };
    if let Some(b) = parsed.clone() {
        let (m, p) = (method.as_str().to_owned(), path.clone());
        // Compiling a validator the first time takes a moment: keep it off the async workers.
        let found = tokio::task::spawn_blocking(move || openapi::check_request(&m, &p, &b))
            .await
            .unwrap_or_else(|e| vec![format!("schema check panicked: {e}")]);
        violations.extend(found);
    }

    let reply = if let Some(secs) = globally_limited {
        Reply::global_rate_limited(secs)
    } else if prefixed {
        inner.respond(
            &method,
            &path,
            query.as_deref(),
            auth.as_deref(),
            parsed.as_ref(),
        )
    } else {
        Reply::not_found()
    };

    {
        let mut st = inner.lock();
        let body_text = parsed
            .as_ref()
            .map(|b| openapi::truncate(&b.to_string(), 600))
            .unwrap_or_default();
        for v in violations {
            st.violations
                .push(format!("{method} {path}: {v}\n    body: {body_text}"));
        }
        st.requests.push(Recorded {
            method: method.as_str().to_owned(),
            path: path.clone(),
            query,
            body: parsed,
            status: reply.status,
            auth,
            at: received,
        });
    }
    inner.changed.notify_waiters();
    let delay = *inner.message_delay.lock().unwrap();
    if method == Method::POST && path.starts_with("/channels/") && path.ends_with("/messages") {
        if let Some(d) = delay {
            // The message exists already; only the answer is late (a crash now leaves the
            // bot not knowing it was sent).
            tokio::time::sleep(d).await;
        }
    }

    let mut resp = Response::builder()
        .status(StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    for (k, v) in &reply.headers {
        if let Ok(v) = HeaderValue::from_str(v) {
            resp = resp.header(*k, v);
        }
    }
    match reply.body {
        Some(b) if reply.status != 204 => resp
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(b.to_string())),
        _ => resp.body(Body::empty()),
    }
    .expect("response")
}

/// The JSON body, or the `payload_json` part of a multipart body. `Ok(None)` for no body.
fn parse_body(content_type: &str, body: &[u8]) -> Result<Option<Value>, String> {
    if body.is_empty() {
        return Ok(None);
    }
    let ct = content_type.to_ascii_lowercase();
    if ct.starts_with("multipart/form-data") {
        let boundary = content_type
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("boundary="))
            .next()
            .map(|b| b.trim_matches('"').to_owned())
            .ok_or("multipart body without a boundary")?;
        return match multipart_field(body, &boundary, "payload_json") {
            Some(bytes) => serde_json::from_slice(bytes)
                .map(Some)
                .map_err(|e| format!("payload_json is not JSON: {e}")),
            None => Ok(None),
        };
    }
    serde_json::from_slice(body)
        .map(Some)
        .map_err(|e| format!("body is not JSON ({content_type}): {e}"))
}

/// The content of the multipart part named `name`.
fn multipart_field<'a>(body: &'a [u8], boundary: &str, name: &str) -> Option<&'a [u8]> {
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    let mut parts = Vec::new();
    let mut start = None;
    let mut i = 0;
    while i + delim.len() <= body.len() {
        if &body[i..i + delim.len()] == delim {
            if let Some(s) = start {
                parts.push(&body[s..i]);
            }
            i += delim.len();
            start = Some(i);
        } else {
            i += 1;
        }
    }
    let wanted = format!("name=\"{name}\"");
    for part in parts {
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let split = part.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&part[..split]);
        if head.contains(&wanted) {
            let content = &part[split + 4..];
            return Some(content.strip_suffix(b"\r\n").unwrap_or(content));
        }
    }
    None
}

fn query_param<'a>(query: Option<&'a str>, key: &str) -> Option<&'a str> {
    query?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

fn u64_of(v: &Value) -> Option<u64> {
    parse_id(v)
}

impl Inner {
    fn respond(
        &self,
        method: &Method,
        path: &str,
        query: Option<&str>,
        auth: Option<&str>,
        body: Option<&Value>,
    ) -> Reply {
        let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
        let m = method.as_str();

        // Interaction and webhook-token routes are authenticated by their token; everything else
        // needs `Bot <token>`. A wrong header is refused everywhere.
        let token_route = matches!(
            segs.as_slice(),
            ["interactions", _, _, "callback"] | ["webhooks", _, _, ..]
        );
        let expected = format!("Bot {}", self.token);
        match auth {
            Some(a) if a != expected => {
                return Reply::error(401, 0, "401: Unauthorized");
            }
            None if !token_route => return Reply::error(401, 0, "401: Unauthorized"),
            _ => {}
        }

        let mut st = self.lock();
        if let Some(pos) = st
            .faults
            .iter()
            .position(|f| f.method == m && path.contains(&f.path_contains))
        {
            let f = st.faults.remove(pos).expect("fault");
            let mut reply = Reply {
                status: f.status,
                body: (!f.body.is_null()).then_some(f.body.clone()),
                headers: Vec::new(),
            };
            if f.status == 429 {
                let secs = f.body["retry_after"].as_f64().unwrap_or(1.0);
                reply
                    .headers
                    .push(("retry-after", format!("{}", secs.ceil() as u64)));
                reply
                    .headers
                    .push(("x-ratelimit-reset-after", format!("{secs:.3}")));
                let scope = if f.body["global"].as_bool() == Some(true) {
                    "global"
                } else {
                    "user"
                };
                reply.headers.push(("x-ratelimit-scope", scope.to_owned()));
                if scope == "global" {
                    reply
                        .headers
                        .push(("x-ratelimit-global", "true".to_owned()));
                }
            }
            return reply;
        }

        let empty = json!({});
        let b = body.unwrap_or(&empty);
        let bot_id = BOT_ID.to_string();
        match (m, segs.as_slice()) {
            ("GET", ["gateway"]) => Reply::ok(json!({"url": self.ws_url()})),
            ("GET", ["gateway", "bot"]) => match &st.gateway_bot {
                Some(body) => {
                    let mut body = body.clone();
                    if body.is_object() && body.get("url").is_none() {
                        body["url"] = json!(self.ws_url());
                    }
                    Reply::ok(body)
                }
                None => Reply::ok(json!({
                    "url": self.ws_url(),
                    "shards": st.required_shards.unwrap_or(1),
                    "session_start_limit": {
                        "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1
                    },
                })),
            },
            ("GET", ["oauth2", "applications", "@me"]) | ("GET", ["applications", "@me"]) => {
                Reply::ok(application_info())
            }
            ("GET", ["users", "@me"]) => Reply::ok(current_user()),
            ("POST", ["users", "@me", "channels"]) => {
                let Some(recipient) = u64_of(&b["recipient_id"]) else {
                    return Reply::error(400, 50035, "Invalid Form Body");
                };
                let id = match st.dm_channels.get(&recipient) {
                    Some(id) => *id,
                    None => {
                        let id = st.snowflake();
                        st.dm_channels.insert(recipient, id);
                        st.channels.insert(id, payloads::dm_channel(id, recipient));
                        id
                    }
                };
                Reply::ok(st.channels[&id].clone())
            }

            // Application commands.
            (_, ["applications", app, "commands", rest @ ..]) => {
                if *app != bot_id {
                    return Reply::error(404, 10002, "Unknown Application");
                }
                st.commands_route(m, None, rest, b)
            }
            (_, ["applications", app, "guilds", g, "commands", rest @ ..]) => {
                if *app != bot_id {
                    return Reply::error(404, 10002, "Unknown Application");
                }
                let Ok(g) = g.parse::<u64>() else {
                    return Reply::not_found();
                };
                st.commands_route(m, Some(g), rest, b)
            }

            // Interactions.
            ("POST", ["interactions", _id, token, "callback"]) => st.callback(token, b),
            ("POST", ["webhooks", app, token]) => {
                if *app != bot_id {
                    return Reply::error(404, 10015, "Unknown Webhook");
                }
                let channel = st.interaction_channel(token);
                let kind = 0;
                let msg = st.create_message(channel, b, kind, true);
                Reply::ok(msg)
            }
            (_, ["webhooks", app, token, "messages", which]) => {
                if *app != bot_id {
                    return Reply::error(404, 10015, "Unknown Webhook");
                }
                st.webhook_message(m, token, which, b)
            }

            // Channels and messages.
            ("GET", ["channels", c]) => {
                match c.parse::<u64>().ok().and_then(|c| st.channels.get(&c)) {
                    Some(ch) => Reply::ok(ch.clone()),
                    None => Reply::error(404, 10003, "Unknown Channel"),
                }
            }
            ("POST", ["channels", c, "messages"]) => {
                let Ok(c) = c.parse::<u64>() else {
                    return Reply::error(404, 10003, "Unknown Channel");
                };
                let refused = st
                    .dm_channels
                    .iter()
                    .any(|(user, dm)| *dm == c && st.refusing_dms.contains(user));
                if refused {
                    return Reply::error(403, 50007, "Cannot send messages to this user");
                }
                if b["enforce_nonce"].as_bool() == Some(true) {
                    if let Some(existing) = nonce_key(&b["nonce"])
                        .and_then(|n| st.nonces.get(&(c, n)))
                        .and_then(|id| st.messages.get(id))
                        .filter(|msg| nonce_eq(&msg["nonce"], &b["nonce"]))
                    {
                        return Reply::ok(existing.clone());
                    }
                }
                Reply::ok(st.create_message(c, b, 0, false))
            }
            ("GET", ["channels", c, "messages"]) => {
                let cid = json!(c.to_string());
                let limit = query_param(query, "limit")
                    .and_then(|l| l.parse::<usize>().ok())
                    .unwrap_or(50)
                    .clamp(1, 100);
                let before = query_param(query, "before").and_then(|v| v.parse::<u64>().ok());
                let after = query_param(query, "after").and_then(|v| v.parse::<u64>().ok());
                let mut list: Vec<Value> = st
                    .messages
                    .iter()
                    .filter(|(id, msg)| {
                        msg["channel_id"] == cid
                            && msg["flags"].as_u64().unwrap_or(0) & EPHEMERAL == 0
                            && before.is_none_or(|b| **id < b)
                            && after.is_none_or(|a| **id > a)
                    })
                    .map(|(_, msg)| msg.clone())
                    .collect();
                if after.is_some() && before.is_none() {
                    // `after` pages forward from the given id: the oldest `limit` after it.
                    list.truncate(limit);
                    list.reverse();
                } else {
                    list.reverse();
                    list.truncate(limit);
                }
                Reply::ok(Value::Array(list))
            }
            (_, ["channels", c, "messages", mid]) => {
                let (Ok(c), Ok(mid)) = (c.parse::<u64>(), mid.parse::<u64>()) else {
                    return Reply::unknown_message();
                };
                let in_channel = st
                    .message(mid)
                    .is_some_and(|msg| msg["channel_id"] == json!(c.to_string()));
                if !in_channel {
                    return Reply::unknown_message();
                }
                match m {
                    "GET" => Reply::ok(st.messages[&mid].clone()),
                    "PATCH" => Reply::ok(st.edit_message(mid, b)),
                    "DELETE" => {
                        st.messages.remove(&mid);
                        Reply::no_content()
                    }
                    _ => Reply::error(405, 0, "405: Method Not Allowed"),
                }
            }
            ("POST", ["guilds", g, "channels"]) => {
                let Some(g) = g.parse::<u64>().ok().filter(|g| st.guild_ids.contains(g)) else {
                    return Reply::error(404, 10004, "Unknown Guild");
                };
                let id = st.snowflake();
                let kind = b["type"].as_u64().unwrap_or(0) as u8;
                let name = b["name"].as_str().unwrap_or("");
                let overwrites: Vec<Value> = b["permission_overwrites"]
                    .as_array()
                    .map(|list| list.iter().map(normalize_overwrite).collect())
                    .unwrap_or_default();
                let position = b["position"].as_u64().unwrap_or(0);
                let mut channel = payloads::guild_channel(id, g, kind, name, position, overwrites);
                for key in [
                    "topic",
                    "parent_id",
                    "nsfw",
                    "rate_limit_per_user",
                    "bitrate",
                    "user_limit",
                ] {
                    if let Some(v) = b.get(key).filter(|v| !v.is_null()) {
                        channel[key] = v.clone();
                    }
                }
                st.channels.insert(id, channel.clone());
                st.dispatch_caused("CHANNEL_CREATE", channel.clone(), INTENT_GUILDS);
                Reply::json(201, channel)
            }
            ("PATCH", ["channels", c]) => {
                let Some(ch) = st.guild_channel_mut(c) else {
                    return Reply::error(404, 10003, "Unknown Channel");
                };
                for key in [
                    "name",
                    "topic",
                    "position",
                    "parent_id",
                    "nsfw",
                    "rate_limit_per_user",
                    "bitrate",
                    "user_limit",
                ] {
                    if let Some(v) = b.get(key) {
                        ch[key] = v.clone();
                    }
                }
                if let Some(list) = b["permission_overwrites"].as_array() {
                    ch["permission_overwrites"] =
                        Value::Array(list.iter().map(normalize_overwrite).collect());
                }
                let ch = ch.clone();
                st.dispatch_caused("CHANNEL_UPDATE", ch.clone(), INTENT_GUILDS);
                Reply::ok(ch)
            }
            ("DELETE", ["channels", c]) => {
                let Some(ch) = st.guild_channel_mut(c).map(|ch| ch.clone()) else {
                    return Reply::error(404, 10003, "Unknown Channel");
                };
                if let Some(id) = parse_id(&ch["id"]) {
                    st.channels.remove(&id);
                }
                st.dispatch_caused("CHANNEL_DELETE", ch.clone(), INTENT_GUILDS);
                Reply::ok(ch)
            }
            (_, ["channels", c, "permissions", target]) if m == "PUT" || m == "DELETE" => {
                let Some(ch) = st.guild_channel_mut(c) else {
                    return Reply::error(404, 10003, "Unknown Channel");
                };
                let mut list = ch["permission_overwrites"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                list.retain(|o| o["id"] != json!(target));
                if m == "PUT" {
                    let mut o = b.clone();
                    o["id"] = json!(target);
                    list.push(normalize_overwrite(&o));
                }
                ch["permission_overwrites"] = Value::Array(list);
                let ch = ch.clone();
                st.dispatch_caused("CHANNEL_UPDATE", ch, INTENT_GUILDS);
                Reply::no_content()
            }
            ("GET", ["guilds", g]) => {
                let guild = g.parse::<u64>().ok().and_then(|g| {
                    let found = self.guilds.iter().find(|x| parse_id(&x["id"]) == Some(g))?;
                    Some((g, found))
                });
                match guild {
                    Some((g, found)) => Reply::ok(rest_guild(found, st.roles.get(&g))),
                    None => Reply::error(404, 10004, "Unknown Guild"),
                }
            }
            ("GET", ["guilds", g, "channels"]) => {
                let gid = json!(g);
                let list: Vec<Value> = st
                    .channels
                    .values()
                    .filter(|c| c["guild_id"] == gid)
                    .cloned()
                    .collect();
                if list.is_empty() && !g.parse().is_ok_and(|g: u64| st.guild_ids.contains(&g)) {
                    return Reply::error(404, 10004, "Unknown Guild");
                }
                Reply::ok(Value::Array(list))
            }
            ("GET", ["guilds", g, "roles"]) => {
                match g.parse::<u64>().ok().and_then(|g| st.roles.get(&g)) {
                    Some(roles) => Reply::ok(Value::Array(roles.clone())),
                    None => Reply::error(404, 10004, "Unknown Guild"),
                }
            }
            ("GET", ["guilds", g, "members", u]) => {
                let key = (g.parse::<u64>().unwrap_or(0), u.parse::<u64>().unwrap_or(0));
                match st.members.get(&key) {
                    Some(member) => Reply::ok(member.clone()),
                    None => Reply::error(404, 10007, "Unknown Member"),
                }
            }
            (_, ["guilds", g, "members", u, "roles", r]) if m == "PUT" || m == "DELETE" => {
                let (Ok(g), Ok(u)) = (g.parse::<u64>(), u.parse::<u64>()) else {
                    return Reply::error(404, 10007, "Unknown Member");
                };
                let role_known = st
                    .roles
                    .get(&g)
                    .is_some_and(|roles| roles.iter().any(|role| role["id"] == json!(r)));
                if !role_known {
                    return Reply::error(404, 10011, "Unknown Role");
                }
                let Some(member) = st.members.get_mut(&(g, u)) else {
                    return Reply::error(404, 10007, "Unknown Member");
                };
                let mut roles = member["roles"].as_array().cloned().unwrap_or_default();
                roles.retain(|x| x != &json!(r));
                if m == "PUT" {
                    roles.push(json!(r));
                }
                member["roles"] = Value::Array(roles);
                let mut update = member.clone();
                update["guild_id"] = json!(g.to_string());
                st.dispatch_caused("GUILD_MEMBER_UPDATE", update, INTENT_GUILD_MEMBERS);
                Reply::no_content()
            }
            _ => Reply::not_found(),
        }
    }
}

/// A guild as `GET /guilds/{id}` returns it: the GUILD_CREATE payload without the keys only
/// the gateway sends, with the roles as they are now.
fn rest_guild(gateway: &Value, roles: Option<&Vec<Value>>) -> Value {
    let mut g = gateway.clone();
    if let Some(o) = g.as_object_mut() {
        for key in [
            "joined_at",
            "large",
            "unavailable",
            "member_count",
            "voice_states",
            "members",
            "channels",
            "threads",
            "presences",
            "stage_instances",
            "guild_scheduled_events",
        ] {
            o.remove(key);
        }
    }
    if let Some(roles) = roles {
        g["roles"] = Value::Array(roles.clone());
    }
    g
}

/// A nonce as text, as [`nonce_eq`] compares them (`"5"` and `5` are one nonce).
fn nonce_key(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn nonce_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::String(x), Value::Number(y)) | (Value::Number(y), Value::String(x)) => {
            *x == y.to_string()
        }
        _ => a == b,
    }
}

fn normalize_overwrite(o: &Value) -> Value {
    let text = |v: &Value| match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => "0".to_owned(),
    };
    let kind = match &o["type"] {
        Value::String(s) if s == "member" => 1,
        Value::String(_) => 0,
        v => v.as_u64().unwrap_or(0),
    };
    json!({
        "id": text(&o["id"]),
        "type": kind,
        "allow": text(&o["allow"]),
        "deny": text(&o["deny"]),
    })
}

fn current_user() -> Value {
    let mut u = payloads::bot_user();
    u["verified"] = json!(true);
    u["mfa_enabled"] = json!(true);
    u["flags"] = json!(0);
    u["locale"] = json!("en-US");
    u["premium_type"] = json!(0);
    u
}

fn application_info() -> Value {
    json!({
        "id": BOT_ID.to_string(),
        "name": "haven",
        "icon": null,
        "description": "",
        "summary": "",
        "type": null,
        "rpc_origins": [],
        "bot_public": false,
        "bot_require_code_grant": false,
        "bot": payloads::bot_user(),
        "owner": payloads::user(APP_OWNER_ID, "owner"),
        "verify_key": "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00",
        "team": null,
        "flags": 0,
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
        "approximate_guild_count": 1,
        "approximate_user_install_count": 0,
    })
}

impl FakeState {
    fn interaction_channel(&self, token: &str) -> u64 {
        self.interactions
            .get(token)
            .map_or(UNKNOWN_INTERACTION_CHANNEL, |i| i.channel_id)
    }

    /// A new message from the bot (or its interaction webhook) in `channel_id`.
    fn create_message(&mut self, channel_id: u64, b: &Value, kind: u64, webhook: bool) -> Value {
        let id = self.snowflake();
        let mut msg = payloads::bot_message(
            id,
            channel_id,
            b["content"].as_str().unwrap_or(""),
            b["components"].clone(),
        );
        msg["type"] = json!(kind);
        apply_message_fields(&mut msg, b);
        if let Some(tts) = b["tts"].as_bool() {
            msg["tts"] = json!(tts);
        }
        if !b["nonce"].is_null() {
            msg["nonce"] = b["nonce"].clone();
            if let Some(n) = nonce_key(&b["nonce"]) {
                self.nonces.insert((channel_id, n), id);
            }
        }
        if let Some(r) = b.get("message_reference").filter(|r| !r.is_null()) {
            msg["message_reference"] = json!({
                "type": r["type"].as_u64().unwrap_or(0),
                "message_id": r["message_id"],
                "channel_id": r.get("channel_id").filter(|c| !c.is_null()).cloned()
                    .unwrap_or_else(|| json!(channel_id.to_string())),
            });
            msg["type"] = json!(19);
        }
        if webhook {
            msg["webhook_id"] = json!(BOT_ID.to_string());
            msg["application_id"] = json!(BOT_ID.to_string());
        }
        if let Some(guild_id) = self
            .channels
            .get(&channel_id)
            .and_then(|c| c.get("guild_id"))
            .filter(|g| !g.is_null())
        {
            msg["guild_id"] = guild_id.clone();
        }
        self.messages.insert(id, msg.clone());
        msg
    }

    fn edit_message(&mut self, id: u64, b: &Value) -> Value {
        let msg = self.messages.get_mut(&id).expect("message exists");
        apply_message_fields(msg, b);
        if let Some(c) = b.get("content") {
            msg["content"] = json!(c.as_str().unwrap_or(""));
        }
        if let Some(c) = b.get("components") {
            msg["components"] = if c.is_null() { json!([]) } else { c.clone() };
        }
        msg["edited_timestamp"] = json!(payloads::timestamp_now());
        msg.clone()
    }

    fn callback(&mut self, token: &str, b: &Value) -> Reply {
        if !self.acknowledged.insert(token.to_owned()) {
            return Reply::error(400, 40060, "Interaction has already been acknowledged.");
        }
        let info = self.interactions.get(token).cloned();
        let channel = info
            .as_ref()
            .map_or(UNKNOWN_INTERACTION_CHANNEL, |i| i.channel_id);
        let data = b.get("data").cloned().unwrap_or_else(|| json!({}));
        match b["type"].as_u64() {
            Some(callback::CHANNEL_MESSAGE_WITH_SOURCE) => {
                let kind = if info.as_ref().is_some_and(|i| i.kind == 2) {
                    20
                } else {
                    0
                };
                let msg = self.create_message(channel, &data, kind, true);
                self.originals
                    .insert(token.to_owned(), u64_of(&msg["id"]).unwrap_or(0));
            }
            Some(callback::DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE) => {
                let flags = data["flags"].as_u64().unwrap_or(0) | LOADING;
                let kind = if info.as_ref().is_some_and(|i| i.kind == 2) {
                    20
                } else {
                    0
                };
                let msg = self.create_message(channel, &json!({"flags": flags}), kind, true);
                self.originals
                    .insert(token.to_owned(), u64_of(&msg["id"]).unwrap_or(0));
            }
            Some(callback::UPDATE_MESSAGE) => {
                if let Some(mid) = info.and_then(|i| i.message_id) {
                    if self.messages.contains_key(&mid) {
                        self.edit_message(mid, &data);
                    }
                }
            }
            Some(
                callback::PONG
                | callback::DEFERRED_UPDATE_MESSAGE
                | callback::AUTOCOMPLETE_RESULT
                | callback::MODAL
                | callback::PREMIUM_REQUIRED
                | callback::LAUNCH_ACTIVITY,
            ) => {}
            _ => {
                self.acknowledged.remove(token);
                return Reply::error(400, 50035, "Invalid Form Body");
            }
        }
        Reply::no_content()
    }

    fn webhook_message(&mut self, m: &str, token: &str, which: &str, b: &Value) -> Reply {
        let id = if which == "@original" {
            match self.originals.get(token) {
                Some(id) => Some(*id),
                None if m == "PATCH" && self.acknowledged.contains(token) => None,
                None => return Reply::unknown_message(),
            }
        } else {
            match which.parse::<u64>() {
                Ok(id) if self.messages.contains_key(&id) => Some(id),
                _ => return Reply::unknown_message(),
            }
        };
        match (m, id) {
            ("GET", Some(id)) => Reply::ok(self.messages[&id].clone()),
            ("PATCH", Some(id)) => {
                let msg = self.edit_message(id, b);
                // A deferred response stops "thinking" once edited.
                let flags = msg["flags"].as_u64().unwrap_or(0) & !LOADING;
                let stored = self.messages.get_mut(&id).expect("message exists");
                stored["flags"] = json!(flags);
                Reply::ok(stored.clone())
            }
            ("PATCH", None) => {
                let channel = self.interaction_channel(token);
                let msg = self.create_message(channel, b, 0, true);
                self.originals
                    .insert(token.to_owned(), u64_of(&msg["id"]).unwrap_or(0));
                Reply::ok(msg)
            }
            ("DELETE", Some(id)) => {
                self.messages.remove(&id);
                if which == "@original" {
                    self.originals.remove(token);
                }
                Reply::no_content()
            }
            _ => Reply::not_found(),
        }
    }

    fn commands_route(&mut self, m: &str, scope: Option<u64>, rest: &[&str], b: &Value) -> Reply {
        if let Some(g) = scope {
            if !self.guild_ids.contains(&g) {
                return Reply::error(403, 50001, "Missing Access");
            }
        }
        match (m, rest) {
            ("GET", []) => Reply::ok(Value::Array(
                self.commands.get(&scope).cloned().unwrap_or_default(),
            )),
            ("PUT", []) => {
                let incoming = b.as_array().cloned().unwrap_or_default();
                let old = self.commands.remove(&scope).unwrap_or_default();
                let mut out = Vec::with_capacity(incoming.len());
                for c in &incoming {
                    let same = old.iter().find(|o| {
                        o["name"] == c["name"]
                            && o["type"] == json!(c["type"].as_u64().unwrap_or(1))
                    });
                    let id = same.and_then(|o| u64_of(&o["id"]));
                    out.push(self.echo_command(c, scope, id));
                }
                self.commands.insert(scope, out.clone());
                Reply::ok(Value::Array(out))
            }
            ("POST", []) => {
                let cmd = self.echo_command(b, scope, None);
                let list = self.commands.entry(scope).or_default();
                list.retain(|o| o["name"] != cmd["name"] || o["type"] != cmd["type"]);
                list.push(cmd.clone());
                Reply::json(201, cmd)
            }
            (_, [id]) => {
                let list = self.commands.get(&scope).cloned().unwrap_or_default();
                let Some(pos) = list.iter().position(|c| c["id"] == json!(id)) else {
                    return Reply::error(404, 10063, "Unknown application command");
                };
                match m {
                    "GET" => Reply::ok(list[pos].clone()),
                    "DELETE" => {
                        self.commands.entry(scope).or_default().remove(pos);
                        Reply::no_content()
                    }
                    "PATCH" => {
                        let mut merged = list[pos].clone();
                        if let (Some(dst), Some(src)) = (merged.as_object_mut(), b.as_object()) {
                            for (k, v) in src {
                                dst.insert(k.clone(), v.clone());
                            }
                        }
                        let cmd = self.echo_command(&merged, scope, u64_of(&list[pos]["id"]));
                        self.commands.entry(scope).or_default()[pos] = cmd.clone();
                        Reply::ok(cmd)
                    }
                    _ => Reply::not_found(),
                }
            }
            _ => Reply::not_found(),
        }
    }

    /// A command as Discord returns it: the request plus id, application_id, version and the
    /// defaults serenity needs.
    fn echo_command(&mut self, c: &Value, scope: Option<u64>, id: Option<u64>) -> Value {
        let id = id.unwrap_or_else(|| self.snowflake());
        let version = self.snowflake();
        let mut out = c.clone();
        if !out.is_object() {
            out = json!({});
        }
        out["id"] = json!(id.to_string());
        out["application_id"] = json!(BOT_ID.to_string());
        out["version"] = json!(version.to_string());
        out["type"] = json!(c["type"].as_u64().unwrap_or(1));
        if c["description"].is_null() {
            out["description"] = json!("");
        }
        if c["default_member_permissions"].is_null() {
            out["default_member_permissions"] = Value::Null;
        } else if let Some(n) = c["default_member_permissions"].as_u64() {
            out["default_member_permissions"] = json!(n.to_string());
        }
        out["nsfw"] = json!(c["nsfw"].as_bool().unwrap_or(false));
        match scope {
            Some(g) => out["guild_id"] = json!(g.to_string()),
            None => {
                if out.get("contexts").is_none_or(Value::is_null) {
                    out["contexts"] = Value::Null;
                }
                if out.get("integration_types").is_none_or(Value::is_null) {
                    out["integration_types"] = json!([0]);
                }
            }
        }
        out
    }
}

/// Copies the message fields a send or edit may set (embeds, flags, attachments).
fn apply_message_fields(msg: &mut Value, b: &Value) {
    if let Some(embeds) = b.get("embeds") {
        let list: Vec<Value> = embeds
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                let mut e = e.clone();
                if e.get("type").is_none() {
                    e["type"] = json!("rich");
                }
                e
            })
            .collect();
        msg["embeds"] = Value::Array(list);
    }
    if let Some(f) = b.get("flags").and_then(Value::as_u64) {
        msg["flags"] = json!(f);
    }
    if let Some(a) = b.get("attachments").and_then(Value::as_array) {
        // Only kept-attachment references ({"id": ...}) can be echoed meaningfully.
        let kept: Vec<Value> = a
            .iter()
            .filter(|x| x.get("url").is_some())
            .cloned()
            .collect();
        msg["attachments"] = Value::Array(kept);
    }
}
