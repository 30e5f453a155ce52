//! `GET /healthz`: 200 only when every gateway shard this process owns is connected and the
//! database answers a cheap read; 503 otherwise, with a small JSON body naming what is wrong
//! (never an id of a couple, never a secret).

use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// How long the database may take to answer the health check's read.
pub const DATABASE_DEADLINE: Duration = Duration::from_secs(2);

pub async fn healthz(State(state): State<super::State>) -> Response {
    let gateway = state.services.ops.shards.health();
    let database = state.services.database_answers(DATABASE_DEADLINE).await;
    let healthy = gateway.is_ok() && database.is_ok();
    let body = serde_json::json!({
        "status": if healthy { "ok" } else { "unavailable" },
        "gateway": gateway.describe(),
        "database": match &database {
            Ok(()) => "ok".to_string(),
            Err(e) => e.to_string(),
        },
    });
    let status = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.to_string(),
    )
        .into_response()
}
