"""Calling an upstream MCP tool with the gateway's own client (never the agent's token)."""

from __future__ import annotations

from typing import Any, Protocol

from ztai.catalog.sessions import McpSessions
from ztai.domain.mcp_target import McpTarget


class ToolCaller(Protocol):
    async def call(self, target: McpTarget, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        """The tool's result as JSON: {content: [...], isError, structuredContent?}."""
        ...


class McpToolCaller:
    """Calls over the shared long-lived sessions: no connect or handshake per call."""

    def __init__(self, sessions: McpSessions) -> None:
        self._sessions = sessions

    async def call(self, target: McpTarget, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        return await self._sessions.call_tool(target, tool, arguments)
