//! The `haven` binary itself: exit codes, config errors, check-config, migrate, backup and
//! restore, the copy before a migration, the token from a file, the single-instance lock,
//! `--config`, and a graceful stop on SIGTERM.

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

fn put(db: &Path, key: &str, value: &str) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
    .unwrap();
}

fn get(db: &Path, key: &str) -> Option<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .ok()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn backup_refuses_the_live_database_and_its_files_by_name_and_link() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("haven.db");
    let store = haven::store::Store::open(&db, Duration::from_millis(100)).unwrap();
    let write = |key: &'static str| {
        store
            .call_blocking(move |c| {
                c.execute("INSERT INTO meta (key, value) VALUES (?1, 'kept')", [key])?;
                Ok(())
            })
            .unwrap()
    };
    write("before");
    let inode = std::fs::metadata(&db).unwrap().ino();
    std::fs::hard_link(&db, dir.path().join("hard link.db")).unwrap();
    std::os::unix::fs::symlink(&db, dir.path().join("soft.db")).unwrap();
    for dest in [
        "haven.db",
        "./haven.db",
        "haven.db-wal",
        "haven.db-shm",
        "haven.db.lock",
        "hard link.db",
        "soft.db",
    ] {
        let mut c = haven(dir.path());
        c.args(["backup", dest]);
        let o = output(c).await;
        assert_eq!(o.status.code(), Some(1), "{dest}");
        assert_one_clear_line(&o, "refusing to write the backup");
    }
    let mut c = haven(dir.path());
    c.args(["backup", "."]);
    let o = output(c).await;
    assert_eq!(o.status.code(), Some(1));
    assert_one_clear_line(&o, "is a folder");
    // The bot keeps its file and every committed row.
    assert_eq!(std::fs::metadata(&db).unwrap().ino(), inode);
    write("after");
    drop(store);
    assert_eq!(get(&db, "before").as_deref(), Some("kept"));
    assert_eq!(get(&db, "after").as_deref(), Some("kept"));
}

#[tokio::test]
async fn restore_round_trips_a_backup_and_refuses_while_the_database_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("haven.db");
    std::fs::create_dir(dir.path().join("my backups")).unwrap();
    let store = haven::store::Store::open(&db, Duration::from_millis(100)).unwrap();
    put(&db, "probe", "backed up");
    let mut c = haven(dir.path());
    c.args(["backup", "my backups/monday.db"]);
    let o = output(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    put(&db, "probe", "changed later");
    put(&db, "extra", "changed later");

    // While the database is in use, restore changes nothing.
    let mut c = haven(dir.path());
    c.args(["restore", "my backups/monday.db"]);
    let o = output(c).await;
    assert_eq!(o.status.code(), Some(1));
    assert_one_clear_line(&o, "stop the bot first");
    drop(store);
    assert_eq!(get(&db, "probe").as_deref(), Some("changed later"));

    // What is not a whole haven backup is refused, one line each, nothing changed.
    let whole = std::fs::read(dir.path().join("my backups/monday.db")).unwrap();
    std::fs::write(dir.path().join("half.db"), &whole[..whole.len() / 2]).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "dear diary\n".repeat(500)).unwrap();
    for (file, needle) in [
        ("half.db", "nothing was changed"),
        ("notes.txt", "not a SQLite database"),
        ("missing.db", "there is no backup"),
        ("my backups", "is a folder"),
    ] {
        let mut c = haven(dir.path());
        c.args(["restore", file]);
        let o = output(c).await;
        assert_eq!(o.status.code(), Some(1), "{file}");
        assert_one_clear_line(&o, needle);
    }
    assert_eq!(get(&db, "probe").as_deref(), Some("changed later"));

    let mut c = haven(dir.path());
    c.args(["restore", "my backups/monday.db"]);
    let o = output(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("restored") && out.contains("kept at"), "{out}");
    assert_eq!(mode(&db), 0o600);
    // The bot opens the restored database and finds the backed-up rows.
    let store = haven::store::Store::open(&db, Duration::from_millis(100)).unwrap();
    drop(store);
    assert_eq!(get(&db, "probe").as_deref(), Some("backed up"));
    assert_eq!(get(&db, "extra"), None);
}

#[tokio::test]
async fn an_older_database_is_backed_up_before_migrating_and_a_newer_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("haven.db");
    {
        let mut c = rusqlite::Connection::open(&db).unwrap();
        haven::store::migrations().to_version(&mut c, 12).unwrap();
    }
    put(&db, "probe", "from schema 12");
    let mut c = haven(dir.path());
    c.arg("migrate");
    let o = output(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let known = haven::store::schema_version();
    assert!(out.contains(&format!("schema version {known}")), "{out}");
    let copies: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("haven.db.pre-v12-") && name.ends_with(".bak")
        })
        .collect();
    assert_eq!(copies.len(), 1, "{out}");
    let copy = &copies[0];
    assert!(out.contains(&copy.display().to_string()), "{out}");
    assert_eq!(mode(copy), 0o600);
    assert_eq!(get(copy, "probe").as_deref(), Some("from schema 12"));
    let old: i64 = rusqlite::Connection::open(copy)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(old, 12);

    // A database from a newer haven: refused by migrate and run, naming both versions.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(&format!("PRAGMA user_version = {}", known + 1))
        .unwrap();
    let newer = format!(
        "written by a newer haven (schema {}); this haven knows schema {known}. Run the newer haven, or restore a backup made by this version.",
        known + 1
    );
    for args in [vec!["migrate"], vec!["run"]] {
        let mut c = haven(dir.path());
        c.args(&args).env("DISCORD_TOKEN", "x");
        let o = output(c).await;
        assert_eq!(o.status.code(), Some(78), "{args:?}");
        assert_one_clear_line(&o, &newer);
    }
    // Copying it is harmless; restoring that copy with this haven is not.
    let mut c = haven(dir.path());
    c.args(["backup", "newer.db"]);
    let o = output(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let mut c = haven(dir.path());
    c.args(["restore", "newer.db"]);
    let o = output(c).await;
    assert_eq!(o.status.code(), Some(1));
    assert_one_clear_line(
        &o,
        &format!(
            "newer haven (schema {}); this haven knows schema {known}",
            known + 1
        ),
    );
}

#[tokio::test]
async fn the_token_can_come_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bot token");
    std::fs::write(&file, format!("{TOKEN}\n")).unwrap();

    let mut c = haven(dir.path());
    c.arg("check-config").env("DISCORD_TOKEN_FILE", &file);
    let o = output(c).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("token source: DISCORD_TOKEN_FILE"), "{out}");
    assert!(!out.contains(TOKEN) && !stderr(&o).contains(TOKEN));

    // The token read from the file is the one Discord sees.
    let fake = FakeDiscord::start(TOKEN, vec![server()]).await;
    let mut c = haven(dir.path());
    c.arg("run")
        .env("DISCORD_TOKEN_FILE", &file)
        .env("HAVEN_DISCORD__API_BASE_URL", fake.base_url());
    let mut child = c.spawn().unwrap();
    fake.wait_ready(WAIT)
        .await
        .expect("the bot logs in with the token from the file");
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
    assert_eq!(status.code(), Some(0));
    fake.shutdown().await;

    // An empty file is a configuration error naming the file.
    std::fs::write(&file, "\n").unwrap();
    for cmd in ["run", "check-config"] {
        let mut c = haven(dir.path());
        c.arg(cmd).env("DISCORD_TOKEN_FILE", &file);
        let o = output(c).await;
        assert_eq!(o.status.code(), Some(78), "{cmd}");
        assert_one_clear_line(&o, &format!("{}", file.display()));
        assert!(stderr(&o).contains("empty"));
    }
}
