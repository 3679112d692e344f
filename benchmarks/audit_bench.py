"""Audit benchmark: durable `AuditLog.append` under concurrency, and chain verification.

Every append returns only once its own record is committed (WAL + synchronous=FULL on
SQLite, fsync + synchronous_commit on PostgreSQL); concurrent callers share a commit.
Shares the measurement and report helpers of identity_bench.py. Prints Markdown;
`--write-docs` replaces the audit section of docs/performance.md.

    .venv/bin/python benchmarks/audit_bench.py [--reps 5] [--seconds 1] [--write-docs]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from identity_bench import (
    Latency,
    add_common_arguments,
    database,
    postgres_reachable,
    provenance,
    start,
)

from ztai.audit.verify import read_witness, verify_log
from ztai.bootstrap import Services, build_services
from ztai.config import Settings
from ztai.domain.audit_event import AuditEvent

SECTION = "audit"
APPEND_TARGET_PER_S = 5000.0


def token_event(agent_id: str) -> AuditEvent:
    """The record every token grant writes: the most frequent one in a live log."""
    return AuditEvent(
        actor=f"agent:{agent_id}",
        action="token.issue",
        target=f"Agent::{agent_id}",
        decision="allow",
        agent_id=agent_id,
        data={"jti": uuid.uuid4().hex, "credential_id": f"crd_{uuid.uuid4().hex}", "exp": 0},
    )


@dataclass(frozen=True, slots=True)
class AppendResult:
    backend: str
    callers: int
    rates: tuple[float, ...]
    reps: tuple[Latency, ...]
    per_commit: tuple[float, ...]  # records per group commit
    cpu: tuple[float, ...]  # this process's CPU time / wall time

    def row(self) -> str:
        lat, rate = Latency.median(self.reps), statistics.median(self.rates)
        cpu = statistics.median(self.cpu)
        return (
            f"| {self.backend} | {self.callers} | {rate:,.0f} "
            f"| {min(self.rates):,.0f}–{max(self.rates):,.0f} "
            f"| {lat.p50 / 1e3:.2f} | {lat.p99 / 1e3:.2f} "
            f"| {statistics.median(self.per_commit):.1f} | {cpu:.0%} | {rate / cpu:,.0f} |"
        )


@dataclass(frozen=True, slots=True)
class Run:
    rate: float
    latencies: list[int]
    per_commit: float
    cpu: float


async def append_run(services: Services, callers: int, seconds: float) -> Run:
    """`callers` tasks append back to back for `seconds`.

    A group commit stamps all its records with one timestamp, so distinct timestamps
    count commits."""
    clock = time.perf_counter_ns
    deadline = clock() + int(seconds * 1e9)
    latencies: list[int] = []
    stamps: set[str] = set()
    agent_ids = [f"agt_{uuid.uuid4().hex}" for _ in range(callers)]

    async def caller(agent_id: str) -> None:
        while clock() < deadline:
            event = token_event(agent_id)
            t0 = clock()
            record = await services.audit.append(event)
            latencies.append(clock() - t0)
            stamps.add(record.ts)

    began, cpu = clock(), time.process_time()
    await asyncio.gather(*(caller(a) for a in agent_ids))
    wall = (clock() - began) / 1e9
    return Run(
        rate=len(latencies) / wall,
        latencies=latencies,
        per_commit=len(latencies) / max(len(stamps), 1),
        cpu=(time.process_time() - cpu) / wall,
    )


async def durability(services: Services) -> str:
    if services.db.dialect == "sqlite":
        row = await services.db.fetchrow("PRAGMA synchronous")
        level = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(
            int(next(iter(row.values()))) if row else -1, "?"
        )
        mode = await services.db.fetchrow("PRAGMA journal_mode")
        journal = str(next(iter(mode.values()))) if mode else "?"
        return f"journal_mode={journal}, synchronous={level}"
    shown = []
    for name in ("fsync", "synchronous_commit", "wal_sync_method"):
        row = await services.db.fetchrow(f"SHOW {name}")
        shown.append(f"{name}={next(iter(row.values())) if row else '?'}")
    return ", ".join(shown)


@dataclass(frozen=True, slots=True)
class VerifyResult:
    backend: str
    records: int
    in_process_s: tuple[float, ...]
    cli_s: tuple[float, ...]
    startup_s: tuple[float, ...]  # `ztai --help`: interpreter plus command-module imports

    def row(self) -> str:
        inproc, cli = statistics.median(self.in_process_s), statistics.median(self.cli_s)
        return (
            f"| {self.backend} | {self.records:,} | {self.records / inproc:,.0f} "
            f"| {inproc:.2f} | {self.records / cli:,.0f} | {cli:.2f} "
            f"| {statistics.median(self.startup_s):.2f} |"
        )


async def timed_command(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = await asyncio.to_thread(
        subprocess.run, argv, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[1:])} failed: {done.stdout} {done.stderr}")
    return time.perf_counter() - t0, done.stdout


async def bench_verify(
    backend: str, services: Services, url: str, data_dir: Path, reps: int
) -> VerifyResult:
    """`verify_log` in-process, and the `ztai audit verify` command end to end."""
    repo = services.audit.repository
    records = await repo.count()
    inproc = []
    for _ in range(reps):
        witness = read_witness(data_dir / "audit-witness.jsonl")
        t0 = time.perf_counter()
        result = await verify_log(repo, services.audit_keys.historic_key, witness)
        inproc.append(time.perf_counter() - t0)
        if not result.ok:
            raise RuntimeError(f"audit chain does not verify: {result.summary()}")
    ztai = str(Path(sys.executable).with_name("ztai"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZTAI_")}
    env["ZTAI_DATABASE_URL"] = url
    cli, startup = [], []
    for _ in range(reps):
        took, out = await timed_command([ztai, "audit", "verify", "--data-dir", str(data_dir)], env)
        if not out.startswith(f"ok {records} records"):
            raise RuntimeError(f"ztai audit verify: unexpected answer {out!r}")
        cli.append(took)
        startup.append((await timed_command([ztai, "--help"], env))[0])
    return VerifyResult(backend, records, tuple(inproc), tuple(cli), tuple(startup))


async def bench_backend(
    backend: str, url: str, data_dir: Path, args: argparse.Namespace
) -> tuple[list[AppendResult], VerifyResult, str]:
    settings = Settings(
        data_dir=data_dir,
        database_url=url,
        admin_token=secrets.token_urlsafe(24),
    )  # no master_key: it goes to data_dir, where `ztai audit verify` finds it
    services = await build_services(settings)
    try:
        settings_note = await durability(services)
        results = []
        for callers in args.callers:
            await append_run(services, callers, min(0.3, args.seconds))  # warm-up
            runs = []
            for _ in range(args.reps):
                gc.collect()
                runs.append(await append_run(services, callers, args.seconds))
            results.append(
                AppendResult(
                    backend,
                    callers,
                    tuple(r.rate for r in runs),
                    tuple(Latency.of(r.latencies) for r in runs),
                    tuple(r.per_commit for r in runs),
                    tuple(r.cpu for r in runs),
                )
            )
            print(results[-1].row(), file=sys.stderr)
        await services.audit.close()  # final checkpoint, as `ztai serve` does on shutdown
        verified = await bench_verify(backend, services, url, data_dir, args.verify_reps)
    finally:
        await services.close()
    return results, verified, settings_note


def report(
    appends: list[AppendResult],
    verifies: list[VerifyResult],
    notes: dict[str, str],
    skipped: list[str],
    args: argparse.Namespace,
    setup: str,
) -> str:
    lines = [
        "## Audit: durable appends and chain verification",
        "",
        provenance("audit_bench.py", setup),
        "",
        "Durability in effect: "
        + "; ".join(f"{name}: {note}" for name, note in notes.items())
        + ".",
        "",
        "### `AuditLog.append(event)`",
        "",
        f"Each of N callers appends a `token.issue` record and waits for its own commit, "
        f"back to back for {args.seconds:g} s; {args.reps} repetitions, medians shown "
        "(`range` is the lowest and highest repetition). `records/commit` is how many "
        "callers shared one transaction and fsync; `process CPU` is this process's CPU time "
        "(all threads) / wall time on its one pinned core.",
        "",
        "| backend | callers | records/s (median) | range | p50 ms | p99 ms | records/commit "
        "| process CPU | records per CPU-s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(r.row() for r in appends),
        *(f"| {name} | — | not run: unreachable | | | | | | |" for name in skipped),
        "",
        "### Chain verification",
        "",
        "The log the append runs left behind (hash chain, signed checkpoints, witness file), "
        f"median of {args.verify_reps} runs. `ztai audit verify` is timed end to end as a "
        "command; `ztai --help` shows how much of that is start-up (interpreter and imports).",
        "",
        "| backend | records | `verify_log` records/s | `verify_log` s "
        "| `ztai audit verify` records/s | `ztai audit verify` s | `ztai --help` s |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(v.row() for v in verifies),
        "",
        "### Target",
        "",
    ]
    for backend in {r.backend: None for r in appends}:
        rows = [r for r in appends if r.backend == backend]
        met = [r.callers for r in rows if statistics.median(r.rates) >= APPEND_TARGET_PER_S]
        best = max(rows, key=lambda r: statistics.median(r.rates))
        lines.append(
            f"- Durable appends ≥ {APPEND_TARGET_PER_S:,.0f}/s, {backend}: best "
            f"{statistics.median(best.rates):,.0f}/s at {best.callers} callers; "
            + (
                f"**met** with {', '.join(map(str, met))} callers."
                if met
                else "**not met** at any tested concurrency."
            )
        )
    return "\n".join(lines) + "\n"


async def run(args: argparse.Namespace, setup: str) -> str:
    appends: list[AppendResult] = []
    verifies: list[VerifyResult] = []
    notes: dict[str, str] = {}
    skipped: list[str] = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        if backend == "postgresql" and not await postgres_reachable(args.postgres_url):
            print(f"PostgreSQL unreachable at {args.postgres_url}: skipped", file=sys.stderr)
            skipped.append(backend)
            continue
        with tempfile.TemporaryDirectory(prefix="ztai-bench-", dir=args.tmp_dir) as tmp:
            data_dir = Path(tmp) / "data"
            async with database(backend, data_dir, args.postgres_url) as url:
                results, verified, note = await bench_backend(backend, url, data_dir, args)
        appends.extend(results)
        verifies.append(verified)
        notes[backend] = note
    return report(appends, verifies, notes, skipped, args, setup)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_arguments(parser)
    parser.add_argument("--seconds", type=float, default=0.5, help="length of one repetition")
    parser.add_argument(
        "--callers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 16, 64, 256],
        help="comma list of concurrent callers (default 1,16,64,256)",
    )
    parser.add_argument("--verify-reps", type=int, default=3, help="runs of audit verify")
    return start(parser.parse_args(), SECTION, run)


if __name__ == "__main__":
    sys.exit(main())
