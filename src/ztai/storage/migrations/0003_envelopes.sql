-- Public keys agents sign instruction envelopes with (one JWKS per agent).
CREATE TABLE agent_signing_keys (
    kid TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    jwk TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX agent_signing_keys_agent ON agent_signing_keys (agent_id);
