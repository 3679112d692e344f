-- Registry, credentials, signing keys, replay cache and the audit chain.
CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    owner TEXT NOT NULL,
    sponsor TEXT NOT NULL,
    environment TEXT NOT NULL,
    tags TEXT NOT NULL,
    state TEXT NOT NULL,
    state_reason TEXT,
    risk_level TEXT NOT NULL DEFAULT 'low',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX agents_state ON agents (state);
CREATE INDEX agents_owner ON agents (owner);

CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    client_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    secret_hash TEXT,
    jwk TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX credentials_agent ON credentials (agent_id);

-- Token and audit signing keys; private halves sealed with the master key (AES-GCM).
CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    alg TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    sealed_private TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retire_after TEXT
);

-- Change counters: 'identity' is bumped in the same transaction as every change that can
-- invalidate a token, 'policy' with every policy, grant or data-source change. Replicas
-- poll them (and listen on Redis) to refresh their in-memory views.
CREATE TABLE versions (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO versions (name, version) VALUES ('identity', 0);
INSERT INTO versions (name, version) VALUES ('policy', 0);

CREATE TABLE replay_cache (
    key TEXT PRIMARY KEY,
    expires_at DOUBLE PRECISION NOT NULL
);

CREATE TABLE audit_records (
    seq BIGINT PRIMARY KEY,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    decision TEXT NOT NULL,
    reasons TEXT NOT NULL,
    request_hash TEXT,
    agent_id TEXT,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_agent ON audit_records (agent_id, seq);
CREATE INDEX audit_ts ON audit_records (ts);

CREATE TABLE audit_checkpoints (
    seq BIGINT PRIMARY KEY,
    hash TEXT NOT NULL,
    kid TEXT NOT NULL,
    ts TEXT NOT NULL,
    signature TEXT NOT NULL
);
