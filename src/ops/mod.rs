//! What the host sees of a running haven: its metrics, whether the gateway shards it owns are
//! connected, and the slot through which interactions received over HTTP reach the Discord
//! layer. Pure bookkeeping: no Discord, no SQL, no sockets (the server is `crate::http`).

pub mod metrics;
pub mod shards;
pub mod watchdog;

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, RwLock};

pub use metrics::Metrics;
pub use shards::Shards;

/// One per process (one per `App` in tests), shared through `Services::ops`.
#[derive(Default)]
pub struct Ops {
    pub metrics: Metrics,
    pub shards: Shards,
    /// Where verified interactions go in HTTP interactions mode, once Discord is reachable.
    interactions: RwLock<Option<Arc<dyn InteractionSink>>>,
    /// A database check is running (a stuck database is not asked again and again).
    pub(crate) db_check_running: AtomicBool,
    /// A read of the outbox's backlog for the metrics is running.
    pub(crate) backlog_read_running: AtomicBool,
}

impl Ops {
    /// A shard connected or lost its connection: the health and the metrics follow.
    pub fn shard_connected(&self, shard: u32, connected: bool) {
        let change = self.shards.set_connected(shard, connected);
        if change.reconnected {
            self.metrics.gateway_reconnected();
        }
        self.metrics.set_connected_shards(change.connected);
    }

    /// Interactions received over HTTP go to `sink` from now on (`None`: nowhere, stopping).
    pub fn set_interactions(&self, sink: Option<Arc<dyn InteractionSink>>) {
        *self.interactions.write().unwrap_or_else(|p| p.into_inner()) = sink;
    }

    pub fn interactions(&self) -> Option<Arc<dyn InteractionSink>> {
        self.interactions
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// How to answer Discord's POST of one interaction whose signature was verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SinkReply {
    /// A PING: answer `{"type":1}`.
    Pong,
    /// The handler answered through the REST callback: answer 202 with no body.
    Accepted,
    /// The body is not an interaction haven can read.
    BadRequest,
}

/// The Discord layer's side of HTTP interactions.
pub trait InteractionSink: Send + Sync {
    /// Runs the interaction in `body` (already verified) with the same handlers as the gateway,
    /// resolving once its first answer went out (or it ended, or a bounded wait passed).
    fn handle(&self, body: Vec<u8>) -> Pin<Box<dyn Future<Output = SinkReply> + Send + 'static>>;
}
