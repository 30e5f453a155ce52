-- What the couple was already told about its streak (milestones, freezes used), per run, so
-- each is said once, with the next nudge.

CREATE TABLE streak_notes (
    couple_id INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    run_start TEXT    NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('milestone', 'freeze')),
    value     TEXT    NOT NULL,
    PRIMARY KEY (couple_id, run_start, kind, value)
) STRICT;
