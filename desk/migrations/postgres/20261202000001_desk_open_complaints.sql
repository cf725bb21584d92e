-- The desk's index of open complaints by owner: a projection of the store's
-- change feed (`open_complaints.rs`), for the owner's queue (PostgreSQL; the
-- same columns as the SQLite migration of the same number). Times are Unix seconds.
CREATE TABLE desk_open_complaints (
    complaint_id text PRIMARY KEY,
    owner        text,              -- NULL: a department's or a role's queue owns it
    next_due_at  bigint,            -- NULL: no deadline running
    open         boolean NOT NULL   -- false once closed
);
CREATE INDEX desk_open_complaints_owner ON desk_open_complaints (owner, open, next_due_at);
