-- Today's question in the check-in (PRODUCT.md section 10).
--
-- A check-in now records, besides the mood, the answer to the day's question (with the
-- question as it was asked), and the appreciation becomes optional: the check-ins table is
-- rebuilt with `appreciated` nullable and the two new columns; every row is kept (old
-- check-ins have no question and no answer).

CREATE TABLE checkins_new (
    couple_id   INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    day         TEXT    NOT NULL,
    user_id     INTEGER NOT NULL,
    mood        INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    appreciated TEXT,
    hear        TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    question    TEXT,   -- the day's question as this check-in asked it; null on a day without
    answer      TEXT,   -- the answer to it
    PRIMARY KEY (couple_id, day, user_id)
) STRICT;

INSERT INTO checkins_new (couple_id, day, user_id, mood, appreciated, hear, created_at, updated_at)
SELECT couple_id, day, user_id, mood, appreciated, hear, created_at, updated_at FROM checkins;

DROP TABLE checkins;
ALTER TABLE checkins_new RENAME TO checkins;

ALTER TABLE checkin_drafts ADD COLUMN answer TEXT NOT NULL DEFAULT '';

-- The prompt of each couple-day that has had one: the latest nudge, /prompt now or Another
-- prompt of that day, replaced only until the day's first check-in. `question` and `short`
-- are set when the prompt is a question (the check-in form asks it). `deep` records that a
-- deep prompt was shown that day, even if it was replaced later (deep prompts come at most
-- once a week).
CREATE TABLE day_prompts (
    couple_id  INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    prompt_key TEXT    NOT NULL,
    depth      INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 3),
    question   TEXT,
    short      TEXT,
    deep       INTEGER NOT NULL DEFAULT 0 CHECK (deep IN (0, 1)),
    set_at     INTEGER NOT NULL,
    PRIMARY KEY (couple_id, day),
    CHECK ((question IS NULL) = (short IS NULL))
) STRICT;
