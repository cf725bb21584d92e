-- A1: signed checkpoints of the hash chain's heads (docs/audit.md), as the
-- application saved them: the checkpoint's JSON, and one row per head to
-- find a complaint's checkpoints. (`checkpoints` is the change feed's
-- subscribers'; these are the chain's.) A checkpoint is saved once: its
-- signature is unique.

CREATE TABLE chain_checkpoints (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    key_id    text NOT NULL,
    signature text NOT NULL UNIQUE,
    body      jsonb NOT NULL
);

CREATE TABLE chain_checkpoint_heads (
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    version      bigint NOT NULL CHECK (version >= 1),
    checkpoint   bigint NOT NULL REFERENCES chain_checkpoints (id),
    PRIMARY KEY (complaint_id, version, checkpoint)
);
