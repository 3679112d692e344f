"""MCP gateway benchmark: what `ztai serve` adds to a `tools/call`, against the same server
called directly, in the same run.

One real MCP server built with the official SDK (`ztai.cli.demo_mcp.finance`, Streamable
HTTP, uvicorn) runs in its own process on CPU 1; `ztai serve` on SQLite (full pipeline:
token, catalog pin, Cedar on `mcp.tools.call` with the arguments, durable audit record
before the call, shield and DLP on the result, spotlighting off because the server is
`internal`) runs on CPU 0; the official `mcp` client runs here on CPU 1, with one session to
the server and one to the gateway. Each repetition makes `--calls` sequential calls of
`lookup_invoice` each way, in alternating order, so machine noise hits both alike; the table
shows the median over repetitions of each repetition's p50 and p99 (and the lowest–highest).
The gateway's added latency is its p50 minus the direct p50 within the same repetition.
Optional stdio rows (`--stdio`) do the same for the server started by the gateway as a
stdio child (direct: this process starts its own child the same way).

    .venv/bin/python benchmarks/mcp_bench.py [--reps 7] [--calls 400] [--stdio] [--write-docs]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import os
import platform
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import httpx2
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "docs" / "performance.md", ROOT / "docs" / "mcp.md"]
MARKERS = ("<!-- mcp-bench:start -->", "<!-- mcp-bench:end -->")
ADMIN = "mcp-bench-admin-token-0123456789abcdef"
POLICY = """description: MCP benchmark
roles:
  mcp-bench:
    permissions:
      - action: mcp.tools.call
        servers: [finance, local]
"""
UPSTREAM = """
import socket, sys, uvicorn
from ztai.cli.demo_mcp import finance
sock = socket.socket(); sock.bind(("127.0.0.1", int(sys.argv[1])))
uvicorn.Server(uvicorn.Config(finance().streamable_http_app(), log_level="error",
                              lifespan="on")).run(sockets=[sock])
"""
MODE = ["legacy"]  # the clients' protocol negotiation (--client-mode)
STDIO = "from ztai.cli.demo_mcp import finance; finance().run('stdio')"
# The usage limits stay on (they are part of the pipeline measured) but above what a run sends.
LIMITS = """gateway:
  mcp:
    internal: {calls_per_minute: 1000000, calls_per_day: 100000000}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def spawn(name: str, argv: list[str], cpu: int, workdir: Path) -> AsyncIterator[None]:
    taskset = shutil.which("taskset")
    if cpu >= 0 and taskset:
        argv = [taskset, "-c", str(cpu), *argv]
    env = {**os.environ, "ZTAI_ADMIN_TOKEN": ADMIN}
    with (workdir / f"{name}.log").open("wb") as log:
        process = await asyncio.create_subprocess_exec(*argv, env=env, stdout=log, stderr=log)
    try:
        yield
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 15)
            except TimeoutError:
                process.kill()
                await process.wait()


async def wait_ready(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient() as http:
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                await http.get(url)
                return
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} not ready after {seconds} s")


async def seed(control: str, upstream: str, stdio: bool) -> dict[str, str]:
    """Catalog entries, review (pins), policy, agent, grant, client secret: the control API."""
    headers = {"Authorization": f"Bearer {ADMIN}"}
    async with httpx.AsyncClient(base_url=f"{control}/api/v1", headers=headers, timeout=60) as api:
        servers = [("finance", {"url": upstream})]
        if stdio:
            servers.append(("local", {"stdio": {"command": [sys.executable, "-c", STDIO]}}))
        for name, transport in servers:
            body = {"name": name, "tier": "internal", "owner": "perf@example.com", "version": "1"}
            (await api.post("/mcp-servers", json=body | transport)).raise_for_status()
            review = await api.post(f"/mcp-servers/{name}/review", json={"decision": "approved"})
            review.raise_for_status()
        yaml_type = {"Content-Type": "application/yaml"}
        (await api.put("/policies/mcp-bench", content=POLICY, headers=yaml_type)).raise_for_status()
        agent = {"name": "mcp-bench", "description": "benchmark", "owner": "perf@example.com"}
        created = await api.post("/agents", json=agent | {"sponsor": "perf@example.com"})
        agent_id = created.raise_for_status().json()["id"]
        (await api.post(f"/agents/{agent_id}/activate")).raise_for_status()
        grant = {"role": "mcp-bench", "justification": "benchmark"}
        (await api.post(f"/agents/{agent_id}/grants", json=grant)).raise_for_status()
        secret = await api.post(f"/agents/{agent_id}/credentials", json={"type": "client_secret"})
        return dict(secret.raise_for_status().json())


async def token(gateway: str, credential: dict[str, str]) -> str:
    async with httpx.AsyncClient() as http:
        form = {"grant_type": "client_credentials"}
        form |= {k: credential[k] for k in ("client_id", "client_secret")}
        response = await http.post(f"{gateway}/oauth2/token", data=form)
        return str(response.raise_for_status().json()["access_token"])


@contextlib.asynccontextmanager
async def http_client(url: str, bearer: str | None = None) -> AsyncIterator[Client]:
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30) as http,
        Client(streamable_http_client(url, http_client=http), mode=MODE[0]) as client,
    ):
        yield client


async def timed_calls(client: Client, tool: str, calls: int) -> list[float]:
    out = []
    for i in range(calls):
        started = time.perf_counter()
        result = await client.call_tool(tool, {"invoice_id": str(i % 50)})
        out.append(time.perf_counter() - started)
        if result.is_error or "EUR" not in result.content[0].text:  # type: ignore[union-attr]
            raise RuntimeError(f"unexpected result: {result}")
    return out


@dataclass
class Rows:
    p50: dict[str, list[float]]
    p99: dict[str, list[float]]
    added: dict[str, list[float]]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(args: argparse.Namespace, workdir: Path) -> Rows:
    upstream_port, gateway_port, control_port = free_port(), free_port(), free_port()
    upstream = f"http://127.0.0.1:{upstream_port}/mcp"
    gateway = f"http://127.0.0.1:{gateway_port}"
    ztai = str(Path(sys.executable).with_name("ztai"))
    if args.profile:
        # cProfile writes its file when `ztai serve` exits on the SIGTERM sent at the end.
        ztai_cmd = [sys.executable, "-m", "cProfile", "-o", args.profile, ztai]
    else:
        ztai_cmd = [ztai]
    config = workdir / "ztai.yaml"
    config.write_text(LIMITS, encoding="utf-8")
    serve = [*ztai_cmd, "serve", "--data-dir", str(workdir / "data"), "--config", str(config)]
    serve += ["--gateway-port", str(gateway_port), "--control-port", str(control_port)]
    rows = Rows({}, {}, {})
    async with (
        spawn("upstream", [sys.executable, "-c", UPSTREAM, str(upstream_port)], 1, workdir),
        spawn("gateway", serve, 0, workdir),
    ):
        await wait_ready(f"{gateway}/healthz")
        await wait_ready(upstream)
        credential = await seed(f"http://127.0.0.1:{control_port}", upstream, args.stdio)
        bearer = await token(gateway, credential)
        stdio = StdioServerParameters(command=sys.executable, args=["-c", STDIO])
        async with contextlib.AsyncExitStack() as stack:
            pairs = {
                "Streamable HTTP": (
                    await stack.enter_async_context(http_client(upstream)),
                    await stack.enter_async_context(http_client(f"{gateway}/mcp", bearer)),
                    "finance.lookup_invoice",
                )
            }
            if args.stdio:
                direct = await stack.enter_async_context(Client(stdio, mode=MODE[0]))
                via = await stack.enter_async_context(http_client(f"{gateway}/mcp", bearer))
                pairs["stdio"] = (direct, via, "local.lookup_invoice")
            for direct, via, tool in pairs.values():  # warm-up: sessions, caches, JIT-less paths
                await timed_calls(direct, "lookup_invoice", 50)
                await timed_calls(via, tool, 50)
            for rep in range(args.reps):
                for label, (direct, via, tool) in pairs.items():
                    order = [("direct", direct, "lookup_invoice"), ("gateway", via, tool)]
                    measured = {}
                    for kind, client, name in order if rep % 2 == 0 else order[::-1]:
                        measured[kind] = await timed_calls(client, name, args.calls)
                    for kind, values in measured.items():
                        rows.p50.setdefault(f"{label} {kind}", []).append(pct(values, 0.5))
                        rows.p99.setdefault(f"{label} {kind}", []).append(pct(values, 0.99))
                    added = pct(measured["gateway"], 0.5) - pct(measured["direct"], 0.5)
                    rows.added.setdefault(label, []).append(added)
                print(f"rep {rep + 1}/{args.reps} done", file=sys.stderr)
    return rows


def ms(values: list[float]) -> str:
    return (
        f"{statistics.median(values) * 1000:.2f} "
        f"({min(values) * 1000:.2f}–{max(values) * 1000:.2f})"
    )


def report(rows: Rows, args: argparse.Namespace, command: str, load: str) -> str:
    lines = [
        f"Measured {datetime.date.today().isoformat()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load average at start "
        f"{load}; client protocol `{args.client_mode}`; "
        f"{args.reps} repetitions × {args.calls} sequential calls each way, "
        "medians over repetitions (lowest–highest).",
        "",
        f"    {command}",
        "",
        "| path | p50 ms | p99 ms |",
        "|---|---|---|",
    ]
    for name in rows.p50:
        lines.append(f"| {name} | {ms(rows.p50[name])} | {ms(rows.p99[name])} |")
    lines += ["", "| transport | gateway adds at p50, ms | target ≤ 1 ms |", "|---|---|---|"]
    for label, values in rows.added.items():
        verdict = "met" if statistics.median(values) <= 0.001 else "not met"
        lines.append(f"| {label} | {ms(values)} | {verdict} |")
    return "\n".join(lines)


def write_docs(text: str) -> None:
    start, end = MARKERS
    for path in DOCS:
        doc = path.read_text(encoding="utf-8")
        if start in doc:
            head, rest = doc.split(start, 1)
            doc = head + start + "\n" + text + "\n" + end + rest.split(end, 1)[1]
        else:
            doc = doc.rstrip() + f"\n\n{start}\n{text}\n{end}\n"
        path.write_text(doc, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--stdio", action="store_true", help="also a stdio server")
    parser.add_argument("--cpu", type=int, default=1, help="pin this process (-1: don't)")
    parser.add_argument(
        "--tmp-dir", help="where the gateway's data directory goes (tmpfs makes fsync free)"
    )
    parser.add_argument("--profile", help="run the gateway under cProfile, stats to this file")
    parser.add_argument(
        "--client-mode",
        default="legacy",
        choices=["legacy", "auto"],
        help="the benchmark clients' protocol: initialize handshake, or discover (2026-07-28)",
    )
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    MODE[0] = args.client_mode
    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    command = ".venv/bin/python benchmarks/mcp_bench.py " + " ".join(sys.argv[1:])
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="mcp-bench-", dir=args.tmp_dir) as tmp:
        rows = asyncio.run(run(args, Path(tmp)))
    text = report(rows, args, command.strip(), load)
    print(text)
    if args.write_docs:
        write_docs(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
