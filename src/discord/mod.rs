//! The only place that speaks Discord: connecting, registering commands, and turning
//! interactions into service calls and replies.

pub mod appreciate;
pub mod checkin;
pub mod commands;
pub mod ctx;
pub mod export;
pub mod forget;
pub mod handler;
mod http_mode;
pub mod ids;
pub mod invocation;
pub mod notify;
pub mod privacy;
pub mod prompt;
pub mod render;
pub mod respond;
pub mod schedule;
pub mod sender;
pub mod setup;
pub mod streak;

use std::time::Duration;

use serenity::all::{Command, CreateAllowedMentions, GatewayIntents, GuildId, Http, HttpBuilder};
use serenity::client::ClientBuilder;
use serenity::gateway::GatewayError;
use serenity::http::HttpError;
use tokio_util::sync::CancellationToken;

use crate::service::Services;

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
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

fn is_unauthorized(e: &serenity::Error) -> bool {
    matches!(e, serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 401)
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

/// Runs the bot until `shutdown` is cancelled or the gateway ends.
pub async fn run(services: Services, shutdown: CancellationToken) -> Result<(), RunError> {
    let settings = services.settings.clone();
    let token = settings
        .token()
        .map_err(|e| RunError::Other(anyhow::anyhow!(e)))?
        .to_string();
    let http = http_client(&token, settings.discord.api_base_url.as_deref());
    let over_http = settings.discord.interactions == crate::config::InteractionsMode::Http;
    if over_http {
        services.ops.shards.no_gateway();
    }

    let mut backoff = Duration::from_secs(1);
    let app = loop {
        match http.get_current_application_info().await {
            Ok(app) => break app,
            Err(e) if is_unauthorized(&e) => return Err(RunError::InvalidToken),
            Err(e) => {
                tracing::warn!(error = %e, retry_in = ?backoff, "cannot reach Discord yet");
                tokio::select! {
                    _ = shutdown.cancelled() => return Ok(()),
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(60));
            }
        }
    };
    http.set_application_id(app.id);
    register_commands(&http, &services, settings.discord.guild_id).await?;
    if over_http {
        return http_mode::run(services, std::sync::Arc::new(http), shutdown).await;
    }

    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .event_handler(handler::Handler {
            services: services.clone(),
        })
        .await
        .map_err(|e| RunError::Other(e.into()))?;
    // The shards this process runs, for /healthz: today shard 0 of 1.
    services.ops.shards.own(0..1);

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
    let shards = client.shard_manager.clone();
    tokio::spawn(handler::watch_shards(
        shards.clone(),
        services.ops.clone(),
        0..1,
        scheduler_stop.clone(),
    ));
    let stopper = {
        let (fatal, scheduler_stop) = (fatal.clone(), scheduler_stop.clone());
        tokio::spawn(async move {
            tokio::select! {
                _ = shutdown.cancelled() => {}
                _ = fatal.cancelled() => {}
                _ = scheduler_stop.cancelled() => {}
            }
            // Deliveries in flight finish (or stay recorded) before the gateway closes.
            scheduler_stop.cancel();
            let _ = scheduler.await;
            shards.shutdown_all().await;
        })
    };
    let result = client.start().await;
    scheduler_stop.cancel();
    let _ = stopper.await;
    if fatal.is_cancelled() {
        return Err(RunError::InvalidToken);
    }
    match result {
        Ok(()) => Ok(()),
        Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication)) => {
            Err(RunError::InvalidToken)
        }
        Err(e) => Err(RunError::Other(e.into())),
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
