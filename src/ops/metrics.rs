//! Every Prometheus series haven exposes, named in one place. Label values are bounded: kinds
//! and skip reasons are the outbox's own codes, commands are the names of the command table
//! (or "component", "modal", "autocomplete", "other"), never anything a user typed.

use std::sync::atomic::AtomicU64;
use std::sync::Mutex;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::domain::post::{PostKind, SkipReason};

/// The series' names (prometheus-client adds `_total` to counters when it renders them).
pub mod names {
    pub const POSTS_SENT: &str = "haven_posts_sent";
    pub const POSTS_SKIPPED: &str = "haven_posts_skipped";
    pub const NUDGE_LATENESS: &str = "haven_nudge_lateness_seconds";
    pub const INTERACTION_LATENCY: &str = "haven_interaction_latency_seconds";
    pub const OUTBOX_PENDING: &str = "haven_outbox_pending";
    pub const OUTBOX_OLDEST_PENDING_AGE: &str = "haven_outbox_oldest_pending_age_seconds";
    pub const GATEWAY_CONNECTED_SHARDS: &str = "haven_gateway_connected_shards";
    pub const GATEWAY_RECONNECTS: &str = "haven_gateway_reconnects";
    pub const DISCORD_429: &str = "haven_discord_http_429";
    pub const DISCORD_RATELIMIT_WAITS: &str = "haven_discord_ratelimit_waits";
    pub const SQLITE_BUSY: &str = "haven_sqlite_busy_errors";
    pub const BUILD_INFO: &str = "haven_build_info";
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabel {
    kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SkipLabels {
    kind: &'static str,
    reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct InteractionLabels {
    command: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabels {
    version: &'static str,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

/// How an interaction ended, as a label value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InteractionOutcome {
    /// Answered as asked.
    Ok,
    /// Answered with one of haven's refusals (not a partner, bad options, a stale button).
    Refused,
    /// Something failed; the person was told something went wrong.
    Error,
}

impl InteractionOutcome {
    fn label(self) -> &'static str {
        match self {
            InteractionOutcome::Ok => "ok",
            InteractionOutcome::Refused => "refused",
            InteractionOutcome::Error => "error",
        }
    }
}

/// What the database says at a scrape: figures kept by the store since it opened, and the
/// outbox's backlog now.
#[derive(Debug, Clone, Default)]
pub struct StoreFigures {
    /// Statements that gave up on a lock (SQLITE_BUSY) since the store opened.
    pub busy_errors: u64,
    /// Outbox rows closed unsent since the store opened, by kind and reason.
    pub skipped: Vec<((PostKind, SkipReason), u64)>,
    /// `None` when the database did not answer in time (the gauges keep their last values).
    pub backlog: Option<Backlog>,
}

/// The outbox rows still to be sent.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Backlog {
    pub pending: u64,
    /// Seconds since the oldest pending row was recorded (0 with none).
    pub oldest_age_secs: f64,
}

/// The registry and every series in it; one per process (per `App` in tests).
pub struct Metrics {
    registry: Registry,
    posts_sent: Family<KindLabel, Counter>,
    posts_skipped: Family<SkipLabels, Counter>,
    nudge_lateness: Histogram,
    interaction_latency: HistogramFamily<InteractionLabels>,
    outbox_pending: Gauge,
    outbox_oldest_age: Gauge<f64, AtomicU64>,
    gateway_connected: Gauge,
    gateway_reconnects: Counter,
    http_429: Counter,
    ratelimit_waits: Counter,
    sqlite_busy: Counter,
    /// One scrape at a time brings the counters kept elsewhere up to date.
    scrape: Mutex<()>,
}

fn latency_histogram() -> Histogram {
    Histogram::new([0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0])
}

fn lateness_histogram() -> Histogram {
    Histogram::new([
        0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0,
    ])
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let posts_sent = Family::<KindLabel, Counter>::default();
        registry.register(
            names::POSTS_SENT,
            "Posts haven made on its own (nudges, reminders, reveals, ...), by kind",
            posts_sent.clone(),
        );
        let posts_skipped = Family::<SkipLabels, Counter>::default();
        registry.register(
            names::POSTS_SKIPPED,
            "Posts closed unsent, by kind and skip reason",
            posts_skipped.clone(),
        );
        let nudge_lateness = lateness_histogram();
        registry.register(
            names::NUDGE_LATENESS,
            "Seconds between a nudge's scheduled instant and its delivery",
            nudge_lateness.clone(),
        );
        let interaction_latency: HistogramFamily<InteractionLabels> =
            Family::new_with_constructor(latency_histogram);
        registry.register(
            names::INTERACTION_LATENCY,
            "Seconds from an interaction's arrival to the end of its handler, by command and outcome",
            interaction_latency.clone(),
        );
        let outbox_pending = Gauge::default();
        registry.register(
            names::OUTBOX_PENDING,
            "Outbox rows due (or already tried) and not yet sent",
            outbox_pending.clone(),
        );
        let outbox_oldest_age = Gauge::<f64, AtomicU64>::default();
        registry.register(
            names::OUTBOX_OLDEST_PENDING_AGE,
            "Seconds since the oldest of those rows was recorded",
            outbox_oldest_age.clone(),
        );
        let gateway_connected = Gauge::default();
        registry.register(
            names::GATEWAY_CONNECTED_SHARDS,
            "Gateway shards of this process that are connected",
            gateway_connected.clone(),
        );
        let gateway_reconnects = Counter::default();
        registry.register(
            names::GATEWAY_RECONNECTS,
            "Times a shard connected again after having been connected",
            gateway_reconnects.clone(),
        );
        let http_429 = Counter::default();
        registry.register(
            names::DISCORD_429,
            "Discord REST answers with status 429 that reached haven",
            http_429.clone(),
        );
        let ratelimit_waits = Counter::default();
        registry.register(
            names::DISCORD_RATELIMIT_WAITS,
            "Times the Discord library's own rate limiter held a request back",
            ratelimit_waits.clone(),
        );
        let sqlite_busy = Counter::default();
        registry.register(
            names::SQLITE_BUSY,
            "Database statements that gave up waiting for a lock (SQLITE_BUSY)",
            sqlite_busy.clone(),
        );
        let build_info = Family::<BuildLabels, Gauge>::default();
        registry.register(
            names::BUILD_INFO,
            "Always 1, labelled with haven's version",
            build_info.clone(),
        );
        build_info
            .get_or_create(&BuildLabels {
                version: env!("CARGO_PKG_VERSION"),
            })
            .set(1);
        Metrics {
            registry,
            posts_sent,
            posts_skipped,
            nudge_lateness,
            interaction_latency,
            outbox_pending,
            outbox_oldest_age,
            gateway_connected,
            gateway_reconnects,
            http_429,
            ratelimit_waits,
            sqlite_busy,
            scrape: Mutex::new(()),
        }
    }

    /// A post of `kind` was delivered.
    pub fn post_sent(&self, kind: PostKind) {
        self.posts_sent
            .get_or_create(&KindLabel { kind: kind.code() })
            .inc();
    }

    /// A nudge was delivered this many seconds after its scheduled instant.
    pub fn nudge_lateness(&self, secs: f64) {
        self.nudge_lateness.observe(secs.max(0.0));
    }

    /// An interaction's handler ended. `command` must come from a fixed set (see the module).
    pub fn interaction(&self, command: &'static str, outcome: InteractionOutcome, secs: f64) {
        self.interaction_latency
            .get_or_create(&InteractionLabels {
                command,
                outcome: outcome.label(),
            })
            .observe(secs.max(0.0));
    }

    pub fn set_connected_shards(&self, n: usize) {
        self.gateway_connected
            .set(i64::try_from(n).unwrap_or(i64::MAX));
    }

    pub fn gateway_reconnected(&self) {
        self.gateway_reconnects.inc();
    }

    pub fn discord_429(&self) {
        self.http_429.inc();
    }

    pub fn ratelimit_wait(&self) {
        self.ratelimit_waits.inc();
    }

    /// The text exposition (OpenMetrics), with the figures read from the database at this
    /// scrape folded in first.
    pub fn render(&self, figures: &StoreFigures) -> String {
        let _one_at_a_time = self.scrape.lock().unwrap_or_else(|p| p.into_inner());
        catch_up(&self.sqlite_busy, figures.busy_errors);
        for ((kind, reason), n) in &figures.skipped {
            let labels = SkipLabels {
                kind: kind.code(),
                reason: reason.code(),
            };
            catch_up(&self.posts_skipped.get_or_create(&labels), *n);
        }
        if let Some(b) = figures.backlog {
            self.outbox_pending
                .set(i64::try_from(b.pending).unwrap_or(i64::MAX));
            self.outbox_oldest_age.set(b.oldest_age_secs.max(0.0));
        }
        let mut out = String::new();
        if let Err(e) = prometheus_client::encoding::text::encode(&mut out, &self.registry) {
            tracing::error!(error = %e, "could not render the metrics");
        }
        out
    }
}

/// Brings a counter up to a total counted elsewhere (totals only grow).
fn catch_up(counter: &Counter, total: u64) {
    let seen = counter.get();
    if total > seen {
        counter.inc_by(total - seen);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str, series: &str) -> Option<f64> {
        text.lines()
            .find(|l| l.starts_with(series) && l[series.len()..].starts_with(' '))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
    }

    #[test]
    fn series_render_with_bounded_labels() {
        let m = Metrics::new();
        m.post_sent(PostKind::Nudge);
        m.post_sent(PostKind::Nudge);
        m.nudge_lateness(3.0);
        m.interaction("checkin", InteractionOutcome::Ok, 0.2);
        let figures = StoreFigures {
            busy_errors: 2,
            skipped: vec![((PostKind::Nudge, SkipReason::Paused), 3)],
            backlog: Some(Backlog {
                pending: 4,
                oldest_age_secs: 12.5,
            }),
        };
        let text = m.render(&figures);
        assert_eq!(
            value(&text, "haven_posts_sent_total{kind=\"nudge\"}"),
            Some(2.0)
        );
        assert_eq!(
            value(
                &text,
                "haven_posts_skipped_total{kind=\"nudge\",reason=\"paused\"}"
            ),
            Some(3.0)
        );
        assert_eq!(value(&text, "haven_sqlite_busy_errors_total"), Some(2.0));
        assert_eq!(value(&text, "haven_outbox_pending"), Some(4.0));
        assert_eq!(
            value(&text, "haven_outbox_oldest_pending_age_seconds"),
            Some(12.5)
        );
        assert_eq!(
            value(&text, "haven_nudge_lateness_seconds_count"),
            Some(1.0)
        );
        assert_eq!(
            value(
                &text,
                "haven_interaction_latency_seconds_count{command=\"checkin\",outcome=\"ok\"}"
            ),
            Some(1.0)
        );
        assert!(text.contains("haven_build_info{version=\""), "{text}");
        // Totals counted elsewhere are caught up, never counted twice.
        let text = m.render(&figures);
        assert_eq!(value(&text, "haven_sqlite_busy_errors_total"), Some(2.0));
        // A scrape without the database keeps the last backlog.
        let text = m.render(&StoreFigures {
            busy_errors: 5,
            ..StoreFigures::default()
        });
        assert_eq!(value(&text, "haven_sqlite_busy_errors_total"), Some(5.0));
        assert_eq!(value(&text, "haven_outbox_pending"), Some(4.0));
    }
}
