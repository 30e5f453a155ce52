-- Who started a pause: before it ends only they can /resume (PRODUCT.md section 2). NULL
-- for a pause for the channel's sake (either partner resumes it) and for pauses made before
-- this.

ALTER TABLE couples ADD COLUMN paused_by INTEGER;
