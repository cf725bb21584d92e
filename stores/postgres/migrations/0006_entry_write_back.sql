-- A2, A3: a stored entry's body (and its schema) may be written back: a
-- redaction replaces personal texts of earlier entries with the tombstone
-- (their seals keep the commitments, so every hash stays), and an entry
-- read as schema 1 is written back as schema 2 with the seal its upgrade
-- made. Nothing else of an entry changes, its schema never goes down, and
-- an entry is never deleted (R7). The sequencer's one exception of 0002
-- stays: an unsequenced entry is given its position once, nothing else
-- changing with it.
CREATE OR REPLACE FUNCTION entries_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.complaint_id, NEW.sequence, NEW.event_id, NEW.at, NEW.actor_id,
            NEW.event_type, NEW.command_id, NEW.appended)
           IS NOT DISTINCT FROM
           (OLD.complaint_id, OLD.sequence, OLD.event_id, OLD.at, OLD.actor_id,
            OLD.event_type, OLD.command_id, OLD.appended)
    THEN
        -- The sequencer: a position given once, the body as it was.
        IF OLD.position IS NULL AND NEW.position IS NOT NULL
           AND (NEW.schema, NEW.body) IS NOT DISTINCT FROM (OLD.schema, OLD.body)
        THEN
            RETURN NEW;
        END IF;
        -- A write-back: the position kept, the schema not lowered.
        IF NEW.position IS NOT DISTINCT FROM OLD.position AND NEW.schema >= OLD.schema THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'entries are append-only: only a body and its schema are written back';
END
$$;
