-- Every couple's own haven (PRODUCT.md section 12): each partner's own time zone and language,
-- and the couple's own digest weekday and whether they are mostly together or apart.
--
-- partner_settings keeps every row; a partner without a row, or with a NULL time zone, lives
-- in the couple's zone. `closed_before` is that partner's own record of closed couple-days
-- (section 9): set when their zone or the couple's day start changes, so that no change reopens
-- a day that ended for them.

ALTER TABLE partner_settings ADD COLUMN timezone TEXT;
ALTER TABLE partner_settings ADD COLUMN language TEXT;
ALTER TABLE partner_settings ADD COLUMN closed_before TEXT;

-- NULL: the host's `digest.weekday`.
ALTER TABLE couples ADD COLUMN digest_weekday TEXT
    CHECK (digest_weekday IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'));
ALTER TABLE couples ADD COLUMN togetherness TEXT NOT NULL DEFAULT 'both'
    CHECK (togetherness IN ('together', 'apart', 'both'));

-- The outbox's CHECKs list every code, so the outbox is rebuilt (as in 0010 and 0015), once for
-- every code added since 0017: the kinds `omm_post`, `omm_reminder` and `omm_ask` and the skip
-- reason `dm_closed` (on my mind, 0019), `anniversary` (0020), and `settings`, the announcement
-- of a change to the couple's settings. Every row and column is kept.

CREATE TABLE outbox_new (
    id               INTEGER PRIMARY KEY,
    couple_id        INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL CHECK (kind IN
                         ('nudge', 'welcome', 'notice', 'reveal', 'reflection', 'reminder', 'digest', 'held',
                          'omm_post', 'omm_reminder', 'omm_ask', 'anniversary', 'settings')),
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
