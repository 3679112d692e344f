"""A call held on one gateway replica is released by an approval given on another: woken
through Redis pub/sub at once, or — without Redis — by the held call's own slow recheck."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN_TOKEN, _client, make_settings
from tests.gateway.test_mcp import mcp_client, world
from tests.integration.process import require_redis
from tests.support.clock import FakeClock
from tests.support.env import REDIS_URL
from ztai.bootstrap import Services, build_services

pytestmark = pytest.mark.integration
__all__ = ["world"]

BIG = {"amount": 900, "reason_code": "damaged"}
# Wake-up path → (Redis URL, recheck seconds). With Redis the recheck is far longer than the
# test waits, so only the pub/sub message can release the call in time.
MODES = {"redis": (REDIS_URL, 30.0), "recheck": (None, 0.2)}


@pytest.fixture(params=sorted(MODES))
def mode(request: pytest.FixtureRequest) -> str:
    if request.param == "redis":
        require_redis()
    return str(request.param)


@pytest.fixture
def database_url(postgres_url: str) -> str:
    return postgres_url  # replicas share one PostgreSQL


def _settings(database_url: str, data_dir: Path, mode: str) -> Any:
    redis_url, recheck = MODES[mode]
    return make_settings(
        database_url, data_dir, redis_url=redis_url, approvals={"recheck_seconds": recheck}
    )


@pytest.fixture
async def services(
    database_url: str, tmp_path: Path, clock: FakeClock, mode: str
) -> AsyncIterator[Services]:
    built = await build_services(_settings(database_url, tmp_path / "a", mode), clock=clock)
    try:
        yield built
    finally:
        await built.close()


@pytest.fixture
async def other_control(
    database_url: str, tmp_path: Path, clock: FakeClock, mode: str, services: Services
) -> AsyncIterator[httpx.AsyncClient]:
    """The control plane of a second replica on the same database (and Redis)."""
    other = await build_services(_settings(database_url, tmp_path / "b", mode), clock=clock)
    try:
        async with _client(other.control_app(), "control-b") as client:
            client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
            yield client
    finally:
        await other.close()


async def test_approval_on_another_replica_releases_the_held_call(
    world: dict[str, Any], control: httpx.AsyncClient, other_control: httpx.AsyncClient
) -> None:
    patched = await control.patch(
        "/api/v1/mcp-servers/finance/tools/issue_refund", json={"approval_wait_seconds": 60}
    )
    assert patched.status_code == 200, patched.text
    async with mcp_client(world["url"], world["inv"]) as client:
        call = asyncio.create_task(client.call_tool("finance.issue_refund", BIG))

        async def pending() -> str:
            while True:
                items = (await other_control.get("/api/v1/approvals?state=pending")).json()
                if items["items"]:
                    return str(items["items"][0]["id"])
                await asyncio.sleep(0.02)

        approval_id = await asyncio.wait_for(pending(), 10)
        approved = await other_control.post(
            f"/api/v1/approvals/{approval_id}/approve", json={"approver": "cfo@example.com"}
        )
        assert approved.status_code == 200, approved.text
        result = await asyncio.wait_for(call, 10)
    assert result.content[0].text == "refunded 900 (damaged)"  # type: ignore[union-attr]
