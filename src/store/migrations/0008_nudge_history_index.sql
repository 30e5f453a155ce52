-- /streak reads a couple's whole nudge history: a covering index answers it in one scan.

CREATE INDEX outbox_nudge_history ON outbox (couple_id, kind, occurrence, day, status, skip_reason);
