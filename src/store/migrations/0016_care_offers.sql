-- When a partner was last offered the support line (PRODUCT.md section 9), so it is offered at
-- most once every 7 days. Only that partner is ever shown it; it goes with the couple.

CREATE TABLE care_offers (
    couple_id  INTEGER NOT NULL REFERENCES couples (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    offered_at INTEGER NOT NULL,
    PRIMARY KEY (couple_id, user_id)
) STRICT;
