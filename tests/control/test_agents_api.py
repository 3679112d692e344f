"""The registry API: create, list, lifecycle, and every refusal path."""

from __future__ import annotations

import httpx
import pytest

from tests.support.agents import active_agent

VALID = {"name": "hr-assistant", "description": "d", "owner": "o@x.org", "sponsor": "s@x.org"}


async def test_create_returns_provisioned_agent(control: httpx.AsyncClient) -> None:
    response = await control.post("/api/v1/agents", json={**VALID, "tags": ["hr"]})
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "provisioned"
    assert body["owner"] == "o@x.org" and body["sponsor"] == "s@x.org"
    assert body["tags"] == ["hr"] and body["environment"] == "production"
    assert body["id"].startswith("agt_") and body["created_at"].endswith("Z")
    fetched = await control.get(f"/api/v1/agents/{body['id']}")
    assert fetched.json() == body


@pytest.mark.parametrize("missing", ["owner", "sponsor", "name"])
async def test_missing_owner_or_sponsor_is_422(control: httpx.AsyncClient, missing: str) -> None:
    body = {k: v for k, v in VALID.items() if k != missing}
    response = await control.post("/api/v1/agents", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "request.validation"
    assert (await control.get("/api/v1/agents")).json()["items"] == []


@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        (b'{"name": "x",', {"content-type": "application/json"}, 400, "request.malformed_json"),
        (b"\xff\xfe", {"content-type": "application/json"}, 400, "request.malformed_json"),
        (b'{"name": NaN}', {"content-type": "application/json"}, 400, "request.malformed_json"),
        (b"[]", {"content-type": "application/json"}, 422, "request.validation"),
        (
            b'{"name": "a", "owner": "o", "sponsor": "s", "admin": true}',
            {"content-type": "application/json"},
            422,
            "request.validation",
        ),
        (
            b'{"name": 5, "owner": "o", "sponsor": "s"}',
            {"content-type": "application/json"},
            422,
            "request.validation",
        ),
        (
            b'{"name": "a", "owner": "   ", "sponsor": "s"}',
            {"content-type": "application/json"},
            422,
            "request.validation",
        ),
        (
            b"name=a",
            {"content-type": "application/x-www-form-urlencoded"},
            415,
            "request.unsupported_media",
        ),
        (
            b'{"name":"' + b"a" * 2_000_000 + b'"}',
            {"content-type": "application/json"},
            413,
            "request.too_large",
        ),
    ],
)
async def test_bad_bodies_get_clear_4xx_and_store_nothing(
    control: httpx.AsyncClient, body: bytes, headers: dict[str, str], status: int, code: str
) -> None:
    response = await control.post("/api/v1/agents", content=body, headers=headers)
    assert response.status_code == status, response.text
    problem = response.json()
    assert problem["code"] == code and problem["status"] == status
    assert set(problem) >= {"type", "title", "status", "detail", "code"}
    assert (await control.get("/api/v1/agents")).json()["items"] == []


async def test_duplicate_name_is_409(control: httpx.AsyncClient) -> None:
    assert (await control.post("/api/v1/agents", json=VALID)).status_code == 201
    again = await control.post("/api/v1/agents", json=VALID)
    assert again.status_code == 409 and again.json()["code"] == "registry.duplicate_name"


async def test_admin_token_required(control: httpx.AsyncClient) -> None:
    for headers in (
        {"Authorization": ""},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": "Basic abc"},
    ):
        response = await control.get("/api/v1/agents", headers=headers)
        assert response.status_code == 401
        assert response.json()["code"] in {"auth.missing_token", "auth.invalid_token"}
    audit = (await control.get("/api/v1/audit?action=admin.authenticate")).json()["items"]
    assert audit and all(r["decision"] == "deny" and r["actor"] == "unknown" for r in audit)
    assert all("wrong-token" not in str(r) for r in audit)


LIFECYCLE = [
    # (path of moves from provisioned, final state or the failing move's status)
    (["activate"], "active"),
    (["activate", "suspend"], "suspended"),
    (["activate", "suspend", "activate"], "active"),
    (["retire"], "retired"),
    (["activate", "retire"], "retired"),
    (["activate", "suspend", "retire"], "retired"),
    (["suspend"], 409),
    (["activate", "activate"], 409),
    (["activate", "suspend", "suspend"], 409),
    (["retire", "activate"], 409),
    (["retire", "suspend"], 409),
    (["retire", "retire"], 409),
]


@pytest.mark.parametrize(("moves", "outcome"), LIFECYCLE)
async def test_lifecycle_state_machine(
    control: httpx.AsyncClient, moves: list[str], outcome: str | int
) -> None:
    agent_id = (await control.post("/api/v1/agents", json=VALID)).json()["id"]
    response = None
    for move in moves:
        response = await control.post(
            f"/api/v1/agents/{agent_id}/{move}", json={"reason": f"test {move}"}
        )
        if response.status_code != 200:
            break
    assert response is not None
    if isinstance(outcome, int):
        assert response.status_code == outcome
        assert response.json()["code"] == "registry.invalid_transition"
        denied = (await control.get(f"/api/v1/audit?agent_id={agent_id}&decision=deny")).json()
        assert denied["items"][0]["reasons"] == ["registry.invalid_transition"]
    else:
        assert response.status_code == 200 and response.json()["state"] == outcome


async def test_every_change_is_audited_with_its_actor(control: httpx.AsyncClient) -> None:
    agent = await active_agent(control)
    await control.post(f"/api/v1/agents/{agent['id']}/suspend", json={"reason": "review"})
    items = (await control.get(f"/api/v1/audit?agent_id={agent['id']}")).json()["items"]
    actions = [r["action"] for r in reversed(items)]
    assert actions == ["agent.create", "agent.activate", "agent.suspend"]
    assert {r["actor"] for r in items} == {"admin:bootstrap"}
    assert items[0]["data"] == {"from": "active", "to": "suspended", "reason": "review"}


async def test_list_filters_by_state_and_owner(control: httpx.AsyncClient) -> None:
    await active_agent(control, "a1")
    await control.post("/api/v1/agents", json={**VALID, "name": "a2", "owner": "other@x.org"})
    active = (await control.get("/api/v1/agents?state=active")).json()["items"]
    assert [a["name"] for a in active] == ["a1"]
    others = (await control.get("/api/v1/agents?owner=other@x.org")).json()["items"]
    assert [a["name"] for a in others] == ["a2"]
    bad = await control.get("/api/v1/agents?state=sleeping")
    assert bad.status_code == 422
    assert (await control.get("/api/v1/agents?color=red")).status_code == 422


async def test_unknown_agent_and_route(control: httpx.AsyncClient) -> None:
    missing = await control.get("/api/v1/agents/agt_nope")
    assert missing.status_code == 404 and missing.json()["code"] == "registry.agent_not_found"
    assert (await control.post("/api/v1/agents/agt_nope/activate")).status_code == 404
    nowhere = await control.get("/api/v1/nowhere")
    assert nowhere.status_code == 404 and nowhere.json()["code"] == "request.not_found"
    wrong_method = await control.put("/api/v1/agents")
    assert wrong_method.status_code == 405
