-- Couple-days before this date are closed for good (PRODUCT.md section 9): set when the time
-- zone changes, so a zone that makes an ended day "today" again cannot reopen it.

ALTER TABLE couples ADD COLUMN closed_before TEXT;
