-- Check-ins and their reveal, drafts of submissions that could not be accepted, and
-- reflections (active listening).

ALTER TABLE couples ADD COLUMN day_starts_at TEXT NOT NULL DEFAULT '04:00';

-- One check-in per partner per couple-day (`day` is the couple-day's date, YYYY-MM-DD).
CREATE TABLE checkins (
    couple_id   INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    day         TEXT    NOT NULL,
    user_id     INTEGER NOT NULL,
    mood        INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    appreciated TEXT    NOT NULL,
    hear        TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (couple_id, day, user_id)
) STRICT;

-- A submitted form that could not be accepted is kept until it is.
CREATE TABLE checkin_drafts (
    couple_id   INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    day         TEXT    NOT NULL,
    mood        TEXT    NOT NULL,
    appreciated TEXT    NOT NULL,
    hear        TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (couple_id, user_id, day)
) STRICT;

-- The claim on a day's reveal: taken once, in the transaction that stores the second
-- check-in, so two simultaneous check-ins give exactly one reveal.
CREATE TABLE reveals (
    couple_id  INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (couple_id, day)
) STRICT;

-- "What I heard you say is...": one partner reflecting the other's revealed answer.
CREATE TABLE reflections (
    id           INTEGER PRIMARY KEY,
    couple_id    INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    day          TEXT    NOT NULL,
    author_id    INTEGER NOT NULL,   -- whose answer was reflected
    reflector_id INTEGER NOT NULL,
    text         TEXT    NOT NULL,
    response     TEXT CHECK (response IN ('heard', 'not_quite')),
    created_at   INTEGER NOT NULL,
    responded_at INTEGER,
    UNIQUE (couple_id, day, author_id)
) STRICT;
