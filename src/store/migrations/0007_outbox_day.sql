-- The couple-day a nudge belonged to when it was recorded, so a later change of time zone or
-- day start does not move past days (PRODUCT.md section 5: days are keyed at the time).

ALTER TABLE outbox ADD COLUMN day TEXT;
