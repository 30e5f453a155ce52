-- Invitations sent by direct message (when /setup runs where outsiders can read) remember the
-- DM channel their buttons live in. Closed invitations are deleted by their expiry (see
-- `store::invitations::purge`), which this index serves.

ALTER TABLE invitations ADD COLUMN dm_channel_id INTEGER;

CREATE INDEX invitations_by_expiry ON invitations (expires_at);
