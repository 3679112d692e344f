"""Throughput and latency of the default DLP pipeline, side by side with Presidio.

Run: `.venv/bin/python benchmarks/dlp/speed.py [--quick] [--clock cpu|wall]`. Single
process, one core; times are this thread's CPU time unless `--clock wall`.

Inputs (deterministic):
* clean: seeded synthetic prose with no digits, '@' or URLs (nothing to find);
* prose: real handbook sections from the dev data (a few URLs and numbers), if present;
* mixed: the prose with one dev PII/secret row inserted every ~2 KB (text with findings);
* dense: the dev PII/secrets texts back to back (every ~100 bytes a finding or look-alike:
  the worst case, far denser than real traffic);
* prompts: 2 KB prompts cut from findings + prose, timed one call each (p50, p99).

Presidio is measured on the same inputs when `presidio-analyzer` is installed:
`regex` = its predefined pattern recognizers called directly (no NLP engine), `ner` =
`AnalyzerEngine` with spaCy (`--spacy-model`, default en_core_web_sm) and every default
recognizer. Presidio NER is slow, so its throughput runs on a prefix (`--ner-bytes`).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from ztai.dlp import DlpEngine  # noqa: E402

DEV = Path("/work/shared/data/dev")
WORDS = (  # noqa: SIM905 - a sentence reads better than a list of 40 quoted words
    "the quarterly review covers growth across regions while teams plan hiring budgets and "
    "product launches for customers partners suppliers with careful attention to quality "
    "security privacy compliance onboarding training documentation support operations "
    "strategy roadmap design research analysis reporting meetings feedback goals"
).split()


def clean_text(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    n = 0
    while n < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
        sentence = sentence.capitalize() + rng.choice([".", ".", "?", ";"]) + " "
        out.append(sentence)
        n += len(sentence)
    return "".join(out)[:size]


def _jsonl_texts(path: Path, key: str = "text") -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)[key] for line in path.read_text(encoding="utf-8").splitlines()]


def findings_text(size: int) -> str:
    rows = _jsonl_texts(DEV / "pii-secrets" / "pii_secrets.jsonl")
    if not rows:  # no dev data: a seeded stand-in with the same kinds of values
        rng = random.Random(3)
        rows = [
            f"Contact {rng.choice(WORDS)} at user{i}@example.org or +1 415 555 {i % 10000:04d}; "
            f"card 4111 1111 1111 1111, ip 10.0.{i % 256}.{i % 200}, "
            f"token=ghp_{'q7Wm2ZrX9k' * 3}abcdef"
            for i in range(500)
        ]
    text = "\n".join(rows)
    return (text * (size // len(text) + 1))[:size]


def prose_text(size: int) -> str:
    rows = _jsonl_texts(DEV / "benign" / "18f-handbook" / "normalized.jsonl")
    if not rows:
        return ""
    text = "\n\n".join(rows)
    return (text * (size // len(text) + 1))[:size]


def mixed_text(size: int) -> str:
    """Prose with one dev PII/secret row every ~2 KB: realistic documents with findings."""
    prose = prose_text(size) or clean_text(size)
    rows = findings_text(size).split("\n")
    parts, pos, i = [], 0, 0
    while pos < len(prose):
        parts.append(prose[pos : pos + 2000])
        parts.append("\n" + rows[i % len(rows)] + "\n")
        pos += 2000
        i += 1
    return "".join(parts)[:size]


def prompts(count: int, size: int = 2048) -> list[str]:
    rng = random.Random(11)
    pool = findings_text(400_000)
    prose = prose_text(400_000) or clean_text(400_000)
    out = []
    for _ in range(count):
        a = rng.randrange(0, len(pool) - size)
        b = rng.randrange(0, len(prose) - size)
        out.append((pool[a : a + size // 2] + " " + prose[b : b + size])[:size])
    return out


# CPU time of this thread by default: on a shared, loaded machine wall time mostly
# measures the other tenants. `--clock wall` gives wall time for comparison.
CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.thread_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def throughput(fn: Callable[[str], object], text: str, repeats: int) -> float:
    """Median MB/s (UTF-8 bytes) over `repeats` whole-text calls."""
    size = len(text.encode("utf-8"))
    fn(text)  # warm-up: RE2 builds its DFA lazily, Presidio loads its model
    times = []
    for _ in range(repeats):
        t0 = clock()
        fn(text)
        times.append(clock() - t0)
    return size / statistics.median(times) / 1e6


def latency(fn: Callable[[str], object], texts: list[str]) -> tuple[float, float]:
    """(p50, p99) milliseconds, one call per 2 KB prompt, after a warm-up."""
    for t in texts[:20]:
        fn(t)
    samples = []
    for t in texts:
        t0 = clock()
        fn(t)
        samples.append((clock() - t0) * 1000)
    samples.sort()
    return samples[len(samples) // 2], samples[int(len(samples) * 0.99) - 1]


def _offline_tldextract() -> None:
    """Presidio's e-mail recognizer asks tldextract, which fetches the public suffix list
    over the network on first use; use the snapshot bundled with tldextract instead."""
    try:
        import tldextract
    except ImportError:
        return
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())


def presidio_regex() -> Callable[[str], object] | None:
    _offline_tldextract()
    try:
        from presidio_analyzer import PatternRecognizer
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            CryptoRecognizer,
            DateRecognizer,
            EmailRecognizer,
            IbanRecognizer,
            IpRecognizer,
            PhoneRecognizer,
            UrlRecognizer,
            UsBankRecognizer,
            UsLicenseRecognizer,
            UsPassportRecognizer,
            UsSsnRecognizer,
        )
    except ImportError:
        return None
    recognizers = [
        r()
        for r in (
            CreditCardRecognizer,
            CryptoRecognizer,
            DateRecognizer,
            EmailRecognizer,
            IbanRecognizer,
            IpRecognizer,
            PhoneRecognizer,
            UrlRecognizer,
            UsBankRecognizer,
            UsLicenseRecognizer,
            UsPassportRecognizer,
            UsSsnRecognizer,
        )
    ]

    def run(text: str) -> object:
        results = []
        for r in recognizers:
            entities = r.supported_entities
            if isinstance(r, PatternRecognizer):
                results.extend(r.analyze(text, entities, None))
            else:
                results.extend(r.analyze(text, entities, None))
        return results

    return run


def presidio_ner(model: str) -> Callable[[str], object] | None:
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        return None
    try:
        provider = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": model}],
            }
        )
        engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    except (OSError, ValueError) as exc:
        print(f"presidio NER unavailable: {exc}", file=sys.stderr)
        return None
    return lambda text: engine.analyze(text=text, language="en")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    parser.add_argument("--spacy-model", default="en_core_web_sm")
    parser.add_argument("--ner-bytes", type=int, default=200_000)
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu")
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]
    size = 1_000_000 if args.quick else 4_000_000
    repeats = 3 if args.quick else 5
    n_prompts = 300 if args.quick else 2000

    engine = DlpEngine()
    inputs = {
        "clean": clean_text(size),
        "mixed": mixed_text(size),
        "dense": findings_text(size),
    }
    prose = prose_text(size)
    if prose:
        inputs["prose"] = prose
    batch = prompts(n_prompts)

    systems: dict[str, Callable[[str], object]] = {"ztai": engine.analyze}
    if not args.no_presidio:
        regex = presidio_regex()
        if regex is not None:
            systems["presidio-regex"] = regex
        ner = presidio_ner(args.spacy_model)
        if ner is not None:
            systems["presidio-ner"] = ner

    results: dict[str, dict[str, float]] = {}
    for name, fn in systems.items():
        row: dict[str, float] = {}
        for label, text in inputs.items():
            sample = text[: args.ner_bytes] if name == "presidio-ner" else text
            row[f"{label} MB/s"] = throughput(fn, sample, 1 if name == "presidio-ner" else repeats)
        lat_batch = batch[:200] if name == "presidio-ner" else batch
        row["2KB p50 ms"], row["2KB p99 ms"] = latency(fn, lat_batch)
        results[name] = row
        print(f"{name}: " + ", ".join(f"{k} {v:.3f}" for k, v in row.items()), file=sys.stderr)

    columns = list(next(iter(results.values())).keys())
    print("| system | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for name, row in results.items():
        print(
            f"| {name} | " + " | ".join(f"{row.get(c, float('nan')):.3g}" for c in columns) + " |"
        )
    base = results["ztai"]
    for name, row in results.items():
        if name == "ztai":
            continue
        ratios = []
        for c in columns:
            if c.endswith("MB/s"):
                ratios.append(f"{c}: ztai ×{base[c] / row[c]:.1f}")
            else:
                ratios.append(f"{c}: ztai ×{row[c] / base[c]:.1f} faster")
        print(f"\nvs {name}: " + "; ".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
