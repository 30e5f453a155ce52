-- Couples, the partners who belong to them, and invitations to pair.
-- Ids are Discord snowflakes stored as INTEGER; times are unix seconds (UTC).

CREATE TABLE couples (
    id              INTEGER PRIMARY KEY,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL UNIQUE,
    partner_a       INTEGER NOT NULL,
    partner_b       INTEGER NOT NULL,
    timezone        TEXT    NOT NULL,
    schedule_cron   TEXT    NOT NULL,
    created_channel INTEGER NOT NULL DEFAULT 0 CHECK (created_channel IN (0, 1)),
    created_at      INTEGER NOT NULL,
    CHECK (partner_a <> partner_b)
) STRICT;

CREATE INDEX couples_by_guild ON couples (guild_id);

-- One row per partner: a person belongs to at most one couple per server.
CREATE TABLE partners (
    guild_id  INTEGER NOT NULL,
    user_id   INTEGER NOT NULL,
    couple_id INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    PRIMARY KEY (guild_id, user_id)
) STRICT;

CREATE INDEX partners_by_couple ON partners (couple_id);

CREATE TABLE invitations (
    id              INTEGER PRIMARY KEY,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    inviter_id      INTEGER NOT NULL,
    invitee_id      INTEGER NOT NULL,
    timezone        TEXT    NOT NULL,
    nudge_time      TEXT    NOT NULL,
    private_channel INTEGER NOT NULL CHECK (private_channel IN (0, 1)),
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'expired')),
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    decided_at      INTEGER,
    CHECK (inviter_id <> invitee_id)
) STRICT;

CREATE INDEX invitations_by_pair ON invitations (guild_id, inviter_id, invitee_id);
CREATE INDEX invitations_by_channel ON invitations (channel_id, status);

-- Small facts about the process itself, such as where commands were last registered.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
