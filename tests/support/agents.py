"""Test helpers that go through the public API, as a user would."""

from __future__ import annotations

from typing import Any

import httpx


async def active_agent(control: httpx.AsyncClient, name: str = "invoice-agent") -> dict[str, Any]:
    created = await control.post(
        "/api/v1/agents",
        json={
            "name": name,
            "description": "test",
            "owner": "o@example.com",
            "sponsor": "s@example.com",
        },
    )
    assert created.status_code == 201, created.text
    agent_id = created.json()["id"]
    activated = await control.post(f"/api/v1/agents/{agent_id}/activate")
    assert activated.status_code == 200, activated.text
    return dict(activated.json())


async def secret_credential(control: httpx.AsyncClient, agent_id: str) -> dict[str, Any]:
    response = await control.post(
        f"/api/v1/agents/{agent_id}/credentials", json={"type": "client_secret"}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def token_for(gateway: httpx.AsyncClient, credential: dict[str, Any]) -> str:
    response = await gateway.post(
        "/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_id": credential["client_id"],
            "client_secret": credential["client_secret"],
        },
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


async def agent_with_token(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, name: str = "invoice-agent"
) -> tuple[dict[str, Any], dict[str, Any], str]:
    agent = await active_agent(control, name)
    credential = await secret_credential(control, agent["id"])
    return agent, credential, await token_for(gateway, credential)
