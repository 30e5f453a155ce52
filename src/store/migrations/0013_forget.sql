-- What forgetting a couple needs besides deleting its rows (PRODUCT.md section 6): the messages
-- haven posted for it outside the outbox, a queue of work in Discord that outlives the couple,
-- and a count of the channels haven created that a forget does not reset.

-- haven's public replies to a couple's commands and the invitation it was paired from: the
-- outbox knows only haven's own posts. Deleted with the couple.
CREATE TABLE couple_messages (
    couple_id  INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (couple_id, message_id)
) STRICT;

-- What a forget left to do in Discord: each of haven's messages to delete, or the note that
-- tells the partner. Not tied to the couple, so it outlives it and survives a restart; a row
-- goes once its request succeeded, found the message already gone, or was given up.
CREATE TABLE forget_queue (
    id              INTEGER PRIMARY KEY,
    channel_id      INTEGER NOT NULL,
    message_id      INTEGER,            -- a message of haven's to delete, or
    partner_id      INTEGER,            -- the partner a note tells that
    by_id           INTEGER,            -- this partner asked haven to forget their couple
    nonce           TEXT,               -- the note's nonce, fixed when it is queued
    ping            INTEGER NOT NULL DEFAULT 1 CHECK (ping IN (0, 1)), -- whether the note may ping them
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,   -- unix ms
    created_at      INTEGER NOT NULL,
    CHECK ((message_id IS NOT NULL AND partner_id IS NULL AND by_id IS NULL AND nonce IS NULL)
        OR (message_id IS NULL AND partner_id IS NOT NULL AND by_id IS NOT NULL AND nonce IS NOT NULL)),
    UNIQUE (channel_id, message_id)
) STRICT;

CREATE INDEX forget_queue_due ON forget_queue (next_attempt_at);

-- Couples forgotten with their posts removed, for a day (a later forget purges older rows): a
-- post that was on its way to Discord while the couple was forgotten is queued for deletion as
-- soon as its message is known.
CREATE TABLE forgotten_couples (
    couple_id    INTEGER PRIMARY KEY,
    forgotten_at INTEGER NOT NULL
) STRICT;

-- Channels haven created, per server. The cap on created channels counts these, so pairing and
-- forgetting in a loop cannot create more.
CREATE TABLE created_channels (
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
) STRICT;

INSERT INTO created_channels (guild_id, channel_id, created_at)
SELECT guild_id, channel_id, created_at FROM couples WHERE created_channel = 1;
