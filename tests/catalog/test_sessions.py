"""Upstream sessions against a real stdio MCP server (official SDK) started as a child."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from mcp.shared.exceptions import MCPError

from ztai.catalog.sessions import McpSessions, UpstreamUnavailable
from ztai.domain.mcp_target import McpTarget, StdioCommand

SERVER = Path(__file__).parents[1] / "support" / "stdio_server.py"


def stdio_target(cwd: Path, env: tuple[str, ...] = ()) -> McpTarget:
    return McpTarget(stdio=StdioCommand((sys.executable, str(SERVER)), str(cwd), env))


def text(result: dict[str, object]) -> str:
    return str(result["content"][0]["text"])  # type: ignore[index]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_child_sees_only_allowed_environment_and_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZTAI_STDIO_ALLOWED", "visible")
    monkeypatch.setenv("ZTAI_STDIO_SECRET", "gateway-only-secret")
    sessions = McpSessions(call_timeout=10)
    target = stdio_target(tmp_path, env=("ZTAI_STDIO_ALLOWED", "ZTAI_STDIO_UNSET"))
    try:
        names, allowed, cwd, _ = text(await sessions.call_tool(target, "environment", {})).split(
            "|"
        )
    finally:
        await sessions.close()
    seen = set(names.split(","))
    assert "ZTAI_STDIO_ALLOWED" in seen and allowed == "visible"
    assert "ZTAI_STDIO_SECRET" not in seen and "ZTAI_STDIO_UNSET" not in seen
    # Nothing else of the gateway's environment: the SDK's fixed base and the locale
    # variable the child's own Python interpreter sets at start-up.
    base = {"HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LC_CTYPE"}
    assert seen - {"ZTAI_STDIO_ALLOWED"} <= base
    assert Path(cwd) == tmp_path


async def test_one_session_crash_restart_timeout_and_shutdown(tmp_path: Path) -> None:
    sessions = McpSessions(call_timeout=0.5)
    target = stdio_target(tmp_path)
    try:
        tools = [t["name"] for t in await sessions.list_tools(target)]
        assert tools == ["echo", "environment", "crash", "slow"]
        first_pid = text(await sessions.call_tool(target, "environment", {})).split("|")[3]
        assert text(await sessions.call_tool(target, "echo", {"text": "a"})) == "echo: a"
        # Still the same process: one session per server, not one per call.
        assert text(await sessions.call_tool(target, "environment", {})).split("|")[3] == first_pid
        with pytest.raises(MCPError):
            await sessions.call_tool(target, "crash", {})
        assert text(await sessions.call_tool(target, "echo", {"text": "b"})) == "echo: b"
        second_pid = int(text(await sessions.call_tool(target, "environment", {})).split("|")[3])
        assert second_pid != int(first_pid) and not alive(int(first_pid))
        with pytest.raises(MCPError, match="timed out"):
            await sessions.call_tool(target, "slow", {"seconds": 1.2})
        # A slow tool does not cost the session.
        assert text(await sessions.call_tool(target, "echo", {"text": "c"})) == "echo: c"
    finally:
        await sessions.close()
    assert not alive(second_pid)


async def test_a_missing_program_is_unavailable(tmp_path: Path) -> None:
    sessions = McpSessions(connect_timeout=5)
    target = McpTarget(stdio=StdioCommand((str(tmp_path / "no-such-server"),)))
    try:
        with pytest.raises(UpstreamUnavailable):
            await sessions.list_tools(target)
        # A second call during the back-off is answered at once, with the same error.
        with pytest.raises(UpstreamUnavailable):
            await sessions.call_tool(target, "echo", {"text": "x"})
    finally:
        await sessions.close()
