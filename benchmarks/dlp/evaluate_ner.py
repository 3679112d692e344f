"""NER quality of the optional extra (PERSON, LOCATION, ORGANIZATION) on the dev data.

Run (needs the `ner` extra: `pip install 'ztai[ner]'`):

    .venv/bin/python benchmarks/dlp/evaluate_ner.py [--model MODEL] [--dictionaries off]

Uses the same seeded tune / held-out split of `pii_secrets.jsonl` as `evaluate.py`, and
the full engine (`DlpEngine(ner=PresidioNerRecognizer(...))`), so NER spans compete with
the pattern recognizers exactly as in production. Scores per NER type, span-exact,
overlap (same type, intersecting spans) and token-level (each word token labelled with
the type of the span holding it, as presidio-research's evaluator does); F2 weighs recall
twice as much as precision. `ner_phrasings.py` adds 60 hand-written texts in other
sentence shapes, scored the same way; its misses were read while the name and place
dictionaries were built, so `ner_phrasings_fresh.py` (44 texts written before that and
never tuned on) is the untouched figure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ner_phrasings  # noqa: E402
import ner_phrasings_fresh  # noqa: E402
from evaluate import HEADER, PII_FILE, Counts, _fmt, _overlaps, split  # noqa: E402

from ztai.dlp import DlpEngine  # noqa: E402
from ztai.dlp.ner import DEFAULT_MODEL, PresidioNerRecognizer  # noqa: E402

NER_TYPES = ("PERSON", "LOCATION", "ORGANIZATION")
_WORD = re.compile(r"\w+")
MODES = {"strict": "span-exact", "overlap": "overlap match", "token": "token-level"}


def _token_labels(text: str, spans: list[tuple[str, int, int]]) -> list[str]:
    """Each word token's type (the span holding it), or "O"."""
    labels = []
    for m in _WORD.finditer(text):
        kind = next((t for t, s, e in spans if s <= m.start() and m.end() <= e), "O")
        labels.append(kind)
    return labels


def score(engine: DlpEngine, rows: list[dict[str, object]]) -> dict[str, dict[str, Counts]]:
    out: dict[str, dict[str, Counts]] = {mode: defaultdict(Counts) for mode in MODES}
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
        gold = _token_labels(text, [(s["type"], s["start"], s["end"]) for s in spans])
        pred = _token_labels(text, [(f.kind, f.start, f.end) for f in found])
        for g_label, p_label in zip(gold, pred, strict=True):
            for t in NER_TYPES:
                c = out["token"][t]
                c.tp += g_label == t == p_label
                c.fp += p_label == t != g_label
                c.fn += g_label == t != p_label
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument(
        "--dictionaries",
        choices=("on", "off"),
        default="on",
        help="the name and place dictionaries (off: the model and context rules alone)",
    )
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in PII_FILE.read_text(encoding="utf-8").splitlines()]
    tune_rows, hold_rows = split(rows)
    ner = PresidioNerRecognizer(model=args.model, dictionaries=args.dictionaries == "on")
    engine = DlpEngine(ner=ner)
    t0 = time.perf_counter()
    tune, hold = score(engine, tune_rows), score(engine, hold_rows)
    elapsed = time.perf_counter() - t0
    phrasings = score(engine, ner_phrasings.rows())
    fresh = score(engine, ner_phrasings_fresh.rows())
    per_row = elapsed / len(rows) * 1000
    print(f"model {args.model}, dictionaries {args.dictionaries}; rows: tune {len(tune_rows)}, "
          f"held-out {len(hold_rows)}; {per_row:.1f} ms per row (wall)\n")  # fmt: skip
    for mode, title in MODES.items():
        print(f"### NER, {title} (dev tune | dev held-out)\n")
        print(HEADER)
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for t in NER_TYPES:
            print(f"| {t} | {_fmt(tune[mode][t])} | {_fmt(hold[mode][t])} |")
        print()
    for name, counts in (("ner_phrasings.py", phrasings), ("ner_phrasings_fresh.py", fresh)):
        print(f"### NER, hand-written phrasings (`{name}`)\n")
        print("| type | mode | P | R | F1 | F2 | n |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for t in NER_TYPES[:2]:
            for mode, title in MODES.items():
                print(f"| {t} | {title} | {_fmt(counts[mode][t])} |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
