"""Privilege-escalation attempts: every one is refused and leaves a deny record."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from tests.policy.conftest import decide
from tests.support.agents import agent_with_token
from tests.support.clock import FakeClock
from ztai.bootstrap import Services

Attempt = Callable[[], Awaitable[bool]]  # True when the attempt was refused

INJECTIONS = [
    'x" || true || "',
    'agt_1", action, resource); permit(principal',
    "agt_1\\",
    'Role::"invoice-processing"',
    "' OR 1=1 --",
    "agt_\u202eevil",
    "../../etc/passwd",
    "*",
    "",  # empty
    "a" * 600,
]


async def _denies(control: httpx.AsyncClient) -> int:
    items = (await control.get("/api/v1/audit?decision=deny&limit=1000")).json()["items"]
    return len(items)


def _refused(response: httpx.Response) -> bool:
    return 400 <= response.status_code < 500


@pytest.fixture
async def world(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, demo_policy: None
) -> dict[str, Any]:
    inv, _, inv_token = await agent_with_token(control, gateway, "invoice-agent")
    hr, _, _ = await agent_with_token(control, gateway, "hr-assistant")
    await control.post(
        f"/api/v1/agents/{inv['id']}/grants",
        json={"role": "invoice-processing", "justification": "finance"},
    )
    await control.post(
        f"/api/v1/agents/{hr['id']}/grants", json={"role": "hr-support", "justification": "hr"}
    )
    await control.patch(f"/api/v1/agents/{hr['id']}", json={"clearance": "Highly Confidential"})
    retired = (
        await control.post("/api/v1/agents", json={"name": "old-bot", "owner": "o", "sponsor": "s"})
    ).json()
    await control.post(f"/api/v1/agents/{retired['id']}/retire", json={"reason": "gone"})
    return {"inv": inv["id"], "hr": hr["id"], "token": inv_token, "retired": retired["id"]}


async def test_escalation_attempts_are_denied_and_audited(
    control: httpx.AsyncClient,
    gateway: httpx.AsyncClient,
    services: Services,
    clock: FakeClock,
    world: dict[str, Any],
) -> None:
    inv, hr, token, retired = world["inv"], world["hr"], world["token"], world["retired"]
    as_agent = {"Authorization": f"Bearer {token}"}
    attempts: list[tuple[str, Attempt]] = []

    def api(
        name: str, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        async def run() -> bool:
            response = await control.request(method, path, headers=headers, **kwargs)
            return _refused(response)

        attempts.append((name, run))

    def decision(
        name: str,
        agent: str,
        action: str,
        rtype: str,
        rid: str,
        context: dict[str, Any] | None = None,
        expect: str = "deny",
    ) -> None:
        async def run() -> bool:
            response = await control.post(
                "/api/v1/decisions",
                json={
                    "principal": {"type": "Agent", "id": agent},
                    "action": action,
                    "resource": {"type": rtype, "id": rid},
                    "context": context or {},
                },
            )
            if _refused(response):
                return True
            return bool(
                response.json()["decision"] == "deny"
                and response.json()["outcome"] in {expect, "deny"}
            )

        attempts.append((name, run))

    # A. An agent's own token on the control plane (self-granting, self-healing risk, ...).
    grant_body = {"role": "hr-support", "justification": "I need it"}
    for method, path, body in [
        ("POST", f"/api/v1/agents/{inv}/grants", grant_body),
        ("PUT", "/api/v1/policies/mine", None),
        ("PATCH", f"/api/v1/agents/{inv}", {"risk_level": "low"}),
        ("PATCH", f"/api/v1/agents/{inv}", {"clearance": "Highly Confidential"}),
        ("POST", f"/api/v1/agents/{inv}/credentials", {"type": "client_secret"}),
        ("POST", f"/api/v1/agents/{retired}/activate", None),
        ("PUT", "/api/v1/data-sources/hr-records", {"label": "Public", "owner": "me"}),
        ("POST", "/api/v1/signing-keys/rotate", None),
        ("POST", "/api/v1/agents", {"name": "shadow", "owner": "o", "sponsor": "s"}),
        ("DELETE", "/api/v1/policies/demo", None),
    ]:
        api(f"agent token {method} {path}", method, path, headers=as_agent, json=body)

    # B. Grant abuse through the admin API: each is refused (and the refusal audited).
    for name, agent_id, body in [
        ("grant to a retired agent", retired, {"role": "hr-support", "justification": "x y z"}),
        ("grant of an unknown role", inv, {"role": "superuser", "justification": "x y z"}),
        (
            "grant expiring in the past",
            inv,
            {"role": "hr-support", "justification": "x y z", "expires_at": "2020-01-01T00:00:00Z"},
        ),
        ("grant without justification", inv, {"role": "hr-support", "justification": " "}),
        (
            "grant with a naive expiry",
            inv,
            {"role": "hr-support", "justification": "x y z", "expires_at": "2030-01-01T00:00:00"},
        ),
        ("grant role injection", inv, {"role": 'hr" || true || "', "justification": "x y z"}),
        ("grant role wildcard", inv, {"role": "*", "justification": "x y z"}),
        ("grant to an unknown agent", "agt_nobody", {"role": "hr-support", "justification": "x"}),
        (
            "grant with extra fields",
            inv,
            {"role": "hr-support", "justification": "x y z", "approved_by": "ceo"},
        ),
    ]:
        api(name, "POST", f"/api/v1/agents/{agent_id}/grants", json=body)

    # C. Decisions that must be refused.
    decision("invoice agent reads HR records", inv, "data.read", "DataSource", "hr-records")
    decision("invoice agent reads the HR handbook", inv, "data.read", "DataSource", "hr-handbook")
    decision(
        "HR agent issues refunds",
        hr,
        "mcp.tools.call",
        "Tool",
        "finance.issue_refund",
        {"arguments": {"amount": 5, "reason_code": "damaged"}},
    )
    decision(
        "clearance spoofed in context",
        inv,
        "data.read",
        "DataSource",
        "hr-records",
        {"clearance": 3, "label": 0},
    )
    decision("risk spoofed low", inv, "data.read", "DataSource", "hr-records", {"risk": 0})
    decision(
        "approval claimed in context",
        inv,
        "mcp.tools.call",
        "Tool",
        "finance.issue_refund",
        {"arguments": {"amount": 5000, "reason_code": "damaged"}, "approval": "approved"},
        expect="needs_approval",
    )
    decision(
        "refund with a text amount",
        inv,
        "mcp.tools.call",
        "Tool",
        "finance.issue_refund",
        {"arguments": {"amount": "1", "reason_code": "damaged"}},
    )
    decision(
        "refund with a float amount",
        inv,
        "mcp.tools.call",
        "Tool",
        "finance.issue_refund",
        {"arguments": {"amount": 1.5, "reason_code": "damaged"}},
    )
    decision(
        "refund with a list amount",
        inv,
        "mcp.tools.call",
        "Tool",
        "finance.issue_refund",
        {"arguments": {"amount": [1], "reason_code": "damaged"}},
    )
    decision(
        "refund with a bad reason",
        inv,
        "mcp.tools.call",
        "Tool",
        "finance.issue_refund",
        {"arguments": {"amount": 1, "reason_code": "DAMAGED"}},
    )
    decision(
        "refund tool of another server",
        inv,
        "mcp.tools.call",
        "Tool",
        "payment.issue_refund",
        {"arguments": {"amount": 1, "reason_code": "damaged"}},
    )
    decision("unapproved model", inv, "llm.chat", "Model", "gpt-unapproved")
    decision("instruct another agent", inv, "agent.instruct", "Agent", hr)
    decision("retired agent chats", retired, "llm.chat", "Model", "gpt-test")
    decision(
        "role name as principal",
        inv.replace(inv, "invoice-processing"),
        "llm.chat",
        "Model",
        "gpt-test",
    )
    for n, bad in enumerate(INJECTIONS):
        decision(f"principal id injection {n}", bad, "llm.chat", "Model", "gpt-test")
        decision(f"resource id injection {n}", inv, "data.read", "DataSource", bad)
        decision(
            f"tool id injection {n}",
            inv,
            "mcp.tools.call",
            "Tool",
            bad,
            {"arguments": {"amount": 1, "reason_code": "damaged"}},
        )
    for name, body in [
        (
            "principal typed as a Role",
            {
                "principal": {"type": "Role", "id": "hr-support"},
                "action": "llm.chat",
                "resource": {"type": "Model", "id": "gpt-test"},
            },
        ),
        (
            "action/resource type mismatch",
            {
                "principal": {"type": "Agent", "id": inv},
                "action": "llm.chat",
                "resource": {"type": "Tool", "id": "gpt-test"},
            },
        ),
        (
            "unknown action",
            {
                "principal": {"type": "Agent", "id": inv},
                "action": "admin.all",
                "resource": {"type": "Model", "id": "gpt-test"},
            },
        ),
        (
            "context too deep",
            {
                "principal": {"type": "Agent", "id": inv},
                "action": "llm.chat",
                "resource": {"type": "Model", "id": "gpt-test"},
                "context": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": {"j": 1}}}}}}}}}},
            },
        ),
        (
            "source_ip not an address",
            {
                "principal": {"type": "Agent", "id": inv},
                "action": "llm.chat",
                "resource": {"type": "Model", "id": "gpt-test"},
                "context": {"source_ip": "10.0.0.1/8"},
            },
        ),
    ]:
        api(name, "POST", "/api/v1/decisions", json=body)

    # D. Expired and revoked grants reused; suspended agents.
    async def expired_grant() -> bool:
        await control.post(
            f"/api/v1/agents/{inv}/grants",
            json={
                "role": "hr-support",
                "justification": "ticket 7",
                "expires_at": "2027-01-15T08:10:00Z",
            },
        )
        live = await decide(control, inv, "data.read", "DataSource", "hr-handbook")
        assert live["decision"] == "allow"
        clock.advance(601)
        await services.view.sync()
        await services.authz_view.sync()
        d = await decide(control, inv, "data.read", "DataSource", "hr-handbook")
        return d["decision"] == "deny"

    attempts.append(("expired grant reused", expired_grant))

    async def revoked_grant() -> bool:
        grant = (
            await control.post(
                f"/api/v1/agents/{inv}/grants",
                json={"role": "hr-support", "justification": "ticket 8"},
            )
        ).json()
        await control.delete(f"/api/v1/agents/{inv}/grants/{grant['id']}")
        d = await decide(control, inv, "data.read", "DataSource", "hr-handbook")
        return d["decision"] == "deny"

    attempts.append(("revoked grant reused", revoked_grant))

    async def suspended_agent() -> bool:
        await control.post(f"/api/v1/agents/{hr}/suspend", json={"reason": "incident"})
        d = await decide(control, hr, "data.read", "DataSource", "hr-records")
        return d["decision"] == "deny" and d["errors"] == ["principal.suspended"]

    attempts.append(("suspended agent reads", suspended_agent))

    assert len(attempts) >= 60
    failures = []
    for name, attempt in attempts:
        before = await _denies(control)
        refused = await attempt()
        after = await _denies(control)
        if not refused or after <= before:
            failures.append((name, refused, after - before))
    assert not failures, failures
