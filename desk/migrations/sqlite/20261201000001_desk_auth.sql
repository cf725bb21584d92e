-- The desk's own tables: staff users, their sessions and API tokens.
-- Session ids and tokens are stored as SHA-256 digests; times are Unix seconds.
CREATE TABLE desk_users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('agent', 'team_lead', 'supervisor')),
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE desk_sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES desk_users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX desk_sessions_user ON desk_sessions (user_id);

CREATE TABLE desk_api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES desk_users (id) ON DELETE CASCADE,
    label      TEXT,
    created_at INTEGER NOT NULL
);
