-- A partner's own language choice (`/settings language:`) is looked up for every interaction
-- they make, by user: the index keeps that a single seek however many couples there are.
CREATE INDEX partner_settings_user ON partner_settings (user_id);
