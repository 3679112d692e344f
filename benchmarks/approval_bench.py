"""Held approvals and tool-call guards, side by side in one run.

1. Wake-up: how long after an approver's decision starts a held call resumes, when the
   decision is taken on the same replica (in-process event), on another replica with Redis
   (pub/sub), and on another replica without Redis (the held call's own recheck, default 1 s).
   Two `build_services` replicas share one throw-away PostgreSQL schema.
2. Per-call guards on `tools/call`: classifying the arguments (DLP label) and reserving a
   call against the tool's limits, in memory and in Redis.

    .venv/bin/python benchmarks/approval_bench.py [--wakes 200] [--recheck-wakes 20]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
from redis.asyncio import Redis

from ztai.bootstrap import Services, build_services
from ztai.config import Settings
from ztai.config.settings import McpSettings
from ztai.dlp import Classifier, DlpEngine
from ztai.domain.agent import LifecycleAction
from ztai.gateway.llm.limits import MemoryRateLimiter, RedisRateLimiter
from ztai.gateway.mcp.guards import ToolGuards
from ztai.registry.service import NewAgent
from ztai.storage.catalog import ToolRecord

LABELS = ("Public", "General", "Confidential", "Highly Confidential")


def _settings(tmp: Path, name: str, db_url: str, redis_url: str | None) -> Settings:
    return Settings.model_validate(
        {
            "data_dir": tmp / name,
            "database_url": db_url,
            "redis_url": redis_url,
            "admin_token": "bench-admin-token-0123456789",
            "master_key": base64.urlsafe_b64encode(bytes(32)).decode(),
        }
    )


async def _wakes(
    held: Services, decider: Services, agent_id: str, n: int, spread: float
) -> tuple[list[float], list[float]]:
    """n times: (seconds the decision took to record, seconds from the decision's start to
    the held call's return). The call is held for 10 ms plus a seeded random part of
    `spread` seconds first, so a periodic recheck is met at a random phase."""
    phase = random.Random(7)
    recorded, resumed = [], []
    for _ in range(n):
        approval = await held.approvals.request(
            agent_id=agent_id,
            tool="finance.issue_refund",
            arguments={"amount": 900},
            digest=uuid.uuid4().hex,
            policy_version=1,
            decision_id="dec_bench",
        )
        waiting = asyncio.create_task(held.approvals.wait(approval.id, 60))
        await asyncio.sleep(0.01 + phase.uniform(0, spread))
        start = time.perf_counter()
        await decider.approvals.decide("admin:bench", approval.id, True, "cfo@example.com", None)
        recorded.append(time.perf_counter() - start)
        result = await waiting
        resumed.append(time.perf_counter() - start)
        assert result is not None and result.state == "approved"
    return recorded, resumed


def _ms(seconds: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in seconds)
    return statistics.median(ms), ms[max(0, int(len(ms) * 0.9) - 1)]


def _row(label: str, recorded: list[float], resumed: list[float]) -> str:
    (rec, _), (med, p90) = _ms(recorded), _ms(resumed)
    return f"| {label} | {len(resumed)} | {rec:.2f} | {med:.2f} | {p90:.2f} |"


async def wake_table(pg_url: str, redis_url: str, wakes: int, recheck_wakes: int) -> None:
    schema = f"zt_bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(pg_url)
    await conn.execute(f"CREATE SCHEMA {schema}")
    db_url = f"{pg_url}{'&' if '?' in pg_url else '?'}search_path={schema}"
    print(
        "| decision taken on | wakes | decision recorded, median ms "
        "| held call resumed, median ms | resumed, p90 ms |\n|---|---:|---:|---:|---:|"
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for label, use_redis, n in (
                ("the same replica (in-process event)", True, wakes),
                ("another replica, Redis pub/sub", True, wakes),
                ("another replica, no Redis (recheck every 1 s)", False, recheck_wakes),
            ):
                redis = redis_url if use_redis else None
                a = await build_services(_settings(Path(tmp), f"a{n}{redis}", db_url, redis))
                b = await build_services(_settings(Path(tmp), f"b{n}{redis}", db_url, redis))
                try:
                    spec = NewAgent(f"bench-{uuid.uuid4().hex[:8]}", "", "o@example.com", "s")
                    agent = await a.registry.create("bench", spec)
                    await a.registry.transition("bench", agent.id, LifecycleAction.ACTIVATE)
                    decider = a if label.startswith("the same") else b
                    spread = 0.0 if use_redis else 1.0
                    print(_row(label, *await _wakes(a, decider, agent.id, n, spread)), flush=True)
                finally:
                    await b.close()
                    await a.close()
    finally:
        await conn.execute(f"DROP SCHEMA {schema} CASCADE")
        await conn.close()


async def guard_table(redis_url: str, n: int) -> None:
    tool = ToolRecord("finance", "issue_refund", {}, "", "medium", False, "pinned", "")
    redis = Redis.from_url(redis_url)
    limiters: list[tuple[str, Any]] = [("memory", MemoryRateLimiter())]
    limiters.append(("redis", RedisRateLimiter(redis)))
    classifier = Classifier(DlpEngine())
    print("\n| per tools/call | µs median |\n|---|---:|")
    for label, arguments in (
        ("classify arguments (2 fields)", {"amount": 900, "reason_code": "damaged"}),
        ("classify arguments (2 kB query)", {"query": "supplier results " * 120}),
    ):
        guards = ToolGuards(classifier, LABELS, McpSettings(), limiters[0][1])
        times = []
        for _ in range(n):
            start = time.perf_counter()
            guards.classify(arguments)
            times.append(time.perf_counter() - start)
        print(f"| {label} | {statistics.median(times) * 1e6:.1f} |")
    for label, limiter in limiters:
        guards = ToolGuards(classifier, LABELS, McpSettings(), limiter)
        times = []
        agent = uuid.uuid4().hex
        for _ in range(n):
            start = time.perf_counter()
            await guards.reserve(agent, tool, "internal")  # 120/min: reset the window below
            times.append(time.perf_counter() - start)
            if len(times) % 100 == 0:
                agent = uuid.uuid4().hex
        print(f"| reserve a call ({label}) | {statistics.median(times) * 1e6:.1f} |")
    await redis.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wakes", type=int, default=200)
    parser.add_argument("--recheck-wakes", type=int, default=20)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()

    async def run() -> None:
        await wake_table(args.postgres_url, args.redis_url, args.wakes, args.recheck_wakes)
        await guard_table(args.redis_url, args.calls)

    asyncio.run(run())


if __name__ == "__main__":
    main()
