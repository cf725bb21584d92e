-- The version of the complaint each row of the queue's index was made from:
-- an upsert from an older version (a second desk process catching up on the
-- same feed, behind) never overwrites a newer row.
ALTER TABLE desk_open_complaints ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
