"""FastPath: `tools/call` and `tools/list` on `/mcp` without the SDK's per-request session.

In stateless mode the SDK serves every POST with a fresh transport, a server run, a task
group and memory streams; for the two methods an agent sends all day that costs several ms.
This path answers them directly, for the handshake-era protocol versions the SDK's
stateless transport serves (the 2026-07-28 single-exchange path is left to the SDK):

- it answers only a request the SDK would take to its handler: JSON content type, an
  Accept the SDK accepts, a body within the SDK's size limit that is one well-formed
  JSON-RPC request whose params pass the SDK's own validation (`validate_client_request`,
  then the handler's registered params model). Anything else — initialize, notifications,
  ping, batches, bad params, odd headers — goes to the SDK unchanged, with the body
  replayed, so its answers (and errors) stay the SDK's own;
- it calls the same governance functions the SDK handlers call;
- it writes what the SDK's stateless JSON transport writes: `Content-Type:
  application/json`, no session id, status 200, the result shaped by the SDK's
  `serialize_server_result`, errors mapped as the SDK's dispatcher maps them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pydantic_core
from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.streamable_http import check_accept_headers
from mcp.server.transport_security import DEFAULT_MAX_REQUEST_BODY_SIZE
from mcp.shared.inbound import MCP_PROTOCOL_VERSION_HEADER
from mcp.shared.jsonrpc_dispatcher import handler_exception_to_error_data
from mcp_types import (
    DEFAULT_NEGOTIATED_VERSION,
    INTERNAL_ERROR,
    ErrorData,
    JSONRPCError,
    JSONRPCRequest,
    JSONRPCResponse,
    jsonrpc_message_adapter,
)
from mcp_types import methods as sdk_methods
from mcp_types.version import HANDSHAKE_PROTOCOL_VERSIONS
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from ztai.identity.verifier import AgentPrincipal

log = logging.getLogger(__name__)

ListTools = Callable[[AgentPrincipal], Awaitable[types.ListToolsResult]]
CallTool = Callable[
    [AgentPrincipal, types.CallToolRequestParams, asyncio.Event | None],
    Awaitable[types.CallToolResult],
]
FAST_METHODS = frozenset({"tools/list", "tools/call"})
_HEADERS = [(b"content-type", b"application/json")]


class FastPath:
    def __init__(
        self,
        server: Server[Any],
        list_tools: ListTools,
        call_tool: CallTool,
        max_body_size: int = DEFAULT_MAX_REQUEST_BODY_SIZE,
    ) -> None:
        self._server = server
        self._list_tools = list_tools
        self._call_tool = call_tool
        self._max_body = max_body_size

    async def serve(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        principal: AgentPrincipal,
        released: asyncio.Event | None,
    ) -> Receive | None:
        """Answer the request and return None, or return the receive the SDK path must use
        (what was read of the body, replayed, then the connection)."""
        request = Request(scope, receive)
        headers = request.headers
        version = headers.get(MCP_PROTOCOL_VERSION_HEADER)
        if version is not None and version not in HANDSHAKE_PROTOCOL_VERSIONS:
            return receive
        content_type = headers.get("content-type", "")
        if content_type.split(";")[0].strip() != "application/json":  # both SDK checks pass
            return receive
        if not check_accept_headers(request)[0] or not self._small_enough(headers):
            return receive
        read: list[Message] = []
        body = await _read_body(receive, read, self._max_body)
        rest = _Replay(read, receive).receive
        if body is None:
            return rest
        request_message = _fast_request(body)
        if request_message is None:
            return rest
        method = request_message.method
        params = request_message.params
        version = version or DEFAULT_NEGOTIATED_VERSION
        entry = self._server.get_request_handler(method)
        if entry is None or self._server.cache_hints.get(method) is not None:
            return rest
        try:
            sdk_methods.validate_client_request(method, version, params)
            typed = entry.params_type.model_validate(
                {} if params is None else params, by_name=False
            )
        except (KeyError, ValidationError):
            return rest  # the SDK's own error answer, from the SDK
        answer = await self._answer(principal, method, version, typed, released)
        message: BaseModel
        if isinstance(answer, ErrorData):
            message = JSONRPCError(jsonrpc="2.0", id=request_message.id, error=answer)
        else:
            message = JSONRPCResponse(jsonrpc="2.0", id=request_message.id, result=answer)
        payload = message.model_dump_json(by_alias=True, exclude_unset=True).encode()
        length = (b"content-length", str(len(payload)).encode())
        await send({"type": "http.response.start", "status": 200, "headers": [*_HEADERS, length]})
        await send({"type": "http.response.body", "body": payload})
        return None

    def _small_enough(self, headers: Any) -> bool:
        """The SDK refuses a declared length over its limit before reading the body."""
        declared = headers.get("content-length")
        return declared is None or (declared.isdigit() and int(declared) <= self._max_body)

    async def _answer(
        self,
        principal: AgentPrincipal,
        method: str,
        version: str,
        params: Any,
        released: asyncio.Event | None,
    ) -> dict[str, Any] | ErrorData:
        try:
            if method == "tools/call":
                result: BaseModel = await self._call_tool(principal, params, released)
            else:
                result = await self._list_tools(principal)
        except Exception as exc:
            error = handler_exception_to_error_data(exc)
            if error is None:
                # The SDK's dispatcher answers an unmapped exception the same way.
                log.exception("handler for %r raised", method)
                error = ErrorData(code=0, message=str(exc))
            return error
        dumped = result.model_dump(by_alias=True, mode="json", exclude_none=True)
        try:
            return dict(sdk_methods.serialize_server_result(method, version, dumped))
        except ValidationError:
            log.exception("handler for %r returned an invalid result", method)
            return ErrorData(code=INTERNAL_ERROR, message="Handler returned an invalid result")


async def _read_body(receive: Receive, read: list[Message], limit: int) -> bytes | None:
    """The whole body, or None when it is larger than `limit` or the client went away
    (the SDK answers both); every message read is kept in `read` for the replay."""
    body = bytearray()
    while True:
        message = await receive()
        read.append(message)
        if message["type"] != "http.request":
            return None
        body += message.get("body", b"")
        if len(body) > limit:
            return None
        if not message.get("more_body", False):
            return bytes(body)


def _fast_request(body: bytes) -> JSONRPCRequest | None:
    """The body as one JSON-RPC request for a fast method, else None (the SDK's to answer)."""
    try:
        raw = pydantic_core.from_json(body)
    except ValueError:
        return None
    if not isinstance(raw, dict) or raw.get("method") not in FAST_METHODS:
        return None
    try:
        message = jsonrpc_message_adapter.validate_python(raw, by_name=False)
    except ValidationError:
        return None
    return message if isinstance(message, JSONRPCRequest) else None


class _Replay:
    """Hands the SDK the messages already read, then the connection itself."""

    def __init__(self, read: list[Message], receive: Receive) -> None:
        self._read = list(read)
        self._receive = receive

    async def receive(self) -> Message:
        if self._read:
            return self._read.pop(0)
        return await self._receive()
