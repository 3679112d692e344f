"""G2/G3: when storage or audit cannot run, every change and every token is refused."""

from __future__ import annotations

import contextlib

import httpx

from tests.support.agents import agent_with_token
from tests.support.clock import FakeClock
from ztai.bootstrap import Services


async def test_storage_down_refuses_changes_with_503(
    control: httpx.AsyncClient, services: Services
) -> None:
    await services.db.close()
    response = await control.post(
        "/api/v1/agents", json={"name": "x", "owner": "o", "sponsor": "s"}
    )
    assert response.status_code == 503
    assert response.json()["code"] in {"storage.unavailable", "audit.unavailable"}
    assert "Traceback" not in response.text


async def test_audit_down_refuses_token_issuance(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, services: Services
) -> None:
    _, cred, _ = await agent_with_token(control, gateway)
    await services.audit.close()
    response = await gateway.post(
        "/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_id": cred["client_id"],
            "client_secret": cred["client_secret"],
        },
    )
    assert response.status_code == 503
    assert response.json()["code"] == "audit.unavailable"
    assert "access_token" not in response.text


async def test_revocation_feed_down_refuses_tokens(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, services: Services, clock: FakeClock
) -> None:
    _, _, token = await agent_with_token(control, gateway)
    await services.db.close()
    clock.advance(2)
    with contextlib.suppress(Exception):
        await services.view.sync()
    response = await gateway.get("/v1/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503
