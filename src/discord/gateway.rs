//! Discord's gateway as haven uses it: which shards this process runs (Discord's
//! `GET /gateway/bot`, or a fixed range), and a relay on 127.0.0.1 between serenity's shards and
//! Discord.
//!
//! Why a relay: serenity 0.12.5 hides how a connection ended and cannot always close one.
//! - A close with 4011 (sharding required) is logged and then retried: the shard reconnects,
//!   spins on the closed socket until its next heartbeat fails, and IDENTIFYs again, forever.
//! - After a re-IDENTIFY (op 9, close 4009) `ShardManager::restart_shard` leaves a stale id in
//!   the manager's shutdown channel, so the next `shutdown_all` takes that id as "shard closed",
//!   drops the runner from its map before the queuer forwards the shutdown, and the runner never
//!   sends its close frame (Discord sees 1006).
//! - With no shard connected (Discord unreachable) `shutdown_all` returns at once without ending
//!   `Client::start`, and a connect to a gateway that does not answer waits forever.
//! - A runner told to shut down after its socket has ended polls the ended stream in a loop that
//!   never yields (`ShardRunner::checked_shutdown`): haven never sends serenity a shutdown.
//!
//! Every gateway connection goes through the relay, which sees each close code Discord sends
//! (a refusal that a restart would only repeat ends the process), and at shutdown closes every
//! connection still open to Discord with a close frame (1000), in bounded time. Such a refusal
//! is not passed on to serenity: its side of that connection stays open and idle until haven's
//! stop, so no runner spins on an ended socket (holding a worker) or is told to stop after it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serenity::model::gateway::BotGateway;
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, WebSocketConfig};
use tokio_tungstenite::tungstenite::Message;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::config::{ShardRange, MAX_TOTAL_SHARDS};

/// The most shards one process starts (each is a connection and a task).
pub const MAX_SHARDS_PER_PROCESS: u32 = 1024;
/// The largest `max_concurrency` haven believes (Discord's biggest bots have 16 to 64).
pub const MAX_CONCURRENCY: u64 = 1024;
/// How long the relay waits for Discord to accept a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a closing connection waits for Discord's answering close frame.
const CLOSE_REPLY: Duration = Duration::from_secs(2);

/// The shards this process runs: `first..=last` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardPlan {
    pub first: u32,
    pub last: u32,
    pub total: u32,
    /// Set by the host (`discord.shards`), not recommended by Discord.
    pub fixed: bool,
    /// IDENTIFYs Discord allows per 5 seconds.
    pub max_concurrency: u64,
}

impl ShardPlan {
    pub fn ids(&self) -> std::ops::RangeInclusive<u32> {
        self.first..=self.last
    }

    pub fn count(&self) -> u32 {
        self.last - self.first + 1
    }
}

/// Why haven cannot start or keep its shards: a host must change something first, and a
/// restart would only spend Discord's daily session starts (exit code 78).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// Decides the shards from Discord's `/gateway/bot` answer and the host's fixed range, and
/// checks the session-start budget covers them. An answer that cannot be right (no shards,
/// more than [`MAX_TOTAL_SHARDS`], a budget larger than its total) is refused, not believed.
pub fn plan(
    bot: &BotGateway,
    fixed: Option<ShardRange>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ShardPlan, PlanError> {
    let limit = &bot.session_start_limit;
    if bot.shards == 0 || bot.shards > MAX_TOTAL_SHARDS {
        return Err(PlanError::Answer(format!(
            "Discord's /gateway/bot recommends {} shards; haven accepts 1 to {MAX_TOTAL_SHARDS}",
            bot.shards
        )));
    }
    if limit.total == 0 || limit.remaining > limit.total {
        return Err(PlanError::Answer(format!(
            "Discord's /gateway/bot reports a session-start budget of {} remaining out of {}",
            limit.remaining, limit.total
        )));
    }
    if limit.max_concurrency == 0 || limit.max_concurrency > MAX_CONCURRENCY {
        return Err(PlanError::Answer(format!(
            "Discord's /gateway/bot reports max_concurrency {}; haven accepts 1 to {MAX_CONCURRENCY}",
            limit.max_concurrency
        )));
    }
    if !(bot.url.starts_with("wss://") || bot.url.starts_with("ws://"))
        || bot.url.contains(['?', '#'])
        || bot.url.contains(char::is_whitespace)
        || url::Url::parse(&bot.url).is_err()
    {
        return Err(PlanError::Answer(format!(
            "Discord's /gateway/bot gives {:?} as the gateway, which is not a ws:// or wss:// address",
            crate::domain::text::clip(&bot.url, 80)
        )));
    }
    let plan = match fixed {
        Some(r) => ShardPlan {
            first: r.first,
            last: r.last,
            total: r.total,
            fixed: true,
            max_concurrency: limit.max_concurrency,
        },
        None => ShardPlan {
            first: 0,
            last: bot.shards - 1,
            total: bot.shards,
            fixed: false,
            max_concurrency: limit.max_concurrency,
        },
    };
    if plan.count() > MAX_SHARDS_PER_PROCESS {
        let advice = if plan.fixed {
            "give this process a smaller range (discord.shards)"
        } else {
            "split the shards over several processes with discord.shards and discord.total_shards"
        };
        return Err(PlanError::Refused(Refused(format!(
            "this process would run {} shards, more than the {MAX_SHARDS_PER_PROCESS} one process runs: {advice}",
            plan.count()
        ))));
    }
    if limit.remaining < u64::from(plan.count()) {
        let reset_after = Duration::from_millis(limit.reset_after.min(7 * 86_400_000));
        let at = now + chrono::Duration::milliseconds(reset_after.as_millis() as i64);
        let minutes = reset_after.as_secs().div_ceil(60);
        let advice = if plan.fixed {
            "start haven again after that, or give this process fewer shards (discord.shards)"
        } else {
            "start haven again after that"
        };
        return Err(PlanError::Refused(Refused(format!(
            "Discord's session-start budget has {} of {} starts left and this process needs {}; it resets in {} h {} min (at {}): {advice}",
            limit.remaining,
            limit.total,
            plan.count(),
            minutes / 60,
            minutes % 60,
            at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ))));
    }
    Ok(plan)
}

/// Why [`plan`] said no.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// Discord's answer cannot be right; nothing was started.
    #[error("{0}")]
    Answer(String),
    #[error(transparent)]
    Refused(#[from] Refused),
}

/// A close code after which reconnecting would only repeat the refusal, in words for the host.
pub fn refusal(code: u16, shard: Option<[u32; 2]>, plan: &ShardPlan) -> Option<Refused> {
    let which = match shard {
        Some([id, total]) => format!("shard {id} of {total}"),
        None => "a shard".to_string(),
    };
    let text = match code {
        4010 => format!(
            "Discord refused {which} as invalid (close code 4010): check discord.shards and discord.total_shards"
        ),
        4011 if plan.fixed => format!(
            "Discord closed {which} with 4011 (sharding required: a shard may serve at most 2,500 servers): raise discord.total_shards (and give every process its range of the new total), or remove discord.shards and discord.total_shards to run the count Discord recommends"
        ),
        4011 => format!(
            "Discord closed {which} with 4011 (sharding required: a shard may serve at most 2,500 servers) although haven ran the {} shard(s) Discord's /gateway/bot recommends: set discord.shards = \"0-{}\" and discord.total_shards = {} (or more), or try again later",
            plan.total,
            plan.total * 2 - 1,
            plan.total * 2
        ),
        4013 => format!(
            "Discord refused the gateway intents haven asks for (close code 4013, invalid intents: {}); this haven build needs a fix, not a restart",
            super::INTENTS_NAMES
        ),
        4014 => format!(
            "Discord refused the gateway intents haven asks for (close code 4014, disallowed intents: {}): enable them for this application in the Discord Developer Portal (Bot, Privileged Gateway Intents)",
            super::INTENTS_NAMES
        ),
        _ => return None,
    };
    Some(Refused(text))
}

/// What the relay saw that ends the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FatalClose {
    pub code: u16,
    /// The `shard` of the connection's IDENTIFY, when it sent one.
    pub shard: Option<[u32; 2]>,
}

fn is_fatal(code: u16) -> bool {
    matches!(code, 4004 | 4010 | 4011 | 4012 | 4013 | 4014)
}

struct Shared {
    /// The gateway address (`wss://gateway.discord.gg`), without a trailing slash.
    upstream: String,
    /// Cancelled at shutdown: every connection closes with 1000.
    closing: CancellationToken,
    /// Cancelled when a close code says reconnecting is pointless.
    refused: CancellationToken,
    fatal: Mutex<Option<FatalClose>>,
    tracker: TaskTracker,
    /// Connections relayed both ways right now.
    open: std::sync::atomic::AtomicUsize,
    /// Woken when a relayed connection ends.
    ended: tokio::sync::Notify,
}

/// The relay between serenity's shards and Discord's gateway on 127.0.0.1.
pub struct Relay {
    port: u16,
    shared: Arc<Shared>,
    accept: tokio::task::JoinHandle<()>,
}

fn ws_config() -> WebSocketConfig {
    WebSocketConfig {
        max_message_size: None,
        max_frame_size: None,
        ..Default::default()
    }
}

impl Relay {
    /// Listens on 127.0.0.1 (a free port) and relays every connection to `upstream`.
    pub async fn start(upstream: &str) -> std::io::Result<Relay> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared {
            upstream: upstream.trim_end_matches('/').to_string(),
            closing: CancellationToken::new(),
            refused: CancellationToken::new(),
            fatal: Mutex::new(None),
            tracker: TaskTracker::new(),
            open: Default::default(),
            ended: Default::default(),
        });
        let accept = {
            let shared = shared.clone();
            tokio::spawn(async move {
                loop {
                    let (tcp, _) = tokio::select! {
                        _ = shared.closing.cancelled() => break,
                        accepted = listener.accept() => match accepted {
                            Ok(a) => a,
                            Err(e) => {
                                tracing::warn!(error = %e, "gateway relay: accept failed");
                                tokio::time::sleep(Duration::from_millis(100)).await;
                                continue;
                            }
                        },
                    };
                    let _ = tcp.set_nodelay(true);
                    shared.tracker.spawn(relay_connection(shared.clone(), tcp));
                }
            })
        };
        Ok(Relay {
            port,
            shared,
            accept,
        })
    }

    /// The address serenity connects to (`ws://127.0.0.1:PORT`, no query: serenity adds it).
    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    /// Cancelled once Discord has closed a connection with a code that a reconnect would repeat.
    pub fn refused(&self) -> CancellationToken {
        self.shared.refused.clone()
    }

    /// The first such close, if one came.
    pub fn fatal(&self) -> Option<FatalClose> {
        *self.shared.fatal.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many connections are relayed both ways right now.
    pub fn open_connections(&self) -> usize {
        self.shared.open.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Waits at most `limit` until no connection is relayed any more (serenity closed them).
    pub async fn wait_all_closed(&self, limit: Duration) {
        let _ = tokio::time::timeout(limit, async {
            loop {
                let ended = self.shared.ended.notified();
                tokio::pin!(ended);
                ended.as_mut().enable();
                if self.open_connections() == 0 {
                    return;
                }
                ended.await;
            }
        })
        .await;
    }

    /// Stops accepting, closes every connection still open to Discord with a close frame
    /// (1000), and waits at most `grace` for them to finish.
    pub async fn shutdown(self, grace: Duration) {
        self.shared.closing.cancel();
        self.shared.tracker.close();
        if tokio::time::timeout(grace, self.shared.tracker.wait())
            .await
            .is_err()
        {
            tracing::warn!(
                "gateway relay: connections still closing after {grace:?}; leaving them"
            );
        }
        self.accept.abort();
    }
}

/// The request target of the WebSocket handshake waiting on `tcp` (`/?v=10`), read without
/// consuming it.
async fn request_target(tcp: &TcpStream) -> Option<String> {
    let mut buf = [0u8; 2048];
    for _ in 0..100 {
        let n = tcp.peek(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        let head = &buf[..n];
        if let Some(end) = head.windows(2).position(|w| w == b"\r\n") {
            let line = std::str::from_utf8(&head[..end]).ok()?;
            let mut parts = line.split(' ');
            let (Some("GET"), Some(target)) = (parts.next(), parts.next()) else {
                return None;
            };
            return target.starts_with('/').then(|| target.to_string());
        }
        if n == buf.len() {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    None
}

async fn relay_connection(shared: Arc<Shared>, tcp: TcpStream) {
    let target = tokio::select! {
        _ = shared.closing.cancelled() => return,
        t = tokio::time::timeout(CONNECT_TIMEOUT, request_target(&tcp)) => match t {
            Ok(Some(t)) => t,
            _ => return,
        },
    };
    let upstream_url = format!("{}{}", shared.upstream, target);
    // Discord first: when it cannot be reached, serenity's connect fails (and it backs off)
    // instead of opening a connection that closes at once.
    let connect = tokio_tungstenite::connect_async_with_config(
        upstream_url.as_str(),
        Some(ws_config()),
        true,
    );
    let up = tokio::select! {
        _ = shared.closing.cancelled() => return,
        r = tokio::time::timeout(CONNECT_TIMEOUT, connect) => match r {
            Ok(Ok((up, _))) => up,
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "cannot reach Discord's gateway");
                return;
            }
            Err(_) => {
                tracing::warn!("Discord's gateway did not answer within {CONNECT_TIMEOUT:?}");
                return;
            }
        },
    };
    let mut up = up;
    let down = match tokio_tungstenite::accept_async_with_config(tcp, Some(ws_config())).await {
        Ok(d) => d,
        Err(e) => {
            tracing::debug!(error = %e, "gateway relay: handshake with serenity failed");
            let _ = tokio::time::timeout(CLOSE_REPLY, up.close(Some(normal_close()))).await;
            return;
        }
    };
    shared
        .open
        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    pump(&shared, down, up).await;
    shared
        .open
        .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    shared.ended.notify_waiters();
}

fn normal_close() -> CloseFrame<'static> {
    CloseFrame {
        code: CloseCode::Normal,
        reason: "".into(),
    }
}

/// The `shard` of an IDENTIFY (op 2), if `text` is one.
fn identify_shard(text: &str) -> Option<[u32; 2]> {
    if !text.contains("\"op\":2") && !text.contains("\"op\": 2") {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    if v["op"].as_u64() != Some(2) {
        return None;
    }
    let s = v["d"]["shard"].as_array()?;
    let id = u32::try_from(s.first()?.as_u64()?).ok()?;
    let total = u32::try_from(s.get(1)?.as_u64()?).ok()?;
    Some([id, total])
}

async fn pump<D, U>(shared: &Shared, down: D, up: U)
where
    D: futures::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>>
        + futures::Sink<Message, Error = tokio_tungstenite::tungstenite::Error>
        + Unpin,
    U: futures::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>>
        + futures::Sink<Message, Error = tokio_tungstenite::tungstenite::Error>
        + Unpin,
{
    let (mut down_tx, mut down_rx) = down.split();
    let (mut up_tx, mut up_rx) = up.split();
    let mut shard: Option<[u32; 2]> = None;
    // Set once a close frame went out: the connection ends at the answer or then.
    let mut closing_until: Option<tokio::time::Instant> = None;
    // Set once Discord closed with a code a reconnect would repeat: its side is gone, and
    // serenity's side stays open and idle (nothing relayed) until haven's stop closes it.
    let mut held = false;
    let far = tokio::time::Instant::now() + Duration::from_secs(86_400 * 365);
    loop {
        tokio::select! {
            m = down_rx.next() => match m {
                Some(Ok(Message::Close(frame))) if held => {
                    // serenity closes (its own shutdown) or answers the relay's close frame;
                    // Discord's side is already gone.
                    if closing_until.is_none() {
                        let _ = down_tx.send(Message::Close(frame)).await;
                    }
                    break;
                }
                Some(Ok(Message::Close(frame))) => {
                    // serenity closes (its own shutdown): pass it on, wait for Discord's answer.
                    if closing_until.is_none() {
                        let _ = up_tx.send(Message::Close(frame)).await;
                        closing_until = Some(tokio::time::Instant::now() + CLOSE_REPLY);
                    }
                }
                Some(Ok(m @ (Message::Text(_) | Message::Binary(_)))) => {
                    if let Message::Text(t) = &m {
                        if let Some(s) = identify_shard(t) {
                            shard = Some(s);
                        }
                    }
                    if !held && closing_until.is_none() && up_tx.send(m).await.is_err() {
                        break;
                    }
                }
                Some(Ok(_)) => {}
                // serenity dropped the connection (its reconnect path): so does the relay, as
                // Discord would have seen it without the relay; the session stays resumable.
                Some(Err(_)) | None => break,
            },
            m = up_rx.next(), if !held => match m {
                Some(Ok(Message::Close(frame))) => {
                    let code = frame.as_ref().map(|f| u16::from(f.code));
                    if let Some(code) = code.filter(|c| is_fatal(*c)) {
                        {
                            let mut fatal =
                                shared.fatal.lock().unwrap_or_else(|e| e.into_inner());
                            if fatal.is_none() {
                                *fatal = Some(FatalClose { code, shard });
                            }
                        }
                        shared.refused.cancel();
                        if closing_until.is_none() {
                            // Not passed on: serenity would log it and carry on, spinning on
                            // the ended socket, and a runner told to stop after its socket
                            // ended never returns. Haven stops on `refused` instead.
                            held = true;
                            let _ = tokio::time::timeout(CLOSE_REPLY, up_tx.close()).await;
                            continue;
                        }
                    }
                    if closing_until.is_some() {
                        // Discord answered the close frame: done.
                        let _ = down_tx.send(Message::Close(frame)).await;
                        break;
                    }
                    let _ = down_tx.send(Message::Close(frame)).await;
                    closing_until = Some(tokio::time::Instant::now() + CLOSE_REPLY);
                }
                Some(Ok(m @ (Message::Text(_) | Message::Binary(_)))) => {
                    if down_tx.send(m).await.is_err() {
                        // serenity is gone: tell Discord properly if shutting down, else drop.
                        if shared.closing.is_cancelled() {
                            let _ = up_tx.send(Message::Close(Some(normal_close()))).await;
                        }
                        break;
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break,
            },
            _ = shared.closing.cancelled(), if closing_until.is_none() => {
                if held {
                    let _ = down_tx.send(Message::Close(Some(normal_close()))).await;
                } else {
                    let _ = up_tx.send(Message::Close(Some(normal_close()))).await;
                }
                closing_until = Some(tokio::time::Instant::now() + CLOSE_REPLY);
            }
            _ = tokio::time::sleep_until(closing_until.unwrap_or(far)), if closing_until.is_some() => break,
        }
    }
    if !held {
        let _ = up_tx.close().await;
    }
    let _ = down_tx.close().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(shards: u32, remaining: u64, max_concurrency: u64) -> BotGateway {
        serde_json::from_value(serde_json::json!({
            "url": "wss://gateway.discord.gg",
            "shards": shards,
            "session_start_limit": {
                "total": 1000, "remaining": remaining, "reset_after": 5_400_000,
                "max_concurrency": max_concurrency
            }
        }))
        .expect("a /gateway/bot answer")
    }

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
            .unwrap()
            .to_utc()
    }

    #[test]
    fn discord_recommends_the_count_unless_a_range_is_fixed() {
        let p = plan(&answer(4, 999, 16), None, now()).unwrap();
        assert_eq!(
            (p.first, p.last, p.total, p.fixed, p.max_concurrency),
            (0, 3, 4, false, 16)
        );
        let fixed = ShardRange {
            first: 2,
            last: 3,
            total: 16,
        };
        let p = plan(&answer(4, 999, 1), Some(fixed), now()).unwrap();
        assert_eq!((p.first, p.last, p.total, p.fixed), (2, 3, 16, true));
        assert_eq!(p.ids().collect::<Vec<_>>(), vec![2, 3]);
    }

    #[test]
    fn a_short_budget_says_when_it_resets_and_what_to_set() {
        let e = plan(&answer(4, 3, 1), None, now()).unwrap_err();
        let PlanError::Refused(Refused(text)) = e else {
            panic!("refused: {e:?}")
        };
        assert!(text.contains("3 of 1000 starts left"), "{text}");
        assert!(text.contains("needs 4"), "{text}");
        assert!(text.contains("1 h 30 min"), "{text}");
        assert!(text.contains("2026-11-26T13:30:00Z"), "{text}");
        let fixed = ShardRange {
            first: 0,
            last: 1,
            total: 2,
        };
        let e = plan(&answer(1, 1, 1), Some(fixed), now()).unwrap_err();
        assert!(e.to_string().contains("discord.shards"), "{e}");
    }

    #[test]
    fn answers_that_cannot_be_right_are_refused() {
        for bad in [answer(0, 999, 1), answer(MAX_TOTAL_SHARDS + 1, 999, 1)] {
            assert!(matches!(plan(&bad, None, now()), Err(PlanError::Answer(_))));
        }
        assert!(matches!(
            plan(&answer(1, 999, 0), None, now()),
            Err(PlanError::Answer(_))
        ));
        assert!(matches!(
            plan(&answer(1, 999, 1_000_000), None, now()),
            Err(PlanError::Answer(_))
        ));
        let mut b = answer(1, 999, 1);
        b.session_start_limit.remaining = 5000;
        assert!(matches!(plan(&b, None, now()), Err(PlanError::Answer(_))));
        let mut b = answer(1, 999, 1);
        b.url = "https://example.com/?x".into();
        assert!(matches!(plan(&b, None, now()), Err(PlanError::Answer(_))));
        // Too many for one process: a refusal naming the fix.
        let e = plan(&answer(2000, 999, 1), None, now()).unwrap_err();
        assert!(e.to_string().contains("discord.total_shards"), "{e}");
    }

    #[test]
    fn refusals_say_what_to_change() {
        let auto = plan(&answer(1, 999, 1), None, now()).unwrap();
        let fixed = ShardPlan {
            fixed: true,
            ..auto
        };
        let t = refusal(4011, Some([0, 1]), &auto).unwrap().0;
        assert!(t.contains("discord.total_shards = 2"), "{t}");
        let t = refusal(4011, Some([0, 1]), &fixed).unwrap().0;
        assert!(t.contains("raise discord.total_shards"), "{t}");
        assert!(refusal(4014, None, &auto)
            .unwrap()
            .0
            .contains("Developer Portal"));
        assert!(refusal(4013, None, &auto).unwrap().0.contains("4013"));
        assert!(refusal(4009, None, &auto).is_none());
        assert!(refusal(1000, None, &auto).is_none());
    }

    /// A pump between a serenity end and a Discord end over in-memory sockets.
    async fn piped() -> (
        Arc<Shared>,
        tokio::task::JoinHandle<()>,
        tokio_tungstenite::WebSocketStream<tokio::io::DuplexStream>,
        tokio_tungstenite::WebSocketStream<tokio::io::DuplexStream>,
    ) {
        use tokio_tungstenite::tungstenite::protocol::Role;
        use tokio_tungstenite::WebSocketStream;
        let (relay_down, serenity_io) = tokio::io::duplex(64 * 1024);
        let (relay_up, discord_io) = tokio::io::duplex(64 * 1024);
        let down = WebSocketStream::from_raw_socket(relay_down, Role::Server, None).await;
        let serenity = WebSocketStream::from_raw_socket(serenity_io, Role::Client, None).await;
        let up = WebSocketStream::from_raw_socket(relay_up, Role::Client, None).await;
        let discord = WebSocketStream::from_raw_socket(discord_io, Role::Server, None).await;
        let shared = Arc::new(Shared {
            upstream: String::new(),
            closing: CancellationToken::new(),
            refused: CancellationToken::new(),
            fatal: Mutex::new(None),
            tracker: TaskTracker::new(),
            open: Default::default(),
            ended: Default::default(),
        });
        let pump = tokio::spawn({
            let shared = shared.clone();
            async move { pump(&shared, down, up).await }
        });
        (shared, pump, serenity, discord)
    }

    async fn next_close<S>(ws: &mut S) -> Option<u16>
    where
        S: futures::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
    {
        let wait = Duration::from_secs(10);
        loop {
            match tokio::time::timeout(wait, ws.next())
                .await
                .expect("an answer")
            {
                Some(Ok(Message::Close(f))) => return f.map(|f| u16::from(f.code)),
                Some(Ok(_)) => continue,
                _ => return None,
            }
        }
    }

    #[tokio::test]
    async fn a_refusal_stays_with_the_relay_and_serenity_is_closed_with_1000_at_the_stop() {
        let (shared, pump, mut serenity, mut discord) = piped().await;
        let identify = r#"{"op":2,"d":{"token":"x","shard":[0,1]}}"#;
        serenity.send(Message::Text(identify.into())).await.unwrap();
        let got = tokio::time::timeout(Duration::from_secs(10), discord.next()).await;
        assert!(matches!(got, Ok(Some(Ok(Message::Text(t)))) if t == identify));
        discord
            .send(Message::Close(Some(CloseFrame {
                code: CloseCode::from(4011),
                reason: "Sharding required.".into(),
            })))
            .await
            .unwrap();
        tokio::time::timeout(Duration::from_secs(10), shared.refused.cancelled())
            .await
            .expect("the refusal is seen");
        let fatal = *shared.fatal.lock().unwrap();
        assert_eq!(
            fatal,
            Some(FatalClose {
                code: 4011,
                shard: Some([0, 1])
            })
        );
        // Discord's close is answered; serenity's heartbeat goes nowhere.
        assert_eq!(next_close(&mut discord).await, Some(4011));
        serenity
            .send(Message::Text(r#"{"op":1,"d":null}"#.into()))
            .await
            .unwrap();
        // The first close serenity sees is haven's stop, not Discord's 4011.
        shared.closing.cancel();
        assert_eq!(next_close(&mut serenity).await, Some(1000));
        tokio::time::timeout(Duration::from_secs(10), pump)
            .await
            .expect("the connection ends")
            .unwrap();
    }

    #[tokio::test]
    async fn serenity_closing_a_refused_connection_gets_its_answer() {
        let (shared, pump, mut serenity, mut discord) = piped().await;
        discord
            .send(Message::Close(Some(CloseFrame {
                code: CloseCode::from(4014),
                reason: "Disallowed intent(s).".into(),
            })))
            .await
            .unwrap();
        tokio::time::timeout(Duration::from_secs(10), shared.refused.cancelled())
            .await
            .expect("the refusal is seen");
        // serenity's own shutdown: its close frame is answered, so its runner stops waiting.
        serenity.close(Some(normal_close())).await.unwrap();
        assert_eq!(next_close(&mut serenity).await, Some(1000));
        tokio::time::timeout(Duration::from_secs(10), pump)
            .await
            .expect("the connection ends")
            .unwrap();
        assert!(!shared.closing.is_cancelled());
    }

    #[test]
    fn the_shard_of_an_identify() {
        assert_eq!(
            identify_shard(r#"{"op":2,"d":{"token":"x","shard":[3,16]}}"#),
            Some([3, 16])
        );
        assert_eq!(identify_shard(r#"{"op":1,"d":2}"#), None);
        assert_eq!(identify_shard(r#"{"op":2,"d":{"shard":[-1,2]}}"#), None);
        assert_eq!(identify_shard("not json \"op\":2"), None);
    }
}
