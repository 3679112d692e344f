"""Decision latency with 1,000 policies and 10,000 agents (issue target: p50 ≤ 50 µs,
p99 ≤ 100 µs).

Three paths: the engine with warm entity slices (agents calling their usual tools, the
parsed slice reused), the engine building and parsing a fresh slice for every request, and
the whole DecisionService (view lookup, context, engine, durable audit record) on SQLite.

    .venv/bin/python benchmarks/policy_bench.py [--requests 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import random
import statistics
import tempfile
import time
from pathlib import Path

from ztai.bootstrap import build_services
from ztai.config import Settings
from ztai.domain.agent import LifecycleAction
from ztai.domain.decision import AuthzRequest, EntityRef
from ztai.policy.bundle import parse_cedar
from ztai.policy.engine import PolicyEngine
from ztai.policy.entities import (
    AgentFacts,
    EntityCache,
    ResourceFacts,
    agent_entities,
    merge,
    resource_entities,
)
from ztai.registry.service import NewAgent

ROLES = 100
TOOLS = 500


def policy_text(n: int) -> str:
    out = []
    for i in range(n):
        role, tool = i % ROLES, i % TOOLS
        head = (
            f'(principal in Role::"r{role}", action == Action::"mcp.tools.call", '
            f'resource == Tool::"srv{tool % 20}.t{tool}")'
        )
        if i % 10 == 9:
            out.append(
                f'@id("f{i}") forbid {head} when {{ context has risk && context.risk >= 3 }};'
            )
        else:
            out.append(
                f'@id("p{i}") permit {head} when {{ context has arguments && '
                "context.arguments has amount && context.arguments.amount <= 1000 };"
            )
    return "\n".join(out)


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    samples.sort()
    n = len(samples)
    return samples[n // 2] * 1e6, samples[int(n * 0.9)] * 1e6, samples[int(n * 0.99)] * 1e6


def engine_path(requests: int, rng: random.Random, *, warm: bool) -> tuple[float, ...]:
    engine = PolicyEngine([parse_cedar("bench", policy_text(1000))], version=1)
    agents = [
        AgentFacts(id=f"a{i}", roles=(f"r{i % ROLES}", f"r{(i * 7) % ROLES}"))
        for i in range(10_000)
    ]
    cache = EntityCache()
    usual = [(rng.choice(agents[:40]), rng.randrange(TOOLS)) for _ in range(200)]
    if warm:  # steady state: each usual pair decided once before timing starts
        for agent, tool in usual:
            ref = EntityRef("Tool", f"srv{tool % 20}.t{tool}")
            entities, ancestors = cache.get(agent, ResourceFacts(ref))
            engine.decide(
                AuthzRequest(EntityRef("Agent", agent.id), "mcp.tools.call", ref, {}),
                entities,
                ancestors,
            )
    samples = []
    cpu_start = time.process_time()
    for _ in range(requests):
        agent, tool = rng.choice(usual) if warm else (rng.choice(agents), rng.randrange(TOOLS))
        ref = EntityRef("Tool", f"srv{tool % 20}.t{tool}")
        start = time.perf_counter()
        if warm:
            entities, ancestors = cache.get(agent, ResourceFacts(ref))
        else:
            resource_list, ancestors = resource_entities(ResourceFacts(ref))
            entities = merge(agent_entities(agent), resource_list)
        engine.decide(
            AuthzRequest(
                EntityRef("Agent", agent.id),
                "mcp.tools.call",
                ref,
                {"risk": 0, "arguments": {"amount": 10}},
            ),
            entities,
            ancestors,
        )
        samples.append(time.perf_counter() - start)
    cpu = (time.process_time() - cpu_start) / requests * 1e6
    return (*percentiles(samples), cpu)


async def service_path(requests: int, rng: random.Random) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.model_validate(
            {
                "data_dir": Path(tmp),
                "admin_token": "bench-admin-token-0123456789",
                "master_key": base64.urlsafe_b64encode(bytes(32)).decode(),
            }
        )
        services = await build_services(settings)
        try:
            await services.policies.put("bench", "bench", policy_text(1000), "text/x-cedar")
            ids = []
            for i in range(10_000):
                agent = await services.registry.create(
                    "bench", NewAgent(name=f"agent-{i}", description="", owner="o", sponsor="s")
                )
                ids.append(agent.id)
            for agent_id in ids[:40]:
                await services.registry.transition("bench", agent_id, LifecycleAction.ACTIVATE)
                await services.grants.create(
                    "bench", agent_id, f"r{rng.randrange(ROLES)}", "benchmark", None
                )
            usual = [(rng.choice(ids[:40]), rng.randrange(TOOLS)) for _ in range(200)]
            samples = []
            for _ in range(requests):
                agent_id, tool = rng.choice(usual)
                request = AuthzRequest(
                    EntityRef("Agent", agent_id),
                    "mcp.tools.call",
                    EntityRef("Tool", f"srv{tool % 20}.t{tool}"),
                    {"arguments": {"amount": 10}},
                )
                start = time.perf_counter()
                await services.decisions.decide("bench", request)
                samples.append(time.perf_counter() - start)
            return percentiles(samples)
        finally:
            await services.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--service-requests", type=int, default=3000)
    args = parser.parse_args()
    rng = random.Random(1)
    print("| path | p50 µs | p90 µs | p99 µs | CPU µs/decision |\n|---|---:|---:|---:|---:|")
    for label, warm in (
        ("engine, warm slices (40 agents, their usual tools)", True),
        ("engine, fresh slice per request (10,000 agents x 500 tools)", False),
    ):
        runs = [engine_path(args.requests, rng, warm=warm) for _ in range(args.repeat)]
        p50, p90, p99, cpu = (statistics.median(r[i] for r in runs) for i in range(4))
        print(f"| {label} | {p50:.1f} | {p90:.1f} | {p99:.1f} | {cpu:.1f} |")
    s50, s90, s99 = asyncio.run(service_path(args.service_requests, rng))
    print(
        f"| DecisionService incl. durable audit record (SQLite, group commit) | {s50:.1f} | "
        f"{s90:.1f} | {s99:.1f} | |"
    )


if __name__ == "__main__":
    main()
