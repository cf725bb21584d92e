-- The desk's index for the report pages and the follow-up day: a projection
-- of the store's change feed (`report_index.rs`). Times are Unix microseconds.

-- Every instant that can place a complaint in a report's period: received
-- (S1), handled and follow-up done (S2), each deadline's due time (S4).
CREATE TABLE desk_report_times (
    complaint_id TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX desk_report_times_at ON desk_report_times (at, complaint_id);
CREATE INDEX desk_report_times_complaint ON desk_report_times (complaint_id);

-- The follow-up each complaint still owes (scheduled or attempted, not done):
-- who owns the complaint, and the slot of its next attempt (F4, F7).
CREATE TABLE desk_follow_up_slots (
    complaint_id TEXT PRIMARY KEY,
    owner        TEXT,              -- NULL: a department's or a role's queue owns it
    slot_at      INTEGER NOT NULL
);
CREATE INDEX desk_follow_up_slots_owner ON desk_follow_up_slots (owner, slot_at);
