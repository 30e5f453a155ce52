-- Servers the bot was removed from: their couples are deleted after
-- storage.retention_days_after_removal, unless the bot is added back first.

CREATE TABLE guild_removals (
    guild_id   INTEGER PRIMARY KEY,
    removed_at INTEGER NOT NULL
) STRICT;
