-- The couple's anniversary (`/anniversary`, PRODUCT.md section 11): a date either partner may
-- set, change or clear (YYYY-MM-DD, null when unset). It goes with its couple.
ALTER TABLE couples ADD COLUMN anniversary TEXT;

-- A new post kind, `anniversary`: the content-free note in the channel that a partner set,
-- changed or cleared the date. The CHECK on kind lists every code, so the outbox is rebuilt
-- (as in 0010 and 0015) with the longer list; every row and column is kept.

CREATE TABLE outbox_new (
    id               INTEGER PRIMARY KEY,
    couple_id        INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL CHECK (kind IN
                         ('nudge', 'welcome', 'notice', 'reveal', 'reflection', 'reminder', 'digest', 'held',
                          'omm_post', 'omm_reminder', 'omm_ask', 'anniversary')),
    occurrence       INTEGER NOT NULL,
    channel_id       INTEGER NOT NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
    -- 'channel' is legacy: nothing writes it any more, and it reads as a pause.
    skip_reason      TEXT    CHECK (skip_reason IN
                         ('paused', 'skipped', 'missed', 'day_ended', 'checked_in', 'rejected', 'over_limit',
                          'reminders_off', 'channel', 'dm_closed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    window_start     INTEGER,   -- unix ms of the first POST with the current nonce window
    next_attempt_at  INTEGER NOT NULL,  -- unix ms
    message_id       INTEGER,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER,
    day              TEXT,
    nonce            TEXT,
    UNIQUE (couple_id, kind, occurrence)
) STRICT;

INSERT INTO outbox_new (id, couple_id, kind, occurrence, channel_id, payload, status, skip_reason,
                        attempts, window_start, next_attempt_at, message_id, created_at, sent_at,
                        day, nonce)
SELECT id, couple_id, kind, occurrence, channel_id, payload, status, skip_reason,
       attempts, window_start, next_attempt_at, message_id, created_at, sent_at, day, nonce
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;

CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_couple ON outbox (couple_id, kind, occurrence);
CREATE INDEX outbox_nudge_history ON outbox (couple_id, kind, occurrence, day, status, skip_reason);
