"""The JSON-RPC error of every `/mcp` refusal: code −32001, `data.code` the stable ztai code."""

from __future__ import annotations

from typing import Any

from mcp.shared.exceptions import MCPError
from starlette.responses import JSONResponse

from ztai.errors import AuthError

SERVER_ERROR = -32001  # JSON-RPC implementation-defined server error


def refuse(code: str, message: str, **data: Any) -> MCPError:
    return MCPError(SERVER_ERROR, message, {"code": code, **data})


def refusal_code(exc: MCPError) -> str:
    """The stable ztai code of a refusal (or a generic one for the SDK's own errors)."""
    data = exc.data
    code = data.get("code") if isinstance(data, dict) else None
    return code if isinstance(code, str) else f"jsonrpc.{exc.code}"


def unauthorized(exc: AuthError, resource_metadata_url: str) -> JSONResponse:
    """401 for a missing or bad token; MCP authorization: say where the protected-resource
    metadata is."""
    challenge = f'Bearer error="invalid_token", resource_metadata="{resource_metadata_url}"'
    return JSONResponse(
        {
            "jsonrpc": "2.0",
            "id": None,
            "error": {"code": SERVER_ERROR, "message": exc.detail, "data": {"code": exc.code}},
        },
        status_code=401,
        headers={"WWW-Authenticate": challenge},
    )
