"""McpSessions: one long-lived client session per upstream MCP server, HTTP or stdio.

Each server gets a supervisor task that owns the official SDK `Client` (its task group and
cancel scopes must be entered and left by one task). Callers borrow the connected client and
send requests on it concurrently (JSON-RPC ids multiplex them). A stdio child that exits, or
an HTTP session a call found broken, is reconnected with exponential backoff; while the
supervisor waits, calls fail at once instead of queueing behind a dead server (fail closed).
On shutdown every child is stopped the SDK's way: stdin closed, then SIGTERM, then SIGKILL.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.shared.exceptions import MCPError
from mcp.shared.message import SessionMessage
from mcp_types import CONNECTION_CLOSED

from ztai.domain.mcp_target import McpTarget, StdioCommand

log = logging.getLogger(__name__)

BACKOFF_FIRST_SECONDS = 0.1
BACKOFF_MAX_SECONDS = 30.0
# A session that stayed up this long was healthy: its next failure starts the backoff anew.
BACKOFF_RESET_AFTER_SECONDS = 30.0
# Calls wait for a restart this close; behind a longer backoff they are refused at once.
WAIT_THROUGH_BACKOFF_SECONDS = 1.0


class UpstreamUnavailable(Exception):
    """The server cannot be reached now (not connected, restarting, or the call broke)."""


def stdio_parameters(command: StdioCommand, environ: dict[str, str]) -> StdioServerParameters:
    """The child's environment is the allow-list alone, valued from the gateway's environment.
    (The SDK adds its fixed non-secret base: HOME, LOGNAME, PATH, SHELL, TERM, USER.)"""
    env = {name: environ[name] for name in command.env if name in environ}
    return StdioServerParameters(
        command=command.argv[0], args=list(command.argv[1:]), env=env, cwd=command.cwd
    )


@asynccontextmanager
async def _watched_stdio(
    params: StdioServerParameters, on_exit: Callable[[], None]
) -> AsyncIterator[Any]:
    """The SDK's stdio transport, plus a call when the child's stdout ends (it exited), so
    the supervisor restarts it without waiting for the next call to fail."""
    async with stdio_client(params) as (read, write):
        send, receive = anyio.create_memory_object_stream[SessionMessage | Exception](0)

        async def pump() -> None:
            try:
                async for item in read:
                    await send.send(item)
            except (anyio.ClosedResourceError, anyio.BrokenResourceError):
                pass
            finally:
                # Before the session sees the end: no caller may borrow the dead client.
                on_exit()
                send.close()

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(pump)
            try:
                yield receive, write
            finally:
                tasks.cancel_scope.cancel()


class _Supervisor:
    """Keeps one server's session up; `client()` hands out the live client or fails fast."""

    def __init__(self, target: McpTarget, connect_timeout: float) -> None:
        self._target = target
        self._connect_timeout = connect_timeout
        self._attempt: asyncio.Future[Client] = asyncio.get_running_loop().create_future()
        self._broken = asyncio.Event()
        self._closing = asyncio.Event()
        self._failures = 0
        self._client: Client | None = None
        self._generation = 0
        self._task = asyncio.create_task(self._run(), name=f"mcp-session:{target.describe()}")

    async def client(self, timeout: float) -> Client:
        try:
            async with asyncio.timeout(timeout):
                return await asyncio.shield(self._attempt)
        except TimeoutError as exc:
            raise UpstreamUnavailable("connecting took too long") from exc

    def mark_broken(self, client: Client) -> None:
        if self._client is client:
            self._lost(self._generation)

    def _lost(self, generation: int) -> None:
        """The session is gone (child exited, or a call found it broken): from now on callers
        wait for the restart instead of borrowing the dead client."""
        if generation != self._generation or self._client is None:
            return
        if self._target.stdio is not None:
            log.warning("MCP server %s exited; restarting", self._target.describe())
        self._client = None
        self._attempt = asyncio.get_running_loop().create_future()
        self._broken.set()

    def healthy(self) -> None:
        self._failures = 0

    def _transport(self) -> Any:
        if self._target.stdio is not None:
            on_exit = functools.partial(self._lost, self._generation)
            return _watched_stdio(stdio_parameters(self._target.stdio, dict(os.environ)), on_exit)
        return str(self._target.url)

    async def _run(self) -> None:
        while True:
            self._generation += 1
            self._broken.clear()
            up_since = time.monotonic()
            try:
                # "auto": one server/discover probe per session, then 2026-07-28 single-
                # exchange requests where the server speaks them (the SDK serves those
                # without a per-request session); the initialize handshake otherwise.
                client = Client(self._transport(), cache=None, mode="auto")
                async with asyncio.timeout(self._connect_timeout):
                    await client.__aenter__()
            except Exception as exc:  # noqa: BLE001 - whatever stops a start means "unavailable"
                log.warning("MCP server %s: connect failed: %s", self._target.describe(), exc)
                self._settle(UpstreamUnavailable(f"cannot connect ({type(exc).__name__})"))
            else:
                self._client = client
                up_since = time.monotonic()
                self._settle(client)
                await _first(self._closing.wait(), self._broken.wait())
                if self._client is not None:  # closing: nobody may borrow it any more
                    self._client = None
                    self._attempt = asyncio.get_running_loop().create_future()
                with contextlib.suppress(Exception):
                    await client.__aexit__(None, None, None)
            if self._closing.is_set():
                return
            if time.monotonic() - up_since >= BACKOFF_RESET_AFTER_SECONDS:
                self._failures = 0
            delay = min(BACKOFF_MAX_SECONDS, BACKOFF_FIRST_SECONDS * 2**self._failures)
            self._failures += 1
            if self._attempt.done():
                self._attempt = asyncio.get_running_loop().create_future()
            if delay > WAIT_THROUGH_BACKOFF_SECONDS:
                # A server that keeps failing: refuse calls now rather than hold them.
                self._settle(UpstreamUnavailable("the server is down; restarting"))
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await self._closing.wait()
            if self._closing.is_set():
                return
            if self._attempt.done():
                self._attempt = asyncio.get_running_loop().create_future()

    def _settle(self, outcome: Client | Exception) -> None:
        """Settle the current attempt; while the server is down, callers get the error at once."""
        if isinstance(outcome, Exception):
            self._attempt.set_exception(outcome)
            self._attempt.exception()  # retrieved: no "never retrieved" warning if nobody asks
        else:
            self._attempt.set_result(outcome)

    async def close(self) -> None:
        self._closing.set()
        if self._client is None:
            self._task.cancel()  # connecting or backing off: nothing to wind down politely
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


async def _first(*waits: Any) -> None:
    tasks = [asyncio.ensure_future(w) for w in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()


class McpSessions:
    """The pool of upstream sessions, shared by review, drift checks and tool calls."""

    def __init__(self, call_timeout: float = 30.0, connect_timeout: float = 10.0) -> None:
        self._call_timeout = call_timeout
        self._connect_timeout = connect_timeout
        self._supervisors: dict[McpTarget, _Supervisor] = {}

    def _supervisor(self, target: McpTarget) -> _Supervisor:
        supervisor = self._supervisors.get(target)
        if supervisor is None:
            supervisor = _Supervisor(target, self._connect_timeout)
            self._supervisors[target] = supervisor
        return supervisor

    async def call_tool(
        self, target: McpTarget, tool: str, arguments: dict[str, Any]
    ) -> dict[str, Any]:
        """The tool's result as JSON: {content: [...], isError, structuredContent?}."""
        supervisor = self._supervisor(target)
        client = await supervisor.client(self._connect_timeout)
        try:
            result = await client.call_tool(
                tool, arguments, read_timeout_seconds=self._call_timeout
            )
        except MCPError as exc:
            if exc.code == CONNECTION_CLOSED:
                supervisor.mark_broken(client)
            raise
        except Exception:
            supervisor.mark_broken(client)
            raise
        supervisor.healthy()
        return result.model_dump(mode="json", by_alias=True, exclude_none=True)

    async def list_tools(self, target: McpTarget) -> list[dict[str, Any]]:
        """Every tool the server offers now (never from a cache: drift checks read this)."""
        supervisor = self._supervisor(target)
        client = await supervisor.client(self._connect_timeout)
        tools: list[dict[str, Any]] = []
        cursor: str | None = None
        try:
            async with asyncio.timeout(self._call_timeout):
                for _ in range(100):  # a server paging forever cannot hang a review
                    page = await client.list_tools(cursor=cursor)
                    tools += [
                        t.model_dump(mode="json", by_alias=True, exclude_none=True)
                        for t in page.tools
                    ]
                    cursor = page.next_cursor
                    if not cursor:
                        break
        except MCPError as exc:
            if exc.code == CONNECTION_CLOSED:
                supervisor.mark_broken(client)
            raise
        except Exception:
            supervisor.mark_broken(client)
            raise
        supervisor.healthy()
        return tools

    async def discard(self, target: McpTarget) -> None:
        """Stop the session (and child process) of a server no longer in use."""
        supervisor = self._supervisors.pop(target, None)
        if supervisor is not None:
            await supervisor.close()

    async def close(self) -> None:
        supervisors, self._supervisors = list(self._supervisors.values()), {}
        await asyncio.gather(*(s.close() for s in supervisors), return_exceptions=True)
