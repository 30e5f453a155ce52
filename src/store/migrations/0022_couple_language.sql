-- The couple's language: the words of every post haven makes in their channel. A shipped
-- language's code ("en", "es"); NULL (couples paired before) is English.
ALTER TABLE couples ADD COLUMN language TEXT;
-- The inviter's language, kept with the invitation until the couple is paired.
ALTER TABLE invitations ADD COLUMN language TEXT;
-- The language of a forget's note to the partner (the couple's, which is gone by then).
ALTER TABLE forget_queue ADD COLUMN language TEXT;
