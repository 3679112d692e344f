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
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.env import REDIS_URL, REQUIRE_SERVICES, redis_available

BIN = Path(sys.executable).parent
ZTAI = str(BIN / "ztai")
ZYGOTE = str(Path(__file__).with_name("zygote.py"))
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


class Zygote:
    """A fork server (zygote.py) that has imported ztai once; `start` forks a fresh `ztai`."""

    def __init__(self, env: dict[str, str], log_prefix: Path) -> None:
        with log_prefix.with_suffix(".err").open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, ZYGOTE],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                bufsize=1,
            )

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline()
        if not reply:
            raise AssertionError(f"the zygote died (exit {self.proc.wait()})")
        return dict(json.loads(reply))

    def start(self, argv: Sequence[str], stdout: Path, stderr: Path) -> Forked:
        reply = self.ask({"start": list(argv), "stdout": str(stdout), "stderr": str(stderr)})
        return Forked(self, int(reply["pid"]))

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class Forked:
    """The part of `subprocess.Popen` ZtaiProcess uses, for a child of the zygote."""

    def __init__(self, zygote: Zygote, pid: int) -> None:
        self.zygote = zygote
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        return self._wait(0.0)

    def wait(self, timeout: float | None = None) -> int:
        code = self._wait(STOP_TIMEOUT * 4 if timeout is None else timeout)
        if code is None:
            raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout or 0.0)
        return code

    def _wait(self, timeout: float) -> int | None:
        if self.returncode is None:
            reply = self.zygote.ask({"wait": self.pid, "timeout": timeout})
            self.returncode = reply["exit"]
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ZtaiProcess:
    """One `ztai serve|demo` process; output goes to files so a full pipe never blocks it."""

    def __init__(
        self,
        command: Sequence[str],
        env: dict[str, str],
        log_prefix: Path,
        *,
        zygote: Zygote | None = None,
        gateway_port: int | None = None,
    ) -> None:
        self.gateway_port = gateway_port or free_port()
        self.control_port = free_port()
        self.stdout_path = log_prefix.with_suffix(".out")
        self.stderr_path = log_prefix.with_suffix(".err")
        argv = [*command, "--gateway-port", str(self.gateway_port)]
        argv += ["--control-port", str(self.control_port)]
        self.proc: subprocess.Popen[bytes] | Forked
        if zygote is not None:
            self.proc = zygote.start(argv, self.stdout_path, self.stderr_path)
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
    zygote: Zygote | None = None,
    attempts: int = 3,
) -> ZtaiProcess:
    """Start and wait until ready, retrying on the rare port race."""
    for attempt in range(attempts):
        process = ZtaiProcess(command, env, log_prefix, zygote=zygote)
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


def run_cli(
    args: Sequence[str], env: dict[str, str], timeout: float = 60.0
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ZTAI, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@contextmanager
def cleanup() -> Iterator[list[ZtaiProcess | Zygote]]:
    """Kill every process registered in the yielded list on the way out, whatever happened;
    newest first, so a zygote outlives the children it must reap."""
    registered: list[ZtaiProcess | Zygote] = []
    try:
        yield registered
    finally:
        for process in reversed(registered):
            process.kill()


def audit_verify(data_dir: Path, env: dict[str, str]) -> tuple[int, str]:
    """`ztai audit verify --data-dir DIR`: (records, stderr); asserts exit 0 and `ok N`."""
    result = run_cli(["audit", "verify", "--data-dir", str(data_dir)], env)
    assert result.returncode == 0, (result.stdout, result.stderr)
    words = result.stdout.split()
    assert words[:1] == ["ok"] and words[2:3] == ["records"], result.stdout
    return int(words[1]), result.stderr
