-- The couple's anniversary (`/anniversary`, PRODUCT.md section 11): a date either partner may
-- set, change or clear (YYYY-MM-DD, null when unset). It goes with its couple.
ALTER TABLE couples ADD COLUMN anniversary TEXT;

-- Its post kind, `anniversary` (the content-free note in the channel that a partner set, changed
-- or cleared the date), joins the outbox's CHECK in 0021, which rebuilds the outbox once for
-- every kind added since 0017.
