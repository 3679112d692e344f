"""Calling an upstream MCP tool with the gateway's own client (never the agent's token)."""

from __future__ import annotations

from typing import Any, Protocol

from mcp import Client


class ToolCaller(Protocol):
    async def call(self, url: str, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        """The tool's result as JSON: {content: [...], isError, structuredContent?}."""
        ...


class McpToolCaller:
    def __init__(self, timeout_seconds: float = 30.0) -> None:
        self._timeout = timeout_seconds

    async def call(self, url: str, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        async with Client(url, read_timeout_seconds=self._timeout) as client:
            result = await client.call_tool(tool, arguments)
        return result.model_dump(mode="json", by_alias=True, exclude_none=True)
