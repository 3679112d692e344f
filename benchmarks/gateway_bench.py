"""LLM gateway benchmark: what `ztai serve` adds to a chat completion, against two floors.

Variants, all driven over loopback by one aiohttp load generator with a 2 KB prompt:

- the mock upstream (`ztai.cli.mock_llm`) called directly;
- a bare pass-through proxy (aiohttp, one shared ClientSession, no checks; in this file);
- `ztai serve` on SQLite with the full pipeline (token, policy, shield, DLP, durable audit,
  usage limits set too high to trigger) and a `trust: local` upstream;
- the same with a `trust: external` upstream and a prompt holding an email address, so the
  privacy router pseudonymizes it (and restores it in the answer);
- one and two `ztai serve` workers sharing PostgreSQL and Redis (round-robin over both).
- with `--litellm PATH`, LiteLLM's proxy (installed by you in a venv of its own) in front of
  the same mock, as the peer to compare with.

Servers run on CPU 0 (`taskset`), the load generator and the mock upstream on CPU 1; the
second PostgreSQL worker shares CPU 1 with them (a 2-core machine has no third core).
Variants are interleaved within each repetition, so machine noise hits all of them alike;
figures are medians over repetitions. `--profile N` samples one gateway with py-spy for N
seconds under load (cProfile if py-spy is not installed). `--write-docs` replaces the
figures block of the gateway section of docs/performance.md, leaving its analysis alone.

    .venv/bin/python benchmarks/gateway_bench.py [--quick] [--profile 8] [--write-docs]
        [--litellm /tmp/litellm/bin/litellm]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import collections
import contextlib
import dataclasses
import datetime
import json
import math
import os
import platform
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import yaml
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "performance.md"
SECTION = ("<!-- gateway-bench:start -->", "<!-- gateway-bench:end -->")
FIGURES = ("<!-- gateway-bench:figures:start -->", "<!-- gateway-bench:figures:end -->")
PG_URL = os.environ.get("ZTAI_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("ZTAI_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
MODEL, ROLE, CHAT = "bench-model", "bench-chat", "/v1/chat/completions"
PROMPT_BYTES = 2048
STARTED = time.monotonic()
POLICY = f"""description: gateway benchmark
roles:
  {ROLE}:
    description: chat with the benchmark model
    permissions:
      - action: llm.chat
        models: [{MODEL}]
"""
HIGH = {"requests_per_minute": 10**9, "tokens_per_minute": 10**12, "tokens_per_day": 10**13}
TARGET_ADDED_P50_MS, TARGET_ADDED_P99_MS = 0.5, 2.0
TARGET_RPS_PER_CORE, TARGET_P99_MS, TARGET_SCALING = 3000.0, 15.0, 1.8
PROSE = (
    "Please summarise the notes below from the weekly planning meeting of the reporting team "
    "in a short paragraph for the people who could not attend. The team reviewed the roadmap "
    "for the reporting service and agreed to ship the new dashboard after the usability study. "
    "Several people asked for clearer labels on the charts and for a quicker way to export a "
    "view as a spreadsheet. The support group said most questions last month were about "
    "access requests, so the onboarding guide will get a section on who approves what. "
)
EMAIL = "Send the summary to dana.whitfield@example.com before the review. "


SERIAL = b"000000000"  # the placeholder each request's own number replaces


def prompt(with_email: bool, serial: str) -> str:
    """Every request's prompt differs (a ticket number up front), so the gateway's per-text
    verdict memo never answers for the shield and DLP: each request pays for inspection."""
    text = f"Ticket {serial}. " + (EMAIL if with_email else "")
    text += PROSE * (PROMPT_BYTES // len(PROSE) + 1)
    return text[:PROMPT_BYTES].rsplit(" ", 1)[0] + "."


@dataclass
class Bodies:
    """Request bodies numbered from one counter per variant, never repeating during a run
    (not even across repetitions, warm-ups and the profile's load)."""

    with_email: bool = False
    sent: int = 0
    template: bytes = b""

    def next(self) -> bytes:
        if not self.template:
            message = {"role": "user", "content": prompt(self.with_email, SERIAL.decode())}
            self.template = json.dumps({"model": MODEL, "messages": [message]}).encode()
        self.sent += 1
        return self.template.replace(SERIAL, b"%09d" % self.sent, 1)


# --- child processes: the mock upstream and the bare proxy ---------------------------------


class _Discard(list[Any]):
    """The mock keeps every request it saw; under load that is only a memory leak."""

    def append(self, item: Any) -> None:
        return None


async def start_proxy(port: int, upstream: str) -> web.AppRunner:
    """The floor for any proxy: one shared ClientSession, bytes in, bytes out, no checks."""
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256))
    target, headers = f"{upstream}{CHAT}", {"Content-Type": "application/json"}

    async def forward(request: web.Request) -> web.Response:
        body = await request.read()
        async with session.post(target, data=body, headers=headers) as answer:
            payload = await answer.read()
            return web.Response(body=payload, status=answer.status, content_type="application/json")

    app = web.Application(client_max_size=1 << 20)
    app.router.add_post(CHAT, forward)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


def run_child(role: str, port: int, upstream: str) -> int:
    import uvloop

    from ztai.cli import mock_llm

    async def main() -> None:
        if role == "mock":
            state = mock_llm.MockState(received=_Discard(), authorizations=_Discard())
            await mock_llm.start("127.0.0.1", port, state)
        else:
            await start_proxy(port, upstream)
        await asyncio.Event().wait()  # until SIGTERM

    uvloop.run(main())
    return 0


# --- processes -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), from /proc."""
    return cpu_seconds_of(Path(f"/proc/{pid}/stat"))


def cpu_seconds_of(stat: Path) -> float:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Proc:
    process: asyncio.subprocess.Process
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid  # taskset execs the command: the same pid


@contextlib.asynccontextmanager
async def spawn(
    name: str, command: list[str], cpu: int, env: dict[str, str], workdir: Path
) -> AsyncIterator[Proc]:
    """A child pinned to `cpu` (when taskset exists); SIGTERM on the way out, as in production."""
    taskset = shutil.which("taskset")
    if cpu >= 0 and taskset:
        command = [taskset, "-c", str(cpu), *command]
    log = workdir / f"{name}.log"
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(*command, env=env, stdout=out, stderr=out)
    try:
        yield Proc(process, log)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 15)
            except TimeoutError:
                process.kill()
                await process.wait()


async def wait_ready(url: str, proc: Proc, seconds: float = 60) -> None:
    """Until `url` answers at all (any status) or the process dies."""
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            if proc.process.returncode is not None:
                raise RuntimeError(f"{proc.log.name} exited:\n{proc.log.read_text()[-2000:]}")
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(url) as response:
                    await response.read()
                    return
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} not ready after {seconds:g} s:\n{proc.log.read_text()[-2000:]}")


def own_script(role: str, port: int, upstream: str = "") -> list[str]:
    return [sys.executable, __file__, "--child", role, "--port", str(port), "--upstream", upstream]


@dataclass(frozen=True, slots=True)
class Gateway:
    proc: Proc
    gateway: str
    control: str


LITELLM_KEY = "sk-bench-litellm-" + secrets.token_hex(16)


def litellm_config(path: Path, upstream: str) -> Path:
    """LiteLLM's proxy in front of the same mock: its default request path (a master key,
    no guardrails configured), the peer the issue compares against."""
    config = {
        "model_list": [
            {
                "model_name": MODEL,
                "litellm_params": {
                    "model": f"openai/{MODEL}",
                    "api_base": f"{upstream}/v1",
                    "api_key": "sk-mock",
                },
            }
        ],
        "litellm_settings": {"telemetry": False},
    }
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def write_config(path: Path, upstream: str, trust: str) -> Path:
    config = {
        "identity": {"token_ttl_seconds": 900},
        "upstreams": [
            {"name": "mock", "base_url": f"{upstream}/v1", "trust": trust, "models": [MODEL]}
        ],
        "gateway": {"limits": HIGH},
    }
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@contextlib.asynccontextmanager
async def serve(
    name: str,
    config: Path,
    env: dict[str, str],
    cpu: int,
    workdir: Path,
    program: Sequence[str] = (),
) -> AsyncIterator[Gateway]:
    gateway_port, control_port = free_port(), free_port()
    command = [
        *(program or [str(Path(sys.executable).with_name("ztai"))]),
        "serve",
        "--config",
        str(config),
        "--data-dir",
        str(workdir / f"{name}-data"),
        "--gateway-port",
        str(gateway_port),
        "--control-port",
        str(control_port),
    ]
    async with spawn(name, command, cpu, env, workdir) as proc:
        gw = Gateway(proc, f"http://127.0.0.1:{gateway_port}", f"http://127.0.0.1:{control_port}")
        await wait_ready(f"{gw.gateway}/healthz", proc)
        yield gw


async def seed(gw: Gateway, admin: str, with_policy: bool = True) -> dict[str, str]:
    """Agent, activation, client secret, policy and role grant through the control API."""
    api = f"{gw.control}/api/v1"
    headers = {"Authorization": f"Bearer {admin}"}
    async with aiohttp.ClientSession(headers=headers, raise_for_status=True) as session:
        agent = {"name": f"bench-{uuid.uuid4().hex[:8]}", "description": "gateway benchmark"}
        agent |= {"owner": "perf@example.com", "sponsor": "perf@example.com"}
        async with session.post(f"{api}/agents", json=agent) as response:
            agent_id = (await response.json())["id"]
        async with session.post(f"{api}/agents/{agent_id}/activate"):
            pass
        credential = {"type": "client_secret"}
        async with session.post(f"{api}/agents/{agent_id}/credentials", json=credential) as got:
            created = await got.json()
        if with_policy:
            yaml_type = {"Content-Type": "application/yaml"}
            async with session.put(f"{api}/policies/gateway-bench", data=POLICY, headers=yaml_type):
                pass
        grant = {"role": ROLE, "justification": "gateway benchmark"}
        async with session.post(f"{api}/agents/{agent_id}/grants", json=grant):
            pass
    return {
        "grant_type": "client_credentials",
        "client_id": created["client_id"],
        "client_secret": created["client_secret"],
    }


def bearer(gw: Gateway, form: dict[str, str]) -> Callable[[], Awaitable[dict[str, str]]]:
    async def fetch() -> dict[str, str]:
        async with (
            aiohttp.ClientSession(raise_for_status=True) as session,
            session.post(f"{gw.gateway}/oauth2/token", data=form) as response,
        ):
            return {"Authorization": f"Bearer {(await response.json())['access_token']}"}

    return fetch


# --- load ------------------------------------------------------------------------------------


@dataclass
class Variant:
    key: str
    label: str
    urls: tuple[str, ...]  # round-robin
    pids: tuple[int, ...]  # the processes under test, for their CPU
    load_pids: tuple[int, ...] = ()  # other processes on the load side (the mock)
    token: Callable[[], Awaitable[dict[str, str]]] | None = None
    bodies: Bodies = field(default_factory=Bodies)
    expect_actions: str = ""  # the x-ztai-actions header a correct answer carries
    at_c1: bool = True  # also measured at concurrency 1
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sample:
    done: int
    seconds: float
    p50_ms: float
    p99_ms: float
    server_cpu: float  # cores
    load_cpu: float  # cores: this process + the mock
    errors: int
    first_error: str
    pre_upstream_ms: float = math.nan  # the gateways' own mean time before forwarding

    @property
    def rate(self) -> float:
        return self.done / self.seconds


STAGE = 'ztai_stage_seconds_{}{{stage="before_upstream"}}'


async def stage_totals(session: aiohttp.ClientSession, urls: Sequence[str]) -> tuple[float, int]:
    """Seconds and requests counted so far by the gateways' `before_upstream` histogram."""
    seconds, count = 0.0, 0
    for url in urls:
        async with session.get(url) as response:
            for line in (await response.text()).splitlines():
                name, _, value = line.rpartition(" ")
                if name == STAGE.format("sum"):
                    seconds += float(value)
                elif name == STAGE.format("count"):
                    count += int(float(value))
    return seconds, count


def refusal(status: int, body: bytes) -> str:
    """`503 policy.unavailable: authorization data is stale`, from OpenAI's error shape."""
    try:
        error = json.loads(body)["error"]
        return f"{status} {error['code']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        return f"{status} {body[:120]!r}"


def percentile(ordered: Sequence[int], q: float) -> float:
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] / 1e6 if ordered else math.nan


async def drive(
    session: aiohttp.ClientSession, v: Variant, count: int, concurrency: int, limit_s: float
) -> Sample:
    """`count` requests from `concurrency` tasks, back to back; stops early at `limit_s`."""
    headers = {"Content-Type": "application/json", **v.headers}
    clock = time.perf_counter_ns
    latencies: list[int] = []
    errors: collections.Counter[str] = collections.Counter()
    issued = 0
    cpu0 = time.process_time(), [cpu_seconds(p) for p in v.pids + v.load_pids]
    began = clock()
    deadline = began + int(limit_s * 1e9)

    async def worker() -> None:
        nonlocal issued
        while issued < count and clock() < deadline:
            url = v.urls[issued % len(v.urls)]
            body = v.bodies.next()
            issued += 1
            t0 = clock()
            try:
                async with session.post(url, data=body, headers=headers) as response:
                    text = await response.read()
                    actions = response.headers.get("x-ztai-actions", "")
                    if response.status != 200:
                        errors[refusal(response.status, text)] += 1
                        continue
                    if actions != v.expect_actions:
                        errors[f"x-ztai-actions {actions!r}"] += 1
                        continue
            except (aiohttp.ClientError, TimeoutError) as exc:
                errors[type(exc).__name__] += 1
                continue
            latencies.append(clock() - t0)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    seconds = (clock() - began) / 1e9
    cpu = [cpu_seconds(p) - c for p, c in zip(v.pids + v.load_pids, cpu0[1], strict=True)]
    latencies.sort()
    return Sample(
        len(latencies),
        seconds,
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        sum(cpu[: len(v.pids)]) / seconds,
        (time.process_time() - cpu0[0] + sum(cpu[len(v.pids) :])) / seconds,
        sum(errors.values()),
        errors.most_common(1)[0][0] if errors else "",
    )


# --- environment -----------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        found = re.search(r"^Model name:\s*(.+)$", out, re.MULTILINE)
        model = found.group(1).strip() if found else model
    python = platform.python_version()
    return f"{os.cpu_count()} × {model}, Linux {platform.release()}, Python {python}"


def ztai_source() -> str:
    """Which ztai the servers import (they inherit this environment, PYTHONPATH included)."""
    import importlib.util

    spec = importlib.util.find_spec("ztai")
    origin = Path(spec.origin).parent.parent if spec and spec.origin else None
    if origin is None or origin != ROOT / "src":
        return f"ztai from {origin}"

    def git(*argv: str) -> str:
        return subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True).stdout

    dirty = " with uncommitted changes" if git("status", "--porcelain", "src").strip() else ""
    return f"ztai at {git('rev-parse', '--short', 'HEAD').strip()}{dirty}"


def fsync_cost(directory: Path, writes: int = 200) -> str:
    """Every chat request waits for a durable audit record: the disk's fsync cost matters."""
    path = directory / "fsync-probe"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    samples = []
    try:
        for n in range(writes):
            os.pwrite(fd, b"\x00" * 4096, (n % 64) * 4096)
            t0 = time.perf_counter_ns()
            os.fdatasync(fd)
            samples.append(time.perf_counter_ns() - t0)
    finally:
        os.close(fd)
        path.unlink()
    samples.sort()
    return (
        f"fdatasync of a 4 KiB overwrite: p50 {percentile(samples, 0.5):.2f} ms, "
        f"p90 {percentile(samples, 0.9):.2f} ms"
    )


async def backing_services(pg_url: str, redis_url: str) -> str:
    """Why the two-worker variant cannot run, or "" when it can."""
    import asyncpg
    import redis.asyncio as aioredis

    try:
        conn = await asyncpg.connect(pg_url, timeout=3)
        await conn.close()
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"PostgreSQL unreachable at {pg_url} ({type(exc).__name__})"
    client = aioredis.Redis.from_url(redis_url)
    try:
        await client.ping()
    except (OSError, aioredis.RedisError) as exc:
        return f"Redis unreachable at {redis_url} ({type(exc).__name__})"
    finally:
        await client.aclose()
    return ""


@contextlib.asynccontextmanager
async def pg_schema(pg_url: str) -> AsyncIterator[str]:
    """A fresh schema for the shared-database workers, dropped afterwards."""
    import asyncpg

    schema = f"zt_gwbench_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(pg_url, timeout=5)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
        yield f"{pg_url}{'&' if '?' in pg_url else '?'}search_path={schema}"
    finally:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await conn.close()


# --- the run ---------------------------------------------------------------------------------


@dataclass
class Run:
    variants: list[Variant]
    samples: dict[tuple[str, int], list[Sample]]
    skipped: str
    profile: str = ""


async def measure(
    args: argparse.Namespace, variants: list[Variant]
) -> dict[tuple[str, int], list[Sample]]:
    samples: dict[tuple[str, int], list[Sample]] = {}
    levels = ((1, args.c1_requests), (args.concurrency, args.requests))
    timeout = aiohttp.ClientTimeout(total=30)
    # One pool per level, as large as the level: aiohttp hands out idle connections first
    # in, first out, so at concurrency 1 a pool left with 32 connections would rotate
    # through them and hide what one client on one connection sees (delayed ACKs).
    sessions = {
        (v.key, level): aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=level), timeout=timeout
        )
        for v in variants
        for level, _ in levels
    }
    metrics = {  # the gateways' own stage timings (the floors have none)
        v.key: [url.replace(CHAT, "/metrics") for url in v.urls] if v.token else []
        for v in variants
    }
    ready = time.monotonic() - STARTED
    print(
        f"servers ready and seeded after {ready:.0f} s; {len(variants)} variants", file=sys.stderr
    )
    try:
        for v in variants:  # first contact: tokens, connections, caches, lazy imports
            if v.token is not None:
                v.headers = await v.token()
            warm = await drive(sessions[(v.key, args.concurrency)], v, 100, args.concurrency, 30)
            if warm.errors > warm.done:  # some refusals are a finding; mostly refusals is a bug
                raise RuntimeError(f"{v.key}: {warm.errors} errors, e.g. {warm.first_error}")
        for rep in range(args.reps):
            order = variants[rep % len(variants) :] + variants[: rep % len(variants)]
            for concurrency, count in levels:
                for v in (v for v in order if concurrency > 1 or v.at_c1):
                    session = sessions[(v.key, concurrency)]
                    if v.token is not None:
                        v.headers = await v.token()
                    await drive(session, v, 2 * concurrency, concurrency, 10)  # warm the pool
                    stage0 = await stage_totals(session, metrics[v.key])
                    sample = await drive(session, v, count, concurrency, args.limit_seconds)
                    stage1 = await stage_totals(session, metrics[v.key])
                    if stage1[1] > stage0[1]:
                        mean = (stage1[0] - stage0[0]) / (stage1[1] - stage0[1]) * 1e3
                        sample = dataclasses.replace(sample, pre_upstream_ms=mean)
                    samples.setdefault((v.key, concurrency), []).append(sample)
                    print(
                        f"rep {rep + 1}/{args.reps} c={concurrency:<3} {v.key:<12} "
                        f"{sample.rate:8,.0f}/s p50 {sample.p50_ms:6.2f} ms "
                        f"p99 {sample.p99_ms:6.2f} ms server CPU {sample.server_cpu:4.0%} "
                        f"errors {sample.errors}",
                        file=sys.stderr,
                    )
    finally:
        for session in sessions.values():
            await session.close()
    return samples


async def run(args: argparse.Namespace) -> Run:
    admin = secrets.token_urlsafe(24)
    master = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZTAI_")}
    env |= {"ZTAI_ADMIN_TOKEN": admin, "ZTAI_MASTER_KEY": master}
    skipped = "--no-workers given" if args.skip_workers else ""
    if not skipped:
        skipped = await backing_services(args.postgres_url, args.redis_url)
    with tempfile.TemporaryDirectory(prefix="ztai-gwbench-", dir=args.tmp_dir) as tmp:
        work = Path(tmp)
        async with contextlib.AsyncExitStack() as stack:
            mock_port, proxy_port = free_port(), free_port()
            mock_url = f"http://127.0.0.1:{mock_port}"
            mock = await stack.enter_async_context(
                spawn("mock", own_script("mock", mock_port), args.client_cpu, env, work)
            )
            await wait_ready(f"{mock_url}/v1/models", mock)
            proxy = await stack.enter_async_context(
                spawn(
                    "proxy", own_script("proxy", proxy_port, mock_url), args.server_cpu, env, work
                )
            )
            await wait_ready(f"http://127.0.0.1:{proxy_port}/", proxy)
            local = write_config(work / "local.yaml", mock_url, "local")
            external = write_config(work / "external.yaml", mock_url, "external")
            cpu = args.server_cpu
            gw_local, gw_ext = await asyncio.gather(
                stack.enter_async_context(serve("gw-local", local, env, cpu, work)),
                stack.enter_async_context(serve("gw-external", external, env, cpu, work)),
            )
            chat, on_mock = CHAT, (mock.pid,)
            variants = [
                Variant("direct", "mock upstream, direct", (mock_url + chat,), (mock.pid,)),
                Variant("proxy", "bare aiohttp proxy", (f"http://127.0.0.1:{proxy_port}{chat}",),
                        (proxy.pid,), on_mock),
                Variant("gw-local", "ztai, SQLite, `trust: local`", (gw_local.gateway + chat,),
                        (gw_local.proc.pid,), on_mock,
                        token=bearer(gw_local, await seed(gw_local, admin))),
                Variant("gw-external", "ztai, SQLite, `trust: external`, email pseudonymized",
                        (gw_ext.gateway + chat,), (gw_ext.proc.pid,), on_mock,
                        token=bearer(gw_ext, await seed(gw_ext, admin)),
                        bodies=Bodies(with_email=True), expect_actions="privacy=pseudonymized",
                        at_c1=False),
            ]  # fmt: skip
            if args.litellm:
                port = free_port()
                command = [
                    args.litellm,
                    "--config",
                    str(litellm_config(work / "litellm.yaml", mock_url)),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ]
                peer_env = env | {
                    "LITELLM_MASTER_KEY": LITELLM_KEY,
                    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
                }
                peer = await stack.enter_async_context(
                    spawn("litellm", command, cpu, peer_env, work)
                )
                await wait_ready(f"http://127.0.0.1:{port}/health/liveliness", peer, 300)
                variants.append(
                    Variant(
                        "litellm",
                        "LiteLLM proxy (no guardrails)",
                        (f"http://127.0.0.1:{port}{chat}",),
                        (peer.pid,),
                        on_mock,
                        headers={"Authorization": f"Bearer {LITELLM_KEY}"},
                    )
                )
            if not skipped:
                url = await stack.enter_async_context(pg_schema(args.postgres_url))
                shared = env | {"ZTAI_DATABASE_URL": url, "ZTAI_REDIS_URL": args.redis_url}
                # One after the other: the first creates the schema's tables.
                pg_a = await stack.enter_async_context(serve("gw-pg-a", local, shared, cpu, work))
                pg_b = await stack.enter_async_context(
                    serve("gw-pg-b", local, shared, args.second_worker_cpu, work)
                )
                token = bearer(pg_a, await seed(pg_a, admin))
                variants += [
                    Variant("gw-pg-1", "ztai, PostgreSQL + Redis, 1 worker",
                            (pg_a.gateway + chat,), (pg_a.proc.pid,), on_mock, token=token,
                            at_c1=False),
                    Variant("gw-pg-2", "ztai, PostgreSQL + Redis, 2 workers",
                            (pg_a.gateway + chat, pg_b.gateway + chat),
                            (pg_a.proc.pid, pg_b.proc.pid), on_mock, token=token, at_c1=False),
                ]  # fmt: skip
            try:
                samples = await measure(args, variants)
            except RuntimeError:
                for log in sorted(work.glob("*.log")):
                    tail = log.read_text(errors="replace")[-1500:]
                    print(f"--- {log.name}\n{tail}", file=sys.stderr)
                raise
            result = Run(variants, samples, skipped)
            if args.profile > 0:
                target = next(v for v in variants if v.key == args.profile_variant)
                result.profile = await profile(args, target, local, env, admin, work)
    return result


# --- profile ---------------------------------------------------------------------------------


async def load_for(v: Variant, seconds: float, concurrency: int) -> None:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        await drive(session, v, 10**9, concurrency, seconds)


async def profile(
    args: argparse.Namespace, v: Variant, config: Path, env: dict[str, str], admin: str, work: Path
) -> str:
    """Where a gateway's CPU goes under c=`concurrency` load: py-spy if present, else cProfile."""
    spy = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
    if spy:
        out = work / "profile.txt"
        seconds = str(math.ceil(args.profile))
        command = [spy, "record", "--pid", str(v.pids[0]), "--duration", seconds]
        command += ["--rate", "200", "--format", "raw", "--nolineno", "--threads", "-o", str(out)]
        before, began = thread_cpu(v.pids[0]), time.monotonic()
        async with spawn("py-spy", command, args.client_cpu, dict(os.environ), work) as spy_proc:
            load = asyncio.create_task(load_for(v, args.profile + 30, args.concurrency))
            await spy_proc.process.wait()
            after, wall = thread_cpu(v.pids[0]), time.monotonic() - began
            load.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await load
        if not out.exists():
            return f"py-spy failed:\n\n```\n{spy_proc.log.read_text()[-1500:]}\n```\n"
        if args.profile_out:
            shutil.copyfile(out, args.profile_out)
        used = {name: (after[name] - before.get(name, 0.0)) / wall for name in after}
        cpu = ", ".join(f"{name} {share:.0%} of a core" for name, share in sorted(used.items()))
        return collapsed_top(out.read_text(), v.key, args.profile, args.concurrency, cpu)
    stats = work / "gateway.prof"
    ztai = str(Path(sys.executable).with_name("ztai"))
    program = [sys.executable, "-m", "cProfile", "-o", str(stats), ztai]
    async with serve("gw-cprofile", config, env, args.server_cpu, work, program) as gw:
        target = Variant("cprofile", "", (gw.gateway + CHAT,), (gw.proc.pid,))
        target.headers = await bearer(gw, await seed(gw, admin))()
        await load_for(target, args.profile, args.concurrency)
    return cprofile_top(stats, args.profile)


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds of the event-loop (main) thread and of all the others (aiosqlite's)."""
    found: dict[str, float] = collections.defaultdict(float)
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            name = "event-loop thread" if task.name == str(pid) else "other threads"
            found[name] += cpu_seconds_of(task / "stat")
    return found


PIPELINE = "ChatPipeline.handle"


def collapsed_top(
    raw: str, variant: str, seconds: float, concurrency: int, cpu: str, top: int = 15
) -> str:
    """Cumulative and self share per function of the event-loop thread, from py-spy.

    Other threads (aiosqlite's) wait in C code most of the time, which py-spy cannot tell
    from work; their CPU comes from /proc instead."""
    counts: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    above: set[str] = set()  # the server and ASGI middleware frames that call the pipeline
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if not count.isdigit() or "MainThread" not in frames[0] or len(frames) < 2:
            continue
        total += int(count)
        own[frames[-1]] += int(count)
        for frame in set(frames[1:]):
            counts[frame] += int(count)
        root = next((i for i, f in enumerate(frames) if f.startswith(PIPELINE)), None)
        above.update(frames[1:root] if root is not None else ())
    if not total:
        return "py-spy recorded no samples of the event-loop thread.\n"
    ranked = [(f, n) for f, n in counts.most_common() if f not in above][:top]
    wrappers = sum(1 for f in above if counts[f] > 0)
    lines = [
        f"py-spy, {seconds:g} s at 200 Hz on `{variant}` while the load generator kept "
        f"{concurrency} requests in flight; CPU by thread over that time: {cpu}. The table "
        f"covers the event-loop thread ({total:,} samples while it ran Python code): "
        "`cumulative` is the share of those samples with the function anywhere on the "
        f"stack, `self` at the top. The {wrappers} frames that lead to `{PIPELINE}` "
        "(interpreter start, `asyncio.run`, the event loop, uvicorn, Starlette's middleware "
        "stack) are left out, so the rows are the pipeline and what runs beside it.",
        "",
        "| # | function (file) | cumulative | self |",
        "|---:|---|---:|---:|",
    ]
    for rank, (frame, n) in enumerate(ranked, 1):
        lines.append(f"| {rank} | `{frame}` | {n / total:.1%} | {own[frame] / total:.1%} |")
    top_self = ", ".join(f"`{f}` {n / total:.1%}" for f, n in own.most_common(10))
    lines += ["", f"Highest self time: {top_self}."]
    return "\n".join(lines) + "\n"


def cprofile_top(path: Path, seconds: float, top: int = 15) -> str:
    import io
    import pstats

    buffer = io.StringIO()
    pstats.Stats(str(path), stream=buffer).sort_stats("cumulative").print_stats(top)
    return (
        f"cProfile of a separate `ztai serve` under {seconds:g} s of load (py-spy not "
        f"installed), top {top} by cumulative time:\n\n```\n{buffer.getvalue().strip()}\n```\n"
    )


# --- report ----------------------------------------------------------------------------------


def med(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def ms(value: float, digits: int) -> str:
    return "—" if math.isnan(value) else f"{value:.{digits}f}"


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def report(run: Run, args: argparse.Namespace, setup: str) -> str:
    s, c = run.samples, args.concurrency
    keys = [v.key for v in run.variants]

    def added(key: str, attr: str) -> list[float]:
        """The variant's percentile minus the direct call's p50 in the same repetition.

        Not minus the direct p99: the direct call's tail is the machine's noise, not the
        upstream's cost, and subtracting it can make a tail look negative."""
        pairs = zip(s[(key, 1)], s[("direct", 1)], strict=True)
        return [getattr(g, attr) - d.p50_ms for g, d in pairs]

    def stat(key: str, level: int, attr: str) -> float:
        return med([getattr(x, attr) for x in s[(key, level)]])

    def ratio(a: str, b: str) -> float:
        return med([x.rate / y.rate for x, y in zip(s[(a, c)], s[(b, c)], strict=True)])

    lines = [
        "## LLM gateway: added latency and throughput",
        "",
        f"Measured {datetime.date.today().isoformat()} on {machine()}; {setup}. "
        f"Command: `{command_line()}`.",
        "",
        f"`POST /v1/chat/completions`, non-streaming, a {PROMPT_BYTES:,}-byte user prompt that "
        "the mock upstream echoes back, different in every request (so no verdict is reused). "
        f"Servers on CPU {args.server_cpu} (`taskset`); the load "
        f"generator (one aiohttp process, keep-alive) and the mock upstream on CPU "
        f"{args.client_cpu}; the second PostgreSQL worker on CPU {args.second_worker_cpu}. "
        f"Variants interleaved; {args.reps} repetitions of {args.c1_requests:,} requests at "
        f"concurrency 1 and {args.requests:,} at concurrency {c}, each measurement cut at "
        f"{args.limit_seconds:g} s (`n` = requests completed, median); medians over "
        "repetitions. Each gateway request verifies the token (warm cache), runs shield and "
        "DLP on the prompt, decides policy, reserves usage (limits set far above the load), "
        "appends a durable decision record before forwarding, scans the answer, and appends "
        "a response record after answering.",
        "",
        "### Concurrency 1: latency",
        "",
        "| variant | n | p50 ms | p99 ms | added p50 ms | added p99 ms | added p50 range "
        "| in gateway before upstream, mean ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for v in (v for v in run.variants if v.at_c1):
        p50s, p99s = added(v.key, "p50_ms"), added(v.key, "p99_ms")
        extra = f"{med(p50s):.2f} | {med(p99s):.2f} | {min(p50s):.2f}–{max(p50s):.2f}"
        lines.append(
            f"| {v.label} | {stat(v.key, 1, 'done'):,.0f} | {stat(v.key, 1, 'p50_ms'):.2f} "
            f"| {stat(v.key, 1, 'p99_ms'):.2f} | {'— | — | —' if v.key == 'direct' else extra} "
            f"| {ms(stat(v.key, 1, 'pre_upstream_ms'), 2)} |"
        )
    lines += [
        "",
        "`added` = the variant's percentile minus the direct call's p50 in the same "
        "repetition (the direct call's tail is machine noise), median over repetitions. "
        "`in gateway before upstream`: the gateways' own `ztai_stage_seconds` histogram "
        "(`before_upstream`: from the request's arrival in the pipeline to just before it "
        "is forwarded), mean over the measurement.",
        "",
        f"### Concurrency {c}: throughput",
        "",
        "| variant | n | requests/s | range | p50 ms | p99 ms | in gateway before "
        "upstream, mean ms | server CPU | per server CPU-s | load side CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for v in run.variants:
        rates = [x.rate for x in s[(v.key, c)]]
        per_cpu = med([x.rate / x.server_cpu for x in s[(v.key, c)] if x.server_cpu > 0])
        lines.append(
            f"| {v.label} | {stat(v.key, c, 'done'):,.0f} | {med(rates):,.0f} "
            f"| {min(rates):,.0f}–{max(rates):,.0f} | {stat(v.key, c, 'p50_ms'):.1f} "
            f"| {stat(v.key, c, 'p99_ms'):.1f} | {ms(stat(v.key, c, 'pre_upstream_ms'), 1)} "
            f"| {stat(v.key, c, 'server_cpu'):.0%} "
            f"| {per_cpu:,.0f} | {stat(v.key, c, 'load_cpu'):.0%} |"
        )
    if run.skipped:
        lines.append(f"| ztai, PostgreSQL + Redis, 1 and 2 workers | not run: {run.skipped} |")
    lines += [
        "",
        "`server CPU`: share of one core used by the process(es) under test (both workers "
        "summed); `per server CPU-s` = requests/s divided by it. `load side CPU`: the load "
        "generator plus the mock upstream; near 100 % of one core it caps what the table "
        "can show.",
    ]
    for v in run.variants:
        failed = [x for k in (1, c) for x in s.get((v.key, k), []) if x.errors]
        if failed:
            lines.append(
                f"\nFailed requests, {v.label}: {sum(x.errors for x in failed)} over all "
                f"repetitions (left out of the rates), e.g. `{failed[0].first_error}`."
            )
    pairs = (("proxy", "direct"), ("gw-local", "proxy"), ("gw-external", "gw-local"),
             ("gw-pg-1", "gw-local"),
             ("gw-pg-2", "gw-pg-1"), ("gw-local", "litellm"))  # fmt: skip
    shown = [f"{a} / {b} = {ratio(a, b):.2f}×" for a, b in pairs if a in keys and b in keys]
    lines += ["", f"Requests/s ratios (median of per-repetition ratios): {'; '.join(shown)}."]

    def targets(key: str) -> tuple[float, float, float, float]:
        return (
            med(added(key, "p50_ms")),
            med(added(key, "p99_ms")),
            stat(key, c, "rate"),
            stat(key, c, "p99_ms"),
        )

    p50, p99, rate, tail = targets("gw-local")
    lines += [
        "",
        "### Targets",
        "",
        f"- Added latency at concurrency 1 (`trust: local`): p50 {p50:.2f} ms "
        f"(≤ {TARGET_ADDED_P50_MS:g}) {verdict(p50 <= TARGET_ADDED_P50_MS)}; p99 {p99:.2f} ms "
        f"(≤ {TARGET_ADDED_P99_MS:g}) {verdict(p99 <= TARGET_ADDED_P99_MS)}.",
        f"- ≥ {TARGET_RPS_PER_CORE:,.0f} requests/s on one core at concurrency {c} with p99 "
        f"≤ {TARGET_P99_MS:g} ms: {rate:,.0f}/s, p99 {tail:.1f} ms "
        f"{verdict(rate >= TARGET_RPS_PER_CORE and tail <= TARGET_P99_MS)}.",
    ]
    if "gw-pg-2" in keys:
        scale = ratio("gw-pg-2", "gw-pg-1")
        lines.append(
            f"- ≥ {TARGET_SCALING:g}× requests/s with two workers: {scale:.2f}× "
            f"{verdict(scale >= TARGET_SCALING)} (the second worker shares CPU "
            f"{args.second_worker_cpu} with the load generator and the mock)."
        )
    else:
        lines.append(f"- ≥ {TARGET_SCALING:g}× with two workers: not run ({run.skipped}).")
    if run.profile:
        lines += ["", "### Profile of the gateway under load", "", run.profile.rstrip()]
    return "\n".join(lines) + "\n"


def command_line() -> str:
    exe = Path(sys.executable)
    shown = str(exe.relative_to(ROOT)) if exe.is_relative_to(ROOT) else "python"
    command = shlex.join([shown, "benchmarks/gateway_bench.py", *sys.argv[1:]])
    path = os.environ.get("PYTHONPATH")  # a source snapshot instead of the working tree
    return f"PYTHONPATH={shlex.quote(path)} {command}" if path else command


def write_docs(figures: str) -> None:
    """Replace the figures block of this section; add the section if it is not there yet.

    The rest of the section (the analysis) is maintained by hand and kept as it is."""
    block = f"{FIGURES[0]}\n{figures.rstrip()}\n{FIGURES[1]}"
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Performance\n"  # re-read now
    inner = re.compile(re.escape(FIGURES[0]) + r".*?" + re.escape(FIGURES[1]), re.DOTALL)
    if SECTION[0] in text and inner.search(text):
        text = inner.sub(lambda _: block, text, count=1)
    else:
        text = f"{text.rstrip()}\n\n{SECTION[0]}\n{block}\n{SECTION[1]}\n"
    DOCS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 rep, 100 + 500 requests")
    parser.add_argument("--reps", type=int, default=3, help="repetitions (default 3)")
    parser.add_argument("--c1-requests", type=int, default=500, help="per variant at c=1")
    parser.add_argument("--requests", type=int, default=2000, help="per variant at --concurrency")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--limit-seconds", type=float, default=3, help="cap per measurement")
    parser.add_argument("--server-cpu", type=int, default=0, help="CPU for servers; -1: any")
    parser.add_argument("--client-cpu", type=int, default=1, help="CPU for load + mock")
    parser.add_argument("--second-worker-cpu", type=int, default=1)
    parser.add_argument(
        "--no-workers",
        dest="skip_workers",
        action="store_true",
        help="skip the PostgreSQL + Redis one- and two-worker variants",
    )
    parser.add_argument("--litellm", help="a `litellm` executable: adds LiteLLM's proxy as a peer "
                        "(pip install 'litellm[proxy]' in a venv of its own)")  # fmt: skip
    parser.add_argument("--postgres-url", default=PG_URL)
    parser.add_argument("--redis-url", default=REDIS_URL)
    parser.add_argument("--profile", type=float, default=0, help="seconds of py-spy (0: off)")
    parser.add_argument("--profile-out", help="also keep py-spy's collapsed stacks here")
    parser.add_argument("--profile-variant", default="gw-local", help="gateway to profile")
    parser.add_argument("--tmp-dir", help="data directories (default: system temp)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    parser.add_argument("--child", choices=("mock", "proxy"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--upstream", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_child(args.child, args.port, args.upstream)
    if args.quick:
        args.reps, args.c1_requests, args.requests = 1, 100, 500
    pinned = "not pinned"
    if args.client_cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.client_cpu})
        pinned = f"pinned to CPU {args.client_cpu}"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    disk = fsync_cost(Path(args.tmp_dir or tempfile.gettempdir()))
    setup = (
        f"{ztai_source()}; load generator {pinned}, uvloop; load average at start {load}; {disk}"
    )
    import uvloop

    result = uvloop.run(run(args))
    markdown = report(result, args, setup)
    print(markdown)
    print(f"took {time.monotonic() - STARTED:.0f} s", file=sys.stderr)
    if args.write_docs:
        write_docs(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
