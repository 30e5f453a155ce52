//! The host's HTTP endpoint on `[http] listen`: `GET /healthz`, `GET /metrics`, and in HTTP
//! interactions mode `POST /interactions`. It reads the service layer and `crate::ops`; it
//! never speaks to Discord or SQL itself. It stops with the app's shutdown token.

pub mod health;
pub mod interactions;
pub mod metrics;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tokio_util::sync::CancellationToken;

use crate::service::Services;

/// What every route is given.
#[derive(Clone)]
pub struct State {
    pub services: Services,
    /// The key that signs HTTP interactions; `None` in gateway mode (no `/interactions`).
    pub public_key: Option<Arc<ed25519_dalek::VerifyingKey>>,
}

/// Binds `addr` now (so a port in use is an error at start, and port 0 learns its port).
pub fn bind(addr: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(addr)?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

pub fn router(state: State) -> Router {
    let mut router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::metrics));
    if state.public_key.is_some() {
        router = router.route(
            "/interactions",
            post(interactions::receive).layer(DefaultBodyLimit::max(interactions::MAX_BODY_BYTES)),
        );
    }
    router.with_state(state)
}

/// Serves until `shutdown` is cancelled.
pub async fn serve(
    listener: std::net::TcpListener,
    state: State,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "serving /healthz and /metrics");
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
}
