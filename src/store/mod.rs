//! All SQL lives here: opening the database (pragmas, migrations, the single-instance lock)
//! and one module per table group, each taking and returning domain types.

pub mod appreciations;
pub mod checkins;
pub mod couples;
pub mod exports;
mod files;
pub mod forget;
pub mod health;
pub mod invitations;
pub mod meta;
pub mod onmymind;
pub mod outbox;
pub mod partner_settings;
pub mod prompts;
pub mod pulse;
pub mod removals;
pub mod stats;
pub mod streak_notes;

use std::fs::{File, OpenOptions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use fs4::fs_std::FileExt;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

pub use files::{backup, restore, Restored};

/// The embedded schema history; each step is applied once, in order, at start.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_couples.sql")),
        M::up(include_str!("migrations/0002_nudges.sql")),
        M::up(include_str!("migrations/0003_checkins.sql")),
        M::up(include_str!("migrations/0004_appreciations.sql")),
        M::up(include_str!("migrations/0005_streak_notes.sql")),
        M::up(include_str!("migrations/0006_guild_removals.sql")),
        M::up(include_str!("migrations/0007_outbox_day.sql")),
        M::up(include_str!("migrations/0008_nudge_history_index.sql")),
        M::up(include_str!("migrations/0009_outbox_nonce.sql")),
        M::up(include_str!("migrations/0010_outbox_checks.sql")),
        M::up(include_str!("migrations/0011_closed_before.sql")),
        M::up(include_str!("migrations/0012_invitations.sql")),
        M::up(include_str!("migrations/0013_forget.sql")),
        M::up(include_str!("migrations/0014_paused_by.sql")),
        M::up(include_str!("migrations/0015_partner_settings.sql")),
        M::up(include_str!("migrations/0016_care_offers.sql")),
        M::up(include_str!("migrations/0017_day_questions.sql")),
        M::up(include_str!("migrations/0018_pulse.sql")),
        M::up(include_str!("migrations/0019_on_my_mind.sql")),
        M::up(include_str!("migrations/0020_anniversary.sql")),
        M::up(include_str!("migrations/0021_settings.sql")),
        M::up(include_str!("migrations/0022_couple_language.sql")),
        M::up(include_str!("migrations/0023_language_choice.sql")),
        M::up(include_str!("migrations/0024_checkin_prompt_day.sql")),
    ])
}

/// The schema version this binary brings the database to: the number of its migrations.
pub fn schema_version() -> usize {
    static KNOWN: OnceLock<usize> = OnceLock::new();
    *KNOWN.get_or_init(|| {
        Connection::open_in_memory()
            .ok()
            .and_then(|c| migrations().pending_migrations(&c).ok())
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
    })
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("another haven process is already using {0} (only one process may use a database)")]
    Locked(PathBuf),
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("the database worker stopped unexpectedly")]
    Worker,
    #[error("{}: this database was written by a newer haven (schema {found}); this haven knows schema {known}. Run the newer haven, or restore a backup made by this version.", path.display())]
    TooNew {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    /// A host's command that was refused, or a file it could not use, said in one sentence.
    #[error("{0}")]
    Refused(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The connection (or open transaction) the functions of this module's table groups take.
/// Callers outside `src/store/` only pass it along; every statement is written here.
pub type Db = Connection;

/// The database of one haven process. Cheap to clone; SQL runs on tokio's blocking pool so a
/// slow disk never stalls the gateway heartbeat or the 3-second interaction deadline.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
    busy_timeout: Duration,
    stats: Arc<health::StoreStats>,
    migration_backup: Option<PathBuf>,
    _lock: Arc<File>,
}

/// How many times [`Store::truncate_wal`] tries while a reader holds the WAL, and the pause
/// between two tries.
const TRUNCATE_TRIES: u32 = 20;
const TRUNCATE_PAUSE: Duration = Duration::from_millis(100);

impl Store {
    /// Opens (creating with mode 0600) the database, takes the exclusive instance lock, sets
    /// the pragmas and applies pending migrations. A database from a newer haven is refused
    /// before anything is written; one at an older schema is first copied beside itself
    /// (`<db>.pre-v<old>-<time>.bak`, see [`Store::migration_backup`]).
    pub fn open(path: &Path, busy_timeout: Duration) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Open {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        create_private(path)?;
        // The lock is taken on the canonical path, so two spellings of one database (a
        // symlink, `..`) are one database.
        let canonical = std::fs::canonicalize(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let lock = lock_instance(&canonical)?;
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(busy_timeout)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = schema_version();
        let found = usize::try_from(found).map_err(|_| {
            StoreError::Refused(format!(
                "{} is not a haven database (its user_version is {found})",
                path.display()
            ))
        })?;
        if found > known {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
        configure(&conn, busy_timeout)?;
        // A new database has nothing to lose; any other is copied before its schema changes.
        let migration_backup = if found > 0 && found < known {
            let copy = files::before_migration(&conn, &canonical, found)?;
            tracing::info!(
                backup = %copy.display(),
                from = found,
                to = known,
                "backed up the database before migrating it"
            );
            Some(copy)
        } else {
            None
        };
        migrations().to_latest(&mut conn)?;
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
            path: path.to_path_buf(),
            busy_timeout,
            stats: Arc::default(),
            migration_backup,
            _lock: Arc::new(lock),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Figures kept since the store opened (for the metrics).
    pub fn stats(&self) -> &health::StoreStats {
        &self.stats
    }

    /// The copy made before this open migrated the database, if it did.
    pub fn migration_backup(&self) -> Option<&Path> {
        self.migration_backup.as_deref()
    }

    /// Runs `f` with the connection on the blocking pool.
    pub async fn call<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let conn = self.conn.clone();
        let stats = self.stats.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            stats.begin();
            let outcome = f(&mut guard);
            stats.finish(&outcome);
            outcome
        })
        .await
        .map_err(|_| StoreError::Worker)?
    }

    /// Runs `f` in one IMMEDIATE transaction on the blocking pool, committed when `f` returns
    /// `Ok` and rolled back otherwise. IMMEDIATE takes the write lock at once, so two
    /// transactions that read and then write (two check-ins at the same moment) never both
    /// decide on the same reads.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Db) -> Result<T> + Send + 'static,
    {
        self.call(move |c| {
            let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })
        .await
    }

    /// As [`Store::write`] for work that may decide to refuse: the transaction is committed
    /// only when `f` returns `Ok(Ok(_))`; a refusal (`Ok(Err(_))`) rolls back whatever `f`
    /// wrote before deciding.
    pub async fn write_or_refuse<T, R, F>(&self, f: F) -> Result<std::result::Result<T, R>>
    where
        T: Send + 'static,
        R: Send + 'static,
        F: FnOnce(&Db) -> Result<std::result::Result<T, R>> + Send + 'static,
    {
        self.call(move |c| {
            let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            if out.is_ok() {
                tx.commit()?;
            }
            Ok(out)
        })
        .await
    }

    /// Runs `f` on the calling thread (CLI commands and tests).
    pub fn call_blocking<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        self.stats.begin();
        let outcome = f(&mut guard);
        self.stats.finish(&outcome);
        outcome
    }

    /// A PASSIVE checkpoint: folds the WAL into the database without blocking readers, so a
    /// Litestream replica keeps working.
    pub fn checkpoint(&self) -> Result<()> {
        self.call_blocking(|c| {
            c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
            Ok(())
        })
    }

    /// A TRUNCATE checkpoint, after deleting a couple: everything in the WAL goes into the
    /// database (where `secure_delete` has zeroed what was deleted) and the WAL is emptied to
    /// nothing, so no copy of deleted words stays in it. A reader (a backup, Litestream) holding
    /// the WAL makes it wait: it is tried again briefly, each try without waiting on the lock,
    /// so other work is never held up for long. Returns whether the WAL was emptied.
    pub async fn truncate_wal(&self) -> Result<bool> {
        for attempt in 1..=TRUNCATE_TRIES {
            let busy = self.busy_timeout;
            let done = self
                .call(move |c| {
                    c.busy_timeout(Duration::ZERO)?;
                    let outcome = c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                        r.get::<_, i64>(0)
                    });
                    c.busy_timeout(busy)?;
                    match outcome {
                        Ok(blocked) => Ok(blocked == 0),
                        Err(rusqlite::Error::SqliteFailure(f, _))
                            if f.code == rusqlite::ErrorCode::DatabaseBusy
                                || f.code == rusqlite::ErrorCode::DatabaseLocked =>
                        {
                            Ok(false)
                        }
                        Err(e) => Err(e.into()),
                    }
                })
                .await?;
            if done {
                return Ok(true);
            }
            if attempt < TRUNCATE_TRIES {
                tokio::time::sleep(TRUNCATE_PAUSE).await;
            }
        }
        Ok(false)
    }
}

/// Takes the exclusive, non-blocking lock that makes one process per database: the file
/// `<canonical path>.lock`.
fn lock_instance(path: &Path) -> Result<File> {
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push(".lock");
    let lock_path = PathBuf::from(lock_path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&lock_path)
        .map_err(|source| StoreError::Open {
            path: lock_path.clone(),
            source,
        })?;
    match file.try_lock_exclusive() {
        Ok(true) => Ok(file),
        Ok(false) => Err(StoreError::Locked(path.to_path_buf())),
        Err(source) => Err(StoreError::Open {
            path: lock_path,
            source,
        }),
    }
}

/// Creates the file with mode 0600 if needed and tightens an existing one. SQLite gives the
/// WAL and shared-memory files the database file's mode.
fn create_private(path: &Path) -> Result<()> {
    let err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
        .map_err(err)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(err)?;
    Ok(())
}

fn configure(conn: &Connection, busy_timeout: Duration) -> Result<()> {
    conn.busy_timeout(busy_timeout)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: an acknowledged write survives power loss, not only a crash.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted content is overwritten with zeros, not left in free pages of the file.
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

/// What `haven migrate` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// The schema version the database is at now.
    pub version: usize,
    /// The copy made before migrating, when there was something to migrate.
    pub backup: Option<PathBuf>,
}

/// Applies pending migrations to the database at `path` and reports the schema version.
pub fn migrate(path: &Path, busy_timeout: Duration) -> Result<Migrated> {
    let store = Store::open(path, busy_timeout)?;
    let version = store
        .call_blocking(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))?))?;
    Ok(Migrated {
        version: usize::try_from(version).unwrap_or(0),
        backup: store.migration_backup().map(Path::to_path_buf),
    })
}

pub(crate) fn to_unix(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

pub(crate) fn from_unix(s: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(s, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Turns a UNIQUE or CHECK violation into `None` so callers can report a race kindly.
pub(crate) fn is_constraint(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn outbox_reasons_become_codes_and_unknown_kinds_are_refused() {
        let mut c = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut c, 9).unwrap();
        c.execute_batch(
            "INSERT INTO couples (id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at)
             VALUES (1, 1, 1, 1, 2, 'UTC', '0 0 20 * * *', 0, 0);
             INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, skip_reason, next_attempt_at, created_at)
             VALUES (1, 'nudge', 1, 1, '{}', 'skipped', 'skipped by a partner', 0, 0),
                    (1, 'nudge', 2, 1, '{}', 'skipped', 'missed while haven was not running', 0, 0),
                    (1, 'nudge', 3, 1, '{}', 'skipped', 'channel unavailable', 0, 0),
                    (1, 'reminder', 4, 1, '{}', 'skipped', 'already checked in', 0, 0),
                    (1, 'nudge', 5, 1, '{}', 'failed', 'rejected by Discord', 0, 0);",
        )
        .unwrap();
        migrations().to_latest(&mut c).unwrap();
        let reasons: Vec<String> = c
            .prepare("SELECT skip_reason FROM outbox ORDER BY occurrence")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            reasons,
            ["skipped", "missed", "channel", "checked_in", "rejected"]
        );
        for code in &reasons {
            assert!(
                crate::domain::post::SkipReason::from_code(code).is_some(),
                "{code}"
            );
        }
        let odd = c.execute(
            "INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, next_attempt_at, created_at)
             VALUES (1, 'mystery', 9, 1, '{}', 'pending', 0, 0)",
            [],
        );
        assert!(odd.is_err(), "the kind column takes known codes only");
    }

    #[test]
    fn on_my_mind_adds_its_kinds_and_the_rebuild_keeps_every_row() {
        let mut c = Connection::open_in_memory().unwrap();
        // The last schema before the weekly pulse (0018): the rows must survive every step
        // to the latest, and the kinds of 0019 be accepted by the outbox rebuilt in 0021.
        migrations().to_version(&mut c, 17).unwrap();
        c.execute_batch(
            "INSERT INTO couples (id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at)
             VALUES (1, 1, 1, 1, 2, 'UTC', '0 0 20 * * *', 0, 0);
             INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, skip_reason, next_attempt_at, created_at, day, nonce, message_id)
             VALUES (1, 'nudge', 1, 1, '{}', 'sent', NULL, 0, 0, '2026-11-26', 'hv00000000000000aa', 77),
                    (1, 'reminder', 2, 1, '{}', 'skipped', 'reminders_off', 0, 0, NULL, 'hv00000000000000bb', NULL);",
        )
        .unwrap();
        migrations().to_latest(&mut c).unwrap();
        let kept: i64 = c
            .query_row("SELECT count(*) FROM outbox WHERE nonce IN ('hv00000000000000aa', 'hv00000000000000bb')", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 2);
        for kind in ["omm_post", "omm_reminder", "omm_ask"] {
            c.execute(
                "INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, skip_reason, next_attempt_at, created_at)
                 VALUES (1, ?1, 5, 1, '{}', 'skipped', 'dm_closed', 0, 0)",
                [kind],
            )
            .unwrap();
        }
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        c.execute(
            "INSERT INTO on_my_mind (couple_id, author_id, text, created_at, updated_at) VALUES (1, 1, 'x', 0, 0)",
            [],
        )
        .unwrap();
        c.execute("DELETE FROM couples WHERE id = 1", []).unwrap();
        let left: i64 = c
            .query_row("SELECT count(*) FROM on_my_mind", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "notes go with their couple");
    }

    #[test]
    fn reminders_off_is_a_stored_reason_and_the_rebuild_keeps_every_row() {
        let mut c = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut c, 11).unwrap();
        c.execute_batch(
            "INSERT INTO couples (id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at)
             VALUES (1, 1, 1, 1, 2, 'UTC', '0 0 20 * * *', 0, 0);
             INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, skip_reason, next_attempt_at, created_at, day, nonce, message_id)
             VALUES (1, 'nudge', 1, 1, '{}', 'sent', NULL, 0, 0, '2026-11-26', 'hv00000000000000aa', 77),
                    (1, 'reminder', 2, 1, '{}', 'skipped', 'checked_in', 0, 0, NULL, 'hv00000000000000bb', NULL);",
        )
        .unwrap();
        migrations().to_latest(&mut c).unwrap();
        let kept: Vec<(String, Option<String>, Option<i64>)> = c
            .prepare("SELECT nonce, day, message_id FROM outbox ORDER BY occurrence")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            kept,
            [
                (
                    "hv00000000000000aa".into(),
                    Some("2026-11-26".into()),
                    Some(77)
                ),
                ("hv00000000000000bb".into(), None, None)
            ]
        );
        let code = crate::domain::post::SkipReason::RemindersOff.code();
        c.execute(
            "INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, skip_reason, next_attempt_at, created_at)
             VALUES (1, 'reminder', 3, 1, '{}', 'skipped', ?1, 0, 0)",
            [code],
        )
        .unwrap();
        let odd = c.execute(
            "INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, skip_reason, next_attempt_at, created_at)
             VALUES (1, 'reminder', 4, 1, '{}', 'skipped', 'bored', 0, 0)",
            [],
        );
        assert!(odd.is_err(), "the skip reason takes known codes only");
        for r in crate::domain::post::SkipReason::ALL {
            let n = c.execute(
                "UPDATE outbox SET skip_reason = ?1 WHERE occurrence = 3",
                [r.code()],
            );
            assert!(n.is_ok(), "{} is allowed", r.code());
        }
    }

    #[test]
    fn open_sets_pragmas_mode_and_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/haven.db");
        let store = Store::open(&path, Duration::from_millis(1500)).unwrap();
        let (mode, fk, sync, busy, secure): (String, i64, i64, i64, i64) = store
            .call_blocking(|c| {
                Ok((
                    c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
                    c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?,
                    c.query_row("PRAGMA synchronous", [], |r| r.get(0))?,
                    c.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?,
                    c.query_row("PRAGMA secure_delete", [], |r| r.get(0))?,
                ))
            })
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(fk, 1);
        assert_eq!(secure, 1, "secure_delete");
        assert_eq!(sync, 2, "synchronous=FULL");
        assert_eq!(busy, 1500);
        for f in ["haven.db", "haven.db-wal", "haven.db-shm"] {
            let m = std::fs::metadata(dir.path().join("sub").join(f)).unwrap();
            assert_eq!(m.permissions().mode() & 0o777, 0o600, "{f}");
        }
        match Store::open(&path, Duration::from_millis(100)) {
            Err(StoreError::Locked(_)) => {}
            Err(e) => panic!("expected Locked, got {e}"),
            Ok(_) => panic!("expected Locked, got a second store"),
        }
        // Another spelling of the same database is the same database.
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        match Store::open(&link, Duration::from_millis(100)) {
            Err(StoreError::Locked(_)) => {}
            Err(e) => panic!("expected Locked through a link, got {e}"),
            Ok(_) => panic!("expected Locked through a link, got a second store"),
        }
        drop(store);
        Store::open(&path, Duration::from_millis(100)).expect("reopens once released");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn truncate_wal_empties_it_once_a_reader_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("haven.db");
        let store = Store::open(&path, Duration::from_millis(1500)).unwrap();
        store
            .call_blocking(|c| {
                c.execute("INSERT INTO meta (key, value) VALUES ('k', 'words')", [])?;
                c.execute("DELETE FROM meta WHERE key = 'k'", [])?;
                Ok(())
            })
            .unwrap();
        let wal = dir.path().join("haven.db-wal");
        assert!(std::fs::metadata(&wal).unwrap().len() > 0);
        // A backup reads from a snapshot for a while.
        let reader = Connection::open(&path).unwrap();
        reader.execute_batch("BEGIN").unwrap();
        reader
            .query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0))
            .unwrap();
        let released = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            reader.execute_batch("COMMIT").unwrap();
        });
        let started = std::time::Instant::now();
        assert!(store.truncate_wal().await.unwrap(), "emptied once released");
        assert!(started.elapsed() >= Duration::from_millis(250), "waited");
        released.join().unwrap();
        assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);
        let busy: i64 = store
            .call_blocking(|c| Ok(c.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(busy, 1500, "the busy timeout is back");
    }

    #[test]
    fn couple_ids_are_never_given_twice() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("haven.db"), Duration::from_millis(100)).unwrap();
        let new = |channel: u64, created_channel: bool| couples::NewCouple {
            language: Default::default(),
            guild_id: crate::domain::ids::GuildId(1),
            channel_id: crate::domain::ids::ChannelId(channel),
            partners: [
                crate::domain::ids::UserId(10),
                crate::domain::ids::UserId(11),
            ],
            timezone: crate::domain::time::Timezone::parse("UTC").unwrap(),
            schedule: crate::domain::schedule::CronExpr::parse("0 0 20 * * *").unwrap(),
            created_channel,
            created_at: Utc::now(),
            next_due: None,
        };
        store
            .call_blocking(|c| {
                let first = couples::insert(c, &new(5, true))?.unwrap();
                assert_eq!(couples::count_created_channels(c, first.guild_id)?, 1);
                couples::delete(c, first.id)?;
                // The channel it created still counts once the couple is gone.
                assert_eq!(couples::count_created_channels(c, first.guild_id)?, 1);
                let second = couples::insert(c, &new(5, false))?.unwrap();
                assert!(second.id > first.id, "{:?} after {:?}", second.id, first.id);
                // A refused insert gives nothing away.
                assert!(couples::insert(c, &new(5, false))?.is_none());
                couples::delete(c, second.id)?;
                let third = couples::insert(c, &new(6, false))?.unwrap();
                assert_eq!(third.id.0, second.id.0 + 1);
                couples::created_channel_deleted(c, first.guild_id, first.channel_id)?;
                assert_eq!(couples::count_created_channels(c, first.guild_id)?, 0);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn backup_is_consistent_private_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("haven.db");
        let store = Store::open(&path, Duration::from_millis(1500)).unwrap();
        store
            .call_blocking(|c| {
                c.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')", [])?;
                Ok(())
            })
            .unwrap();
        let dest = dir.path().join("copy.db");
        std::fs::write(&dest, b"old junk").unwrap();
        backup(&path, &dest, Duration::from_millis(1500)).unwrap();
        let m = std::fs::metadata(&dest).unwrap();
        assert_eq!(m.permissions().mode() & 0o777, 0o600);
        let copy = Connection::open(&dest).unwrap();
        let v: String = copy
            .query_row("SELECT value FROM meta WHERE key = 'k'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, "v");
        assert!(backup(
            &dir.path().join("missing.db"),
            &dest,
            Duration::from_millis(10)
        )
        .is_err());
    }

    /// The last rebuild of the outbox lists every post kind's code in its CHECK: a kind whose
    /// code a later migration dropped could not be recorded.
    #[test]
    fn every_post_kind_can_be_recorded() {
        let mut c = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut c).unwrap();
        c.execute_batch(
            "INSERT INTO couples (id, guild_id, channel_id, partner_a, partner_b, timezone, schedule_cron, created_channel, created_at)
             VALUES (1, 1, 1, 1, 2, 'UTC', '0 0 20 * * *', 0, 0);",
        )
        .unwrap();
        for (n, kind) in crate::domain::post::PostKind::ALL.into_iter().enumerate() {
            let r = c.execute(
                "INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, next_attempt_at, created_at)
                 VALUES (1, ?1, ?2, 1, '{}', 'pending', 0, 0)",
                rusqlite::params![kind.code(), n as i64],
            );
            assert!(r.is_ok(), "{} is allowed: {r:?}", kind.code());
        }
        let odd = c.execute(
            "INSERT INTO outbox (couple_id, kind, occurrence, channel_id, payload, status, next_attempt_at, created_at)
             VALUES (1, 'party', 99, 1, '{}', 'pending', 0, 0)",
            [],
        );
        assert!(odd.is_err(), "the kind takes known codes only");
        let anniversary: Option<String> = c
            .query_row("SELECT anniversary FROM couples WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(anniversary, None, "no anniversary until one is set");
    }
}
