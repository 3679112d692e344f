"""Per-tool usage limits and argument labels on `/mcp`, with tier defaults (external is the
strictest); the official `mcp` client against the gateway and real SDK servers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from mcp.shared.exceptions import MCPError
from redis.asyncio import Redis

from tests.conftest import make_settings
from tests.gateway.test_mcp import error_code, mcp_client, world
from tests.policy.conftest import put_policy
from tests.support.clock import FakeClock
from tests.support.env import REDIS_URL, REQUIRE_SERVICES, redis_available
from ztai.bootstrap import Services, build_services
from ztai.gateway.llm.errors import RateLimited
from ztai.gateway.llm.limits import LimitsUnavailable, MemoryRateLimiter, RedisRateLimiter

__all__ = ["world"]

EMAIL = "please look up jane.doe@example.com"  # Confidential
CARD = "card 4111 1111 1111 1111"  # Highly Confidential


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ztai.db'}"  # the checks here do not depend on the backend


@pytest.fixture
async def services(database_url: str, tmp_path: Path, clock: FakeClock) -> AsyncIterator[Services]:
    settings = make_settings(
        database_url,
        tmp_path / "data",
        gateway={"mcp": {"external": {"calls_per_minute": 2, "calls_per_day": 3}}},
    )
    built = await build_services(settings, clock=clock)
    try:
        yield built
    finally:
        await built.close()


async def _set_tool(control: httpx.AsyncClient, tool: str, **body: Any) -> httpx.Response:
    server, _, name = tool.partition(".")
    return await control.patch(f"/api/v1/mcp-servers/{server}/tools/{name}", json=body)


async def _denials(control: httpx.AsyncClient, code: str) -> list[dict[str, Any]]:
    items = (await control.get("/api/v1/audit?decision=deny&limit=1000")).json()["items"]
    return [r for r in items if code in r["reasons"]]


async def test_external_arguments_above_general_need_a_policy_naming_the_label(
    world: dict[str, Any], control: httpx.AsyncClient
) -> None:
    async with mcp_client(world["url"], world["inv"]) as client:
        ok = await client.call_tool("websearch.search", {"query": "weather in Oslo"})
        assert "Sunny" in ok.content[0].text  # type: ignore[union-attr]
        with pytest.raises(MCPError) as refused:
            await client.call_tool("websearch.search", {"query": EMAIL})
    assert error_code(refused.value) == "dlp.label_exceeded"
    assert refused.value.data["label"] == "Confidential"
    assert refused.value.data["max_label"] == "General"
    [record] = await _denials(control, "dlp.label_exceeded")
    assert record["data"]["types"] == ["EMAIL_ADDRESS"]
    assert "jane.doe" not in json.dumps(record)  # G4: types and labels, never the value

    # A permit that names the label lifts the ceiling, up to the label it names.
    research = (
        "roles:\n  web-research:\n    permissions:\n"
        "      - action: mcp.tools.call\n        servers: [websearch]\n"
        "      - action: mcp.tools.call\n        tools: [websearch.search]\n"
        "        labels_up_to: Confidential\n"
    )
    assert (await put_policy(control, "research", research)).status_code == 200
    async with mcp_client(world["url"], world["inv"]) as client:
        allowed = await client.call_tool("websearch.search", {"query": "weather " + EMAIL})
        assert not allowed.is_error
        with pytest.raises(MCPError) as still:
            await client.call_tool("websearch.search", {"query": CARD})
    assert error_code(still.value) == "dlp.label_exceeded"
    assert still.value.data["label"] == "Highly Confidential"


async def test_a_tool_max_label_set_at_review(
    world: dict[str, Any], control: httpx.AsyncClient
) -> None:
    # Internal tools take any label by default; a reviewer can lower the ceiling per tool.
    assert (await _set_tool(control, "finance.lookup_invoice", max_label="Public")).is_success
    async with mcp_client(world["url"], world["inv"]) as client:
        with pytest.raises(MCPError) as refused:
            await client.call_tool("finance.lookup_invoice", {"invoice_id": "17"})
        assert error_code(refused.value) == "dlp.label_exceeded"
        reset = await _set_tool(control, "finance.lookup_invoice", max_label=None)
        assert reset.json()["max_label"] is None  # null: back to the tier's default
        looked = await client.call_tool("finance.lookup_invoice", {"invoice_id": "17"})
    assert "120 EUR" in looked.content[0].text  # type: ignore[union-attr]
    bad = await _set_tool(control, "finance.lookup_invoice", max_label="Secret-ish")
    assert bad.status_code == 422
    bad = await _set_tool(control, "finance.lookup_invoice", calls_per_minute=0)
    assert bad.status_code == 422


async def test_usage_limits_per_tool_and_tier(
    world: dict[str, Any], control: httpx.AsyncClient, clock: FakeClock, services: Services
) -> None:
    assert (await _set_tool(control, "finance.lookup_invoice", calls_per_minute=2)).is_success
    async with mcp_client(world["url"], world["inv"]) as client:
        for _ in range(2):
            await client.call_tool("finance.lookup_invoice", {"invoice_id": "17"})
        with pytest.raises(MCPError) as limited:
            await client.call_tool("finance.lookup_invoice", {"invoice_id": "17"})
        assert error_code(limited.value) == "limits.exceeded"
        assert 1 <= limited.value.data["retry_after"] <= 61
        # Counted per tool: the other finance tool still works.
        refund = await client.call_tool(
            "finance.issue_refund", {"amount": 5, "reason_code": "damaged"}
        )
        assert not refund.is_error
        # External tier defaults from settings: 2 a minute, 3 a day.
        for _ in range(2):
            await client.call_tool("websearch.search", {"query": "weather"})
        with pytest.raises(MCPError) as per_minute:
            await client.call_tool("websearch.search", {"query": "weather"})
        assert "calls-per-minute" in per_minute.value.message
        clock.advance(60)
        await services.view.sync(force=True)  # the views' freshness is on the same clock
        await services.authz_view.sync()
        await client.call_tool("finance.lookup_invoice", {"invoice_id": "17"})
        await client.call_tool("websearch.search", {"query": "weather"})
        with pytest.raises(MCPError) as per_day:
            await client.call_tool("websearch.search", {"query": "weather"})
        assert "calls-per-day" in per_day.value.message
        # Refused calls are not counted: otherwise the day's third call above had failed.
    assert len(await _denials(control, "limits.exceeded")) == 3


async def test_tool_limits_in_memory_count_per_subject() -> None:
    clock = FakeClock()
    limiter = MemoryRateLimiter(clock)
    await limiter.reserve_calls("a|tool:x", 1, 10)
    await limiter.reserve_calls("b|tool:x", 1, 10)
    with pytest.raises(RateLimited):
        await limiter.reserve_calls("a|tool:x", 1, 10)


async def test_tool_limits_in_redis_are_shared_by_replicas() -> None:
    if not redis_available():
        if REQUIRE_SERVICES:
            pytest.fail(f"Redis required but unreachable at {REDIS_URL}")
        pytest.skip("Redis not reachable")
    clock = FakeClock()
    subject = f"agent-{id(clock)}-{clock()}|tool:finance.lookup_invoice"
    first, second = Redis.from_url(REDIS_URL), Redis.from_url(REDIS_URL)
    try:
        one, two = RedisRateLimiter(first, clock), RedisRateLimiter(second, clock)
        await one.reserve_calls(subject, 2, 100)
        await two.reserve_calls(subject, 2, 100)
        with pytest.raises(RateLimited) as refused:
            await one.reserve_calls(subject, 2, 100)
        assert refused.value.code == "limits.exceeded"
    finally:
        await first.aclose()
        await second.aclose()
    down = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    try:
        with pytest.raises(LimitsUnavailable):
            await RedisRateLimiter(down, clock).reserve_calls(subject, 2, 100)
    finally:
        await down.aclose()
