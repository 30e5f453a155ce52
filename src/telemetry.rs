//! Structured logs with `tracing`; serenity stays at `warn` because its debug spans carry
//! request bodies and interaction tokens, unless a filter names serenity itself.

use tracing_subscriber::EnvFilter;

use crate::config::{LogFormat, LogSettings};

/// The filter haven installs for `requested` (RUST_LOG or `log.filter`): as given, with
/// `serenity=warn` added unless the request names serenity explicitly. So `RUST_LOG=debug`
/// shows haven's debug lines without serenity's, which would log tokens and partners' words.
pub fn directives(requested: &str) -> String {
    if requested.contains("serenity") {
        requested.to_string()
    } else if requested.trim().is_empty() {
        "serenity=warn".to_string()
    } else {
        format!("{requested},serenity=warn")
    }
}

/// Installs the global subscriber once; `RUST_LOG` overrides the configured filter.
pub fn init(log: &LogSettings) {
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|f| EnvFilter::try_new(directives(&f)).ok())
        .or_else(|| EnvFilter::try_new(directives(&log.filter)).ok())
        .unwrap_or_else(|| EnvFilter::new("info,serenity=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing::Level;
    use tracing_subscriber::prelude::*;

    /// Whether serenity's HTTP client and haven would log at debug under `requested`.
    fn debug_enabled(requested: &str) -> (bool, bool) {
        let subscriber = tracing_subscriber::registry()
            .with(EnvFilter::try_new(directives(requested)).expect("a valid filter"));
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
