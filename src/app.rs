//! `App::build(settings)` and `App::run(shutdown)`: the one wiring used by `main` and the tests.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::clock::{Clock, SystemClock};
use crate::config::{ConfigError, Settings};
use crate::discord::{self, RunError};
use crate::service::Services;
use crate::store::{Store, StoreError};

/// How long the systemd watchdog's check waits for the database.
const WATCHDOG_DATABASE_DEADLINE: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on http.listen {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
}

pub struct App {
    services: Services,
    /// `[http] listen`, bound at build.
    listener: Option<std::net::TcpListener>,
}

impl App {
    /// Checks the token is present, opens the database (lock, pragmas, migrations).
    pub fn build(settings: Settings) -> Result<App, BuildError> {
        Self::build_with_clock(settings, Arc::new(SystemClock))
    }

    pub fn build_with_clock(settings: Settings, clock: Arc<dyn Clock>) -> Result<App, BuildError> {
        settings.token()?;
        let listener = match settings.http_listen() {
            Some(addr) => Some(
                crate::http::bind(addr).map_err(|source| BuildError::Listen { addr, source })?,
            ),
            None => None,
        };
        let store = Store::open(
            &settings.storage.database_path,
            Duration::from_millis(settings.storage.busy_timeout_ms),
        )?;
        Ok(App {
            services: Services {
                store,
                clock,
                settings: Arc::new(settings),
                wake: Arc::new(tokio::sync::Notify::new()),
                sender_steps: Default::default(),
                ops: Default::default(),
            },
            listener,
        })
    }

    /// The address `[http] listen` was bound to (its port is known even when 0 was asked for).
    pub fn http_addr(&self) -> Option<std::net::SocketAddr> {
        self.listener.as_ref().and_then(|l| l.local_addr().ok())
    }

    pub fn services(&self) -> &Services {
        &self.services
    }

    /// Runs until `shutdown` is cancelled (or the gateway ends), then closes the gateway and
    /// checkpoints the database.
    pub async fn run(self, shutdown: CancellationToken) -> Result<(), RunError> {
        let stop_serving = shutdown.child_token();
        let server = self.listener.map(|listener| {
            let state = crate::http::State {
                services: self.services.clone(),
                public_key: (self.services.settings.discord.interactions
                    == crate::config::InteractionsMode::Http)
                    .then(|| self.services.settings.public_key())
                    .flatten()
                    .map(Arc::new),
            };
            tokio::spawn(crate::http::serve(listener, state, stop_serving.clone()))
        });
        let watchdog = tokio::spawn(systemd_watchdog(
            self.services.clone(),
            stop_serving.clone(),
        ));
        let result = discord::run(self.services.clone(), shutdown).await;
        stop_serving.cancel();
        let _ = watchdog.await;
        if let Some(server) = server {
            match tokio::time::timeout(Duration::from_secs(5), server).await {
                Ok(Ok(Err(e))) => tracing::warn!(error = %e, "the HTTP endpoint failed"),
                Err(_) => tracing::warn!("the HTTP endpoint did not stop in time"),
                _ => {}
            }
        }
        if let Err(e) = self.services.store.checkpoint() {
            tracing::warn!(error = %e, "final checkpoint failed; the WAL will be folded in at the next start");
        }
        tracing::info!("stopped");
        result
    }
}

/// Tells systemd (when it started haven with `Type=notify`) that haven is ready, then feeds
/// its watchdog while the database answers; says STOPPING=1 at the end. Discord's state plays
/// no part (see `ops::watchdog`).
async fn systemd_watchdog(services: Services, stop: CancellationToken) {
    if std::env::var_os("NOTIFY_SOCKET").is_none() {
        return;
    }
    if let Err(e) = sd_notify::notify(&[sd_notify::NotifyState::Ready]) {
        tracing::warn!(error = %e, "could not tell systemd haven is ready");
    }
    let usec = std::env::var("WATCHDOG_USEC").ok();
    let for_us = std::env::var("WATCHDOG_PID")
        .ok()
        .is_none_or(|pid| pid.trim() == std::process::id().to_string());
    if let Some(every) = crate::ops::watchdog::ping_interval(usec.as_deref()).filter(|_| for_us) {
        tracing::info!(every = ?every, "feeding the systemd watchdog");
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = ticks.tick() => {}
            }
            let answered = services
                .database_answers(WATCHDOG_DATABASE_DEADLINE.min(every))
                .await;
            if crate::ops::watchdog::should_ping(answered.is_ok()) {
                let _ = sd_notify::notify(&[sd_notify::NotifyState::Watchdog]);
            } else {
                tracing::warn!("the database does not answer; the systemd watchdog is not fed");
            }
        }
    } else {
        stop.cancelled().await;
    }
    let _ = sd_notify::notify(&[sd_notify::NotifyState::Stopping]);
}
