//! The `haven` command line: parse, load the config, start logging, run one command.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use haven::app::{App, BuildError};
use haven::config::{ConfigError, Settings};
use haven::discord::RunError;
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
    Run,
    /// Validate the configuration and print it, token redacted.
    CheckConfig,
    /// Apply database migrations and exit.
    Migrate,
    /// Write a consistent copy of the live database to FILE.
    Backup { file: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => return config_error(&e),
    };
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
        Cmd::Run => run(settings),
    }
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
            Err(RunError::InvalidToken) => {
                tracing::error!("{}", RunError::InvalidToken);
                eprintln!("haven: {}", RunError::InvalidToken);
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
