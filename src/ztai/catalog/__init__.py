"""MCP server catalog: tiers, reviews with evidence, tool pins against rug pulls."""
