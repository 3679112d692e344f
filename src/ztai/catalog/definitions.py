"""Tool definitions as the catalog sees them: fetched live, canonicalised, pinned by hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Protocol

from mcp import Client

PINNED_FIELDS = ("name", "title", "description", "inputSchema", "outputSchema", "annotations")


class ToolSource(Protocol):
    async def definitions(self, url: str) -> list[dict[str, Any]]:
        """Every tool the server at `url` offers now, as plain JSON objects."""
        ...


class McpToolSource:
    """Reads `tools/list` over Streamable HTTP with the official MCP client."""

    def __init__(self, timeout_seconds: float = 10.0) -> None:
        self._timeout = timeout_seconds

    async def definitions(self, url: str) -> list[dict[str, Any]]:
        async with Client(url, read_timeout_seconds=self._timeout) as client:
            listed = await client.list_tools()
        return [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in listed.tools]


def canonical(definition: dict[str, Any]) -> dict[str, Any]:
    return {k: definition[k] for k in PINNED_FIELDS if k in definition}


def pin(definition: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of everything a model reads about the tool."""
    text = json.dumps(canonical(definition), sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()
