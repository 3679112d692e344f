"""`ztai serve` as an operator meets it: bad configuration stops start-up with a clear
message, a taken port is an error, and SIGTERM shuts down cleanly with the audit intact."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.integration.process import (
    STARTUP_TIMEOUT,
    ZTAI,
    ZtaiProcess,
    audit_verify,
    cleanup,
    free_port,
    http_client,
    server_env,
)

pytestmark = pytest.mark.integration


def _refused_start(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [
            ZTAI,
            "serve",
            *args,
            "--gateway-port",
            str(free_port()),
            "--control-port",
            str(free_port()),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT * 2,
        check=False,
    )
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    assert "ztai ready" not in result.stdout
    return result


def test_unknown_config_key_stops_start_up(tmp_path: Path) -> None:
    config = tmp_path / "ztai.yaml"
    config.write_text("gateway_port: 8700\nupstreams: []\nshiny_new_option: true\n")
    result = _refused_start(["--config", str(config), "--data-dir", str(tmp_path)], server_env())
    assert "shiny_new_option" in result.stderr
    assert "invalid configuration" in result.stderr


@pytest.mark.parametrize(
    "url", ["mysql://x", "sqlite:relative.db", "postgresql://nobody@127.0.0.1:1/none"]
)
def test_unusable_database_url_stops_start_up(tmp_path: Path, url: str) -> None:
    result = _refused_start(["--data-dir", str(tmp_path)], server_env(ZTAI_DATABASE_URL=url))
    assert result.stderr.startswith("ztai:"), result.stderr
    if not url.startswith("postgresql"):
        assert "database_url" in result.stderr


def test_port_in_use_exits_non_zero(tmp_path: Path) -> None:
    with socket.socket() as taken, cleanup() as running:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = ZtaiProcess(
            ["serve", "--data-dir", str(tmp_path)],
            server_env(),
            tmp_path / "serve",
            gateway_port=taken.getsockname()[1],
        )
        running.append(process)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while process.proc.poll() is None and "in use" not in process.stderr():
            assert time.monotonic() < deadline, f"no bind error reported\n{process.describe()}"
            time.sleep(0.05)
        try:
            code = process.proc.wait(timeout=10)  # reported the error: now it must exit
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running 10 s after the bind error\n{process.describe()}")
        assert code != 0
        assert "Traceback" not in process.stderr()
        assert str(process.gateway_port) in process.stderr()  # says which port


def test_sigterm_exits_zero_and_leaves_a_verifiable_log(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = server_env()  # no ZTAI_ADMIN_TOKEN: one is generated and printed once
    with cleanup() as running, http_client() as client:
        command = ["serve", "--data-dir", str(data_dir), "--log-format", "json"]
        process = ZtaiProcess(command, env, tmp_path / "serve")
        running.append(process)
        process.wait_ready()
        token_file = data_dir / "admin-token"
        assert token_file.stat().st_mode & 0o777 == 0o600
        admin = token_file.read_text().strip()
        assert admin in process.stdout()
        headers = {"Authorization": f"Bearer {admin}"}
        for n in range(5):
            created = client.post(
                f"{process.control}/api/v1/agents",
                json={"name": f"a{n}", "owner": "o@x.org", "sponsor": "s@x.org"},
                headers=headers,
            )
            assert created.status_code == 201, created.text
        shadow = client.post(
            f"{process.gateway}/v1/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "quince-marmalade"}]},
        )
        assert shadow.status_code == 401
        started = time.monotonic()
        assert process.terminate(timeout=10) == 0, process.describe()
        assert time.monotonic() - started < 10
        assert "Traceback" not in process.stderr()
        # --log-format json: every log line is one JSON object; the request has its own.
        lines = [json.loads(line) for line in process.stderr().splitlines() if line.strip()]
        requests = [line for line in lines if line.get("event") == "llm.chat"]
        assert requests and requests[0]["outcome"] == "auth.missing_token", lines
        assert requests[0]["status"] == 401 and "quince" not in process.stderr()
    records, notes = audit_verify(data_dir, env)
    assert records >= 5
    assert "not yet checkpointed" not in notes  # shutdown signed the tail
