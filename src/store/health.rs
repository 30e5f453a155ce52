//! What the host's health check and metrics read: a cheap read that shows the database
//! answers, the outbox's backlog, and figures the store keeps since it opened (statements that
//! gave up on a lock, rows closed unsent).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::{Result, StoreError};
use crate::domain::post::{PostKind, SkipReason};

/// A read that touches the database file (not only the connection): its answer says the
/// database can be read.
pub fn ping(c: &Connection) -> Result<()> {
    c.query_row(
        "SELECT count(*) FROM (SELECT 1 FROM couples LIMIT 1)",
        [],
        |r| r.get::<_, i64>(0),
    )?;
    Ok(())
}

/// The outbox's backlog at `now`: pending rows that are due or were already tried (a row
/// recorded ahead of its instant, such as a reminder, is not backlog until then), and when the
/// oldest of them was recorded.
pub fn outbox_backlog(c: &Connection, now: DateTime<Utc>) -> Result<(u64, Option<DateTime<Utc>>)> {
    let (n, oldest) = c.query_row(
        "SELECT count(*), min(created_at) FROM outbox
         WHERE status = 'pending' AND (attempts > 0 OR next_attempt_at <= ?1)",
        [now.timestamp_millis()],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?)),
    )?;
    Ok((
        u64::try_from(n).unwrap_or(0),
        oldest.and_then(|s| DateTime::from_timestamp(s, 0)),
    ))
}

/// Figures kept since the store opened.
#[derive(Debug, Default)]
pub struct StoreStats {
    busy: AtomicU64,
    skipped: Mutex<HashMap<(PostKind, SkipReason), u64>>,
}

impl StoreStats {
    /// Statements that gave up waiting for a lock (SQLITE_BUSY or SQLITE_LOCKED).
    pub fn busy_errors(&self) -> u64 {
        self.busy.load(Ordering::Relaxed)
    }

    /// Outbox rows closed unsent (committed), by kind and reason.
    pub fn skipped(&self) -> Vec<((PostKind, SkipReason), u64)> {
        let map = self.skipped.lock().unwrap_or_else(|p| p.into_inner());
        map.iter().map(|(k, v)| (*k, *v)).collect()
    }

    /// Called after each unit of work the store ran on this thread: what it closed unsent
    /// counts only when the work succeeded (its transaction committed).
    pub(super) fn finish<T>(&self, outcome: &Result<T>) {
        let closed = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
        match outcome {
            Ok(_) if !closed.is_empty() => {
                let mut map = self.skipped.lock().unwrap_or_else(|p| p.into_inner());
                for key in closed {
                    *map.entry(key).or_default() += 1;
                }
            }
            Ok(_) => {}
            Err(e) if is_busy(e) => {
                self.busy.fetch_add(1, Ordering::Relaxed);
            }
            Err(_) => {}
        }
    }

    /// Forgets what an earlier unit of work on this thread left uncounted.
    pub(super) fn begin(&self) {
        PENDING.with(|p| p.borrow_mut().clear());
    }
}

thread_local! {
    /// Rows closed unsent by the unit of work running on this thread, not yet committed.
    static PENDING: RefCell<Vec<(PostKind, SkipReason)>> = const { RefCell::new(Vec::new()) };
}

/// Notes that the work running on this thread closed a row of `kind` unsent.
pub(super) fn closed_unsent(kind: PostKind, reason: SkipReason) {
    PENDING.with(|p| p.borrow_mut().push((kind, reason)));
}

fn is_busy(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::DatabaseBusy
                || f.code == rusqlite::ErrorCode::DatabaseLocked
    )
}
