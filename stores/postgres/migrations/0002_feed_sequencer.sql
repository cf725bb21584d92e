-- Feed positions assigned by the feed's reader (the sequencer) instead of by
-- every write under the feed_head row lock, so that writes on distinct
-- complaints no longer queue on one row. A write stores its entries with no
-- position; `sequence_feed` gives the committed ones the next positions, in
-- the order they were appended. Metadata-only on an existing database: no
-- table is rewritten, and the entries written before keep their positions.

-- NULL: appended, not sequenced yet (the feed does not show it).
ALTER TABLE entries ALTER COLUMN position DROP NOT NULL;

-- The order in which entries were appended, the order the sequencer follows.
-- Entries written before this migration have none: they are sequenced already.
CREATE SEQUENCE entries_appended AS bigint;
ALTER TABLE entries ADD COLUMN appended bigint;
ALTER TABLE entries ALTER COLUMN appended SET DEFAULT nextval('entries_appended');
ALTER SEQUENCE entries_appended OWNED BY entries.appended;

-- What the sequencer has to do, found without reading the sequenced rows.
CREATE INDEX entries_unsequenced ON entries (appended) WHERE position IS NULL;

-- R7, with one exception: an unsequenced entry may be given its position,
-- once, and nothing else of it may change.
CREATE OR REPLACE FUNCTION entries_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.position IS NULL AND NEW.position IS NOT NULL
       AND (NEW.complaint_id, NEW.sequence, NEW.event_id, NEW.at, NEW.actor_id,
            NEW.event_type, NEW.schema, NEW.body, NEW.command_id, NEW.appended)
           IS NOT DISTINCT FROM
           (OLD.complaint_id, OLD.sequence, OLD.event_id, OLD.at, OLD.actor_id,
            OLD.event_type, OLD.schema, OLD.body, OLD.command_id, OLD.appended)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'entries are append-only';
END
$$;

-- feed_head now holds the last position the sequencer handed out; its row
-- lock serializes sequencers (and writers of the previous version of the
-- crate, which still take positions from it during a rolling upgrade).
--
-- The sequencer: waits for the feed_head row lock, then (a new snapshot: this
-- function is VOLATILE, so each statement sees every write committed before
-- it) gives at most `max_entries` committed, unsequenced entries the next
-- positions in append order, and returns the last position handed out. A
-- write that commits while it runs keeps no position until the next call,
-- which hands out higher positions: a sequencer's positions are committed
-- before the next one takes the lock, so the positions any snapshot sees are
-- 1 to some n, without a hole.
CREATE FUNCTION sequence_feed(max_entries bigint) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    head bigint;
    sequenced bigint;
BEGIN
    SELECT position INTO head FROM feed_head FOR UPDATE;
    WITH next AS (
        SELECT complaint_id, sequence,
               head + row_number() OVER (ORDER BY appended, complaint_id, sequence) AS position
        FROM entries
        WHERE position IS NULL
        ORDER BY appended, complaint_id, sequence
        LIMIT max_entries
    )
    UPDATE entries AS e SET position = next.position
    FROM next
    WHERE e.complaint_id = next.complaint_id AND e.sequence = next.sequence;
    GET DIAGNOSTICS sequenced = ROW_COUNT;
    IF sequenced > 0 THEN
        UPDATE feed_head SET position = head + sequenced;
    END IF;
    RETURN head + sequenced;
END
$$;
