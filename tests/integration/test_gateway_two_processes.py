"""The LLM gateway across replicas: two real `ztai serve` processes on one PostgreSQL and
one Redis share a single usage limit (5 requests a minute, whichever replica is asked) and
one envelope replay cache (a signed instruction offered to both at once is accepted once),
and suspending the agent through one replica stops its token on the other within 1 s (G5).

The upstream is the mock model server, run in this test process on loopback.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from tests.integration.process import (
    ADMIN_TOKEN,
    MASTER_KEY,
    ZtaiProcess,
    cleanup,
    require_redis,
    server_env,
)
from tests.policy.conftest import DEMO_POLICY
from tests.support.env import REDIS_URL
from tests.support.jwt import public_jwk
from ztai.cli import mock_llm
from ztai.sdk import instruction_block

pytestmark = pytest.mark.integration

LIMIT = 5  # gateway.limits.requests_per_minute in the config below
REQUESTS = 12  # alternating A, B, A, …: LIMIT succeed, the rest are refused
ENVELOPES = 6  # each offered to both replicas at once
REVOCATION_DEADLINE = 1.0  # seconds, measured from the suspend call's return
STARTUP = 90.0  # seconds for both cold starts at once on a small, busy machine
UPSTREAM_KEY = "sk-replicas-own-upstream-key"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
CONFIG = """\
upstreams:
  - name: mock
    base_url: http://127.0.0.1:{port}/v1
    api_key_env: MOCK_API_KEY
    trust: external
    models: [gpt-test]
gateway:
  limits:
    requests_per_minute: {limit}
"""


@pytest.fixture
async def upstream() -> AsyncIterator[tuple[mock_llm.MockState, int]]:
    state = mock_llm.MockState()
    runner, port = await mock_llm.start("127.0.0.1", 0, state)
    try:
        yield state, port
    finally:
        await runner.cleanup()


class Replicas:
    """Process A takes the admin calls; chat requests go to either."""

    def __init__(self, a: ZtaiProcess, b: ZtaiProcess, client: httpx.AsyncClient) -> None:
        self.a, self.b, self.client = a, b, client

    async def admin(self, method: str, path: str, json: Any = None, status: int = 200) -> Any:
        response = await self.client.request(
            method, f"{self.a.control}{path}", json=json, headers=ADMIN
        )
        assert response.status_code == status, response.text
        return response.json() if response.content else None

    async def put_policy(self) -> None:
        response = await self.client.put(
            f"{self.a.control}/api/v1/policies/demo",
            content=DEMO_POLICY.encode(),
            headers={**ADMIN, "content-type": "application/yaml"},
        )
        assert response.status_code == 200, response.text

    async def agent_with_token(self) -> tuple[str, str]:
        """A fresh agent (its id keys its own Redis counters) with the role, and a token."""
        name = f"llm-replica-{uuid.uuid4().hex[:10]}"
        agent = await self.admin(
            "POST",
            "/api/v1/agents",
            {"name": name, "description": "replicas", "owner": "o@x.org", "sponsor": "s@x.org"},
            status=201,
        )
        agent_id = agent["id"]
        await self.admin("POST", f"/api/v1/agents/{agent_id}/activate")
        credential = await self.admin(
            "POST", f"/api/v1/agents/{agent_id}/credentials", {"type": "client_secret"}, 201
        )
        await self.admin(
            "POST",
            f"/api/v1/agents/{agent_id}/grants",
            {"role": "invoice-processing", "justification": "replica test"},
            status=201,
        )
        response = await self.client.post(
            f"{self.a.gateway}/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": credential["client_id"],
                "client_secret": credential["client_secret"],
            },
        )
        assert response.status_code == 200, response.text
        return agent_id, str(response.json()["access_token"])

    async def orchestrator(self, worker: str) -> Any:
        """An agent allowed to instruct `worker`, with a registered key: a block signer."""
        name = f"orchestrator-{uuid.uuid4().hex[:10]}"
        orch = await self.admin(
            "POST",
            "/api/v1/agents",
            {"name": name, "description": "replicas", "owner": "o@x.org", "sponsor": "s@x.org"},
            status=201,
        )
        await self.admin("POST", f"/api/v1/agents/{orch['id']}/activate")
        key = ed25519.Ed25519PrivateKey.generate()
        path = f"/api/v1/agents/{orch['id']}/signing-keys"
        kid = (await self.admin("POST", path, {"jwk": public_jwk(key)}, status=201))["kid"]
        policy = (
            f'permit (principal == Agent::"{orch["id"]}", action == Action::"agent.instruct", '
            f'resource == Agent::"{worker}");'
        )
        response = await self.client.put(
            f"{self.a.control}/api/v1/policies/a2a",
            content=policy.encode(),
            headers={**ADMIN, "content-type": "text/x-cedar"},
        )
        assert response.status_code == 200, response.text

        def sign() -> str:
            return instruction_block(
                key, kid, iss=orch["id"], aud=worker, instruction="Look up invoice 17."
            )

        return sign

    async def offer(self, process: ZtaiProcess, token: str, block: str) -> dict[str, Any]:
        response = await self.client.post(
            f"{process.gateway}/v1/envelopes/verify",
            json={"text": block},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def until_instructed(self, process: ZtaiProcess, token: str, sign: Any) -> None:
        """Until `process` has seen the signer's key and policy (each try a fresh block)."""
        deadline = time.monotonic() + 10
        while not (await self.offer(process, token, sign()))["instructions"]:
            assert time.monotonic() < deadline, f"{process.gateway} never accepted a block"
            await asyncio.sleep(0.05)

    async def until_allowed(self, process: ZtaiProcess, token: str, timeout: float = 10) -> None:
        """Until `process` has seen the agent and its grant (GET /v1/models costs no quota)."""
        deadline = time.monotonic() + timeout
        while True:
            response = await self.client.get(
                f"{process.gateway}/v1/models", headers={"Authorization": f"Bearer {token}"}
            )
            if response.status_code == 200 and [m["id"] for m in response.json()["data"]] == [
                "gpt-test"
            ]:
                return
            assert time.monotonic() < deadline, (response.status_code, response.text)
            await asyncio.sleep(0.05)  # replication has no deadline to test here; poll gently

    async def chat(self, process: ZtaiProcess, token: str) -> httpx.Response:
        return await self.client.post(
            f"{process.gateway}/v1/chat/completions",
            json={"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]},
            headers={"Authorization": f"Bearer {token}"},
        )


def assert_rate_limited(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    assert int(response.headers["retry-after"]) > 0
    error = response.json()["error"]
    assert error["code"] == "limits.exceeded" and error["type"] == "rate_limit_exceeded"


async def test_one_limit_and_one_revocation_across_two_replicas(
    postgres_url: str, upstream: tuple[mock_llm.MockState, int], tmp_path: Path
) -> None:
    require_redis()
    state, port = upstream
    config = tmp_path / "ztai.yaml"
    config.write_text(CONFIG.format(port=port, limit=LIMIT))
    env = server_env(
        ZTAI_DATABASE_URL=postgres_url,
        ZTAI_REDIS_URL=REDIS_URL,
        ZTAI_ADMIN_TOKEN=ADMIN_TOKEN,
        ZTAI_MASTER_KEY=MASTER_KEY,
        MOCK_API_KEY=UPSTREAM_KEY,
    )
    with cleanup() as running:
        processes = []
        for name in ("a", "b"):
            command = ["serve", "--config", str(config), "--data-dir", str(tmp_path / name)]
            processes.append(ZtaiProcess(command, env, tmp_path / name))
            running.append(processes[-1])
        a, b = processes
        await asyncio.gather(*(asyncio.to_thread(p.wait_ready, STARTUP) for p in processes))
        async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
            r = Replicas(a, b, client)
            await r.put_policy()

            # One limit for both replicas. The limit counts fixed one-minute windows, so a
            # burst that straddles a minute boundary is repeated with a fresh agent.
            for _attempt in range(3):
                agent_id, token = await r.agent_with_token()
                await r.until_allowed(a, token)
                await r.until_allowed(b, token)
                state.received.clear()
                started = time.time()
                answers = [await r.chat(b if i % 2 else a, token) for i in range(REQUESTS)]
                if int(started // 60) == int(time.time() // 60):
                    break
            else:
                raise AssertionError("every burst straddled a minute boundary")

            statuses = [response.status_code for response in answers]
            assert statuses == [200] * LIMIT + [429] * (REQUESTS - LIMIT), statuses
            for response in answers[:LIMIT]:
                assert response.json()["choices"][0]["message"]["content"] == "echo: hi"
            for response in answers[LIMIT:]:
                assert_rate_limited(response)
            assert len(state.received) == LIMIT
            assert set(state.authorizations[-LIMIT:]) == {f"Bearer {UPSTREAM_KEY}"}

            # One replay cache: each block offered to both replicas at the same moment is
            # accepted by exactly one of them; the other answers "replayed".
            sign = await r.orchestrator(agent_id)
            await r.until_instructed(a, token, sign)
            await r.until_instructed(b, token, sign)
            for _ in range(ENVELOPES):
                block = sign()
                both = await asyncio.gather(r.offer(a, token, block), r.offer(b, token, block))
                accepted = sorted(len(result["instructions"]) for result in both)
                assert accepted == [0, 1], both
                reasons = [x["reason"] for result in both for x in result["rejected"]]
                assert reasons == ["replayed"], both

            # Suspend through A: B refuses the token within 1 s. Until then B answers 429
            # (over the limit) or, once its authorization view has the news before its
            # identity view does, 403 (a suspended principal is denied by policy).
            await r.admin("POST", f"/api/v1/agents/{agent_id}/suspend", {"reason": "incident"})
            suspended = time.monotonic()
            while True:
                response = await r.chat(b, token)
                elapsed = time.monotonic() - suspended
                if response.status_code == 401:
                    break
                if response.status_code == 403:
                    assert response.json()["error"]["code"] == "policy.denied", response.text
                else:
                    assert_rate_limited(response)
                assert elapsed < 10 * REVOCATION_DEADLINE, "B never refused the token"
            assert elapsed < REVOCATION_DEADLINE, f"B refused only after {elapsed:.2f}s"
            assert response.json()["error"]["code"] == "auth.invalid_token"
            assert (await r.chat(a, token)).status_code == 401
            assert len(state.received) == LIMIT

        assert a.terminate() == 0, a.describe()
        assert b.terminate() == 0, b.describe()
