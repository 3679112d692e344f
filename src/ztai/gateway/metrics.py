"""Prometheus metrics without a dependency: counters and latency histograms, text format."""

from __future__ import annotations

import bisect
from collections import defaultdict

Labels = tuple[tuple[str, str], ...]
BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def _fmt(labels: Labels) -> str:
    if not labels:
        return ""
    inner = ",".join(
        f'{k}="{v.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
        for k, v in labels
    )
    return "{" + inner + "}"


class Metrics:
    def __init__(self) -> None:
        self._counters: dict[str, dict[Labels, float]] = defaultdict(lambda: defaultdict(float))
        self._histograms: dict[str, dict[Labels, list[float]]] = defaultdict(dict)
        self._help: dict[str, str] = {}

    def inc(self, name: str, help_text: str, value: float = 1.0, **labels: str) -> None:
        self._help.setdefault(name, help_text)
        self._counters[name][tuple(sorted(labels.items()))] += value

    def observe(self, name: str, help_text: str, seconds: float, **labels: str) -> None:
        self._help.setdefault(name, help_text)
        key = tuple(sorted(labels.items()))
        row = self._histograms[name].get(key)
        if row is None:
            row = self._histograms[name][key] = [0.0] * (len(BUCKETS) + 3)  # +Inf, sum, count
        row[bisect.bisect_left(BUCKETS, seconds)] += 1
        row[-2] += seconds
        row[-1] += 1

    def render(self) -> str:
        lines: list[str] = []
        for name, series in sorted(self._counters.items()):
            lines += [f"# HELP {name} {self._help[name]}", f"# TYPE {name} counter"]
            lines += [f"{name}{_fmt(k)} {v:g}" for k, v in sorted(series.items())]
        for name, rows in sorted(self._histograms.items()):
            lines += [f"# HELP {name} {self._help[name]}", f"# TYPE {name} histogram"]
            for key, row in sorted(rows.items()):
                running = 0.0
                for bound, count in zip((*BUCKETS, float("inf")), row[:-2], strict=True):
                    running += count
                    le = "+Inf" if bound == float("inf") else f"{bound:g}"
                    lines.append(f"{name}_bucket{_fmt((*key, ('le', le)))} {running:g}")
                lines.append(f"{name}_sum{_fmt(key)} {row[-2]:.6f}")
                lines.append(f"{name}_count{_fmt(key)} {row[-1]:g}")
        return "\n".join(lines) + "\n"
