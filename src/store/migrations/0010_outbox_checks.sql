-- The outbox's kind and skip reason become closed lists of stable codes (domain::post::PostKind
-- and SkipReason). SQLite adds a CHECK only by rebuilding the table; the English phrases that
-- earlier versions stored as skip reasons become their codes.

CREATE TABLE outbox_new (
    id               INTEGER PRIMARY KEY,
    couple_id        INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL CHECK (kind IN
                         ('nudge', 'welcome', 'notice', 'reveal', 'reflection', 'reminder', 'digest', 'held')),
    occurrence       INTEGER NOT NULL,
    channel_id       INTEGER NOT NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
    -- 'channel' is legacy: nothing writes it any more, and it reads as a pause.
    skip_reason      TEXT    CHECK (skip_reason IN
                         ('paused', 'skipped', 'missed', 'day_ended', 'checked_in', 'rejected', 'over_limit', 'channel')),
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
SELECT id, couple_id, kind, occurrence, channel_id, payload, status,
       CASE skip_reason
           WHEN 'paused' THEN 'paused'
           WHEN 'skipped by a partner' THEN 'skipped'
           WHEN 'missed while haven was not running' THEN 'missed'
           WHEN 'its day ended before it could be sent' THEN 'day_ended'
           WHEN 'its day ended' THEN 'day_ended'
           WHEN 'already checked in' THEN 'checked_in'
           WHEN 'rejected by Discord' THEN 'rejected'
           WHEN 'channel unavailable' THEN 'channel'
           ELSE NULL
       END,
       attempts, window_start, next_attempt_at, message_id, created_at, sent_at, day, nonce
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;

CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_couple ON outbox (couple_id, kind, occurrence);
CREATE INDEX outbox_nudge_history ON outbox (couple_id, kind, occurrence, day, status, skip_reason);
