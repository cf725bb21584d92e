-- The desk's index of open complaints by owner: a projection of the store's
-- change feed (`open_complaints.rs`), for the owner's queue. Times are Unix seconds.
CREATE TABLE desk_open_complaints (
    complaint_id TEXT PRIMARY KEY,
    owner        TEXT,              -- NULL: a department's or a role's queue owns it
    next_due_at  INTEGER,           -- NULL: no deadline running
    open         INTEGER NOT NULL   -- 0 once closed
);
CREATE INDEX desk_open_complaints_owner ON desk_open_complaints (owner, open, next_due_at);
