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
    /// Run the bot (needs the token: DISCORD_TOKEN, DISCORD_TOKEN_FILE or a credential).
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
    /// Ask the running bot's /healthz ([http] listen): exit 0 when healthy, 1 otherwise.
    Health,
    /// Replace the database with FILE, a copy made by `haven backup` (stop the bot first).
    Restore { file: PathBuf },
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
            match settings.token() {
                Ok(_) => ExitCode::SUCCESS,
                // A token file that was named but cannot be used is a configuration error.
                Err(e @ ConfigError::TokenFile { .. }) => config_error(&e),
                Err(e) => {
                    eprintln!("warning: {e}");
                    ExitCode::SUCCESS
                }
            }
        }
        Cmd::Migrate => match store::migrate(&settings.storage.database_path, busy) {
            Ok(done) => {
                if let Some(copy) = &done.backup {
                    println!("backed up the old schema to {}", copy.display());
                }
                println!(
                    "{}: schema version {}",
                    settings.storage.database_path.display(),
                    done.version
                );
                ExitCode::SUCCESS
            }
            Err(e) => store_failure(&e),
        },
        Cmd::Backup { file } => match store::backup(&settings.storage.database_path, &file, busy) {
            Ok(()) => {
                println!("backed up to {}", file.display());
                ExitCode::SUCCESS
            }
            Err(e) => failure(&e),
        },
        Cmd::Health => health(&settings),
        Cmd::Restore { file } => {
            match store::restore(&settings.storage.database_path, &file, busy) {
                Ok(done) => {
                    println!(
                        "restored {} from {} (schema {})",
                        done.database.display(),
                        file.display(),
                        done.schema
                    );
                    if let Some(kept) = &done.replaced {
                        println!("the database it replaced is kept at {}", kept.display());
                    }
                    if done.schema < store::schema_version() {
                        println!(
                            "haven migrates it to schema {} when it next starts",
                            store::schema_version()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => failure(&e),
            }
        }
        Cmd::Run { .. } => {
            // The first line of a running bot's log says which haven it is.
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "haven starting");
            run(settings)
        }
        Cmd::SchedulePreview { .. } => ExitCode::SUCCESS,
    }
}

/// How long `haven health` waits for the whole answer.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(3);

/// `haven health`: GET /healthz on `[http] listen` (an unspecified address such as 0.0.0.0 is
/// asked on loopback). A container HEALTHCHECK needs no curl.
fn health(settings: &Settings) -> ExitCode {
    let Some(mut addr) = settings.http_listen() else {
        eprintln!("haven: http.listen is not set, so there is no /healthz to ask");
        return ExitCode::FAILURE;
    };
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr {
            std::net::SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            std::net::SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return failure(&e),
    };
    let answer = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(HEALTH_TIMEOUT)
            .no_proxy()
            .build()?;
        let response = client.get(format!("http://{addr}/healthz")).send().await?;
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        Ok::<_, reqwest::Error>((status, body))
    });
    match answer {
        Ok((status, body)) => {
            println!("{}", body.trim());
            if status == reqwest::StatusCode::OK {
                ExitCode::SUCCESS
            } else {
                eprintln!("haven: /healthz answered {status}");
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!(
                "haven: no answer from http://{addr}/healthz: {}",
                if e.is_timeout() {
                    "timed out".to_string()
                } else {
                    e.without_url().to_string()
                }
            );
            ExitCode::FAILURE
        }
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
        Err(e @ BuildError::Listen { .. }) => return failure(&e),
        Err(BuildError::Store(e)) => return store_failure(&e),
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

/// A database from a newer haven is a deployment mistake a restart cannot fix: exit 78.
fn store_failure(e: &store::StoreError) -> ExitCode {
    match e {
        store::StoreError::TooNew { .. } => {
            eprintln!("haven: {e}");
            ExitCode::from(EXIT_CONFIG)
        }
        _ => failure(e),
    }
}

fn failure(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("haven: {e}");
    ExitCode::FAILURE
}
