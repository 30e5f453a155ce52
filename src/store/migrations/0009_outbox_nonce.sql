-- A random nonce per outbox row, fixed when it is recorded: row ids can be reused after
-- /forget deletes the newest rows, and a nonce must never match an older post's.

ALTER TABLE outbox ADD COLUMN nonce TEXT;
