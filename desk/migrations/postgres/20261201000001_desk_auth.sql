-- The desk's own tables: staff users, their sessions and API tokens
-- (PostgreSQL; the same columns as the SQLite migration of the same number).
-- Session ids and tokens are stored as SHA-256 digests; times are Unix seconds.
CREATE TABLE desk_users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL UNIQUE,
    role          text NOT NULL CHECK (role IN ('agent', 'team_lead', 'supervisor')),
    password_hash text NOT NULL,
    created_at    bigint NOT NULL
);

CREATE TABLE desk_sessions (
    id_hash    text PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES desk_users (id) ON DELETE CASCADE,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
);
CREATE INDEX desk_sessions_user ON desk_sessions (user_id);

CREATE TABLE desk_api_tokens (
    token_hash text PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES desk_users (id) ON DELETE CASCADE,
    label      text,
    created_at bigint NOT NULL
);
