-- The tables of docs/storage.md, SQLite dialect. Ids are hyphenated UUID
-- text; times are INTEGER microseconds since the Unix epoch.

CREATE TABLE complaints (
    id             TEXT PRIMARY KEY,
    stage          TEXT NOT NULL,
    version        INTEGER NOT NULL CHECK (version >= 1),
    next_due_at    INTEGER,
    complainant_id TEXT NOT NULL,
    reference      TEXT UNIQUE,
    -- The due-worker lease: who holds the complaint, until when.
    lease_owner    TEXT,
    lease_until    INTEGER
);
CREATE INDEX complaints_next_due_at ON complaints (next_due_at, id);
CREATE INDEX complaints_complainant ON complaints (complainant_id);

-- The history, append-only. `position` (the rowid) is the change feed's
-- global position: SQLite has one writer at a time, so positions commit in
-- order.
CREATE TABLE entries (
    position     INTEGER PRIMARY KEY,
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    sequence     INTEGER NOT NULL CHECK (sequence >= 1),
    event_id     TEXT NOT NULL UNIQUE,
    at           INTEGER NOT NULL,
    actor_id     TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    schema       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    command_id   TEXT,
    UNIQUE (complaint_id, sequence)
);

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;

CREATE TABLE commands (
    command_id     TEXT PRIMARY KEY,
    complaint_id   TEXT NOT NULL REFERENCES complaints (id),
    first_sequence INTEGER NOT NULL,
    last_sequence  INTEGER NOT NULL
) WITHOUT ROWID;

-- The application's contact details, never in a history.
CREATE TABLE personal_data (
    complainant_id TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    phone          TEXT,
    email          TEXT
) WITHOUT ROWID;

-- The last reference number handed out per year.
CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- How far each named subscriber of the change feed has handled.
CREATE TABLE subscriber_checkpoints (
    subscriber TEXT PRIMARY KEY,
    position   INTEGER NOT NULL
) WITHOUT ROWID;
