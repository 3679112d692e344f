-- Human approvals, each bound to one agent, tool, argument digest and policy version.
CREATE TABLE approvals (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    tool TEXT NOT NULL,
    arguments_sha256 TEXT NOT NULL,
    arguments TEXT NOT NULL,
    policy_version BIGINT NOT NULL,
    decision_id TEXT NOT NULL,
    state TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    note TEXT
);
CREATE INDEX approvals_state ON approvals (state, requested_at);
