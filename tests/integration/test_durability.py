"""G3 under crashes: `kill -9` during concurrent writes loses no acknowledged change or
audit record, and the hash chain still verifies after every restart."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import random
import signal
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.integration.process import (
    ADMIN_TOKEN,
    MASTER_KEY,
    ZtaiProcess,
    Zygote,
    audit_verify,
    cleanup,
    http_client,
    server_env,
    start,
)
from ztai.cli.main import main
from ztai.crypto import jws

pytestmark = pytest.mark.integration

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
AGENT_WRITERS = 6
TOKEN_WRITERS = 2
MIN_ACKS = 10  # writes acknowledged before the kill timer starts: the load is really running


@dataclass
class Acknowledged:
    """Everything the server answered 2xx for: it must all survive any crash."""

    agents: set[str] = field(default_factory=set)
    token_jtis: set[str] = field(default_factory=set)
    unexpected: list[str] = field(default_factory=list)


async def _load(
    process: ZtaiProcess,
    round_no: int,
    credential: dict[str, str],
    seen: Acknowledged,
    delay: float,
) -> None:
    """Concurrent writers; once MIN_ACKS writes are acknowledged, SIGKILL after `delay`."""
    warmed_up = asyncio.Event()
    acks = 0

    def acknowledged() -> None:
        nonlocal acks
        acks += 1
        if acks >= MIN_ACKS:
            warmed_up.set()

    limits = httpx.Limits(max_connections=AGENT_WRITERS + TOKEN_WRITERS)
    async with httpx.AsyncClient(timeout=10, trust_env=False, limits=limits) as client:

        async def agent_writer(writer: int) -> None:
            for i in range(10_000):
                body = {"name": f"r{round_no}-w{writer}-{i}", "owner": "o@x.org", "sponsor": "s@x"}
                try:
                    response = await client.post(
                        f"{process.control}/api/v1/agents", json=body, headers=ADMIN
                    )
                except httpx.TransportError:
                    return  # the process is gone: this write was never acknowledged
                if response.status_code == 201:
                    seen.agents.add(response.json()["id"])
                    acknowledged()
                else:
                    seen.unexpected.append(f"{response.status_code} {response.text}")

        async def token_writer() -> None:
            form = {"grant_type": "client_credentials", **credential}
            for _ in range(10_000):
                try:
                    response = await client.post(f"{process.gateway}/oauth2/token", data=form)
                except httpx.TransportError:
                    return
                if response.status_code == 200:
                    claims = jws.peek_claims(response.json()["access_token"])
                    seen.token_jtis.add(claims["jti"])
                    acknowledged()
                else:
                    seen.unexpected.append(f"{response.status_code} {response.text}")

        async def killer() -> None:
            await asyncio.wait_for(warmed_up.wait(), timeout=60)
            await asyncio.sleep(delay)  # the crash lands at a seeded-random point mid-load
            os.kill(process.pid, signal.SIGKILL)

        await asyncio.gather(
            *(agent_writer(n) for n in range(AGENT_WRITERS)),
            *(token_writer() for _ in range(TOKEN_WRITERS)),
            killer(),
        )
    assert process.proc.wait() == -signal.SIGKILL  # a crash, not a clean exit


def _audit(client: httpx.Client, process: ZtaiProcess, action: str) -> list[dict[str, object]]:
    """Every audit record of `action`, following `next_before` pages."""
    items: list[dict[str, object]] = []
    params: dict[str, str | int] = {"action": action, "limit": 1000}
    while True:
        page = client.get(f"{process.control}/api/v1/audit", params=params, headers=ADMIN)
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        if "next_before" not in body:
            return items
        params["before"] = body["next_before"]


def _check_nothing_lost(client: httpx.Client, process: ZtaiProcess, seen: Acknowledged) -> None:
    listed = client.get(f"{process.control}/api/v1/agents", headers=ADMIN)
    assert listed.status_code == 200
    missing = seen.agents - {a["id"] for a in listed.json()["items"]}
    assert not missing, f"{len(missing)} acknowledged agents lost, e.g. {sorted(missing)[:3]}"
    created = {r["agent_id"] for r in _audit(client, process, "agent.create")}
    missing = seen.agents - created
    assert not missing, f"{len(missing)} agent.create records lost, e.g. {sorted(missing)[:3]}"
    issued = {
        r["data"]["jti"]  # type: ignore[index]
        for r in _audit(client, process, "token.issue")
        if r["decision"] == "allow"
    }
    missing = seen.token_jtis - issued
    assert not missing, f"{len(missing)} token.issue records lost"
    if seen.agents:  # the per-agent query finds the record too
        some = sorted(seen.agents)[0]
        records = client.get(
            f"{process.control}/api/v1/audit", params={"agent_id": some}, headers=ADMIN
        ).json()["items"]
        assert [r["action"] for r in records] == ["agent.create"]


def _verify_chain_in_process(data_dir: Path, at_least: int) -> None:
    """What `ztai audit verify` runs, in this process: the CLI's start-up is seconds of imports,
    which twenty rounds cannot afford. The real command runs at the end."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["audit", "verify", "--data-dir", str(data_dir)])
    assert code == 0, out.getvalue()
    words = out.getvalue().split()
    assert words[0] == "ok" and int(words[1]) >= at_least, out.getvalue()


def _token_credential(client: httpx.Client, process: ZtaiProcess, round_no: int) -> dict[str, str]:
    created = client.post(
        f"{process.control}/api/v1/agents",
        json={"name": f"token-agent-{round_no}", "owner": "o@x.org", "sponsor": "s@x.org"},
        headers=ADMIN,
    )
    assert created.status_code == 201, created.text
    agent_id = created.json()["id"]
    activated = client.post(f"{process.control}/api/v1/agents/{agent_id}/activate", headers=ADMIN)
    assert activated.status_code == 200, activated.text
    issued = client.post(
        f"{process.control}/api/v1/agents/{agent_id}/credentials",
        json={"type": "client_secret"},
        headers=ADMIN,
    )
    assert issued.status_code == 201, issued.text
    return {
        "client_id": issued.json()["client_id"],
        "client_secret": issued.json()["client_secret"],
    }


@pytest.mark.parametrize(
    ("backend", "rounds"),
    [pytest.param("sqlite", 20, id="sqlite"), pytest.param("postgresql", 5, id="postgresql")],
)
def test_kill_9_under_write_load_loses_nothing(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    backend: str,
    rounds: int,
) -> None:
    extra = {"ZTAI_ADMIN_TOKEN": ADMIN_TOKEN, "ZTAI_MASTER_KEY": MASTER_KEY}
    if backend == "postgresql":
        extra["ZTAI_DATABASE_URL"] = request.getfixturevalue("postgres_url")
    env = server_env(**extra)
    for name, value in extra.items():  # for the in-process `audit verify`
        monkeypatch.setenv(name, value)
    data_dir = tmp_path / "data"
    command = ["serve", "--data-dir", str(data_dir)]
    rng = random.Random(f"ztai-durability-{backend}")  # seeded: the same kill times every run
    seen = Acknowledged()

    with cleanup() as running, http_client() as client:
        # The first start runs the console script; the restarts are forked from a process
        # that imported ztai once (see zygote.py) and run the same main() — twenty cold
        # imports would cost minutes on a small machine.
        zygote = Zygote(env, tmp_path / "zygote")
        running.append(zygote)
        process = start(command, env, tmp_path / "start-0")
        running.append(process)
        for round_no in range(1, rounds + 1):
            _check_nothing_lost(client, process, seen)
            _verify_chain_in_process(data_dir, len(seen.agents) + len(seen.token_jtis))
            credential = _token_credential(client, process, round_no)
            asyncio.run(_load(process, round_no, credential, seen, rng.uniform(0.0, 0.3)))
            assert not seen.unexpected, seen.unexpected[:5]
            process = start(command, env, tmp_path / f"start-{round_no}", zygote=zygote)
            running.append(process)

        _check_nothing_lost(client, process, seen)
        assert process.terminate() == 0, process.describe()
        records, notes = audit_verify(data_dir, env)
        # Creates and token issues alone; activations and credentials add more.
        assert records >= len(seen.agents) + len(seen.token_jtis)
        assert "not yet checkpointed" not in notes  # SIGTERM wrote the final checkpoint
        assert len(seen.agents) + len(seen.token_jtis) >= rounds * MIN_ACKS
