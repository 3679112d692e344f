"""Fixtures for policy tests: the demo bundle loaded through the API."""

from __future__ import annotations

from importlib import resources
from typing import Any

import httpx
import pytest

DEMO_POLICY = resources.files("ztai.cli").joinpath("demo_policy.yaml").read_text()


async def put_policy(
    control: httpx.AsyncClient, name: str, body: str, kind: str = "application/yaml"
) -> httpx.Response:
    return await control.put(
        f"/api/v1/policies/{name}", content=body.encode(), headers={"content-type": kind}
    )


async def decide(
    control: httpx.AsyncClient,
    agent_id: str,
    action: str,
    rtype: str,
    rid: str,
    context: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    response = await control.post(
        "/api/v1/decisions",
        json={
            "principal": {"type": "Agent", "id": agent_id},
            "action": action,
            "resource": {"type": rtype, "id": rid},
            "context": context or {},
            **extra,
        },
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


@pytest.fixture
async def demo_policy(control: httpx.AsyncClient) -> None:
    response = await put_policy(control, "demo", DEMO_POLICY)
    assert response.status_code == 200, response.text
    for source, label in (
        ("invoices", "Confidential"),
        ("hr-records", "Highly Confidential"),
        ("hr-handbook", "General"),
    ):
        put = await control.put(
            f"/api/v1/data-sources/{source}", json={"label": label, "owner": "o@example.com"}
        )
        assert put.status_code == 200, put.text
