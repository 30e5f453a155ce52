//! The only place that speaks Discord: connecting, registering commands, and turning
//! interactions into service calls and replies.

pub mod anniversary;
pub mod appreciate;
pub mod checkin;
pub mod commands;
pub mod ctx;
pub mod export;
pub mod forget;
pub mod gateway;
pub mod handler;
mod http_mode;
pub mod ids;
pub mod invocation;
pub mod notify;
pub mod onmymind;
pub mod privacy;
pub mod prompt;
pub mod pulse;
pub mod render;
pub mod respond;
pub mod schedule;
pub mod sender;
pub mod settings;
pub mod setup;
pub mod streak;

use std::future::Future;
use std::time::Duration;

use serenity::all::{Command, CreateAllowedMentions, GatewayIntents, GuildId, Http, HttpBuilder};
use serenity::client::ClientBuilder;
use serenity::gateway::GatewayError;
use serenity::http::HttpError;
use tokio_util::sync::CancellationToken;

use crate::service::Services;

/// The gateway intents haven asks for, and their names for a host reading a refusal.
const INTENTS: GatewayIntents = GatewayIntents::GUILDS;
const INTENTS_NAMES: &str = "GUILDS";

/// How long a stop waits for the deliveries in flight before closing the gateway anyway (they
/// stay recorded and are checked at the next start).
const STOP_DELIVERIES: Duration = Duration::from_secs(4);
/// How long a stop lets serenity close its shards itself before the relay closes them.
const STOP_SHARDS: Duration = Duration::from_millis(1500);
/// How long the relay waits for Discord's answering close frames.
const STOP_RELAY: Duration = Duration::from_secs(2);

/// The log filter haven installs for `requested` (RUST_LOG or `log.filter`): as given, with
/// `serenity=warn` added unless the request names serenity explicitly. So `RUST_LOG=debug`
/// shows haven's debug lines without serenity's, which would log tokens and partners' words.
pub fn log_directives(requested: &str) -> String {
    if requested.contains("serenity") {
        requested.to_string()
    } else if requested.trim().is_empty() {
        "serenity=warn".to_string()
    } else {
        format!("{requested},serenity=warn")
    }
}

/// Why the bot stopped.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Discord refused the token; restarting would only repeat it (exit code 78).
    #[error("Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN")]
    InvalidToken,
    /// Discord refused how haven is set up (sharding, intents, the session-start budget); a
    /// restart would only repeat it (exit code 78).
    #[error(transparent)]
    Refused(#[from] gateway::Refused),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl RunError {
    /// Whether a host must change something before starting again (exit code 78).
    pub fn is_config(&self) -> bool {
        matches!(self, RunError::InvalidToken | RunError::Refused(_))
    }
}

fn is_unauthorized(e: &serenity::Error) -> bool {
    matches!(e, serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 401)
}

/// Whether a REST failure may pass by itself (Discord unreachable, 5xx, 429), so the call is
/// worth repeating; a refusal or an answer that cannot be read is not.
fn is_transient(e: &serenity::Error) -> bool {
    match e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            let s = r.status_code.as_u16();
            s == 429 || s >= 500
        }
        serenity::Error::Http(HttpError::Request(_)) => true,
        _ => false,
    }
}

/// The REST client: Discord itself, or any Discord-compatible base (a proxy or an emulator),
/// in which case serenity's own ratelimiter must be off for the base to be used.
pub fn http_client(token: &str, api_base_url: Option<&str>) -> Http {
    let mut b = HttpBuilder::new(token).default_allowed_mentions(CreateAllowedMentions::new());
    if let Some(base) = api_base_url {
        b = b.proxy(base).ratelimiter_disabled(true);
    }
    b.build()
}

/// Repeats `call` with back-off while it fails transiently; `Ok(None)` once `shutdown` is
/// cancelled (a stop never waits for Discord).
async fn until_answered<T, F, Fut>(
    shutdown: &CancellationToken,
    what: &str,
    mut call: F,
) -> Result<Option<T>, RunError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, serenity::Error>>,
{
    let mut backoff = Duration::from_secs(1);
    loop {
        let outcome = tokio::select! {
            _ = shutdown.cancelled() => return Ok(None),
            r = call() => r,
        };
        match outcome {
            Ok(v) => return Ok(Some(v)),
            Err(e) if is_unauthorized(&e) => return Err(RunError::InvalidToken),
            Err(e) if is_transient(&e) => {
                tracing::warn!(error = %e, retry_in = ?backoff, "cannot reach Discord yet ({what})");
                tokio::select! {
                    _ = shutdown.cancelled() => return Ok(None),
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(60));
            }
            Err(e) => {
                return Err(RunError::Other(anyhow::anyhow!(
                    "Discord's answer to {what} cannot be used: {e}"
                )))
            }
        }
    }
}

/// Runs the bot until `shutdown` is cancelled or the gateway ends. A stop is prompt whatever
/// Discord is doing: deliveries in flight get [`STOP_DELIVERIES`], then every open gateway
/// connection is closed with a close frame, all within about 8 seconds.
pub async fn run(services: Services, shutdown: CancellationToken) -> Result<(), RunError> {
    let settings = services.settings.clone();
    let token = settings
        .token()
        .map_err(|e| RunError::Other(anyhow::anyhow!(e)))?
        .to_string();
    let fixed = settings
        .shard_range()
        .map_err(|e| RunError::Other(anyhow::anyhow!(e)))?;
    let http = http_client(&token, settings.discord.api_base_url.as_deref());
    let over_http = settings.discord.interactions == crate::config::InteractionsMode::Http;
    if over_http {
        services.ops.shards.no_gateway();
    }

    let Some(app) = until_answered(&shutdown, "the application", || {
        http.get_current_application_info()
    })
    .await?
    else {
        return Ok(());
    };
    http.set_application_id(app.id);
    tokio::select! {
        _ = shutdown.cancelled() => return Ok(()),
        r = register_commands(&http, &services, settings.discord.guild_id) => r?,
    }
    if over_http {
        return http_mode::run(services, std::sync::Arc::new(http), shutdown).await;
    }

    // Discord says how many shards, where the gateway is, and how many session starts are left.
    let Some(bot) =
        until_answered(&shutdown, "GET /gateway/bot", || http.get_bot_gateway()).await?
    else {
        return Ok(());
    };
    let plan = match gateway::plan(&bot, fixed, chrono::Utc::now()) {
        Ok(p) => p,
        Err(gateway::PlanError::Refused(r)) => return Err(r.into()),
        Err(gateway::PlanError::Answer(a)) => return Err(RunError::Other(anyhow::anyhow!(a))),
    };
    if !plan.fixed || plan.total >= bot.shards {
        tracing::info!(
            shards = ?plan.ids(), total = plan.total, max_concurrency = plan.max_concurrency,
            session_starts_left = bot.session_start_limit.remaining, "starting shards"
        );
    } else {
        tracing::warn!(
            shards = ?plan.ids(), total = plan.total, recommended = bot.shards,
            "starting fewer shards in total than Discord recommends"
        );
    }
    // The shards this process owns, for /healthz.
    services.ops.shards.own(plan.first..plan.last + 1);

    let relay = gateway::Relay::start(&bot.url)
        .await
        .map_err(|e| RunError::Other(anyhow::anyhow!("cannot open the gateway relay: {e}")))?;
    let builder = ClientBuilder::new_with_http(http, INTENTS).event_handler(handler::Handler {
        services: services.clone(),
    });
    let client = tokio::select! {
        _ = shutdown.cancelled() => None,
        c = builder => Some(c.map_err(|e| RunError::Other(e.into()))?),
    };
    let Some(mut client) = client else {
        relay.shutdown(STOP_RELAY).await;
        return Ok(());
    };
    // serenity's shards connect through the relay, which connects to `bot.url`.
    *client.ws_url.lock().await = relay.url();

    // The scheduler starts once per process, here, never from Ready (which fires again after
    // every fresh IDENTIFY).
    let fatal = CancellationToken::new();
    let scheduler_stop = CancellationToken::new();
    let scheduler = tokio::spawn(sender::run(
        services.clone(),
        client.http.clone(),
        client.cache.clone(),
        scheduler_stop.clone(),
        fatal.clone(),
    ));
    let manager = client.shard_manager.clone();
    tokio::spawn(handler::watch_shards(
        manager.clone(),
        services.ops.clone(),
        plan.first..plan.last + 1,
        scheduler_stop.clone(),
    ));
    let refused = relay.refused();
    // serenity's ShardQueuer starts one shard every 5 seconds, within any max_concurrency (at
    // least 1 per 5 s). Its range is inclusive: `first..last` starts first..=last.
    let start = client.start_shard_range(plan.first..plan.last, plan.total);
    tokio::pin!(start);
    let ended = tokio::select! {
        r = &mut start => Some(r),
        _ = shutdown.cancelled() => None,
        _ = fatal.cancelled() => None,
        _ = refused.cancelled() => None,
        _ = scheduler_stop.cancelled() => None,
    };

    // Deliveries in flight finish (or stay recorded) before the gateway closes.
    scheduler_stop.cancel();
    if tokio::time::timeout(STOP_DELIVERIES, scheduler)
        .await
        .is_err()
    {
        tracing::warn!("deliveries still in flight at shutdown stay recorded and are checked at the next start");
    }
    // When every shard's connection is open, serenity closes them itself (its runners and
    // queuer end, releasing what they hold); the relay then closes with 1000 whatever is still
    // open. serenity is never told to stop a shard whose connection has ended: its runner would
    // poll the ended stream forever (`ShardRunner::checked_shutdown`), freezing a worker.
    if relay.open_connections() >= plan.count() as usize {
        let _ = tokio::time::timeout(STOP_SHARDS, manager.shutdown_all()).await;
        relay.wait_all_closed(STOP_SHARDS).await;
    }
    let closed = relay_close(relay, &refused, &plan).await;
    let ended = match ended {
        Some(r) => Some(r),
        None => {
            manager.return_with_value(Ok(())).await;
            tokio::time::timeout(Duration::from_millis(500), &mut start)
                .await
                .ok()
        }
    };
    closed?;
    if fatal.is_cancelled() {
        return Err(RunError::InvalidToken);
    }
    match ended {
        None | Some(Ok(())) => Ok(()),
        Some(Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication))) => {
            Err(RunError::InvalidToken)
        }
        Some(Err(serenity::Error::Gateway(
            e @ (GatewayError::InvalidGatewayIntents | GatewayError::DisallowedGatewayIntents),
        ))) => {
            let code = if matches!(e, GatewayError::InvalidGatewayIntents) {
                4013
            } else {
                4014
            };
            Err(gateway::refusal(code, None, &plan)
                .map(RunError::from)
                .unwrap_or_else(|| RunError::Other(anyhow::anyhow!(e))))
        }
        Some(Err(e)) => Err(RunError::Other(e.into())),
    }
}

/// Shuts the relay down and turns a refusal it saw into the error that ends the process.
async fn relay_close(
    relay: gateway::Relay,
    refused: &CancellationToken,
    plan: &gateway::ShardPlan,
) -> Result<(), RunError> {
    let seen = relay.fatal();
    relay.shutdown(STOP_RELAY).await;
    let Some(close) = seen.filter(|_| refused.is_cancelled()) else {
        return Ok(());
    };
    if close.code == 4004 {
        return Err(RunError::InvalidToken);
    }
    match gateway::refusal(close.code, close.shard, plan) {
        Some(r) => Err(r.into()),
        None => Err(RunError::Other(anyhow::anyhow!(
            "Discord closed the gateway with code {}",
            close.code
        ))),
    }
}

/// One bulk overwrite (PUT) for the scope in use; the scope not in use is emptied, so a
/// switch between guild and global registration leaves no stale commands behind.
async fn register_commands(
    http: &Http,
    services: &Services,
    guild: Option<u64>,
) -> Result<(), RunError> {
    let guild = guild.map(crate::domain::ids::GuildId);
    let previous = services
        .registered_guild()
        .await
        .map_err(|e| RunError::Other(e.into()))?;
    let outcome = async {
        match guild {
            Some(g) => {
                let cmds = GuildId::from(g).set_commands(http, commands::all()).await?;
                Command::set_global_commands(http, vec![]).await?;
                if let Some(old) = previous.filter(|old| *old != g) {
                    GuildId::from(old).set_commands(http, vec![]).await?;
                }
                tracing::info!(
                    count = cmds.len(),
                    guild = g.get(),
                    "commands registered in one guild"
                );
            }
            None => {
                let cmds = Command::set_global_commands(http, commands::all()).await?;
                if let Some(old) = previous {
                    GuildId::from(old).set_commands(http, vec![]).await?;
                }
                tracing::info!(count = cmds.len(), "commands registered globally");
            }
        }
        Ok::<(), serenity::Error>(())
    }
    .await;
    match outcome {
        Ok(()) => {
            services
                .set_registered_guild(guild)
                .await
                .map_err(|e| RunError::Other(e.into()))?;
            Ok(())
        }
        Err(e) if is_unauthorized(&e) => Err(RunError::InvalidToken),
        Err(e) => {
            // The commands registered last time still work; keep serving them.
            tracing::error!(error = %e, "could not register commands; keeping the previous registration");
            Ok(())
        }
    }
}

#[cfg(test)]
mod log_tests {
    use super::*;
    use tracing::Level;
    use tracing_subscriber::prelude::*;
    use tracing_subscriber::EnvFilter;

    /// Whether serenity's HTTP client and haven would log at debug under `requested`.
    fn debug_enabled(requested: &str) -> (bool, bool) {
        let subscriber = tracing_subscriber::registry()
            .with(EnvFilter::try_new(log_directives(requested)).expect("a valid filter"));
        tracing::subscriber::with_default(subscriber, || {
            (
                tracing::enabled!(target: "serenity::http::client", Level::DEBUG),
                tracing::enabled!(target: "haven::service", Level::DEBUG),
            )
        })
    }

    #[test]
    fn serenity_stays_at_warn_unless_named() {
        assert_eq!(debug_enabled("debug"), (false, true));
        assert_eq!(debug_enabled("trace"), (false, true));
        assert_eq!(debug_enabled(""), (false, false));
        assert_eq!(debug_enabled("debug,serenity=debug"), (true, true));
        assert!(!debug_enabled("info").1);
    }
}
