"""The JSON-RPC error of every `/mcp` refusal: code −32001, `data.code` the stable ztai code."""

from __future__ import annotations

from typing import Any

from mcp.shared.exceptions import MCPError

SERVER_ERROR = -32001  # JSON-RPC implementation-defined server error


def refuse(code: str, message: str, **data: Any) -> MCPError:
    return MCPError(SERVER_ERROR, message, {"code": code, **data})
