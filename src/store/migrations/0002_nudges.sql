-- Scheduled nudges: each couple's next due instant, pauses and skips, the outbox every
-- bot-initiated post goes through, and the prompt decks.

ALTER TABLE couples ADD COLUMN next_due INTEGER;         -- the next scheduled nudge (unix seconds)
ALTER TABLE couples ADD COLUMN paused_until INTEGER;     -- NULL: not paused
ALTER TABLE couples ADD COLUMN pause_reason TEXT CHECK (pause_reason IN ('user', 'channel'));
ALTER TABLE couples ADD COLUMN skip_at INTEGER;          -- the one upcoming nudge /skip skips
ALTER TABLE couples ADD COLUMN nudge_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE couples ADD COLUMN mention_partners INTEGER NOT NULL DEFAULT 1 CHECK (mention_partners IN (0, 1));

CREATE INDEX couples_by_next_due ON couples (next_due);

-- One row per occurrence of a post, recorded before it is sent. `occurrence` is the scheduled
-- instant for nudges; (couple, kind, occurrence) is unique, so an occurrence is recorded once.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    couple_id        INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL,
    occurrence       INTEGER NOT NULL,
    channel_id       INTEGER NOT NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
    skip_reason      TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    window_start     INTEGER,   -- unix ms of the first POST with the current nonce window
    next_attempt_at  INTEGER NOT NULL,  -- unix ms
    message_id       INTEGER,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER,
    UNIQUE (couple_id, kind, occurrence)
) STRICT;

CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_couple ON outbox (couple_id, kind, occurrence);

-- The couple's own prompts (/prompt add).
CREATE TABLE custom_prompts (
    id         INTEGER PRIMARY KEY,
    couple_id  INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    practice   TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    created_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX custom_prompts_by_couple ON custom_prompts (couple_id, practice);

-- Prompts drawn in the current round of each practice's deck; a round ends when every prompt
-- of the practice has been drawn, and its rows are then cleared.
CREATE TABLE prompt_draws (
    couple_id  INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    practice   TEXT    NOT NULL,
    prompt_key TEXT    NOT NULL,
    drawn_at   INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (couple_id, prompt_key)
) STRICT;
