//! `GET /metrics`: the Prometheus (OpenMetrics) text of `ops::Metrics`, with the database's
//! figures read at the scrape (off the async workers, with a deadline).

use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// How long a scrape waits for the outbox's backlog; without it the gauges keep their values.
const STORE_DEADLINE: Duration = Duration::from_secs(2);

const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

pub async fn metrics(State(state): State<super::State>) -> Response {
    let figures = state.services.store_figures(STORE_DEADLINE).await;
    let text = state.services.ops.metrics.render(&figures);
    ([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response()
}
