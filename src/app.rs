//! `App::build(settings)` and `App::run(shutdown)`: the one wiring used by `main` and the tests.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::clock::{Clock, SystemClock};
use crate::config::{ConfigError, Settings};
use crate::discord::{self, RunError};
use crate::service::Services;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct App {
    services: Services,
}

impl App {
    /// Checks the token is present, opens the database (lock, pragmas, migrations).
    pub fn build(settings: Settings) -> Result<App, BuildError> {
        Self::build_with_clock(settings, Arc::new(SystemClock))
    }

    pub fn build_with_clock(settings: Settings, clock: Arc<dyn Clock>) -> Result<App, BuildError> {
        settings.token()?;
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
            },
        })
    }

    pub fn services(&self) -> &Services {
        &self.services
    }

    /// Runs until `shutdown` is cancelled (or the gateway ends), then closes the gateway and
    /// checkpoints the database.
    pub async fn run(self, shutdown: CancellationToken) -> Result<(), RunError> {
        let result = discord::run(self.services.clone(), shutdown).await;
        if let Err(e) = self.services.store.checkpoint() {
            tracing::warn!(error = %e, "final checkpoint failed; the WAL will be folded in at the next start");
        }
        tracing::info!("stopped");
        result
    }
}
