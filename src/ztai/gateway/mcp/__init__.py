"""The MCP gateway: one Streamable HTTP endpoint aggregating the catalog's approved servers."""
