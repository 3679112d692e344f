"""Each tools/call through /mcp is one `execute_tool` span (exported by the real OTLP
exporter to a loopback collector) and one `mcp.tools.call` log record: who, which tool,
how it ended — never the arguments or the result."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from mcp.shared.exceptions import MCPError

from tests.conftest import make_settings
from tests.gateway import test_mcp, test_tracing
from tests.gateway.test_tracing import Collector, attributes
from tests.support.clock import FakeClock
from tests.support.mcp_client import mcp_client
from ztai.bootstrap import Services, build_services
from ztai.cli.logs import JsonFormatter

# The MCP tests' world (catalog, policy, agents) and the tracing tests' collector.
database_url = test_mcp.database_url
world = test_mcp.world
collector = test_tracing.collector


@pytest.fixture
async def services(
    database_url: str, tmp_path: Path, clock: FakeClock, collector: tuple[Collector, int]
) -> AsyncIterator[Services]:
    tracing = {"otlp_endpoint": f"http://127.0.0.1:{collector[1]}"}
    settings = make_settings(database_url, tmp_path / "data", gateway={"tracing": tracing})
    built = await build_services(settings, clock=clock)
    try:
        yield built
    finally:
        await built.close()


async def test_each_tool_call_is_one_span_and_one_log_record(
    world: dict[str, Any],
    services: Services,
    collector: tuple[Collector, int],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="ztai.requests")
    async with mcp_client(world["url"], world["inv"]) as client:
        await client.call_tool("finance.issue_refund", {"amount": 120, "reason_code": "damaged"})
        with pytest.raises(MCPError):
            await client.call_tool("finance.issue_refund", {"amount": 7, "reason_code": "qwfp"})
    formatter = JsonFormatter()
    lines = [json.loads(formatter.format(r)) for r in caplog.records if r.name == "ztai.requests"]
    calls = [line for line in lines if line["event"] == "mcp.tools.call"]
    assert [c["outcome"] for c in calls] == ["ok", "policy.denied"]
    assert {c["tool"] for c in calls} == {"finance.issue_refund"}
    assert "qwfp" not in caplog.text and "refunded" not in caplog.text

    assert await asyncio.to_thread(services.tracing.flush)
    spans = [s for s in collector[0].spans() if s.name.startswith("execute_tool")]
    assert [s.name for s in spans] == ["execute_tool finance.issue_refund"] * 2
    ok, denied = (attributes(s) for s in spans)
    assert ok["gen_ai.operation.name"] == "execute_tool" and "error.type" not in ok
    assert denied["error.type"] == "policy.denied"
    assert spans[1].status.code == spans[1].status.STATUS_CODE_ERROR
    assert b"qwfp" not in b"".join(collector[0].raw)
