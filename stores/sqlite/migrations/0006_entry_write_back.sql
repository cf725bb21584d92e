-- A2, A3: a stored entry's body (and its schema) may be written back: a
-- redaction replaces personal texts of earlier entries with the tombstone
-- (their seals keep the commitments, so every hash stays), and an entry
-- read as schema 1 is written back as schema 2 with the seal its upgrade
-- made. Nothing else of an entry changes, its schema never goes down, and
-- an entry is never deleted (R7).
DROP TRIGGER entries_no_update;
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
WHEN NEW.position IS NOT OLD.position
  OR NEW.complaint_id IS NOT OLD.complaint_id
  OR NEW.sequence IS NOT OLD.sequence
  OR NEW.event_id IS NOT OLD.event_id
  OR NEW.at IS NOT OLD.at
  OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.event_type IS NOT OLD.event_type
  OR NEW.command_id IS NOT OLD.command_id
  OR NEW.schema < OLD.schema
BEGIN SELECT RAISE(ABORT, 'entries are append-only: only a body and its schema are written back'); END;
