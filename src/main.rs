//! The `haven` command line: parse, load the config, start logging, run one command.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use haven::app::{App, BuildError};
use haven::config::{ConfigError, Settings};
use haven::store;

/// sysexits' EX_CONFIG: a supervisor should not restart into the same mistake.
const EXIT_CONFIG: u8 = 78;

#[derive(Parser)]
#[command(
    name = "haven",
    version,
    about = "A Discord bot for a couple's small daily habits"
)]
struct Cli {
    /// Config file (default: config/haven.toml when it exists).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the bot (needs DISCORD_TOKEN).
    Run {
        /// Run only these shards, like 0-3 (with --total-shards; overrides discord.shards).
        #[arg(long, value_name = "FIRST-LAST")]
        shards: Option<String>,
        /// Discord's total shard count (with --shards; overrides discord.total_shards).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        total_shards: Option<String>,
    },
    /// Validate the configuration and print it, token redacted.
    CheckConfig,
    /// Apply database migrations and exit.
    Migrate,
    /// Write a consistent copy of the live database to FILE.
    Backup { file: PathBuf },
    /// Print the next instants of a schedule, one RFC 3339 UTC line each.
    SchedulePreview {
        /// A cron expression: 5 fields, or 6-7 with seconds.
        #[arg(long)]
        cron: String,
        /// An IANA time zone, like Europe/Berlin.
        #[arg(long)]
        tz: String,
        /// Start after this instant (RFC 3339; default: now).
        #[arg(long)]
        from: Option<String>,
        /// How many instants (1-1000).
        #[arg(long, default_value_t = 5)]
        count: usize,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            // One clear line, not a page of usage.
            let rendered = e.to_string();
            let line: Vec<&str> = rendered
                .lines()
                .map(str::trim)
                .take_while(|l| !l.starts_with("Usage:"))
                .filter(|l| !l.is_empty())
                .collect();
            eprintln!("haven: {}", line.join(" ").trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    // A preview needs no configuration.
    if let Cmd::SchedulePreview {
        cron,
        tz,
        from,
        count,
    } = &cli.command
    {
        return schedule_preview(cron, tz, from.as_deref(), *count);
    }
    let mut settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => return config_error(&e),
    };
    if let Cmd::Run {
        shards,
        total_shards,
    } = &cli.command
    {
        if let Err(e) = shard_flags(&mut settings, shards.as_deref(), total_shards.as_deref()) {
            return config_error(&e);
        }
    }
    haven::telemetry::init(&settings.log);
    let busy = Duration::from_millis(settings.storage.busy_timeout_ms);
    match cli.command {
        Cmd::CheckConfig => {
            print!("{}", settings.redacted_toml());
            if let Err(e) = settings.token() {
                eprintln!("warning: {e}");
            }
            ExitCode::SUCCESS
        }
        Cmd::Migrate => match store::migrate(&settings.storage.database_path, busy) {
            Ok(v) => {
                println!(
                    "{}: schema version {v}",
                    settings.storage.database_path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => failure(&e),
        },
        Cmd::Backup { file } => match store::backup(&settings.storage.database_path, &file, busy) {
            Ok(()) => {
                println!("backed up to {}", file.display());
                ExitCode::SUCCESS
            }
            Err(e) => failure(&e),
        },
        Cmd::Run { .. } => {
            // The first line of a running bot's log says which haven it is.
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "haven starting");
            run(settings)
        }
        Cmd::SchedulePreview { .. } => ExitCode::SUCCESS,
    }
}

/// `--shards` and `--total-shards` replace `discord.shards` and `discord.total_shards`; they come
/// together, and what they say is checked like the config.
fn shard_flags(
    settings: &mut Settings,
    shards: Option<&str>,
    total: Option<&str>,
) -> Result<(), ConfigError> {
    use haven::config::ShardRange;
    if shards.is_none() && total.is_none() {
        return Ok(());
    }
    let total = match total {
        None => None,
        Some(t) => Some(t.trim().parse::<u32>().map_err(|_| {
            ConfigError::Invalid(format!(
                "--total-shards must be a whole number between 1 and {}, got {:?}",
                haven::config::MAX_TOTAL_SHARDS,
                haven::domain::text::clip(t, 32)
            ))
        })?),
    };
    ShardRange::parse_named(shards, total, ("--shards", "--total-shards"))
        .map_err(ConfigError::Invalid)?;
    settings.discord.shards = shards.map(str::to_string);
    settings.discord.total_shards = total;
    Ok(())
}

/// `haven schedule-preview`: the same function the live scheduler uses.
fn schedule_preview(cron: &str, tz: &str, from: Option<&str>, count: usize) -> ExitCode {
    use haven::domain::schedule::{next_n, CronExpr};
    use haven::domain::time::Timezone;
    let expr = match CronExpr::parse(cron) {
        Ok(e) => e,
        Err(e) => return usage_error(&format!("--cron: {e}")),
    };
    let Ok(tz) = Timezone::parse(tz) else {
        return usage_error(&format!(
            "--tz: unknown time zone {:?} (use an IANA name like Europe/Berlin)",
            haven::domain::text::clip(tz, 64)
        ));
    };
    let from = match from {
        None => chrono::Utc::now(),
        Some(f) => match chrono::DateTime::parse_from_rfc3339(f) {
            Ok(t) => t.with_timezone(&chrono::Utc),
            Err(_) => {
                return usage_error(&format!(
                    "--from: {:?} is not an RFC 3339 instant like 2026-03-08T00:00:00Z",
                    haven::domain::text::clip(f, 64)
                ))
            }
        },
    };
    if !(1..=1000).contains(&count) {
        return usage_error("--count must be between 1 and 1000");
    }
    for t in next_n(&expr, tz.0, from, count) {
        println!("{}", t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    ExitCode::SUCCESS
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("haven: {msg}");
    ExitCode::from(2)
}

fn run(settings: Settings) -> ExitCode {
    let app = match App::build(settings) {
        Ok(app) => app,
        Err(BuildError::Config(e)) => return config_error(&e),
        Err(BuildError::Store(e)) => return failure(&e),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return failure(&e),
    };
    runtime.block_on(async move {
        let shutdown = CancellationToken::new();
        tokio::spawn(signals(shutdown.clone()));
        match app.run(shutdown).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.is_config() => {
                tracing::error!("{e}");
                eprintln!("haven: {e}");
                ExitCode::from(EXIT_CONFIG)
            }
            Err(e) => failure(&e),
        }
    })
}

async fn signals(shutdown: CancellationToken) {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::warn!("cannot listen for signals; stop haven with SIGKILL");
        return;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    tracing::info!("shutting down");
    shutdown.cancel();
}

fn config_error(e: &ConfigError) -> ExitCode {
    eprintln!("haven: {e}");
    ExitCode::from(EXIT_CONFIG)
}

fn failure(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("haven: {e}");
    ExitCode::FAILURE
}
