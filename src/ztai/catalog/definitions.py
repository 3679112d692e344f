"""Tool definitions as the catalog sees them: fetched live, canonicalised, pinned by hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Protocol

from ztai.catalog.sessions import McpSessions
from ztai.domain.mcp_target import McpTarget

PINNED_FIELDS = ("name", "title", "description", "inputSchema", "outputSchema", "annotations")


class ToolSource(Protocol):
    async def definitions(self, target: McpTarget) -> list[dict[str, Any]]:
        """Every tool the server offers now, as plain JSON objects."""
        ...

    async def release(self, target: McpTarget) -> None:
        """The catalog no longer needs this server (rejected, or unreachable at review)."""
        ...


class McpToolSource:
    """Reads `tools/list` with the official MCP client, over the gateway's shared sessions
    (the same stdio child or HTTP session that serves tool calls)."""

    def __init__(self, sessions: McpSessions) -> None:
        self._sessions = sessions

    async def definitions(self, target: McpTarget) -> list[dict[str, Any]]:
        return await self._sessions.list_tools(target)

    async def release(self, target: McpTarget) -> None:
        await self._sessions.discard(target)


def canonical(definition: dict[str, Any]) -> dict[str, Any]:
    return {k: definition[k] for k in PINNED_FIELDS if k in definition}


def pin(definition: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of everything a model reads about the tool."""
    text = json.dumps(canonical(definition), sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()
