//! What haven already told a couple about a streak run: milestones celebrated and freezes
//! spent, so each is said once per run.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::Result;
use crate::domain::ids::CoupleId;

/// What kind of news a note records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A milestone (its value: the number of days).
    Milestone,
    /// A freeze spent (its value: the frozen day).
    Freeze,
}

impl NoteKind {
    fn code(self) -> &'static str {
        match self {
            NoteKind::Milestone => "milestone",
            NoteKind::Freeze => "freeze",
        }
    }
}

/// The values already told for the run that started on `run_start`.
pub fn told(
    c: &Connection,
    couple: CoupleId,
    run_start: NaiveDate,
    kind: NoteKind,
) -> Result<Vec<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT value FROM streak_notes WHERE couple_id = ?1 AND run_start = ?2 AND kind = ?3",
    )?;
    let rows = stmt
        .query_map(
            params![couple.to_sql(), run_start.to_string(), kind.code()],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

/// Records that `value` was told for the run (once).
pub fn note(
    c: &Connection,
    couple: CoupleId,
    run_start: NaiveDate,
    kind: NoteKind,
    value: &str,
) -> Result<()> {
    c.execute(
        "INSERT OR IGNORE INTO streak_notes (couple_id, run_start, kind, value) VALUES (?1, ?2, ?3, ?4)",
        params![couple.to_sql(), run_start.to_string(), kind.code(), value],
    )?;
    Ok(())
}
