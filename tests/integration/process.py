"""Real `ztai` processes for integration tests: free ports, readiness, logs and teardown."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.env import REDIS_URL, REQUIRE_SERVICES, redis_available

BIN = Path(sys.executable).parent
ZTAI = str(BIN / "ztai")
LAUNCHER = str(Path(__file__).with_name("launcher.py"))
ADMIN_TOKEN = "integration-admin-token-0123456789"
MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # bytes 0..31, base64url
# Generous: a cold start imports numpy and friends (seconds on a busy 2-core machine);
# a healthy start never waits for it, only a broken one does.
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0


def require_redis() -> None:
    if not redis_available():
        if REQUIRE_SERVICES:
            pytest.fail(f"Redis required but unreachable at {REDIS_URL}")
        pytest.skip("Redis not reachable")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(**extra: str) -> dict[str, str]:
    """The parent's environment minus any ZTAI_* setting, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZTAI_")}
    env.update(PYTHONUNBUFFERED="1", NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1")
    env.update(extra)
    return env


def http_client(timeout: float = 10.0) -> httpx.Client:
    return httpx.Client(timeout=timeout, trust_env=False)


class PortTaken(Exception):
    """Someone grabbed a port between `free_port()` and the server's bind: retry."""


@dataclass
class Warm:
    """A pre-imported interpreter waiting for its argv (see `spawn_warm`)."""

    proc: subprocess.Popen[bytes]
    log_prefix: Path

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class ZtaiProcess:
    """One `ztai serve|demo` process; output goes to files so a full pipe never blocks it."""

    def __init__(
        self,
        command: Sequence[str],
        env: dict[str, str],
        log_prefix: Path,
        *,
        warm: Warm | None = None,
        gateway_port: int | None = None,
    ) -> None:
        if warm is not None:
            log_prefix = warm.log_prefix
        self.gateway_port = gateway_port or free_port()
        self.control_port = free_port()
        self.stdout_path = log_prefix.with_suffix(".out")
        self.stderr_path = log_prefix.with_suffix(".err")
        argv = [*command, "--gateway-port", str(self.gateway_port)]
        argv += ["--control-port", str(self.control_port)]
        if warm is not None:
            self.proc = warm.proc
            assert self.proc.stdin is not None
            self.proc.stdin.write((json.dumps(argv) + "\n").encode())
            self.proc.stdin.close()
            return
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.proc = subprocess.Popen([ZTAI, *argv], env=env, stdout=out, stderr=err)

    @property
    def gateway(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    @property
    def control(self) -> str:
        return f"http://127.0.0.1:{self.control_port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace") if self.stdout_path.exists() else ""

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""

    def describe(self) -> str:
        return f"exit={self.proc.poll()}\n--- stdout\n{self.stdout()}\n--- stderr\n{self.stderr()}"

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Until GET /healthz answers 200 on both ports; fail fast if the process dies."""
        deadline = time.monotonic() + timeout
        pending = {self.gateway, self.control}
        with http_client(timeout=2.0) as client:
            while pending:
                if "already in use" in self.stderr().lower():
                    self.kill()
                    raise PortTaken(self.describe())
                if self.proc.poll() is not None:
                    raise AssertionError(f"ztai exited during start-up\n{self.describe()}")
                if time.monotonic() > deadline:
                    self.kill()
                    raise AssertionError(f"ztai not ready after {timeout}s\n{self.describe()}")
                for base in list(pending):
                    try:
                        response = client.get(f"{base}/healthz")
                    except httpx.TransportError:
                        continue
                    if response.status_code == 200 and response.json() == {"status": "ok"}:
                        pending.discard(base)
                if pending:
                    time.sleep(0.05)

    def wait_for_output(self, text: str, timeout: float = STARTUP_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.stdout():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"never printed {text!r}\n{self.describe()}")
            time.sleep(0.05)

    def terminate(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM and the exit code; fails (after a SIGKILL) if it does not stop in time."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"ztai ignored SIGTERM for {timeout}s\n{self.describe()}")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def start(
    command: Sequence[str],
    env: dict[str, str],
    log_prefix: Path,
    *,
    warm: Warm | None = None,
    attempts: int = 3,
) -> ZtaiProcess:
    """Start and wait until ready, retrying on the rare port race."""
    for attempt in range(attempts):
        process = ZtaiProcess(command, env, log_prefix, warm=warm if attempt == 0 else None)
        try:
            process.wait_ready()
        except PortTaken:
            if attempt == attempts - 1:
                raise
            continue
        except BaseException:
            process.kill()
            raise
        return process
    raise AssertionError("unreachable")


def spawn_warm(env: dict[str, str], log_prefix: Path) -> Warm:
    """A Python process that has imported ztai and waits for its argv on standard input.

    It runs exactly what the `ztai` console script runs (`ztai.cli.main.main(argv)`); only
    the imports happen ahead of time, so many restarts fit in a short test.
    """
    with (
        log_prefix.with_suffix(".out").open("wb") as out,
        log_prefix.with_suffix(".err").open("wb") as err,
    ):
        proc = subprocess.Popen(
            [sys.executable, LAUNCHER], env=env, stdin=subprocess.PIPE, stdout=out, stderr=err
        )
    return Warm(proc, log_prefix)


def run_cli(
    args: Sequence[str], env: dict[str, str], timeout: float = 60.0
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ZTAI, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@contextmanager
def cleanup() -> Iterator[list[ZtaiProcess | Warm]]:
    """Kill every process registered in the yielded list on the way out, whatever happened."""
    registered: list[ZtaiProcess | Warm] = []
    try:
        yield registered
    finally:
        for process in registered:
            process.kill()


def audit_verify(data_dir: Path, env: dict[str, str]) -> tuple[int, str]:
    """`ztai audit verify --data-dir DIR`: (records, stderr); asserts exit 0 and `ok N`."""
    result = run_cli(["audit", "verify", "--data-dir", str(data_dir)], env)
    assert result.returncode == 0, (result.stdout, result.stderr)
    words = result.stdout.split()
    assert words[:1] == ["ok"] and words[2:3] == ["records"], result.stdout
    return int(words[1]), result.stderr
