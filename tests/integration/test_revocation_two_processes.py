"""G5 across replicas: a change made through one `ztai serve` stops tokens on another
within 1 s — through the Redis fan-out, and through database polling alone."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.process import (
    ADMIN_TOKEN,
    MASTER_KEY,
    REDIS_URL,
    ZtaiProcess,
    cleanup,
    http_client,
    require_redis,
    server_env,
)

pytestmark = pytest.mark.integration

REVOCATION_DEADLINE = 1.0  # the product guarantee, measured from the API call's return
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


class Replicas:
    """Process A takes the admin calls; process B only verifies tokens."""

    def __init__(self, a: ZtaiProcess, b: ZtaiProcess, client: httpx.Client) -> None:
        self.a, self.b, self.client = a, b, client

    def admin(self, method: str, path: str, json: Any = None, status: int = 200) -> Any:
        response = self.client.request(method, f"{self.a.control}{path}", json=json, headers=ADMIN)
        assert response.status_code == status, response.text
        return response.json() if response.content else None

    def token(self, process: ZtaiProcess, credential: dict[str, str]) -> str:
        response = self.client.post(
            f"{process.gateway}/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": credential["client_id"],
                "client_secret": credential["client_secret"],
            },
        )
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    def whoami(self, process: ZtaiProcess, token: str) -> httpx.Response:
        return self.client.get(
            f"{process.gateway}/v1/whoami", headers={"Authorization": f"Bearer {token}"}
        )

    def seconds_until(self, process: ZtaiProcess, token: str, status: int) -> float:
        """Poll whoami on `process` until it answers `status`; the seconds that took."""
        started = time.monotonic()
        while True:
            response = self.whoami(process, token)
            elapsed = time.monotonic() - started
            if response.status_code == status:
                return elapsed
            assert response.status_code in {200, 401}, response.text
            if elapsed > 10 * REVOCATION_DEADLINE:
                raise AssertionError(f"still {response.status_code} after {elapsed:.1f}s")


@pytest.fixture(params=["redis-fanout", "polling"])
def replica_env(request: pytest.FixtureRequest, postgres_url: str) -> dict[str, str]:
    extra = {
        "ZTAI_DATABASE_URL": postgres_url,
        "ZTAI_ADMIN_TOKEN": ADMIN_TOKEN,
        "ZTAI_MASTER_KEY": MASTER_KEY,
    }
    if request.param == "redis-fanout":
        require_redis()
        extra["ZTAI_REDIS_URL"] = REDIS_URL
    return server_env(**extra)


def test_revocation_reaches_the_other_replica_within_one_second(
    replica_env: dict[str, str], tmp_path: Path
) -> None:
    with cleanup() as running, http_client() as client:
        # Both start at once on an empty schema: migrations and key creation race.
        a = ZtaiProcess(["serve", "--data-dir", str(tmp_path / "a")], replica_env, tmp_path / "a")
        b = ZtaiProcess(["serve", "--data-dir", str(tmp_path / "b")], replica_env, tmp_path / "b")
        running += [a, b]
        a.wait_ready()
        b.wait_ready()
        r = Replicas(a, b, client)

        agent = r.admin(
            "POST",
            "/api/v1/agents",
            {"name": "replicated", "owner": "o@x.org", "sponsor": "s@x.org"},
            status=201,
        )
        agent_id = agent["id"]
        r.admin("POST", f"/api/v1/agents/{agent_id}/activate")
        credential = r.admin(
            "POST", f"/api/v1/agents/{agent_id}/credentials", {"type": "client_secret"}, 201
        )
        token = r.token(a, credential)
        # B learns of the activation at its next refresh (no deadline for granting access).
        r.seconds_until(b, token, 200)
        assert r.whoami(b, token).json()["agent_id"] == agent_id
        assert r.whoami(a, r.token(b, credential)).status_code == 200  # either way round

        # (a) suspend through A: B refuses the same token within 1 s.
        r.admin("POST", f"/api/v1/agents/{agent_id}/suspend", {"reason": "incident"})
        assert r.seconds_until(b, token, 401) < REVOCATION_DEADLINE
        assert r.whoami(a, token).status_code == 401
        assert r.whoami(b, token).json()["code"] == "auth.invalid_token"

        # (b) reactivate, new token; deleting the credential through A stops it on B.
        r.admin("POST", f"/api/v1/agents/{agent_id}/activate")
        fresh = r.token(a, credential)
        r.seconds_until(b, fresh, 200)  # reactivation has no deadline; just wait for it
        r.admin(
            "DELETE",
            f"/api/v1/agents/{agent_id}/credentials/{credential['credential_id']}",
            status=204,
        )
        assert r.seconds_until(b, fresh, 401) < REVOCATION_DEADLINE
        refused = client.post(
            f"{b.gateway}/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": credential["client_id"],
                "client_secret": credential["client_secret"],
            },
        )
        assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"

        # Retire: terminal, and B refuses within 1 s as well.
        second = r.admin(
            "POST", f"/api/v1/agents/{agent_id}/credentials", {"type": "client_secret"}, 201
        )
        last = r.token(b, second)
        r.seconds_until(b, last, 200)
        r.admin("POST", f"/api/v1/agents/{agent_id}/retire", {"reason": "decommissioned"})
        assert r.seconds_until(b, last, 401) < REVOCATION_DEADLINE
        assert r.whoami(a, last).status_code == 401

        assert a.terminate() == 0
        assert b.terminate() == 0
