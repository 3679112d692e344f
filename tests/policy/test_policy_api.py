"""Policy lifecycle over the API: validate, test, activate, keep versions, never half-apply."""

from __future__ import annotations

import httpx
import pytest

from tests.policy.conftest import DEMO_POLICY, decide, put_policy
from tests.support.agents import active_agent
from tests.support.clock import FakeClock
from ztai.bootstrap import Services

CEDAR_OK = """@id("chat")
permit (principal in Role::"chatter", action == Action::"llm.chat", resource == Model::"m1");
"""


async def test_put_cedar_and_yaml(control: httpx.AsyncClient) -> None:
    cedar = await put_policy(control, "chat", CEDAR_OK, "text/x-cedar")
    assert cedar.status_code == 200, cedar.text
    assert cedar.json()["policies"] == ["chat.chat"] and cedar.json()["version"] == 1
    yaml = await put_policy(control, "demo", DEMO_POLICY)
    assert yaml.status_code == 200, yaml.text
    listed = (await control.get("/api/v1/policies")).json()
    assert [p["name"] for p in listed["items"]] == ["chat", "demo"]
    assert {"chatter", "invoice-processing", "hr-support"} <= set(listed["roles"])


@pytest.mark.parametrize(
    ("body", "kind", "line", "fragment"),
    [
        (
            "permit(principal, action, resource);\npermit(principal, actio, resource);",
            "text/x-cedar",
            2,
            "syntax",
        ),
        (
            'permit(principal, action == Action::"llm.chat", resource) when { 1 + };',
            "text/x-cedar",
            1,
            "syntax",
        ),
        (
            'permit(principal, action == Action::"llm.chat", resource is Tool);',
            "text/x-cedar",
            1,
            "schema",
        ),
        ("permit(principal is Pirate, action, resource);", "text/x-cedar", 1, "schema"),
        (
            'permit(principal, action == Action::"llm.chat", resource) when { context.nope };',
            "text/x-cedar",
            1,
            "schema",
        ),
        ("roles: {r: {permissions: [{action: fly}]}}", "application/yaml", None, "action"),
        ("roles:\n  r: [\n", "application/yaml", 3, "YAML"),
        (
            "roles: {r: {permissions: [{action: data.read, labels_up_to: Secret}]}}",
            "application/yaml",
            None,
            "label",
        ),
        ("rolez: {}", "application/yaml", None, "rolez"),
        ("", "text/x-cedar", None, "no policy"),
    ],
)
async def test_bad_policies_are_422_with_the_line_and_nothing_changes(
    control: httpx.AsyncClient, body: str, kind: str, line: int | None, fragment: str
) -> None:
    assert (await put_policy(control, "chat", CEDAR_OK, "text/x-cedar")).status_code == 200
    response = await put_policy(control, "chat", body, kind)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "policy.invalid"
    assert any(
        fragment.lower() in p["message"].lower() or fragment in str(p.get("path"))
        for p in problem["problems"]
    ), problem
    if line is not None:
        assert problem["problems"][0]["line"] == line
    current = (await control.get("/api/v1/policies/chat")).json()
    assert current["version"] == 1 and current["cedar"] == CEDAR_OK


async def test_failing_bundle_tests_block_activation(control: httpx.AsyncClient) -> None:
    broken = DEMO_POLICY.replace("arguments.amount: {lte: 500}", "arguments.amount: {lte: 5000}")
    response = await put_policy(control, "demo", broken)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "policy.tests_failed"
    assert "refund over the limit needs approval" in body["problems"][0]["message"]
    assert (await control.get("/api/v1/policies")).json()["items"] == []


async def test_versions_are_kept_and_delete_deactivates(control: httpx.AsyncClient) -> None:
    await put_policy(control, "chat", CEDAR_OK, "text/x-cedar")
    second = CEDAR_OK.replace('"m1"', '"m2"')
    assert (await put_policy(control, "chat", second, "text/x-cedar")).json()["version"] == 2
    detail = (await control.get("/api/v1/policies/chat")).json()
    assert [v["version"] for v in detail["versions"]] == [2, 1]
    assert [v["active"] for v in detail["versions"]] == [True, False]
    assert (await control.delete("/api/v1/policies/chat")).status_code == 204
    assert (await control.delete("/api/v1/policies/chat")).status_code == 404
    audit = (await control.get("/api/v1/audit?action=policy.put")).json()["items"]
    assert [r["data"]["version"] for r in audit] == [2, 1]


async def test_wrong_content_type_and_bad_names(control: httpx.AsyncClient) -> None:
    assert (await put_policy(control, "x", CEDAR_OK, "text/plain")).status_code == 415
    assert (await put_policy(control, "Bad Name", CEDAR_OK, "text/x-cedar")).status_code in {
        404,
        422,
    }
    bad = await control.put(
        "/api/v1/policies/x", content=b"\xff\xfe", headers={"content-type": "text/x-cedar"}
    )
    assert bad.status_code == 400


async def test_lint_warnings(control: httpx.AsyncClient) -> None:
    broad = 'permit (principal, action == Action::"mcp.tools.call", resource);'
    response = await put_policy(control, "broad", broad, "text/x-cedar")
    assert response.status_code == 200
    codes = {w["code"] for w in response.json()["warnings"]}
    assert {"lint.any_principal", "lint.any_tool"} <= codes


async def test_no_policy_means_deny(control: httpx.AsyncClient) -> None:
    agent = await active_agent(control)
    decision = await decide(control, agent["id"], "llm.chat", "Model", "gpt-test")
    assert decision["decision"] == "deny" and decision["reasons"] == []
    assert decision["decision_id"].startswith("dec_")


async def test_decision_contract_and_explain(control: httpx.AsyncClient, demo_policy: None) -> None:
    agent = await active_agent(control)
    grant = await control.post(
        f"/api/v1/agents/{agent['id']}/grants",
        json={"role": "invoice-processing", "justification": "job function"},
    )
    assert grant.status_code == 201, grant.text
    response = await control.post(
        "/api/v1/decisions?explain=true",
        json={
            "principal": {"type": "Agent", "id": agent["id"]},
            "action": "mcp.tools.call",
            "resource": {"type": "Tool", "id": "finance.issue_refund"},
            "context": {"arguments": {"amount": 900, "reason_code": "damaged"}},
        },
    )
    body = response.json()
    assert body["decision"] == "deny" and body["outcome"] == "needs_approval"
    assert body["obligations"] == ["require_approval"]
    assert body["reasons"] == ["demo.role.invoice-processing.3.approval"]
    assert body["explanation"][0]["role"] == "invoice-processing"
    assert set(body) >= {"decision", "decision_id", "reasons", "errors", "policy_version"}
    record = (
        await control.get(f"/api/v1/audit?agent_id={agent['id']}&action=authz.mcp.tools.call")
    ).json()["items"][0]
    assert record["decision"] == "deny" and record["data"]["decision_id"] == body["decision_id"]
    assert record["data"]["outcome"] == "needs_approval"


async def test_time_bound_grant_expires_by_itself(
    control: httpx.AsyncClient, services: Services, clock: FakeClock, demo_policy: None
) -> None:
    agent = await active_agent(control)
    expires = "2027-01-15T09:00:00Z"  # the fake clock starts at 2027-01-15T08:00:00Z
    grant = await control.post(
        f"/api/v1/agents/{agent['id']}/grants",
        json={"role": "hr-support", "justification": "ticket HR-42", "expires_at": expires},
    )
    assert grant.status_code == 201, grant.text
    allowed = await decide(control, agent["id"], "data.read", "DataSource", "hr-handbook")
    assert allowed["decision"] == "allow" and allowed["roles"] == ["hr-support"]
    clock.advance(3600)  # exactly at expiry: no clean-up job ran
    await services.authz_view.sync()
    await services.view.sync()
    denied = await decide(control, agent["id"], "data.read", "DataSource", "hr-handbook")
    assert denied["decision"] == "deny"
    listed = (await control.get(f"/api/v1/agents/{agent['id']}/grants")).json()["items"]
    assert listed[0]["active"] is False


async def test_revoked_grant_grants_nothing(control: httpx.AsyncClient, demo_policy: None) -> None:
    agent = await active_agent(control)
    grant = (
        await control.post(
            f"/api/v1/agents/{agent['id']}/grants",
            json={"role": "hr-support", "justification": "temporary"},
        )
    ).json()
    assert (await decide(control, agent["id"], "data.read", "DataSource", "hr-handbook"))[
        "decision"
    ] == "allow"
    path = f"/api/v1/agents/{agent['id']}/grants/{grant['id']}"
    assert (await control.delete(path)).status_code == 204
    assert (await control.delete(path)).status_code == 404
    assert (await decide(control, agent["id"], "data.read", "DataSource", "hr-handbook"))[
        "decision"
    ] == "deny"


async def test_conditional_access_risk_and_clearance(
    control: httpx.AsyncClient, demo_policy: None
) -> None:
    agent = await active_agent(control)
    await control.post(
        f"/api/v1/agents/{agent['id']}/grants",
        json={"role": "hr-support", "justification": "HR bot"},
    )
    await control.post(
        f"/api/v1/agents/{agent['id']}/grants",
        json={"role": "invoice-processing", "justification": "finance"},
    )
    hr = await decide(control, agent["id"], "data.read", "DataSource", "hr-records")
    assert hr["decision"] == "deny" and "demo.forbid.above_clearance" in hr["reasons"]
    patched = await control.patch(
        f"/api/v1/agents/{agent['id']}", json={"clearance": "Highly Confidential"}
    )
    assert patched.status_code == 200 and patched.json()["clearance"] == "Highly Confidential"
    assert (await decide(control, agent["id"], "data.read", "DataSource", "hr-records"))[
        "decision"
    ] == "allow"
    refund = {"arguments": {"amount": 10, "reason_code": "damaged"}}
    assert (
        await decide(control, agent["id"], "mcp.tools.call", "Tool", "finance.issue_refund", refund)
    )["decision"] == "allow"
    await control.patch(f"/api/v1/agents/{agent['id']}", json={"risk_level": "high"})
    risky = await decide(
        control,
        agent["id"],
        "mcp.tools.call",
        "Tool",
        "finance.issue_refund",
        {**refund, "risk": 0},
    )  # a caller cannot lower the risk it is judged by
    assert risky["decision"] == "deny" and "demo.forbid.0" in risky["reasons"]


async def test_unregistered_data_source_is_most_sensitive(
    control: httpx.AsyncClient, demo_policy: None
) -> None:
    put = await put_policy(
        control,
        "open",
        'permit (principal, action == Action::"data.read", resource is DataSource);',
        "text/x-cedar",
    )
    assert put.status_code == 200
    agent = await active_agent(control)
    unknown = await decide(control, agent["id"], "data.read", "DataSource", "shadow-db")
    assert unknown["decision"] == "deny"


async def test_access_review(
    control: httpx.AsyncClient, services: Services, clock: FakeClock, demo_policy: None
) -> None:
    used = await active_agent(control, "used-agent")
    idle = await active_agent(control, "idle-agent")
    for agent in (used, idle):
        await control.post(
            f"/api/v1/agents/{agent['id']}/grants",
            json={"role": "invoice-processing", "justification": "finance"},
        )
    clock.advance(40 * 86400)
    await services.view.sync()
    await services.authz_view.sync()
    assert (await decide(control, used["id"], "llm.chat", "Model", "gpt-test"))[
        "decision"
    ] == "allow"
    items = (await control.get("/api/v1/access-review?unused_days=30")).json()["items"]
    by_agent = {i["agent_id"]: i for i in items}
    assert by_agent[used["id"]]["recommendation"] == "keep"
    assert by_agent[used["id"]]["last_used_at"] is not None
    assert by_agent[idle["id"]]["recommendation"] == "revoke"
    assert by_agent[idle["id"]]["last_used_at"] is None
    assert {"grant_id", "role"} <= set(by_agent[idle["id"]])
    assert (await control.get("/api/v1/access-review?unused_days=0")).status_code == 422


async def test_open_ended_grants_to_sensitive_data_are_flagged(
    control: httpx.AsyncClient, demo_policy: None
) -> None:
    agent = await active_agent(control)
    open_ended = await control.post(
        f"/api/v1/agents/{agent['id']}/grants",
        json={"role": "hr-support", "justification": "HR bot"},
    )
    codes = [w["code"] for w in open_ended.json()["warnings"]]
    assert codes == ["lint.open_ended_sensitive_grant"]
    bounded = await control.post(
        f"/api/v1/agents/{agent['id']}/grants",
        json={
            "role": "hr-support",
            "justification": "HR bot",
            "expires_at": "2027-02-01T00:00:00Z",
        },
    )
    assert "warnings" not in bounded.json()
    confidential = await control.post(
        f"/api/v1/agents/{agent['id']}/grants",
        json={"role": "invoice-processing", "justification": "x y"},
    )
    assert confidential.json()["warnings"] == [
        {
            "code": "lint.open_ended_sensitive_grant",
            "message": confidential.json()["warnings"][0]["message"],
        }
    ]


@pytest.mark.parametrize(
    ("expires_at", "fragment"),
    [
        ("9999-12-31T23:59:59-14:00", "ISO-8601"),  # past the calendar once made UTC
        ("2030-01-01T00:00:00", "time zone"),
        ("next tuesday", "ISO-8601"),
    ],
)
async def test_unusable_expiries_are_422(
    control: httpx.AsyncClient, demo_policy: None, expires_at: str, fragment: str
) -> None:
    agent = await active_agent(control)
    response = await control.post(
        f"/api/v1/agents/{agent['id']}/grants",
        json={"role": "hr-support", "justification": "x y z", "expires_at": expires_at},
    )
    assert response.status_code == 422, response.text
    assert fragment in response.json()["detail"]
