"""A stdio MCP server in the catalog, called through /mcp: the gateway starts the child,
keeps one session to it, restarts it after a crash, and stops it at shutdown."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import httpx
import pytest
from mcp.shared.exceptions import MCPError

from tests.policy.conftest import put_policy
from tests.support.agents import agent_with_token
from tests.support.mcp_client import error_code, mcp_client
from tests.support.mcp_servers import serve_asgi
from ztai.bootstrap import Services

SERVER = Path(__file__).parents[1] / "support" / "stdio_server.py"
POLICY = (
    "roles:\n  local-tools:\n    permissions:\n"
    "      - action: mcp.tools.call\n        servers: [local]\n"
)


def stdio_submission(cwd: Path) -> dict[str, object]:
    return {
        "name": "local",
        "tier": "internal",
        "owner": "ops@example.com",
        "version": "1.0.0",
        "stdio": {
            "command": [sys.executable, str(SERVER)],
            "cwd": str(cwd),
            "env": ["ZTAI_STDIO_ALLOWED"],
        },
    }


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_stdio_server_through_the_gateway(
    control: httpx.AsyncClient,
    gateway: httpx.AsyncClient,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ZTAI_STDIO_ALLOWED", "visible")
    monkeypatch.setenv("ZTAI_STDIO_SECRET", "gateway-only-secret")
    created = await control.post("/api/v1/mcp-servers", json=stdio_submission(tmp_path))
    assert created.status_code == 201, created.text
    assert created.json()["transport"] == "stdio" and created.json()["url"] is None
    assert created.json()["stdio"]["env"] == ["ZTAI_STDIO_ALLOWED"]
    reviewed = await control.post("/api/v1/mcp-servers/local/review", json={"decision": "approved"})
    assert reviewed.status_code == 200, reviewed.text
    assert {t["name"] for t in reviewed.json()["tools"]} == {"echo", "environment", "crash", "slow"}
    assert (await put_policy(control, "local", POLICY)).status_code == 200
    agent, _, token = await agent_with_token(control, gateway, "ops-agent")
    grant = await control.post(
        f"/api/v1/agents/{agent['id']}/grants", json={"role": "local-tools", "justification": "ops"}
    )
    assert grant.status_code == 201, grant.text
    async with serve_asgi(services.gateway_app()) as base, mcp_client(f"{base}/mcp", token) as mcp:
        names = sorted(t.name for t in (await mcp.list_tools()).tools)
        assert names == ["local.crash", "local.echo", "local.environment", "local.slow"]
        echoed = await mcp.call_tool("local.echo", {"text": "hello"})
        assert echoed.content[0].text == "echo: hello"  # type: ignore[union-attr]
        seen = (await mcp.call_tool("local.environment", {})).content[0].text  # type: ignore[union-attr]
        names_seen, allowed, cwd, pid = seen.split("|")
        assert allowed == "visible" and "ZTAI_STDIO_SECRET" not in names_seen
        assert Path(cwd) == tmp_path
        # The child crashes mid-call: a clean JSON-RPC error, nothing of the internals.
        with pytest.raises(MCPError) as crashed:
            await mcp.call_tool("local.crash", {})
        assert error_code(crashed.value) == "upstream.failed"
        assert "Traceback" not in str(crashed.value) and "Connection" not in str(crashed.value)
        # The gateway restarted it: the next call is served by a new process.
        again = await mcp.call_tool("local.environment", {})
        new_pid = int(again.content[0].text.split("|")[3])  # type: ignore[union-attr]
        assert new_pid != int(pid) and not alive(int(pid))
    await services.mcp_sessions.close()
    assert not alive(new_pid)
    audit = (await control.get("/api/v1/audit?action=catalog.submit")).json()["items"]
    assert audit[0]["data"]["stdio"]["command"][1] == str(SERVER)


async def test_stdio_submissions_are_validated(control: httpx.AsyncClient, tmp_path: Path) -> None:
    good = stdio_submission(tmp_path)
    stdio = good["stdio"]
    assert isinstance(stdio, dict)
    for bad in (
        {**good, "stdio": {**stdio, "command": f"{sys.executable} {SERVER}"}},  # a shell string
        {**good, "stdio": {**stdio, "command": []}},
        {**good, "stdio": {**stdio, "cwd": "relative/dir"}},
        {**good, "stdio": {**stdio, "env": ["NOT-A-NAME"]}},
        {**good, "stdio": {**stdio, "env": {"API_KEY": "value"}}},  # values never in the catalog
        {**good, "stdio": {**stdio, "shell": True}},
        {**good, "url": "http://127.0.0.1:9/mcp"},  # both transports
        {k: v for k, v in good.items() if k != "stdio"},  # neither
    ):
        response = await control.post("/api/v1/mcp-servers", json=bad)
        assert response.status_code == 422, (bad, response.text)
    nul = {**good, "stdio": {**stdio, "command": ["a\x00b"]}}
    assert (await control.post("/api/v1/mcp-servers", json=nul)).status_code == 400
    missing = {**good, "stdio": {**stdio, "command": [str(tmp_path / "no-such-program")]}}
    assert (await control.post("/api/v1/mcp-servers", json=missing)).status_code == 201
    review = await control.post("/api/v1/mcp-servers/local/review", json={"decision": "approved"})
    assert review.status_code == 503 and review.json()["code"] == "catalog.server_unreachable"
    assert (await control.get("/api/v1/mcp-servers/local")).json()["review_state"] == "submitted"
