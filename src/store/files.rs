//! The database as files, for the host's commands: `haven backup` (a consistent online copy
//! that never lands on the live database), `haven restore` (replacing the database from such a
//! copy while no bot runs) and the copy [`Store::open`](super::Store::open) makes before it
//! applies a migration. Every file written here is created new with mode 0600, filled,
//! checked, synced and renamed into place, so no reader ever sees half of it.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use rusqlite::{Connection, OpenFlags};

use super::{lock_instance, schema_version, Result, StoreError};

/// The files SQLite and haven keep for one database, and what each is to a host.
const COMPANIONS: [(&str, &str); 4] = [
    ("", "the live database itself"),
    ("-wal", "the live database's write-ahead log (WAL)"),
    ("-shm", "the live database's shared-memory file"),
    (".lock", "the live database's lock file"),
];

/// The live database's files: every spelling of their names, and the identity (device and
/// inode) of those that exist, so a hard link or a symlink to one of them is recognised.
struct LiveFiles {
    names: Vec<(PathBuf, &'static str)>,
    inodes: Vec<((u64, u64), &'static str)>,
}

impl LiveFiles {
    fn of(db: &Path) -> LiveFiles {
        let mut bases = vec![absolute(db)];
        if let Ok(canonical) = std::fs::canonicalize(db) {
            bases.push(canonical);
        }
        if let Some(entry) = entry_path(db) {
            bases.push(entry);
        }
        let mut names = Vec::new();
        let mut inodes = Vec::new();
        for base in &bases {
            for (suffix, what) in COMPANIONS {
                let mut name = base.as_os_str().to_owned();
                name.push(suffix);
                let name = PathBuf::from(name);
                if let Ok(m) = std::fs::metadata(&name) {
                    inodes.push(((m.dev(), m.ino()), what));
                }
                names.push((name, what));
            }
        }
        LiveFiles { names, inodes }
    }

    /// What `path` is to the live database, if anything: compared by its name (as given, as
    /// its folder resolves, and as the whole path resolves) and by the inode it names (the
    /// link itself and what it points to).
    fn role_of(&self, path: &Path) -> Option<&'static str> {
        let mut spellings = vec![absolute(path)];
        spellings.extend(entry_path(path));
        spellings.extend(std::fs::canonicalize(path).ok());
        for s in &spellings {
            if let Some((_, what)) = self.names.iter().find(|(n, _)| n == s) {
                return Some(what);
            }
        }
        for m in [std::fs::symlink_metadata(path), std::fs::metadata(path)]
            .into_iter()
            .flatten()
        {
            if let Some((_, what)) = self.inodes.iter().find(|(i, _)| *i == (m.dev(), m.ino())) {
                return Some(what);
            }
        }
        None
    }
}

/// `path` made absolute against the working directory, without resolving anything.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The directory entry `path` names: its folder resolved, its own name kept (a file that does
/// not exist yet, or a symlink, is named by where its entry would be).
fn entry_path(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(name))
}

fn refused(message: String) -> StoreError {
    StoreError::Refused(message)
}

fn write_error(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Checks that `dest` can take a backup of the database at `db`: not one of the live
/// database's files by any name or link, not a folder, in a folder that exists.
fn check_backup_destination(db: &Path, dest: &Path) -> Result<()> {
    if let Some(what) = LiveFiles::of(db).role_of(dest) {
        return Err(refused(format!(
            "refusing to write the backup to {}: it is {what}. Choose another file; nothing was changed.",
            dest.display()
        )));
    }
    match std::fs::metadata(dest) {
        Ok(m) if m.is_dir() => {
            return Err(refused(format!(
                "{} is a folder; give the backup a file name such as {}",
                dest.display(),
                dest.join("haven-backup.db").display()
            )))
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        // A symlink loop, a folder that cannot be read.
        Err(e) => {
            return Err(refused(format!(
                "cannot use {} as the backup file: {e}",
                dest.display()
            )))
        }
    }
    if dest.file_name().is_none() {
        return Err(refused(format!(
            "{} is not a file name; give the backup a file name such as haven-backup.db",
            dest.display()
        )));
    }
    if entry_path(dest).is_none() {
        return Err(refused(format!(
            "cannot write the backup to {}: its folder does not exist",
            dest.display()
        )));
    }
    Ok(())
}

/// Copies the live database at `source` to `dest` with SQLite's online backup, which is
/// consistent while the bot keeps writing. `dest` may not be one of the live database's
/// files (by name, symlink or hard link). The copy is written beside `dest` with mode 0600,
/// checked and renamed into place, so `dest` is never a half-written file.
pub fn backup(source: &Path, dest: &Path, busy_timeout: Duration) -> Result<()> {
    if !source.is_file() {
        return Err(refused(format!(
            "there is no database at {} to back up",
            source.display()
        )));
    }
    check_backup_destination(source, dest)?;
    let src = Connection::open_with_flags(
        source,
        // Read-write without create: reading a WAL database needs its shared-memory file.
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.busy_timeout(busy_timeout)?;
    copy_database(&src, dest, None)
}

/// Writes a checked copy of the database `src` reads to `dest` (replacing it atomically).
/// With `owner`, the copy is given that user and group before it takes its place.
fn copy_database(src: &Connection, dest: &Path, owner: Option<(u32, u32)>) -> Result<()> {
    let mut tmp = dest.as_os_str().to_owned();
    tmp.push(format!(".tmp-{:016x}", rand::random::<u64>()));
    let tmp = PathBuf::from(tmp);
    // Created here and now, never an existing file or a link planted in its place.
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(write_error(&tmp))?;
    let result = (|| -> Result<()> {
        let mut dst = Connection::open(&tmp)?;
        {
            let backup = rusqlite::backup::Backup::new(src, &mut dst)?;
            backup.run_to_completion(256, Duration::from_millis(5), None)?;
        }
        // A self-contained single file: no WAL beside the copy.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        if let Some(problem) = integrity_problem(&dst)? {
            return Err(refused(format!(
                "the copy written to {} failed SQLite's integrity check ({problem}); it was removed",
                tmp.display()
            )));
        }
        drop(dst);
        if let Some((uid, gid)) = owner {
            let m = std::fs::metadata(&tmp).map_err(write_error(&tmp))?;
            if (m.uid(), m.gid()) != (uid, gid) {
                std::os::unix::fs::chown(&tmp, Some(uid), Some(gid)).map_err(|e| {
                    refused(format!(
                        "cannot give the restored database the owner of the one it replaces \
                         (user {uid}, group {gid}): {e}. Run restore as that user or as root; \
                         nothing was changed."
                    ))
                })?;
            }
        }
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))
            .map_err(write_error(&tmp))?;
        File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(write_error(&tmp))?;
        std::fs::rename(&tmp, dest).map_err(write_error(dest))?;
        sync_folder_of(dest)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Makes a rename or a removal in `path`'s folder durable.
fn sync_folder_of(path: &Path) -> Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    File::open(folder)
        .and_then(|f| f.sync_all())
        .map_err(write_error(folder))
}

/// `None` when `PRAGMA integrity_check` says ok, else its first complaint.
fn integrity_problem(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let first: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    Ok((first != "ok").then_some(first))
}

/// A name beside the database that no file has yet: `<db><tag>-<UTC time>.bak`, with a
/// counter when that is taken.
fn fresh_name(db: &Path, tag: &str) -> PathBuf {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = |n: u32| {
        let mut s = db.as_os_str().to_owned();
        match n {
            0 => s.push(format!("{tag}-{stamp}.bak")),
            n => s.push(format!("{tag}-{stamp}-{n}.bak")),
        }
        PathBuf::from(s)
    };
    (0..1000)
        .map(name)
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| name(rand::random::<u32>()))
}

/// Before migrations change the database `conn` holds (at schema `from`), a checked copy of
/// it beside the database, named for the schema and the time. Returns where it is.
pub(super) fn before_migration(conn: &Connection, db: &Path, from: usize) -> Result<PathBuf> {
    let dest = fresh_name(db, &format!(".pre-v{from}"));
    copy_database(conn, &dest, None).map_err(|e| {
        refused(format!(
            "cannot back up {} before migrating it (nothing was migrated): {e}",
            db.display()
        ))
    })?;
    Ok(dest)
}

/// What `haven restore` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The database file that now holds the backup's data.
    pub database: PathBuf,
    /// The backup's schema version (older ones are migrated at the next start).
    pub schema: usize,
    /// Where the database that was replaced is kept, if there was one.
    pub replaced: Option<PathBuf>,
}

/// Reads and checks a backup before anything is touched: a SQLite database, intact, made by
/// haven, not by a newer haven. Returns the open (read-only) backup and its schema version.
fn open_backup(file: &Path, busy_timeout: Duration) -> Result<(Connection, usize)> {
    let shown = file.display();
    let m = std::fs::metadata(file).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => refused(format!("there is no backup at {shown}")),
        _ => refused(format!("cannot read the backup {shown}: {e}")),
    })?;
    if m.is_dir() {
        return Err(refused(format!(
            "{shown} is a folder; give the backup file made by haven backup"
        )));
    }
    let damaged = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => refused(format!(
            "{shown} is not a SQLite database; nothing was changed"
        )),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => refused(format!(
            "{shown} is damaged or cut short ({e}); nothing was changed"
        )),
        _ => refused(format!(
            "{shown} cannot be read as a database ({e}); nothing was changed"
        )),
    };
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(damaged)?;
    conn.busy_timeout(busy_timeout).map_err(damaged)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(damaged)?;
    if let Some(problem) = integrity_problem(&conn).map_err(damaged)? {
        return Err(refused(format!(
            "{shown} is damaged (SQLite's integrity check: {problem}); nothing was changed"
        )));
    }
    let haven_tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('couples', 'meta')",
            [],
            |r| r.get(0),
        )
        .map_err(damaged)?;
    let known = schema_version();
    let version = match usize::try_from(version) {
        Ok(v) if v > 0 && haven_tables == 2 => v,
        _ => {
            return Err(refused(format!(
                "{shown} is a SQLite database, but not one of haven's; nothing was changed"
            )))
        }
    };
    if version > known {
        return Err(refused(format!(
            "{shown} was written by a newer haven (schema {version}); this haven knows schema {known}. \
             Restore it with the newer haven, or choose a backup made by this version. Nothing was changed."
        )));
    }
    Ok((conn, version))
}

/// Replaces the database at `db` with the backup `file`. Refuses, changing nothing, while any
/// process holds the database's lock (a running bot), and when the backup is not an intact
/// haven database this binary can read. The backup is copied into a new 0600 file beside the
/// database, synced, and renamed over it; the database it replaces stays beside it as
/// `<db>.pre-restore-<time>.bak` (with its WAL), and the folder is synced.
pub fn restore(db: &Path, file: &Path, busy_timeout: Duration) -> Result<Restored> {
    let live = LiveFiles::of(db);
    if let Some(what) = live.role_of(file) {
        return Err(refused(format!(
            "{} is {what}, not a backup; nothing was changed",
            file.display()
        )));
    }
    let (src, schema) = open_backup(file, busy_timeout)?;

    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(write_error(dir))?;
    }
    // The same name the bot locks: the database's canonical path (its folder's, when the
    // database does not exist yet).
    let target = match std::fs::canonicalize(db) {
        Ok(p) => p,
        Err(_) => entry_path(db).ok_or_else(|| {
            refused(format!(
                "{} is not a usable database path; nothing was changed",
                db.display()
            ))
        })?,
    };
    if std::fs::metadata(&target).is_ok_and(|m| m.is_dir()) {
        return Err(refused(format!(
            "the database path {} is a folder; nothing was changed",
            db.display()
        )));
    }
    let _lock = match lock_instance(&target) {
        Ok(lock) => lock,
        Err(StoreError::Locked(_)) => {
            return Err(refused(format!(
                "the database {} is in use (haven is running, or another program holds its lock): stop the bot first, then restore. Nothing was changed.",
                db.display()
            )))
        }
        Err(e) => return Err(e),
    };
    let existing = std::fs::metadata(&target).ok();
    let owner = existing.as_ref().map(|m| (m.uid(), m.gid()));
    let mut staged = target.as_os_str().to_owned();
    staged.push(".restoring");
    let staged = PathBuf::from(staged);
    // The checked copy is made under a name of its own first; only then is anything of the
    // live database moved.
    copy_database(&src, &staged, owner)?;
    drop(src);

    let result = (|| -> Result<Option<PathBuf>> {
        let replaced = match existing {
            Some(_) => Some(keep_replaced(&target)?),
            None => None,
        };
        // A WAL left beside the new file would be replayed into it.
        for suffix in ["-wal", "-shm"] {
            let mut stale = target.as_os_str().to_owned();
            stale.push(suffix);
            match std::fs::remove_file(PathBuf::from(&stale)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(write_error(Path::new(&stale))(e)),
            }
        }
        std::fs::rename(&staged, &target).map_err(write_error(&target))?;
        sync_folder_of(&target)?;
        Ok(replaced)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&staged);
    }
    Ok(Restored {
        database: target,
        schema,
        replaced: result?,
    })
}

/// Keeps the database about to be replaced: a hard link to it (or a copy where links are not
/// possible) under a fresh name, and its WAL moved beside that name, so the kept file opens
/// with every commit it had.
fn keep_replaced(target: &Path) -> Result<PathBuf> {
    let kept = fresh_name(target, ".pre-restore");
    if std::fs::hard_link(target, &kept).is_err() {
        std::fs::copy(target, &kept).map_err(write_error(&kept))?;
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o600))
            .map_err(write_error(&kept))?;
    }
    let mut wal = target.as_os_str().to_owned();
    wal.push("-wal");
    let mut kept_wal = kept.as_os_str().to_owned();
    kept_wal.push("-wal");
    match std::fs::rename(PathBuf::from(&wal), PathBuf::from(&kept_wal)) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(write_error(Path::new(&wal))(e)),
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    const BUSY: Duration = Duration::from_millis(500);

    fn put(store: &Store, key: &str, value: &str) {
        let (key, value) = (key.to_string(), value.to_string());
        store
            .call_blocking(move |c| {
                c.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [&key, &value],
                )?;
                Ok(())
            })
            .unwrap();
    }

    fn get(path: &Path, key: &str) -> Option<String> {
        let c = Connection::open(path).unwrap();
        c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .ok()
    }

    fn refusal(r: Result<impl std::fmt::Debug>) -> String {
        match r {
            Err(StoreError::Refused(m)) => m,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    fn inode(path: &Path) -> (u64, u64) {
        let m = std::fs::metadata(path).unwrap();
        (m.dev(), m.ino())
    }

    #[test]
    fn backup_never_lands_on_the_live_database_by_any_name_or_link() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live data").join("haven.db");
        let store = Store::open(&db, BUSY).unwrap();
        put(&store, "k", "committed");
        let before = inode(&db);
        let folder = dir.path().join("live data");
        std::fs::hard_link(&db, dir.path().join("hard.db")).unwrap();
        std::os::unix::fs::symlink(&db, dir.path().join("soft.db")).unwrap();
        std::os::unix::fs::symlink(folder.join("haven.db-wal"), dir.path().join("wal-link"))
            .unwrap();
        std::os::unix::fs::symlink(&folder, dir.path().join("folder-link")).unwrap();
        for (dest, what) in [
            (db.clone(), "the live database itself"),
            (folder.join("haven.db-wal"), "write-ahead log"),
            (folder.join("haven.db-shm"), "shared-memory"),
            (folder.join("haven.db.lock"), "lock file"),
            (
                folder.join("..").join("live data").join("haven.db"),
                "itself",
            ),
            (dir.path().join("folder-link").join("haven.db"), "itself"),
            (dir.path().join("hard.db"), "itself"),
            (dir.path().join("soft.db"), "itself"),
            (dir.path().join("wal-link"), "write-ahead log"),
        ] {
            let m = refusal(backup(&db, &dest, BUSY));
            assert!(m.contains(what) && m.contains("nothing was changed"), "{m}");
        }
        assert_eq!(inode(&db), before, "the live file was not replaced");
        put(&store, "k2", "still writable");
        drop(store);
        assert_eq!(get(&db, "k").as_deref(), Some("committed"));
        assert_eq!(get(&db, "k2").as_deref(), Some("still writable"));
    }

    #[test]
    fn backup_refuses_folders_loops_and_missing_folders_and_takes_spaces() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("haven.db");
        let store = Store::open(&db, BUSY).unwrap();
        put(&store, "k", "v");
        let a = dir.path().join("loop-a");
        let b = dir.path().join("loop-b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        for (dest, needle) in [
            (dir.path().to_path_buf(), "is a folder"),
            (a.clone(), "cannot use"),
            (dir.path().join("no such folder").join("x.db"), "folder"),
        ] {
            let m = refusal(backup(&db, &dest, BUSY));
            assert!(m.contains(needle), "{m}");
        }
        let spaced = dir.path().join("my backups");
        std::fs::create_dir(&spaced).unwrap();
        let dest = spaced.join("haven copy.db");
        backup(&db, &dest, BUSY).unwrap();
        assert_eq!(get(&dest, "k").as_deref(), Some("v"));
        let leftovers: Vec<_> = std::fs::read_dir(&spaced).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn restore_brings_back_the_backup_and_keeps_what_it_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("haven.db");
        let copy = dir.path().join("copy.db");
        let store = Store::open(&db, BUSY).unwrap();
        put(&store, "k", "before");
        backup(&db, &copy, BUSY).unwrap();
        put(&store, "k", "after");
        put(&store, "extra", "after");
        // While the bot holds the database, nothing happens.
        let m = refusal(restore(&db, &copy, BUSY));
        assert!(m.contains("stop the bot first"), "{m}");
        drop(store);
        assert_eq!(get(&db, "k").as_deref(), Some("after"));

        let done = restore(&db, &copy, BUSY).unwrap();
        assert_eq!(done.schema, crate::store::schema_version());
        assert_eq!(done.database, std::fs::canonicalize(&db).unwrap());
        let mode = std::fs::metadata(&db).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(!dir.path().join("haven.db-wal").exists());
        let store = Store::open(&db, BUSY).unwrap();
        drop(store);
        assert_eq!(get(&db, "k").as_deref(), Some("before"));
        assert_eq!(get(&db, "extra"), None);
        // The replaced database is kept, whole, beside it.
        let kept = done.replaced.expect("the replaced database is kept");
        assert_eq!(get(&kept, "k").as_deref(), Some("after"));
        assert_eq!(get(&kept, "extra").as_deref(), Some("after"));
        assert_eq!(
            std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn restore_onto_a_new_host_creates_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("haven.db");
        let copy = dir.path().join("copy.db");
        let store = Store::open(&db, BUSY).unwrap();
        put(&store, "k", "v");
        backup(&db, &copy, BUSY).unwrap();
        drop(store);
        let fresh = dir.path().join("new host").join("data").join("haven.db");
        let done = restore(&fresh, &copy, BUSY).unwrap();
        assert_eq!(done.replaced, None);
        assert_eq!(get(&fresh, "k").as_deref(), Some("v"));
    }

    #[test]
    fn restore_refuses_what_is_not_a_whole_haven_backup_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("haven.db");
        let copy = dir.path().join("copy.db");
        let store = Store::open(&db, BUSY).unwrap();
        put(&store, "k", "live");
        backup(&db, &copy, BUSY).unwrap();
        drop(store);
        let whole = std::fs::read(&copy).unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database at all, just words\n".repeat(200)).unwrap();
        let cut = dir.path().join("cut.db");
        std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
        let header_only = dir.path().join("header.db");
        std::fs::write(&header_only, &whole[..60]).unwrap();
        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE things (a); PRAGMA user_version = 3;")
            .unwrap();
        let newer = dir.path().join("newer.db");
        std::fs::copy(&copy, &newer).unwrap();
        Connection::open(&newer)
            .unwrap()
            .execute_batch("PRAGMA user_version = 99")
            .unwrap();
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").unwrap();
        let a = dir.path().join("loop-a");
        let b = dir.path().join("loop-b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let before = (inode(&db), std::fs::read(&db).unwrap());
        for (file, needle) in [
            (text, "not a SQLite database"),
            (cut, "damaged"),
            (header_only, "nothing was changed"),
            (foreign, "not one of haven's"),
            (newer, "newer haven (schema 99); this haven knows schema"),
            (empty, "not one of haven's"),
            (dir.path().join("missing.db"), "there is no backup"),
            (dir.path().to_path_buf(), "is a folder"),
            (a, "cannot read"),
            (db.clone(), "the live database itself"),
            (dir.path().join("haven.db.lock"), "lock file"),
        ] {
            let m = refusal(restore(&db, &file, BUSY));
            assert!(m.contains(needle), "{}: {m}", file.display());
        }
        assert_eq!((inode(&db), std::fs::read(&db).unwrap()), before);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("haven.db"))
            .collect();
        assert!(
            names
                .iter()
                .all(|n| n == "haven.db" || n == "haven.db.lock"),
            "nothing was written beside the database: {names:?}"
        );
        assert_eq!(get(&db, "k").as_deref(), Some("live"));
    }

    #[test]
    fn an_older_schema_is_copied_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("haven.db");
        let mut c = Connection::open(&db).unwrap();
        crate::store::migrations().to_version(&mut c, 10).unwrap();
        c.execute("INSERT INTO meta (key, value) VALUES ('old', 'row')", [])
            .unwrap();
        drop(c);
        let store = Store::open(&db, BUSY).unwrap();
        let copy = store.migration_backup().expect("a copy").to_path_buf();
        let name = copy.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("haven.db.pre-v10-") && name.ends_with(".bak"),
            "{name}"
        );
        assert_eq!(
            std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let old = Connection::open(&copy).unwrap();
        let version: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 10);
        assert_eq!(get(&copy, "old").as_deref(), Some("row"));
        drop(store);
        // Once migrated there is nothing more to copy; a new database needs no copy either.
        assert!(Store::open(&db, BUSY).unwrap().migration_backup().is_none());
        let fresh = Store::open(&dir.path().join("fresh.db"), BUSY).unwrap();
        assert!(fresh.migration_backup().is_none());
        let copies = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".bak")
            })
            .count();
        assert_eq!(copies, 1);
    }

    #[test]
    fn a_database_from_a_newer_haven_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("haven.db");
        drop(Store::open(&db, BUSY).unwrap());
        // One schema past the newest this haven knows.
        let newer = crate::store::schema_version() + 1;
        Connection::open(&db)
            .unwrap()
            .execute_batch(&format!("PRAGMA user_version = {newer}"))
            .unwrap();
        let before = std::fs::read(&db).unwrap();
        match Store::open(&db, BUSY) {
            Err(e @ StoreError::TooNew { found, .. }) => {
                assert_eq!(found, newer);
                let m = e.to_string();
                let known = crate::store::schema_version();
                assert!(
                    m.contains(&format!("newer haven (schema {newer})"))
                        && m.contains(&format!("this haven knows schema {known}"))
                        && m.contains("restore a backup made by this version"),
                    "{m}"
                );
            }
            Err(e) => panic!("expected TooNew, got {e}"),
            Ok(_) => panic!("expected TooNew, got a store"),
        }
        assert_eq!(std::fs::read(&db).unwrap(), before);
        // A copy of it is harmless.
        backup(&db, &dir.path().join("copy.db"), BUSY).unwrap();
    }
}
