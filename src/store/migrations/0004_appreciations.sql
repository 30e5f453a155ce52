-- Appreciations: said with /appreciate, or saved to the couple's jar from a partner's message.

CREATE TABLE appreciations (
    id         INTEGER PRIMARY KEY,
    couple_id  INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    from_user  INTEGER NOT NULL,
    to_user    INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    source     TEXT    NOT NULL CHECK (source IN ('command', 'jar')),
    message_id INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (couple_id, message_id)
) STRICT;
