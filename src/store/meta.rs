//! Key-value facts about the process itself (for example where commands were registered).

use rusqlite::{Connection, OptionalExtension};

use super::Result;

pub fn get(c: &Connection, key: &str) -> Result<Option<String>> {
    Ok(
        c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?,
    )
}

pub fn set(c: &Connection, key: &str, value: &str) -> Result<()> {
    c.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

pub fn delete(c: &Connection, key: &str) -> Result<()> {
    c.execute("DELETE FROM meta WHERE key = ?1", [key])?;
    Ok(())
}
