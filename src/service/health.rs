//! What `/healthz`, `/metrics` and the systemd watchdog ask of the database: whether it
//! answers, and its figures. Each read runs on the blocking pool with a deadline, and only one
//! of each runs at a time: a stuck database is not asked again while a question is unanswered.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::Services;
use crate::ops::metrics::{Backlog, StoreFigures};
use crate::ops::Ops;
use crate::store::{health, StoreError};

/// Why the database did not pass a health check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatabaseTrouble {
    #[error("no answer within {0:?}")]
    NoAnswer(Duration),
    #[error("an earlier check is still waiting for an answer")]
    StillWaiting,
    #[error("the read failed")]
    Failed,
}

impl Services {
    /// Whether the database answers a cheap read within `within`.
    pub async fn database_answers(&self, within: Duration) -> Result<(), DatabaseTrouble> {
        let store = self.store.clone();
        let read = async move { store.call(|c| health::ping(c)).await };
        guarded(&self.ops, |o| &o.db_check_running, read, within).await
    }

    /// The store's figures for a scrape; the backlog is left out when the database does not
    /// answer within `within`.
    pub async fn store_figures(&self, within: Duration) -> StoreFigures {
        let now = self.clock.now();
        let store = self.store.clone();
        let read = async move { store.call(move |c| health::outbox_backlog(c, now)).await };
        let backlog = guarded(&self.ops, |o| &o.backlog_read_running, read, within)
            .await
            .ok()
            .map(|(pending, oldest)| Backlog {
                pending,
                oldest_age_secs: oldest
                    .map(|t| (now - t).num_milliseconds() as f64 / 1000.0)
                    .unwrap_or(0.0),
            });
        let stats = self.store.stats();
        StoreFigures {
            busy_errors: stats.busy_errors(),
            skipped: stats.skipped(),
            backlog,
        }
    }
}

/// Runs `read` unless one guarded by the same flag is still running, and waits for it at most
/// `within` (the read itself finishes in the background and then clears the flag).
async fn guarded<T: Send + 'static>(
    ops: &std::sync::Arc<Ops>,
    flag: fn(&Ops) -> &AtomicBool,
    read: impl std::future::Future<Output = Result<T, StoreError>> + Send + 'static,
    within: Duration,
) -> Result<T, DatabaseTrouble> {
    if flag(ops).swap(true, Ordering::SeqCst) {
        return Err(DatabaseTrouble::StillWaiting);
    }
    let ops = ops.clone();
    let task = tokio::spawn(async move {
        let outcome = read.await;
        flag(&ops).store(false, Ordering::SeqCst);
        outcome
    });
    match tokio::time::timeout(within, task).await {
        Ok(Ok(Ok(v))) => Ok(v),
        Ok(Ok(Err(e))) => {
            tracing::warn!(error = %e, "a database health read failed");
            Err(DatabaseTrouble::Failed)
        }
        Ok(Err(_)) => Err(DatabaseTrouble::Failed),
        Err(_) => Err(DatabaseTrouble::NoAnswer(within)),
    }
}
