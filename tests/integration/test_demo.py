"""`ztai demo` end to end: seeded agents get (or are refused) tokens, SIGTERM stops it
cleanly, the audit chain verifies, and a second start on the same data is idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.process import (
    ZtaiProcess,
    audit_verify,
    cleanup,
    http_client,
    server_env,
)

pytestmark = pytest.mark.integration

DEMO_AGENTS = {"invoice-agent", "hr-assistant", "legacy-report-bot"}


def _token_response(demo: ZtaiProcess, credential: dict[str, str]) -> dict[str, object]:
    with http_client() as client:
        response = client.post(
            f"{demo.gateway}/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": credential["client_id"],
                "client_secret": credential["client_secret"],
            },
        )
    body = response.json()
    body["status"] = response.status_code
    return dict(body)


def _run_demo_once(data_dir: Path, env: dict[str, str], log: Path) -> dict[str, dict[str, str]]:
    with cleanup() as running:
        demo = ZtaiProcess(["demo", "--data-dir", str(data_dir)], env, log)
        running.append(demo)
        demo.wait_for_output("ztai demo is running")
        demo.wait_ready()
        credentials = json.loads((data_dir / "demo-credentials.json").read_text())
        assert set(credentials) >= DEMO_AGENTS
        assert (data_dir / "demo-credentials.json").stat().st_mode & 0o077 == 0

        issued = _token_response(demo, credentials["invoice-agent"])
        assert issued["status"] == 200, issued
        with http_client() as client:
            me = client.get(
                f"{demo.gateway}/v1/whoami",
                headers={"Authorization": f"Bearer {issued['access_token']}"},
            )
            assert me.status_code == 200, me.text
            assert me.json()["name"] == "invoice-agent"
            assert me.json()["agent_id"] == credentials["invoice-agent"]["agent_id"]

            admin = (data_dir / "admin-token").read_text().strip()
            agents = client.get(
                f"{demo.control}/api/v1/agents", headers={"Authorization": f"Bearer {admin}"}
            ).json()["items"]
        states = {a["name"]: a["state"] for a in agents if a["name"] in DEMO_AGENTS}
        assert states == {
            "invoice-agent": "active",
            "hr-assistant": "active",
            "legacy-report-bot": "suspended",
        }

        refused = _token_response(demo, credentials["legacy-report-bot"])
        assert refused["status"] == 401 and refused["error"] == "invalid_client", refused

        assert demo.terminate(timeout=10) == 0, demo.describe()
        assert "Traceback" not in demo.stderr()
        return dict(credentials)


def test_demo_runs_stops_cleanly_and_reseeds_idempotently(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    env = server_env()
    first = _run_demo_once(data_dir, env, tmp_path / "first")
    assert "admin token (shown once" in (tmp_path / "first.out").read_text()
    records, _ = audit_verify(data_dir, env)
    assert records > 0

    second = _run_demo_once(data_dir, env, tmp_path / "second")
    assert second == first  # same agents, same credentials: nothing seeded twice
    assert "admin token (shown once" not in (tmp_path / "second.out").read_text()
    again, _ = audit_verify(data_dir, env)
    assert again > records
