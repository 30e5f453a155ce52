//! The `haven` binary itself: exit codes, config errors, check-config, migrate, backup, the
//! single-instance lock, `--config`, and a graceful stop on SIGTERM.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use tokio::process::Command;

use crate::harness::{TOKEN, WAIT};
use crate::support::fake::FakeDiscord;
use crate::world::server;

fn haven(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_haven"));
    c.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HAVEN_STORAGE__DATABASE_PATH", dir.join("haven.db"))
        .env("RUST_LOG", "warn")
        .kill_on_drop(true);
    c
}

async fn output(mut c: Command) -> Output {
    tokio::time::timeout(WAIT, c.output())
        .await
        .expect("haven exits in time")
        .expect("haven starts")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[track_caller]
fn assert_one_clear_line(o: &Output, needle: &str) {
    let err = stderr(o);
    assert!(err.contains(needle), "expected {needle:?} in {err:?}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err:?}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}

#[tokio::test]
async fn run_without_a_token_says_how_to_provide_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = haven(dir.path());
    c.arg("run");
    let o = output(c).await;
    assert_eq!(o.status.code(), Some(78));
    assert_one_clear_line(&o, "set the DISCORD_TOKEN environment variable");
}

#[tokio::test]
async fn a_token_discord_refuses_exits_78() {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    let dir = tempfile::tempdir().unwrap();
    let mut c = haven(dir.path());
    c.arg("run")
        .env("DISCORD_TOKEN", "not-the-token")
        .env("HAVEN_DISCORD__API_BASE_URL", fake.base_url());
    let o = output(c).await;
    assert_eq!(o.status.code(), Some(78), "{}", stderr(&o));
    assert!(stderr(&o).contains("refused the bot token"));
    assert!(
        !stderr(&o).contains("not-the-token"),
        "the token is never printed"
    );
    fake.shutdown().await;
}

#[tokio::test]
async fn bad_configuration_exits_78_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    for (k, v, needle) in [
        ("HAVEN_STORAGE__BUSY_TIMEOUT_MS", "9000", "busy_timeout_ms"),
        (
            "HAVEN_DISCORD__API_BASE_URL",
            "discord.example",
            "api_base_url",
        ),
        (
            "HAVEN_SETUP__MAX_CREATED_CHANNELS_PER_GUILD",
            "many",
            "max_created_channels_per_guild",
        ),
    ] {
        let mut c = haven(dir.path());
        c.arg("run").env("DISCORD_TOKEN", "x").env(k, v);
        let o = output(c).await;
        assert_eq!(o.status.code(), Some(78), "{k}");
        assert_one_clear_line(&o, needle);
    }
    let mut c = haven(dir.path());
    c.args(["run", "--config", "nope.toml"]);
    let o = output(c).await;
    assert_eq!(o.status.code(), Some(78));
    assert_one_clear_line(&o, "nope.toml");
}

#[tokio::test]
async fn check_config_prints_the_effective_config_without_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = haven(dir.path());
    c.arg("check-config")
        .env("DISCORD_TOKEN", "very-secret-token")
        .env("HAVEN_SETUP__MAX_CREATED_CHANNELS_PER_GUILD", "4");
    let o = output(c).await;
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("max_created_channels_per_guild = 4"), "{out}");
    assert!(out.contains("redacted"));
    assert!(!out.contains("very-secret-token") && !stderr(&o).contains("very-secret-token"));
}

#[tokio::test]
async fn migrate_backup_and_the_single_instance_lock() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = haven(dir.path());
    c.arg("migrate");
    let o = output(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    // The latest schema, whatever migrations were added since this test was written.
    let mut mem = rusqlite::Connection::open_in_memory().unwrap();
    haven::store::migrations().to_latest(&mut mem).unwrap();
    let latest: i64 = mem
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert!(latest >= 17);
    assert!(String::from_utf8_lossy(&o.stdout).contains(&format!("schema version {latest}")));

    // While another process holds the database, a second instance refuses to start...
    let store = haven::store::Store::open(&dir.path().join("haven.db"), Duration::from_millis(100))
        .unwrap();
    let mut c = haven(dir.path());
    c.arg("migrate");
    let o = output(c).await;
    assert_eq!(o.status.code(), Some(1));
    assert_one_clear_line(&o, "another haven process");
    // ...but a backup of the live database works.
    store
        .call_blocking(|c| {
            c.execute("INSERT INTO meta (key, value) VALUES ('probe', 'kept')", [])?;
            Ok(())
        })
        .unwrap();
    let mut c = haven(dir.path());
    c.args(["backup", "copy.db"]);
    let o = output(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let copy = rusqlite::Connection::open(dir.path().join("copy.db")).unwrap();
    let v: String = copy
        .query_row("SELECT value FROM meta WHERE key = 'probe'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(v, "kept");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join("copy.db"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[tokio::test]
async fn run_with_a_config_file_connects_and_stops_gracefully_on_sigterm() {
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("my.toml");
    std::fs::write(
        &cfg,
        format!(
            "[discord]\napi_base_url = \"{}\"\n[storage]\ndatabase_path = \"{}\"\n",
            fake.base_url(),
            dir.path().join("from-file.db").display()
        ),
    )
    .unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_haven"));
    c.current_dir(dir.path())
        .env_clear()
        .env("DISCORD_TOKEN", TOKEN)
        .env("RUST_LOG", "warn")
        .args(["run", "--config"])
        .arg(&cfg)
        .kill_on_drop(true);
    let mut child = c.spawn().unwrap();
    fake.wait_ready(WAIT)
        .await
        .expect("the binary connects to the fake");
    assert!(
        dir.path().join("from-file.db").exists(),
        "the database path came from the file"
    );
    let pid = child.id().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("stops in time")
        .unwrap();
    assert_eq!(status.code(), Some(0), "a graceful stop");
    fake.assert_schema_clean();
    fake.shutdown().await;
}

#[tokio::test]
async fn schedule_preview_prints_rfc3339_instants_by_the_dst_rule() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = haven(dir.path());
    c.args([
        "schedule-preview",
        "--cron",
        "0 30 2 * * *",
        "--tz",
        "America/New_York",
        "--from",
        "2026-03-06T00:00:00Z",
        "--count",
        "4",
    ]);
    let o = output(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "2026-03-06T07:30:00Z\n2026-03-07T07:30:00Z\n2026-03-08T07:00:00Z\n2026-03-09T06:30:00Z\n"
    );
    // Classic 5-field with a day-of-week number: 1 is Monday.
    let mut c = haven(dir.path());
    c.args([
        "schedule-preview",
        "--cron",
        "0 9 * * 1",
        "--tz",
        "Europe/Berlin",
        "--from",
        "2026-11-26T00:00:00+01:00",
        "--count",
        "1",
    ]);
    let o = output(c).await;
    assert_eq!(String::from_utf8_lossy(&o.stdout), "2026-11-30T08:00:00Z\n");

    for (args, needle) in [
        (vec!["--cron", "61 * * * *", "--tz", "UTC"], "--cron"),
        (
            vec!["--cron", "0 9 1 * 1", "--tz", "UTC"],
            "both day-of-month and day-of-week",
        ),
        (vec!["--cron", "0 9 * * *", "--tz", "Mars/Base"], "--tz"),
        (
            vec!["--cron", "0 9 * * *", "--tz", "UTC", "--from", "yesterday"],
            "--from",
        ),
        (
            vec!["--cron", "0 9 * * *", "--tz", "UTC", "--count", "0"],
            "--count",
        ),
        (
            vec!["--cron", "0 9 * * *", "--tz", "UTC", "--count", "many"],
            "--count",
        ),
        (vec!["--tz", "UTC"], "--cron"),
    ] {
        let mut c = haven(dir.path());
        c.arg("schedule-preview").args(&args);
        let o = output(c).await;
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_one_clear_line(&o, needle);
        assert!(o.stdout.is_empty());
    }
}
