//! Structured logs with `tracing`. The Discord library stays at `warn` whatever the filter
//! says, unless the filter names it (see `discord::log_directives`): its debug spans carry
//! request bodies and interaction tokens.

use tracing_subscriber::EnvFilter;

use crate::config::{LogFormat, LogSettings};
use crate::discord::log_directives;

/// Installs the global subscriber once; `RUST_LOG` overrides the configured filter.
pub fn init(log: &LogSettings) {
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|f| EnvFilter::try_new(log_directives(&f)).ok())
        .or_else(|| EnvFilter::try_new(log_directives(&log.filter)).ok())
        .unwrap_or_else(|| EnvFilter::new(log_directives("info")));
    // Colour only on a terminal: files, journald and `docker logs` get plain text.
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colour)
        .with_writer(std::io::stderr);
    let _ = match log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}
