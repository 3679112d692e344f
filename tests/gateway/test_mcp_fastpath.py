"""The `/mcp` fast path for tools/list and tools/call answers exactly as the SDK path does.

Each request is sent twice over HTTP to the same gateway: once with the fast path on, once
with every request going through the SDK's stateless transport; status, headers and the
JSON-RPC answer must match (ids of decisions and approvals differ per call and are set
aside)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from tests.gateway.test_mcp import database_url, world  # noqa: F401 — shared fixtures
from tests.support.mcp_client import error_code
from ztai.bootstrap import Services

LEGACY = {
    "Accept": "application/json, text/event-stream",
    "Content-Type": "application/json",
    "mcp-protocol-version": "2025-11-25",
}
PER_CALL = ("decision_id", "approval_id", "expires_at")


def _call(name: str, arguments: Any, id_: Any = 1) -> dict[str, Any]:
    params = {"name": name, "arguments": arguments}
    return {"jsonrpc": "2.0", "id": id_, "method": "tools/call", "params": params}


def _shape(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    data = (body.get("error") or {}).get("data")
    if isinstance(data, dict):
        for key in PER_CALL:
            if key in data:
                data[key] = "<per call>"
    return {
        "status": response.status_code,
        "content-type": response.headers.get("content-type"),
        "session": response.headers.get("mcp-session-id"),
        "body": body,
    }


async def _both(
    services: Services, url: str, token: str, body: Any, headers: dict[str, str] = LEGACY
) -> dict[str, Any]:
    """The fast path's answer, after checking that the SDK path gives the same one."""
    auth = {"Authorization": f"Bearer {token}", **headers}
    answers = []
    async with httpx.AsyncClient(timeout=30) as http:
        for fast in (True, False):
            services.mcp.fast_path = fast
            try:
                answers.append(_shape(await http.post(url, json=body, headers=auth)))
            finally:
                services.mcp.fast_path = True
    assert answers[0] == answers[1]
    return answers[0]


async def _same_bytes(
    services: Services, url: str, token: str, body: Any, headers: dict[str, str]
) -> None:
    """Requests the SDK answers itself (errors, odd headers): byte for byte the same."""
    auth = {**headers, "Authorization": f"Bearer {token}"}
    answers = []
    async with httpx.AsyncClient(timeout=30) as http:
        for fast in (True, False):
            services.mcp.fast_path = fast
            try:
                response = await http.post(url, json=body, headers=auth)
            finally:
                services.mcp.fast_path = True
            answers.append((response.status_code, response.content))
    assert answers[0] == answers[1], (body, headers)


async def test_same_answers_both_ways(world: dict[str, Any], services: Services) -> None:  # noqa: F811
    url, inv, hr = world["url"], world["inv"], world["hr"]
    listed = await _both(services, url, inv, {"jsonrpc": "2.0", "id": 7, "method": "tools/list"})
    assert listed["status"] == 200 and listed["content-type"] == "application/json"
    assert listed["session"] is None
    names = sorted(t["name"] for t in listed["body"]["result"]["tools"])
    assert names == ["finance.issue_refund", "finance.lookup_invoice", "websearch.search"]
    hidden = await _both(services, url, hr, {"jsonrpc": "2.0", "id": "x", "method": "tools/list"})
    assert hidden["body"] == {"jsonrpc": "2.0", "id": "x", "result": {"tools": []}}

    ok = await _both(services, url, inv, _call("finance.lookup_invoice", {"invoice_id": "17"}))
    assert ok["body"]["result"]["content"][0]["text"] == "invoice 17: 120 EUR from ACME"
    assert ok["body"]["result"]["isError"] is False

    poisoned = await _both(services, url, inv, _call("websearch.search", {"query": "ACME"}))
    assert poisoned["body"]["result"]["isError"] is True

    cases = [
        (inv, _call("finance.issue_refund", {"amount": 5, "reason_code": "fun"}), "policy.denied"),
        (
            inv,
            _call("finance.issue_refund", {"amount": 900, "reason_code": "damaged"}),
            "approval.pending",
        ),
        (hr, _call("finance.lookup_invoice", {"invoice_id": "17"}, "s"), "policy.denied"),
        (inv, _call("finance.nope", {}), "catalog.unknown_tool"),
        (inv, _call("nodots", {}), "catalog.unknown_tool"),
    ]
    for token, body, code in cases:
        refused = await _both(services, url, token, body)
        assert refused["status"] == 200
        error = refused["body"]["error"]
        assert error["code"] == -32001
        assert error["data"]["code"] == code
        assert refused["body"]["id"] == body["id"]


async def test_invalid_requests_same_answers(world: dict[str, Any], services: Services) -> None:  # noqa: F811
    url, inv = world["url"], world["inv"]
    invalid: list[Any] = [
        {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": 5}},
        {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {}},
        {"jsonrpc": "2.0", "id": 1, "method": "tools/call"},
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "tools/call",
            "params": {"name": "a", "arguments": 3},
        },
        {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"cursor": 4}},
        {"jsonrpc": "2.0", "method": "tools/call", "params": {"name": "finance.lookup_invoice"}},
        {"jsonrpc": "1.0", "id": 1, "method": "tools/list"},
        {"jsonrpc": "2.0", "id": None, "method": "tools/list"},
        [{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}],
        {"jsonrpc": "2.0", "id": 1, "method": "ping"},
        {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "result": {}},
        {"jsonrpc": "2.0", "id": 1.5, "method": "tools/list"},
    ]
    for body in invalid:
        await _same_bytes(services, url, inv, body, LEGACY)
    # Headers the SDK refuses or treats differently: the same answers too.
    listing = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    odd_headers = [
        {**LEGACY, "Content-Type": "Application/JSON"},
        {**LEGACY, "Content-Type": "text/plain"},
        {**LEGACY, "Accept": "text/event-stream"},
        {**LEGACY, "mcp-protocol-version": "1999-01-01"},
    ]
    for headers in odd_headers:
        await _same_bytes(services, url, inv, listing, headers)
    # The version header absent (the SDK then assumes its default version): same answers.
    plain = {"Accept": "application/json", "Content-Type": "application/json"}
    listed = await _both(
        services, url, inv, {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, plain
    )
    assert len(listed["body"]["result"]["tools"]) == 3


async def test_fast_path_answers_without_the_sdk_session(
    world: dict[str, Any],  # noqa: F811
    services: Services,
) -> None:
    """tools/list and tools/call in a handshake-era version never start the SDK's session
    manager: the fast path answered them (a regression that sent them to the SDK fails)."""
    auth = {"Authorization": f"Bearer {world['inv']}", **LEGACY}
    async with httpx.AsyncClient(timeout=30) as http:
        listed = await http.post(
            world["url"], json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, headers=auth
        )
        called = await http.post(
            world["url"], json=_call("finance.lookup_invoice", {"invoice_id": "3"}), headers=auth
        )
    assert listed.status_code == called.status_code == 200
    assert "invoice 3" in called.json()["result"]["content"][0]["text"]
    assert services.mcp._manager is None


@asynccontextmanager
async def legacy_client(url: str, token: str) -> AsyncIterator[Client]:
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30) as http,
        Client(streamable_http_client(url, http_client=http), mode="legacy") as client,
    ):
        yield client


async def test_official_client_over_the_fast_path(world: dict[str, Any]) -> None:  # noqa: F811
    """The initialize handshake goes through the SDK, tools/list and tools/call through the
    fast path: the official client works across both."""
    async with legacy_client(world["url"], world["inv"]) as client:
        names = sorted(t.name for t in (await client.list_tools()).tools)
        assert names == ["finance.issue_refund", "finance.lookup_invoice", "websearch.search"]
        ok = await client.call_tool("finance.lookup_invoice", {"invoice_id": "17"})
        assert ok.content[0].text == "invoice 17: 120 EUR from ACME"  # type: ignore[union-attr]
        with pytest.raises(MCPError) as denied:
            await client.call_tool("finance.issue_refund", {"amount": 5, "reason_code": "fun"})
        assert error_code(denied.value) == "policy.denied"
        with pytest.raises(MCPError) as unknown:
            await client.call_tool("finance.nope", {})
        assert error_code(unknown.value) == "catalog.unknown_tool"
    async with legacy_client(world["url"], world["hr"]) as client:
        assert (await client.list_tools()).tools == []
