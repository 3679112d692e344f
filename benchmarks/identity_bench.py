"""Identity benchmark: access-token verification (warm, cold, raw Ed25519) and issuance.

Runs in-process against the real wiring (`ztai.bootstrap.build_services`) on a temporary
SQLite database and, when reachable, on a throw-away PostgreSQL schema. Prints Markdown;
`--write-docs` replaces the identity section of docs/performance.md.

    .venv/bin/python benchmarks/identity_bench.py [--reps 5] [--calls 10000] [--write-docs]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import datetime
import gc
import os
import platform
import re
import secrets
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from ztai.bootstrap import Services, build_services
from ztai.config import Settings
from ztai.crypto import jws
from ztai.crypto.b64 import b64url_decode
from ztai.domain.agent import LifecycleAction
from ztai.domain.credential import CredentialType
from ztai.identity.issuer import ACCESS_TOKEN_TYPE
from ztai.registry.service import NewAgent

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "performance.md"
SECTION = "identity"
PG_URL = os.environ.get("ZTAI_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
VERIFY_TARGET_US = 25.0
ISSUE_TARGET_PER_S = 1000.0
BATCH = 100  # calls timed between two chances to refresh the identity view
REFRESH_NS = 200_000_000


# --- measurement -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Latency:
    """Percentiles of one repetition, in microseconds."""

    p50: float
    p90: float
    p99: float

    @classmethod
    def of(cls, samples_ns: Sequence[int]) -> Latency:
        cuts = statistics.quantiles(samples_ns, n=100, method="inclusive")
        return cls(cuts[49] / 1e3, cuts[89] / 1e3, cuts[98] / 1e3)

    @staticmethod
    def median(reps: Sequence[Latency]) -> Latency:
        return Latency(
            statistics.median(r.p50 for r in reps),
            statistics.median(r.p90 for r in reps),
            statistics.median(r.p99 for r in reps),
        )


@dataclass(frozen=True, slots=True)
class SyncResult:
    """One code path measured call by call over several repetitions."""

    name: str
    reps: tuple[Latency, ...]
    mean_us: tuple[float, ...]  # wall time of each repetition / calls: no per-call timer

    @property
    def latency(self) -> Latency:
        return Latency.median(self.reps)

    def row(self) -> str:
        lat, p50s = self.latency, [r.p50 for r in self.reps]
        mean = statistics.median(self.mean_us)
        return (
            f"| {self.name} | {lat.p50:.1f} | {lat.p90:.1f} | {lat.p99:.1f} | {mean:.1f} "
            f"| {min(p50s):.1f}–{max(p50s):.1f} | {1e6 / mean:,.0f} |"
        )


async def time_calls(
    call: Callable[[str], object], args: Sequence[str], refresh: Callable[[], Awaitable[None]]
) -> tuple[list[int], float]:
    """Per-call latencies (ns) and the mean (µs) of `call(arg)` for each arg, in order.

    The collector is paused inside each batch, as `timeit` does. Between batches, outside
    the timed region, `refresh` runs every REFRESH_NS: the identity view refuses every
    token once it is 1 s old, and on a loaded machine its background poll can fall behind
    a tight loop that rarely yields.
    """
    clock = time.perf_counter_ns
    samples: list[int] = []
    busy = 0
    refreshed = clock()
    for start in range(0, len(args), BATCH):
        chunk = args[start : start + BATCH]
        gc.disable()
        began = clock()
        for arg in chunk:
            t0 = clock()
            call(arg)
            samples.append(clock() - t0)
        busy += clock() - began
        gc.enable()
        if clock() - refreshed > REFRESH_NS:
            await refresh()
            refreshed = clock()
    return samples, busy / len(args) / 1e3


# --- environment ---------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        found = re.search(r"^Model name:\s*(.+)$", out, re.MULTILINE)
        model = found.group(1).strip() if found else model
    python = platform.python_version()
    return f"{os.cpu_count()} × {model}, Linux {platform.release()}, Python {python}"


def fsync_cost(directory: Path, writes: int = 200) -> str:
    """What one durable commit costs on this disk now: fdatasync after a 4 KiB overwrite.

    Shared virtual disks swing by orders of magnitude, so every run reports it."""
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
    lat = Latency.of(samples)
    return f"fdatasync of a 4 KiB overwrite: p50 {lat.p50 / 1e3:.2f} ms, p90 {lat.p90 / 1e3:.2f} ms"


def pin(cpu: int) -> str:
    if cpu < 0 or not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    os.sched_setaffinity(0, {cpu})  # threads started later (aiosqlite) inherit it
    return f"pinned to CPU {cpu}"


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reps", type=int, default=5, help="repetitions (default 5)")
    parser.add_argument(
        "--backends", default="sqlite,postgresql", help="comma list: sqlite,postgresql"
    )
    parser.add_argument("--postgres-url", default=PG_URL, help="server for the temp schema")
    parser.add_argument("--cpu", type=int, default=0, help="pin to this CPU; -1: don't pin")
    parser.add_argument("--loop", choices=("uvloop", "asyncio"), default="uvloop")
    parser.add_argument("--tmp-dir", help="where SQLite files go (default: system temp)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")


def start(
    args: argparse.Namespace,
    section: str,
    run: Callable[[argparse.Namespace, str], Coroutine[Any, Any, str]],
) -> int:
    """Pin, probe the disk, run the benchmark on the chosen loop, print and maybe record."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    disk = fsync_cost(Path(args.tmp_dir or tempfile.gettempdir()))
    setup = f"{pin(args.cpu)}, {args.loop} event loop; load average at start {load}; {disk}"
    if args.loop == "uvloop":
        import uvloop

        markdown = uvloop.run(run(args, setup))
    else:
        markdown = asyncio.run(run(args, setup))
    print(markdown)
    if args.write_docs:
        write_section(section, markdown)
    return 0


def provenance(script: str, setup: str) -> str:
    return (
        f"Measured {datetime.date.today().isoformat()} on {machine()}; benchmark process "
        f"{setup}. Command: `{command_line(script)}`."
    )


def command_line(script: str) -> str:
    exe = Path(sys.executable)
    shown = str(exe.relative_to(ROOT)) if exe.is_relative_to(ROOT) else "python"
    return shlex.join([shown, f"benchmarks/{script}", *sys.argv[1:]])


def write_section(name: str, body: str) -> None:
    """Replace the text between this benchmark's markers in docs/performance.md."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Performance\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else f"{text}\n{block}\n"
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")


@contextlib.asynccontextmanager
async def database(backend: str, workdir: Path, pg_url: str) -> AsyncIterator[str]:
    """A database URL: a new SQLite file, or a new PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'ztai.db'}"
        return
    schema = f"zt_bench_{uuid.uuid4().hex[:12]}"
    await pg_execute(pg_url, f"CREATE SCHEMA {schema}")
    try:
        yield f"{pg_url}{'&' if '?' in pg_url else '?'}search_path={schema}"
    finally:
        await pg_execute(pg_url, f"DROP SCHEMA {schema} CASCADE")


async def pg_execute(pg_url: str, sql: str) -> None:
    conn = await asyncpg.connect(pg_url, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def postgres_reachable(pg_url: str) -> bool:
    try:
        conn = await asyncpg.connect(pg_url, timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await conn.close()
    return True


@dataclass(frozen=True, slots=True)
class Client:
    client_id: str
    secret: str


async def services_with_clients(
    url: str, data_dir: Path, count: int
) -> tuple[Services, list[Client]]:
    """Services plus `count` active agents, each with its own client_secret credential."""
    settings = Settings(
        data_dir=data_dir,
        database_url=url,
        admin_token=secrets.token_urlsafe(24),
        master_key=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    )
    services = await build_services(settings)
    clients = []
    for n in range(count):
        agent = await services.registry.create(
            "user:bench",
            NewAgent(f"bench-agent-{n}", "benchmark", "bench@example.com", "s@example.com"),
        )
        await services.registry.transition("user:bench", agent.id, LifecycleAction.ACTIVATE)
        issued = await services.credentials.create(
            "user:bench", agent.id, CredentialType.CLIENT_SECRET
        )
        assert issued.client_secret is not None
        clients.append(Client(issued.credential.client_id, issued.client_secret))
    return services, clients


# --- verification --------------------------------------------------------------------------


def mint_unseen(services: Services, template: str, count: int) -> list[str]:
    """Tokens exactly like the issuer's, each with a fresh jti: never seen by the verifier.

    Signed with the ring's current key outside the timed region; issuing them through
    `by_secret` would add an audit record per token and take minutes."""
    header, *_ = jws.split(template)
    claims = jws.peek_claims(template)
    key = services.token_keys.current()
    assert header == {"alg": "EdDSA", "typ": ACCESS_TOKEN_TYPE, "kid": key.kid}
    return [
        jws.sign(header, {**claims, "jti": uuid.uuid4().hex}, key.private) for _ in range(count)
    ]


async def bench_verification(
    services: Services, client: Client, calls: int, reps: int
) -> list[SyncResult]:
    token = (
        await services.issuer.by_secret(client.client_id, client.secret, None, None)
    ).access_token
    verify = services.verifier.verify
    _, h64, p64, s64 = jws.split(token)
    signing_input, signature = f"{h64}.{p64}".encode("ascii"), b64url_decode(s64)
    public = services.token_keys.current().public

    def raw(_: str) -> None:
        public.verify(signature, signing_input)

    verify(token)  # the first call is the cold one; the warm runs below reuse its cache entry
    await time_calls(verify, [token] * BATCH, services.view.sync)  # warm-up
    results: dict[str, tuple[list[Latency], list[float]]] = {
        k: ([], []) for k in ("warm", "cold", "raw")
    }
    for _ in range(reps):
        unseen = mint_unseen(services, token, calls)
        gc.collect()
        for name, fn, args in (
            ("warm", verify, [token] * calls),
            ("cold", verify, unseen),
            ("raw", raw, [token] * calls),
        ):
            await services.view.sync()  # each path starts with a just-refreshed view
            samples, mean = await time_calls(fn, args, services.view.sync)
            results[name][0].append(Latency.of(samples))
            results[name][1].append(mean)
    labels = {
        "warm": "(a) warm: same token again (cached claims + revocation checks)",
        "cold": "(b) cold: never-seen token (parse + Ed25519 + claims)",
        "raw": "(c) raw `cryptography` Ed25519 verify",
    }
    return [SyncResult(labels[k], tuple(lat), tuple(means)) for k, (lat, means) in results.items()]


# --- issuance ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssueResult:
    backend: str
    concurrency: int
    rates: tuple[float, ...]
    reps: tuple[Latency, ...]
    cpu: tuple[float, ...]  # this process's CPU time / wall time

    def row(self) -> str:
        lat = Latency.median(self.reps)
        rate, cpu = statistics.median(self.rates), statistics.median(self.cpu)
        return (
            f"| {self.backend} | {self.concurrency} | {rate:,.0f} "
            f"| {min(self.rates):,.0f}–{max(self.rates):,.0f} "
            f"| {lat.p50 / 1e3:.1f} | {lat.p90 / 1e3:.1f} | {lat.p99 / 1e3:.1f} "
            f"| {cpu:.0%} | {rate / cpu:,.0f} |"
        )


async def issue_run(
    services: Services, clients: Sequence[Client], total: int, concurrency: int
) -> tuple[float, list[int], float]:
    """`total` grants from `concurrency` tasks: grants/s, per-grant latencies (ns), and
    the share of one core this process used (all its threads)."""
    latencies: list[int] = []
    remaining = total
    clock = time.perf_counter_ns

    async def worker(client: Client) -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            t0 = clock()
            await services.issuer.by_secret(client.client_id, client.secret, None, None)
            latencies.append(clock() - t0)

    began, cpu = clock(), time.process_time()
    await asyncio.gather(*(worker(clients[i % len(clients)]) for i in range(concurrency)))
    wall = (clock() - began) / 1e9
    return total / wall, latencies, (time.process_time() - cpu) / wall


async def bench_issuance(
    backend: str, services: Services, clients: Sequence[Client], args: argparse.Namespace
) -> IssueResult:
    await issue_run(services, clients, max(args.concurrency * 4, 200), args.concurrency)
    rates, reps, cpus = [], [], []
    for _ in range(args.reps):
        gc.collect()
        rate, latencies, cpu = await issue_run(services, clients, args.issue, args.concurrency)
        rates.append(rate)
        reps.append(Latency.of(latencies))
        cpus.append(cpu)
    return IssueResult(backend, args.concurrency, tuple(rates), tuple(reps), tuple(cpus))


# --- report --------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def report(
    verification: list[SyncResult],
    issuance: list[IssueResult],
    skipped: list[str],
    args: argparse.Namespace,
    setup: str,
) -> str:
    warm, cold, raw = (r.latency.p50 for r in verification)
    lines = [
        "## Identity: token verification and issuance",
        "",
        provenance("identity_bench.py", setup),
        "",
        "### `TokenVerifier.verify(token)`, in-process (SQLite-backed services)",
        "",
        f"{args.calls:,} calls per repetition, {args.reps} repetitions; each figure is the "
        "median over repetitions of that repetition's percentile. `mean` is wall time / "
        "calls (no per-call timer); `p50 range` is the lowest and highest per-repetition p50.",
        "",
        "| path | p50 µs | p90 µs | p99 µs | mean µs | p50 range µs | calls/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(r.row() for r in verification),
        "",
        f"Cold / raw = {cold / raw:.1f}×; warm / raw = {warm / raw:.2f}×.",
        "",
        "### `TokenIssuer.by_secret(...)`, in-process",
        "",
        f"{args.issue:,} grants per repetition from {args.concurrency} concurrent tasks over "
        f"{args.agents} agents, {args.reps} repetitions; each grant checks the secret, reads "
        "the credential and the agent, signs, and waits for its durable audit record "
        "(group commit). `process CPU` is this process's CPU time (all threads) / wall time "
        "on its one pinned core; `grants per CPU-s` divides the rate by it, which factors "
        "out time the core was lent to other load but also credits idle fsync waits, and "
        "leaves out PostgreSQL's own server processes.",
        "",
        "| backend | tasks | grants/s (median) | range | p50 ms | p90 ms | p99 ms "
        "| process CPU | grants per CPU-s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(r.row() for r in issuance),
        *(f"| {name} | — | not run: unreachable | | | | | | |" for name in skipped),
        "",
        "### Targets",
        "",
        f"- Verification p50 ≤ {VERIFY_TARGET_US:.0f} µs: warm {warm:.1f} µs "
        f"{verdict(warm <= VERIFY_TARGET_US)}; cold {cold:.1f} µs "
        f"{verdict(cold <= VERIFY_TARGET_US)}.",
    ]
    for r in issuance:
        rate = statistics.median(r.rates)
        lines.append(
            f"- Issuance ≥ {ISSUE_TARGET_PER_S:,.0f}/s on one core, {r.backend}: "
            f"{rate:,.0f}/s {verdict(rate >= ISSUE_TARGET_PER_S)}."
        )
    return "\n".join(lines) + "\n"


async def run(args: argparse.Namespace, setup: str) -> str:
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    verification: list[SyncResult] = []
    issuance: list[IssueResult] = []
    skipped: list[str] = []
    for backend in backends:
        if backend == "postgresql" and not await postgres_reachable(args.postgres_url):
            print(f"PostgreSQL unreachable at {args.postgres_url}: skipped", file=sys.stderr)
            skipped.append(backend)
            continue
        with tempfile.TemporaryDirectory(prefix="ztai-bench-", dir=args.tmp_dir) as tmp:
            async with database(backend, Path(tmp), args.postgres_url) as url:
                services, clients = await services_with_clients(
                    url, Path(tmp) / "data", args.agents
                )
                try:
                    if not verification:  # verification never touches storage
                        verification = await bench_verification(
                            services, clients[0], args.calls, args.reps
                        )
                    issuance.append(await bench_issuance(backend, services, clients, args))
                finally:
                    await services.close()
    return report(verification, issuance, skipped, args, setup)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_arguments(parser)
    parser.add_argument("--calls", type=int, default=10_000, help="verifications per rep")
    parser.add_argument("--issue", type=int, default=3_000, help="grants per repetition")
    parser.add_argument("--concurrency", type=int, default=64, help="concurrent grant tasks")
    parser.add_argument("--agents", type=int, default=8, help="agents sharing the grants")
    args = parser.parse_args()
    if "sqlite" not in args.backends.split(","):
        parser.error("--backends must include sqlite (verification runs on it)")
    return start(args, SECTION, run)


if __name__ == "__main__":
    sys.exit(main())
