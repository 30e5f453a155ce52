-- A partner's own language choice (`/settings language:`) is looked up for every interaction
-- they make, by user: the index keeps that a single seek however many couples there are.
-- When they made the choice is kept apart from `updated_at`, which other settings (and their
-- partner's change of the day start) also move: across two couples, the latest choice wins.
CREATE INDEX partner_settings_user ON partner_settings (user_id);
ALTER TABLE partner_settings ADD COLUMN language_at INTEGER;
UPDATE partner_settings SET language_at = updated_at WHERE language IS NOT NULL;
