-- A catalog server may be a stdio command instead of a Streamable HTTP URL:
-- JSON {command: [argv...], cwd, env: [names]}; NULL for HTTP servers (url is '' for stdio).
ALTER TABLE mcp_servers ADD COLUMN stdio TEXT;
