-- The weekly pulse (PRODUCT.md section 11): each partner's own choice to take it and to share
-- it, their answers per pulse week (keyed by the couple-day of that week's digest day), and a
-- form they could not finish, kept so nothing they typed is lost. Only its author ever reads a
-- row, except that the digest shows both partners' scores once both share. Rows go with their
-- couple.

CREATE TABLE pulse_settings (
    couple_id  INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    share      INTEGER NOT NULL DEFAULT 0 CHECK (share IN (0, 1)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (couple_id, user_id)
) STRICT;

CREATE TABLE pulse_weeks (
    couple_id        INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL,
    week             TEXT    NOT NULL,  -- YYYY-MM-DD, the week's digest day
    close            INTEGER NOT NULL CHECK (close BETWEEN 1 AND 5),
    beyond_logistics INTEGER NOT NULL CHECK (beyond_logistics BETWEEN 1 AND 5),
    free_to_share    INTEGER NOT NULL CHECK (free_to_share BETWEEN 1 AND 5),
    unsettled        INTEGER NOT NULL CHECK (unsettled BETWEEN 1 AND 5),
    note             TEXT,
    -- When its author was offered repair in their own check-in confirmation (once a week).
    offered_at       INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (couple_id, user_id, week)
) STRICT;

CREATE TABLE pulse_drafts (
    couple_id        INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL,
    week             TEXT    NOT NULL,
    close            TEXT    NOT NULL,
    beyond_logistics TEXT    NOT NULL,
    free_to_share    TEXT    NOT NULL,
    unsettled        TEXT    NOT NULL,
    note             TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (couple_id, user_id)
) STRICT;
