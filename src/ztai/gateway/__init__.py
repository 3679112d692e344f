"""Data plane (port 8700): OAuth token endpoint, identity checks, and later the LLM/MCP paths."""
