-- The tables of docs/storage.md, PostgreSQL dialect, created in the first
-- schema of the connection's search_path.

-- One row per complaint: the summary the questions are asked of, written in
-- the same transaction as the entries. `claimed_by`/`claimed_until` are a
-- due-worker's lease.
CREATE TABLE complaints (
    id             uuid PRIMARY KEY,
    stage          text NOT NULL,
    version        bigint NOT NULL CHECK (version >= 1),
    next_due_at    timestamptz,
    complainant_id text NOT NULL,
    reference      text UNIQUE,
    claimed_by     text,
    claimed_until  timestamptz
);
CREATE INDEX complaints_next_due_at ON complaints (next_due_at, id);
CREATE INDEX complaints_complainant ON complaints (complainant_id);

-- The histories, append-only (R7). `position` is the entry's place in the
-- change feed, assigned under the feed_head row lock (see feed_head).
CREATE TABLE entries (
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    sequence     bigint NOT NULL CHECK (sequence >= 1),
    position     bigint NOT NULL UNIQUE CHECK (position >= 1),
    event_id     uuid NOT NULL UNIQUE,
    at           timestamptz NOT NULL,
    actor_id     text NOT NULL,
    event_type   text NOT NULL,
    schema       integer NOT NULL,
    body         jsonb NOT NULL,
    command_id   text,
    PRIMARY KEY (complaint_id, sequence)
);

CREATE FUNCTION entries_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'entries are append-only';
END
$$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
FOR EACH ROW EXECUTE FUNCTION entries_append_only();

-- Repeated requests found by primary key.
CREATE TABLE commands (
    command_id     text PRIMARY KEY,
    complaint_id   uuid NOT NULL REFERENCES complaints (id),
    first_sequence bigint NOT NULL,
    last_sequence  bigint NOT NULL
);

-- The last feed position handed out. Every write updates this one row as
-- its last statement before COMMIT: the row lock, held until the writer's
-- commit is visible, makes positions become visible in position order.
CREATE TABLE feed_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    position  bigint NOT NULL CHECK (position >= 0)
);
INSERT INTO feed_head (singleton, position) VALUES (true, 0);

-- Where each named subscriber of the feed has got to.
CREATE TABLE checkpoints (
    subscriber text PRIMARY KEY,
    position   bigint NOT NULL CHECK (position >= 0)
);

-- The last reference number handed out per year (CMP-2026-000123).
CREATE TABLE reference_counters (
    year integer PRIMARY KEY,
    last bigint NOT NULL CHECK (last >= 1)
);

-- The application's contact details, never in a history.
CREATE TABLE personal_data (
    complainant_id text PRIMARY KEY,
    name           text NOT NULL,
    phone          text,
    email          text
);
