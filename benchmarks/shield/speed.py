"""Speed of PromptShield.scan: throughput on benign text, latency at 16 KB, 1 MB adversarial.

Prints medians (and p99 where asked) of CPU time of the calling process, which is what one
core delivers even on a shared machine; wall-clock medians are printed beside them.
Run: .venv/bin/python benchmarks/shield/speed.py
"""

from __future__ import annotations

import base64
import random
import statistics
import time
import tracemalloc

from ztai.shield import PromptShield

WORDS = [
    *[
        "the",
        "report",
        "team",
        "project",
        "customer",
        "budget",
        "review",
        "meeting",
        "plan",
        "data",
        "service",
        "week",
    ],
    *[
        "results",
        "update",
        "design",
        "city",
        "water",
        "school",
        "market",
        "policy",
        "system",
        "support",
        "quarter",
    ],
]


def benign(n: int, seed: int) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n:
        sentence = (
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize() + ". "
        )
        out.append(sentence)
        size += len(sentence)
    return "".join(out)[:n]


WALL: list[float] = []


def timed(shield: PromptShield, text: str, runs: int) -> list[float]:
    times = []
    WALL.clear()
    for _ in range(runs):
        wall = time.perf_counter()
        start = time.process_time()
        shield.scan(text, "document")
        times.append(time.process_time() - start)
        WALL.append(time.perf_counter() - wall)
    return times


def wall() -> str:
    return f"(wall {statistics.median(WALL) * 1000:.1f} ms)"


def main() -> int:
    shield = PromptShield()
    shield.scan("warm up")
    big = benign(1_000_000, 1)
    t = statistics.median(timed(shield, big, 7))
    scanned = min(len(big), shield.settings.max_scan_chars) / 1e6
    print(
        f"benign 1 MB: median {t * 1000:.1f} ms {wall()} -> {scanned / t:.1f} MB/s per core"
        " of scanned text"
    )
    text16 = benign(16_384, 2)
    lat = sorted(timed(shield, text16, 400))
    print(
        f"16 KB benign: median {statistics.median(lat) * 1000:.2f} ms, "
        f"p99 {lat[int(0.99 * len(lat))] * 1000:.2f} ms {wall()}"
    )
    rng = random.Random(3)
    adversarial = {
        "invisible+tags": "".join(
            rng.choice(["\u200b", "\U000e0041", "a", "\u202e", "\u0301"]) for _ in range(1_000_000)
        ),
        "base64 runs": " ".join(
            base64.b64encode(rng.randbytes(30)).decode() for _ in range(25_000)
        ),
        "nested quantifier bait": "ignore " * 150_000,
        "homoglyph mix": "рaуpаl " * 150_000,
        "morse/binary": ".- -... " * 120_000,
        "one long token": "A" * 1_000_000,
        "base85 / symbol tokens": " ".join(
            base64.b85encode(rng.randbytes(24)).decode() for _ in range(33_000)
        ),
        "UU lines": ("M" + "A" * 60 + "\n") * 16_000,
        "NATO words": "Alpha Bravo Charlie Delta " * 40_000,
        "emoji (Ecoji range)": "".join(map(chr, rng.choices(range(0x1F300, 0x1F640), k=250_000))),
        "Greek/Cyrillic/Thai (Base2048 range)": "".join(
            map(
                chr,
                rng.choices(
                    [*range(0x391, 0x3CA), *range(0x410, 0x450), *range(0xE01, 0xE30)], k=500_000
                ),
            )
        ),
        "ROT13 markup bait": "<fpevcg> nyreg(1) " * 55_000,
        "lone-bracket bait": "! [ ( word " * 90_000,
        "short-token bait": "What does this mean? 4B696B65\n" * 33_000,
        "quoted-attack flood": 'Why do attackers write "ignore all previous instructions"? '
        * 17_000,
    }
    for name, text in adversarial.items():
        t = statistics.median(timed(shield, text, 5))
        timing = wall()
        # Memory is traced in a separate run: tracemalloc hooks every allocation and
        # roughly doubled the times when they were taken under it.
        tracemalloc.start()
        shield.scan(text, "document")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"1 MB adversarial ({name}): median {t * 1000:.1f} ms {timing}, "
            f"peak python memory {peak / 1e6:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
