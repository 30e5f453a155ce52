//! HTTP interactions mode: no gateway connection. Discord POSTs each interaction to the host's
//! `/interactions` (see `crate::http::interactions`, which verifies the signature); this runs
//! it with the same handler as the gateway path, and the scheduler delivers posts over REST.
//!
//! The cache stays empty here (no gateway fills it): the privacy of a channel is asked of
//! Discord over REST (see `privacy`), one guard shared by every interaction.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{Cache, Http, Interaction};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use super::ctx::Ctx;
use super::handler::Handler;
use super::privacy::Guard;
use super::{sender, RunError};
use crate::ops::{InteractionSink, SinkReply};
use crate::service::Services;

/// How long the POST waits for the handler's first answer before it is answered 202 anyway
/// (Discord gives the interaction 3 seconds).
const FIRST_ANSWER_WAIT: Duration = Duration::from_millis(2500);
/// How long shutdown waits for handlers in flight.
const DRAIN: Duration = Duration::from_secs(5);

struct Sink {
    handler: Arc<Handler>,
    http: Arc<Http>,
    cache: Arc<Cache>,
    privacy: Arc<Guard>,
    tasks: TaskTracker,
}

impl InteractionSink for Sink {
    fn handle(&self, body: Vec<u8>) -> Pin<Box<dyn Future<Output = SinkReply> + Send + 'static>> {
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(&body) else {
            return Box::pin(std::future::ready(SinkReply::BadRequest));
        };
        if value["type"].as_u64() == Some(1) {
            return Box::pin(std::future::ready(SinkReply::Pong));
        }
        let interaction: Interaction = match serde_json::from_value(value) {
            Ok(i) => i,
            Err(e) => {
                tracing::warn!(error = %e, "an interaction POST could not be read");
                return Box::pin(std::future::ready(SinkReply::BadRequest));
            }
        };
        let answered = Arc::new(Notify::new());
        let ctx = Ctx {
            http: self.http.clone(),
            cache: self.cache.clone(),
            privacy: self.privacy.clone(),
            first_answer: Some(answered.clone()),
        };
        let handler = self.handler.clone();
        let task = self
            .tasks
            .spawn(async move { handler.interaction(&ctx, interaction).await });
        Box::pin(async move {
            tokio::select! {
                _ = answered.notified() => {}
                _ = task => {}
                _ = tokio::time::sleep(FIRST_ANSWER_WAIT) => {
                    tracing::warn!("an interaction was not answered in time");
                }
            }
            SinkReply::Accepted
        })
    }
}

/// Serves interactions received over HTTP and runs the scheduler until `shutdown` (or until
/// Discord refuses the token).
pub(super) async fn run(
    services: Services,
    http: Arc<Http>,
    shutdown: CancellationToken,
) -> Result<(), RunError> {
    let cache = Arc::new(Cache::new());
    let fatal = CancellationToken::new();
    let scheduler_stop = CancellationToken::new();
    let scheduler = tokio::spawn(sender::run(
        services.clone(),
        http.clone(),
        cache.clone(),
        scheduler_stop.clone(),
        fatal.clone(),
    ));
    let tasks = TaskTracker::new();
    services.ops.set_interactions(Some(Arc::new(Sink {
        handler: Arc::new(Handler {
            services: services.clone(),
        }),
        privacy: Arc::new(Guard::new(http.clone(), cache.clone())),
        http,
        cache,
        tasks: tasks.clone(),
    })));
    tracing::info!("receiving interactions over HTTP (no gateway connection)");
    tokio::select! {
        _ = shutdown.cancelled() => {}
        _ = fatal.cancelled() => {}
    }
    services.ops.set_interactions(None);
    scheduler_stop.cancel();
    let _ = scheduler.await;
    tasks.close();
    if tokio::time::timeout(DRAIN, tasks.wait()).await.is_err() {
        tracing::warn!("interactions still running at shutdown were left unfinished");
    }
    if fatal.is_cancelled() {
        return Err(RunError::InvalidToken);
    }
    Ok(())
}
