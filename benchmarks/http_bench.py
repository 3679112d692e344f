"""HTTP benchmark: `ztai serve` on one core, driven by an aiohttp client on the other.

Measures POST /oauth2/token (client_secret_post: secret check, signing, durable audit
record) and GET /v1/whoami (bearer verification, the warm path) end to end over loopback.
The server is pinned with `taskset -c SERVER_CPU`, this client process to CLIENT_CPU; CPU
use of both is reported so a saturated client is visible. Shares the helpers of
identity_bench.py; `--write-docs` replaces the HTTP section of docs/performance.md.

    .venv/bin/python benchmarks/http_bench.py [--reps 5] [--seconds 2] [--write-docs]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from identity_bench import (
    Latency,
    add_common_arguments,
    database,
    postgres_reachable,
    provenance,
    start,
)

SECTION = "http"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


@dataclass(frozen=True, slots=True)
class Server:
    pid: int
    gateway: str
    control: str
    admin_token: str


@contextlib.asynccontextmanager
async def serve(url: str, data_dir: Path, cpu: int) -> AsyncIterator[Server]:
    """`ztai serve` as a subprocess on `cpu`; stopped with SIGTERM, as in production."""
    gateway_port, control_port = free_port(), free_port()
    admin_token = secrets.token_urlsafe(24)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZTAI_")}
    env.update(ZTAI_DATABASE_URL=url, ZTAI_ADMIN_TOKEN=admin_token)
    command = [
        str(Path(sys.executable).with_name("ztai")),
        "serve",
        "--data-dir",
        str(data_dir),
        "--gateway-port",
        str(gateway_port),
        "--control-port",
        str(control_port),
    ]
    taskset = shutil.which("taskset")
    if cpu >= 0 and taskset:
        command = [taskset, "-c", str(cpu), *command]
    log = data_dir.parent / "serve.log"
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(*command, env=env, stdout=out, stderr=out)
    server = Server(
        proc.pid,
        f"http://127.0.0.1:{gateway_port}",
        f"http://127.0.0.1:{control_port}",
        admin_token,
    )
    try:
        await wait_ready(server, proc, log)
        yield server
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), 15)
            except TimeoutError:
                proc.kill()
                await proc.wait()


async def wait_ready(server: Server, proc: asyncio.subprocess.Process, log: Path) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            if proc.returncode is not None:
                raise RuntimeError(f"ztai serve exited:\n{log.read_text()[-2000:]}")
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"{server.gateway}/healthz") as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.1)
    raise RuntimeError(f"ztai serve did not become ready:\n{log.read_text()[-2000:]}")


async def client_credentials(server: Server) -> dict[str, str]:
    """An active agent and its client_secret credential, made through the control API."""
    headers = {"Authorization": f"Bearer {server.admin_token}"}
    base = f"{server.control}/api/v1/agents"
    async with aiohttp.ClientSession(headers=headers, raise_for_status=True) as session:
        body = {"name": "http-bench", "description": "benchmark", "owner": "o@x", "sponsor": "s@x"}
        async with session.post(base, json=body) as response:
            agent_id = (await response.json())["id"]
        async with session.post(f"{base}/{agent_id}/activate"):
            pass
        async with session.post(
            f"{base}/{agent_id}/credentials", json={"type": "client_secret"}
        ) as response:
            created = await response.json()
    return {
        "grant_type": "client_credentials",
        "client_id": created["client_id"],
        "client_secret": created["client_secret"],
    }


Request = Callable[[aiohttp.ClientSession], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class HttpResult:
    backend: str
    route: str
    connections: int
    rates: tuple[float, ...]
    reps: tuple[Latency, ...]
    server_cpu: tuple[float, ...]  # fraction of one core
    client_cpu: tuple[float, ...]

    def row(self) -> str:
        lat, rate = Latency.median(self.reps), statistics.median(self.rates)
        server = statistics.median(self.server_cpu)
        return (
            f"| {self.backend} | {self.route} | {self.connections} | {rate:,.0f} "
            f"| {min(self.rates):,.0f}–{max(self.rates):,.0f} "
            f"| {lat.p50 / 1e3:.1f} | {lat.p90 / 1e3:.1f} | {lat.p99 / 1e3:.1f} "
            f"| {server:.0%} | {rate / server:,.0f} "
            f"| {statistics.median(self.client_cpu):.0%} |"
        )


async def drive(
    session: aiohttp.ClientSession, request: Request, connections: int, seconds: float
) -> tuple[float, list[int]]:
    """`connections` tasks send `request` back to back for `seconds`: requests/s, latencies."""
    clock = time.perf_counter_ns
    deadline = clock() + int(seconds * 1e9)
    latencies: list[int] = []

    async def loop() -> None:
        while clock() < deadline:
            t0 = clock()
            await request(session)
            latencies.append(clock() - t0)

    began = clock()
    await asyncio.gather(*(loop() for _ in range(connections)))
    return len(latencies) / ((clock() - began) / 1e9), latencies


async def bench_route(
    backend: str,
    route: str,
    server: Server,
    request: Request,
    connections: int,
    args: argparse.Namespace,
) -> HttpResult:
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as session:
        await drive(session, request, connections, min(1.0, args.seconds))  # warm-up
        rates, reps, server_cpu, client_cpu = [], [], [], []
        for _ in range(args.reps):
            wall, client0 = time.perf_counter(), time.process_time()
            server0 = cpu_seconds(server.pid)
            rate, latencies = await drive(session, request, connections, args.seconds)
            wall = time.perf_counter() - wall
            server_cpu.append((cpu_seconds(server.pid) - server0) / wall)
            client_cpu.append((time.process_time() - client0) / wall)
            rates.append(rate)
            reps.append(Latency.of(latencies))
    return HttpResult(
        backend,
        route,
        connections,
        tuple(rates),
        tuple(reps),
        tuple(server_cpu),
        tuple(client_cpu),
    )


async def bench_backend(
    backend: str, url: str, data_dir: Path, args: argparse.Namespace
) -> list[HttpResult]:
    async with serve(url, data_dir, args.server_cpu) as server:
        form = await client_credentials(server)
        token_url, whoami_url = f"{server.gateway}/oauth2/token", f"{server.gateway}/v1/whoami"

        async def grant(session: aiohttp.ClientSession) -> None:
            async with session.post(token_url, data=form) as response:
                if response.status != 200:
                    raise RuntimeError(f"token endpoint: {response.status} {await response.text()}")
                await response.read()

        async with aiohttp.ClientSession() as session, session.post(token_url, data=form) as got:
            bearer = {"Authorization": f"Bearer {(await got.json())['access_token']}"}

        async def whoami(session: aiohttp.ClientSession) -> None:
            async with session.get(whoami_url, headers=bearer) as response:
                if response.status != 200:
                    raise RuntimeError(f"whoami: {response.status} {await response.text()}")
                await response.read()

        many = args.connections
        return [
            await bench_route(backend, "POST /oauth2/token", server, grant, many, args),
            await bench_route(backend, "GET /v1/whoami", server, whoami, many, args),
            # One request at a time shows the fixed per-request latency under no load.
            await bench_route(backend, "GET /v1/whoami", server, whoami, 1, args),
        ]


def report(
    results: list[HttpResult], skipped: list[str], args: argparse.Namespace, setup: str
) -> str:
    lines = [
        "## HTTP: `ztai serve` end to end",
        "",
        provenance("http_bench.py", setup),
        f"Server: `taskset -c {args.server_cpu} ztai serve` (uvicorn, one process).",
        "",
        f"Keep-alive connections (each sends its next request when the previous answer "
        f"arrives) from one aiohttp client process, {args.seconds:g} s per repetition, "
        f"{args.reps} repetitions, medians shown. "
        "CPU columns are the share of one core each process used: a server near 100 % is "
        "the bottleneck; a client near 100 % means the figure is a floor. `per server "
        "CPU-s` divides the rate by the server's share: what its core did per second of "
        "CPU it actually got (PostgreSQL's own processes not included).",
        "",
        "| backend | route | connections | requests/s (median) | range | p50 ms | p90 ms "
        "| p99 ms | server CPU | per server CPU-s | client CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(r.row() for r in results),
        *(f"| {name} | — | | not run: unreachable | | | | | | | |" for name in skipped),
    ]
    return "\n".join(lines) + "\n"


async def run(args: argparse.Namespace, setup: str) -> str:
    results: list[HttpResult] = []
    skipped: list[str] = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        if backend == "postgresql" and not await postgres_reachable(args.postgres_url):
            print(f"PostgreSQL unreachable at {args.postgres_url}: skipped", file=sys.stderr)
            skipped.append(backend)
            continue
        with tempfile.TemporaryDirectory(prefix="ztai-bench-", dir=args.tmp_dir) as tmp:
            data_dir = Path(tmp) / "data"
            async with database(backend, data_dir, args.postgres_url) as url:
                results.extend(await bench_backend(backend, url, data_dir, args))
        for result in results[-3:]:
            print(result.row(), file=sys.stderr)
    return report(results, skipped, args, setup)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_arguments(parser)
    parser.set_defaults(cpu=1)  # the client; the server gets --server-cpu
    parser.add_argument("--server-cpu", type=int, default=0, help="CPU for ztai serve")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one repetition")
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections")
    return start(parser.parse_args(), SECTION, run)


if __name__ == "__main__":
    sys.exit(main())
