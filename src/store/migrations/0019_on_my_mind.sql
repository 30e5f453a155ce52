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

-- Its three outbox kinds (`omm_post`, `omm_reminder`, `omm_ask`) and skip reason (`dm_closed`:
-- the author's DMs refuse haven) join the outbox's CHECKs in 0021, which rebuilds the outbox
-- once for every kind added since 0017.
