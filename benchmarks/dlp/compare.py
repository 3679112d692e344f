"""Before/after in one process: a baseline copy of `ztai.dlp` against the current one.

Run (baseline = any earlier revision):

    mkdir -p /tmp/base && git archive <rev> src/ztai/dlp | tar -x -C /tmp/base
    .venv/bin/python benchmarks/dlp/compare.py --baseline /tmp/base/src/ztai/dlp

The baseline package is imported under another name, so both engines run alternately on
the same inputs (`speed.py`'s clean / mixed / dense / prose texts and 2 KB prompts); times
are this thread's CPU time, throughput is the median of `--repeats` calls. The prompts are
timed twice: first on the fresh engines (no DFA state built yet), then after the warm-up.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import speed  # noqa: E402

from ztai.dlp import DlpEngine  # noqa: E402


def _load_baseline(path: Path) -> type[DlpEngine]:
    root = Path(tempfile.mkdtemp())
    shutil.copytree(path, root / "ztai_dlp_baseline")
    spec = importlib.util.spec_from_file_location(
        "ztai_dlp_baseline", root / "ztai_dlp_baseline" / "__init__.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ztai_dlp_baseline"] = module
    spec.loader.exec_module(module)
    engine: type[DlpEngine] = module.DlpEngine
    return engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="an older src/ztai/dlp")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--prompts", type=int, default=300)
    args = parser.parse_args(argv)
    engines = {"before": _load_baseline(args.baseline)(), "after": DlpEngine()}
    inputs = {
        "clean": speed.clean_text(args.size),
        "mixed": speed.mixed_text(args.size),
        "dense": speed.findings_text(args.size),
        "prose": speed.prose_text(args.size) or speed.clean_text(args.size, seed=9),
    }
    clock = time.thread_time
    # The engines take turns going first: the second call on a text finds it in the
    # CPU caches, which alone made the later engine look ~10 % faster on prompts.
    orders = [list(engines.items()), list(reversed(engines.items()))]
    batch = speed.prompts(args.prompts)
    # Fresh engines first: RE2 builds DFA states lazily, so text unlike anything seen
    # before (a new deployment, unusual traffic) costs more than the warm figures below.
    fresh: dict[str, list[float]] = {k: [] for k in engines}
    for n, text in enumerate(batch):
        for key, engine in orders[n % 2]:
            t0 = clock()
            engine.analyze(text)
            fresh[key].append((clock() - t0) * 1000)
    times: dict[str, dict[str, list[float]]] = {k: {n: [] for n in inputs} for k in engines}
    for engine in engines.values():
        for text in inputs.values():
            engine.analyze(text)  # warm-up: RE2 builds its DFAs lazily
    for n in range(args.repeats):
        for name, text in inputs.items():
            for key, engine in orders[n % 2]:
                t0 = clock()
                engine.analyze(text)
                times[key][name].append(clock() - t0)
    latency: dict[str, list[float]] = {k: [] for k in engines}
    for engine in engines.values():
        for text in batch[:20]:
            engine.analyze(text)
    for n, text in enumerate(batch):
        for key, engine in orders[n % 2]:
            t0 = clock()
            engine.analyze(text)
            latency[key].append((clock() - t0) * 1000)
    print(
        "| engine | clean MB/s | mixed MB/s | dense MB/s | prose MB/s | 2KB p50 ms | 2KB p99 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key in engines:
        row = [len(inputs[n].encode()) / statistics.median(times[key][n]) / 1e6 for n in inputs]
        samples = sorted(latency[key])
        row += [samples[len(samples) // 2], samples[int(len(samples) * 0.99) - 1]]
        print(f"| {key} | " + " | ".join(f"{v:.3g}" for v in row) + " |")
    print("\n| engine | fresh 2KB p50 ms | fresh 2KB p99 ms | fresh 2KB mean ms |")
    print("|---|---:|---:|---:|")
    for key in engines:
        samples = sorted(fresh[key])
        p50, p99 = samples[len(samples) // 2], samples[int(len(samples) * 0.99) - 1]
        print(f"| {key} | {p50:.3g} | {p99:.3g} | {statistics.mean(samples):.3g} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
