"""MCP governance beyond the basics: held approvals, approver webhooks, per-tool usage limits
and argument labels — the official `mcp` client against the gateway and real SDK servers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from mcp.shared.exceptions import MCPError

from tests.conftest import ADMIN_TOKEN, make_settings
from tests.gateway.test_mcp import error_code, mcp_client, world
from tests.support.clock import FakeClock
from tests.support.mcp_servers import serve_asgi
from tests.support.webhooks import Receiver, webhook_receiver
from ztai.bootstrap import Services, build_services
from ztai.cli.main import main
from ztai.gateway.llm.limits import LimitsUnavailable

__all__ = ["world"]  # the shared fixture: finance (internal) and websearch (external)

SECRET = "whsec-test-0123456789abcdef"
BIG = {"amount": 900, "reason_code": "damaged"}  # over the demo policy's 500 limit
REFUND = "finance.issue_refund"


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with webhook_receiver(SECRET.encode()) as running:
        yield running


@pytest.fixture
async def services(
    database_url: str, tmp_path: Path, clock: FakeClock, receiver: Receiver
) -> AsyncIterator[Services]:
    settings = make_settings(
        database_url,
        tmp_path / "data",
        approvals={
            "max_held_per_agent": 1,
            # Far longer than any test waits: a held call that returns in time was woken.
            "recheck_seconds": 30,
            "webhooks": {
                "urls": [receiver.url, receiver.failing_url],
                "secret": SECRET,
                "attempts": 2,
                "backoff_seconds": 0.01,
            },
        },
        gateway={"mcp": {"external": {"calls_per_minute": 2, "max_label": "General"}}},
    )
    built = await build_services(settings, clock=clock)
    try:
        yield built
    finally:
        await built.close()


async def _set_tool(control: httpx.AsyncClient, tool: str, **body: Any) -> dict[str, Any]:
    server, _, name = tool.partition(".")
    response = await control.patch(f"/api/v1/mcp-servers/{server}/tools/{name}", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def _until(condition: Any, timeout: float = 10.0) -> None:
    async def loop() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(loop(), timeout)


async def _audit(control: httpx.AsyncClient) -> list[dict[str, Any]]:
    return list((await control.get("/api/v1/audit?limit=1000")).json()["items"])


async def test_held_call_proceeds_once_approved(
    world: dict[str, Any], control: httpx.AsyncClient, services: Services, receiver: Receiver
) -> None:
    await _set_tool(control, REFUND, approval_wait_seconds=60)
    async with mcp_client(world["url"], world["inv"]) as client:
        call = asyncio.create_task(client.call_tool(REFUND, BIG))
        requested = await receiver.next_event("approval.requested")
        approval = requested["approval"]
        assert approval["tool"] == REFUND and approval["state"] == "pending"
        # Approvers get the digest, the label and a preview; the request is still open.
        assert len(approval["arguments_sha256"]) == 64 and approval["label"] == "General"
        assert "amount: 900" in requested["arguments_preview"]
        assert not call.done()
        decided = await control.post(
            f"/api/v1/approvals/{approval['id']}/approve", json={"approver": "cfo@example.com"}
        )
        assert decided.status_code == 200, decided.text
        # Woken by the decision, not by the 30 s recheck.
        result = await asyncio.wait_for(call, 10)
    assert result.content[0].text == "refunded 900 (damaged)"  # type: ignore[union-attr]
    assert (await receiver.next_event("approval.approved"))["approval"]["id"] == approval["id"]
    assert receiver.bad_signatures == 0
    await services.notifier.drain()  # type: ignore[union-attr]
    # The failing receiver was retried, and broke nothing.
    assert receiver.failures == 4  # two events × two attempts
    records = await _audit(control)
    webhooks = [r for r in records if r["action"] == "approval.webhook"]
    outcomes = {(r["data"]["url"].endswith("/hook"), r["data"]["delivered"]) for r in webhooks}
    assert outcomes == {(True, True), (False, False)}
    assert {"approval.request", "approval.approve", "approval.use"} <= {
        r["action"] for r in records
    }
    # The approval was used by the held call itself: it cannot be replayed.
    async with mcp_client(world["url"], world["inv"]) as client:
        with pytest.raises(MCPError) as replay:
            await client.call_tool(REFUND, BIG, meta={"ztai/approval": approval["id"]})
    assert error_code(replay.value) == "approval.invalid"


async def test_held_call_denied_timed_out_or_expired(
    world: dict[str, Any],
    control: httpx.AsyncClient,
    services: Services,
    receiver: Receiver,
    clock: FakeClock,
) -> None:
    await _set_tool(control, REFUND, approval_wait_seconds=60)
    async with mcp_client(world["url"], world["inv"]) as client:
        call = asyncio.create_task(client.call_tool(REFUND, BIG))
        approval_id = (await receiver.next_event("approval.requested"))["approval"]["id"]
        await control.post(f"/api/v1/approvals/{approval_id}/deny", json={"note": "no"})
        with pytest.raises(MCPError) as denied:
            await asyncio.wait_for(call, 10)
        assert error_code(denied.value) == "approval.denied"

        # The hold ends undecided: approval.pending with the id, which stays usable.
        await _set_tool(control, REFUND, approval_wait_seconds=1)
        with pytest.raises(MCPError) as pending:
            await client.call_tool(REFUND, BIG)
        assert error_code(pending.value) == "approval.pending"
        approval_id = pending.value.data["approval_id"]
        await control.post(
            f"/api/v1/approvals/{approval_id}/approve", json={"approver": "cfo@example.com"}
        )
        done = await client.call_tool(REFUND, BIG, meta={"ztai/approval": approval_id})
        assert done.content[0].text == "refunded 900 (damaged)"  # type: ignore[union-attr]
        # Expired while held (past the token's life too, so last): the next look at the
        # approval ends the hold.
        await _set_tool(control, REFUND, approval_wait_seconds=60)
        receiver.received.clear()
        call = asyncio.create_task(client.call_tool(REFUND, {**BIG, "amount": 901}))
        approval_id = (await receiver.next_event("approval.requested"))["approval"]["id"]
        clock.advance(901)
        services.approvals.waiter.wake(approval_id)
        with pytest.raises(MCPError) as expired:
            await asyncio.wait_for(call, 10)
        assert error_code(expired.value) == "approval.expired"
        assert (await receiver.next_event("approval.expired"))["approval"]["id"] == approval_id

    reasons = {tuple(r["reasons"]) for r in await _audit(control) if r["decision"] == "deny"}
    assert {("approval.denied",), ("approval.expired",), ("approval.pending",)} <= reasons


async def test_holds_are_capped_and_released_on_disconnect(
    world: dict[str, Any], control: httpx.AsyncClient, services: Services, receiver: Receiver
) -> None:
    await _set_tool(control, REFUND, approval_wait_seconds=60)
    inv_agent = next(
        a["id"]
        for a in (await control.get("/api/v1/agents")).json()["items"]
        if a["name"] == "invoice-agent"
    )
    waiter = services.approvals.waiter

    async def held_call() -> None:
        async with mcp_client(world["url"], world["inv"]) as client:
            await client.call_tool(REFUND, BIG)

    first = asyncio.create_task(held_call())
    await _until(lambda: waiter.held(inv_agent) == 1)
    # The cap (1 in these settings) is reached: the next call is answered at once.
    async with mcp_client(world["url"], world["inv"]) as client:
        with pytest.raises(MCPError) as at_once:
            await asyncio.wait_for(client.call_tool(REFUND, {**BIG, "amount": 700}), 10)
    assert error_code(at_once.value) == "approval.pending"
    # The client of the held call goes away: its hold is released.
    first.cancel()
    await _until(lambda: waiter.held(inv_agent) == 0)
    # At shutdown every held call is answered at once, with the id to retry with.
    async with mcp_client(world["url"], world["inv"]) as client:
        call = asyncio.create_task(client.call_tool(REFUND, {**BIG, "amount": 600}))
        await _until(lambda: waiter.held(inv_agent) == 1)
        waiter.release_all()
        with pytest.raises(MCPError) as released:
            await asyncio.wait_for(call, 10)
    assert error_code(released.value) == "approval.pending"


async def test_approvers_cli(
    world: dict[str, Any],
    control: httpx.AsyncClient,
    services: Services,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await _set_tool(control, REFUND, approval_wait_seconds=60)
    monkeypatch.setenv("ZTAI_ADMIN_TOKEN", ADMIN_TOKEN)
    async with (
        serve_asgi(services.control_app()) as control_url,
        mcp_client(world["url"], world["inv"]) as client,
    ):
        call = asyncio.create_task(client.call_tool(REFUND, BIG))
        approval_id = (await receiver.next_event("approval.requested"))["approval"]["id"]

        def cli(*argv: str) -> int:
            return main(["approvals", "--url", control_url, *argv])

        assert await asyncio.to_thread(cli, "list", "--state", "pending") == 0
        assert approval_id in capsys.readouterr().out
        # The owner is refused (exit 1); another approver releases the held call.
        assert (
            await asyncio.to_thread(cli, "approve", approval_id, "--approver", "o@example.com") == 1
        )
        assert "approval.self_approval" in capsys.readouterr().out
        assert (
            await asyncio.to_thread(cli, "approve", approval_id, "--approver", "cfo@example.com")
            == 0
        )
        result = await asyncio.wait_for(call, 10)
    assert result.content[0].text == "refunded 900 (damaged)"  # type: ignore[union-attr]


async def test_fail_closed_when_the_approval_or_limits_store_fails(
    world: dict[str, Any],
    control: httpx.AsyncClient,
    services: Services,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def limits_down(*_: Any) -> None:
        raise LimitsUnavailable("usage limits store unreachable")

    async with mcp_client(world["url"], world["inv"]) as client:
        with monkeypatch.context() as patch:
            patch.setattr(services.limiter, "reserve_calls", limits_down)
            with pytest.raises(MCPError) as no_limits:
                await client.call_tool("finance.lookup_invoice", {"invoice_id": "17"})
        assert error_code(no_limits.value) == "limits.unavailable"

        await _set_tool(control, REFUND, approval_wait_seconds=60)
        call = asyncio.create_task(client.call_tool(REFUND, BIG))
        approval_id = (await receiver.next_event("approval.requested"))["approval"]["id"]
        await services.db.close()  # the approval store goes away while the call is held
        services.approvals.waiter.wake(approval_id)
        with pytest.raises(MCPError) as down:
            await asyncio.wait_for(call, 10)
    assert error_code(down.value) == "storage.unavailable"
    assert "Traceback" not in str(down.value)


async def test_undecided_approvals_expire_once(
    world: dict[str, Any],
    control: httpx.AsyncClient,
    services: Services,
    receiver: Receiver,
    clock: FakeClock,
) -> None:
    async with mcp_client(world["url"], world["inv"]) as client:
        with pytest.raises(MCPError) as pending:
            await client.call_tool(REFUND, BIG)  # answered at once (no hold configured)
    approval_id = pending.value.data["approval_id"]
    assert await services.approvals.sweep() == 0  # not due yet
    clock.advance(901)
    # Two sweeps (as two replicas would run them): the approval expires, announced once.
    assert await services.approvals.sweep() == 1
    assert await services.approvals.sweep() == 0
    expired = (await control.get("/api/v1/approvals?state=expired")).json()["items"]
    assert [a["id"] for a in expired] == [approval_id]
    assert (await receiver.next_event("approval.expired"))["approval"]["id"] == approval_id
    await services.notifier.drain()  # type: ignore[union-attr]
    assert [e["event"] for e in receiver.received].count("approval.expired") == 1
    late = await control.post(
        f"/api/v1/approvals/{approval_id}/approve", json={"approver": "cfo@example.com"}
    )
    assert late.status_code == 409 and late.json()["code"] == "approval.closed"
    assert "approval.expire" in {r["action"] for r in await _audit(control)}
