-- The MCP catalog: servers under review, and each tool's pinned definition.
CREATE TABLE mcp_servers (
    name TEXT PRIMARY KEY,
    tier TEXT NOT NULL,
    url TEXT NOT NULL,
    owner TEXT NOT NULL,
    version TEXT NOT NULL,
    description TEXT NOT NULL,
    review_state TEXT NOT NULL,
    review_note TEXT,
    reviewed_by TEXT,
    reviewed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE mcp_tools (
    server TEXT NOT NULL REFERENCES mcp_servers (name),
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    pin TEXT NOT NULL,
    findings TEXT NOT NULL,
    risk TEXT NOT NULL,
    requires_approval INTEGER NOT NULL,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (server, name)
);
