-- How the article reader read a list and how sure it was, so that doubtful readings can be
-- queued for review; and whether a person has checked the list since (clears it from the queue).
ALTER TABLE lists ADD COLUMN reading TEXT;
ALTER TABLE lists ADD COLUMN confidence REAL;
ALTER TABLE lists ADD COLUMN checked INTEGER NOT NULL DEFAULT 0;
