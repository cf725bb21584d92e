-- A1: signed checkpoints of the hash chain's heads (docs/audit.md), as the
-- application saved them: the checkpoint's JSON, and one row per head to
-- find a complaint's checkpoints. (`subscriber_checkpoints` is the change
-- feed's; these are the chain's.) A checkpoint is saved once: its signature
-- is unique.

CREATE TABLE chain_checkpoints (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    key_id    TEXT NOT NULL,
    signature TEXT NOT NULL UNIQUE,
    body      TEXT NOT NULL
);

CREATE TABLE chain_checkpoint_heads (
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    checkpoint   INTEGER NOT NULL REFERENCES chain_checkpoints (id),
    PRIMARY KEY (complaint_id, version, checkpoint)
) WITHOUT ROWID;
