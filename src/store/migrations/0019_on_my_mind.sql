-- "On my mind" (PRODUCT.md section 11): each partner's private notes of things they would like
-- to talk about. A note is its author's alone until they bring it up; rows go with their couple.
--   status     open (kept privately), brought_up (posted, waiting for the talk), done (talked)
--   draft      the opener as the author edited it in the form, until they choose how to post
--   post_at    the occurrence of the bring-up post in the outbox
--   talk_at    the time the partner picked (the reminder's due instant), unix seconds
--   reminder_at / ask_at  the occurrences of the reminder and of the follow-up in the outbox
--   ask_here   the follow-up could not reach the author by DM: it is asked in their next reply

CREATE TABLE on_my_mind (
    id           INTEGER PRIMARY KEY,
    couple_id    INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    author_id    INTEGER NOT NULL,
    text         TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'brought_up', 'done')),
    draft        TEXT,
    with_words   INTEGER CHECK (with_words IN (0, 1)),
    post_at      INTEGER,
    picked       TEXT    CHECK (picked IN ('tonight', 'tomorrow', 'weekend')),
    talk_at      INTEGER,
    reminder_at  INTEGER,
    ask_at       INTEGER,
    ask_here     INTEGER NOT NULL DEFAULT 0 CHECK (ask_here IN (0, 1)),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX on_my_mind_by_author ON on_my_mind (couple_id, author_id, status);

-- Three new outbox kinds (the bring-up post, the reminder at the picked time, the follow-up
-- asked of the author by DM) and a skip reason (`dm_closed`: the author's DMs refuse haven).
-- The CHECKs list every code, so the outbox is rebuilt (as in 0010 and 0015); every row and
-- column is kept.

CREATE TABLE outbox_new (
    id               INTEGER PRIMARY KEY,
    couple_id        INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL CHECK (kind IN
                         ('nudge', 'welcome', 'notice', 'reveal', 'reflection', 'reminder', 'digest', 'held',
                          'omm_post', 'omm_reminder', 'omm_ask')),
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
