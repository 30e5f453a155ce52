-- Which day's prompt a check-in answered (PRODUCT.md section 12). A partner's question is the
-- prompt set within their own day, so partners far apart can answer prompts of different
-- couple-days under the same date; a day's question stays once someone answered it, not once
-- anyone checked in. NULL: the check-in answered no question. Every check-in with a question
-- so far answered its own day's prompt.
ALTER TABLE checkins ADD COLUMN prompt_day TEXT;
UPDATE checkins SET prompt_day = day WHERE question IS NOT NULL;
