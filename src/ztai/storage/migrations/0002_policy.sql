-- Policies (every version kept), role grants, data sources, agent clearance.
CREATE TABLE policies (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    format TEXT NOT NULL,
    source TEXT NOT NULL,
    compiled TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (name, version)
);

-- The active version of each policy; deleting a policy removes its head, not its history.
CREATE TABLE policy_heads (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE grants (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    role TEXT NOT NULL,
    justification TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);
CREATE INDEX grants_agent ON grants (agent_id);

CREATE TABLE data_sources (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    owner TEXT NOT NULL,
    description TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

ALTER TABLE agents ADD COLUMN clearance TEXT NOT NULL DEFAULT 'General';
