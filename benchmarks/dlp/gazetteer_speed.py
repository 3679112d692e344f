"""Cost of the name and place dictionaries next to the model, per text (CPU time).

Run (needs the `ner` extra): `.venv/bin/python benchmarks/dlp/gazetteer_speed.py`

Times, on the same texts in the same process, `PresidioNerRecognizer.analyze` with the
dictionaries off and on (interleaved, median of five rounds) and the dictionary pass
(`ner_gazetteer.with_dictionaries`) alone: the dev PII texts and, if present, handbook
sections from the dev benign corpus (longer prose). The one-time list load is timed
separately. A last table times the dictionary pass on long single-line texts dense with
names and places (no line breaks, a model `ORG` every 50 characters), which must grow
linearly with the length (G11).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from evaluate import PII_FILE  # noqa: E402

from ztai.dlp.gazetteer import load  # noqa: E402
from ztai.dlp.ner import PresidioNerRecognizer  # noqa: E402
from ztai.dlp.ner_gazetteer import with_dictionaries  # noqa: E402
from ztai.dlp.ner_spans import Span  # noqa: E402

HANDBOOK = PII_FILE.parents[1] / "benign" / "18f-handbook" / "normalized.jsonl"
ROUNDS = 5


def _texts() -> dict[str, list[str]]:
    rows = [json.loads(line) for line in PII_FILE.read_text(encoding="utf-8").splitlines()]
    out = {"pii texts": [str(r["text"]) for r in rows[:600]]}
    if HANDBOOK.exists():
        lines = HANDBOOK.read_text(encoding="utf-8").splitlines()[:150]
        out["handbook sections"] = [str(json.loads(line)["text"]) for line in lines]
    return out


def _cpu(fn: object, texts: list[str]) -> float:
    t0 = time.thread_time()
    for text in texts:
        fn(text)  # type: ignore[operator]
    return (time.thread_time() - t0) / len(texts) * 1e3


def main() -> int:
    t0 = time.thread_time()
    load()
    print(f"list load (once per process): {(time.thread_time() - t0) * 1e3:.0f} ms CPU\n")
    off, on = PresidioNerRecognizer(dictionaries=False), PresidioNerRecognizer()
    print("| texts | n | avg chars | NER off ms | NER on ms | ratio | dictionary pass ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, texts in _texts().items():
        a, b, d = [], [], []
        for _ in range(ROUNDS):
            a.append(_cpu(off.analyze, texts))
            b.append(_cpu(on.analyze, texts))
            d.append(_cpu(lambda t: with_dictionaries(t, []), texts))
        ma, mb, md = statistics.median(a), statistics.median(b), statistics.median(d)
        chars = sum(map(len, texts)) / len(texts)
        cells = f"{len(texts)} | {chars:.0f} | {ma:.2f} | {mb:.2f} | {mb / ma:.3f} | {md:.3f}"
        print(f"| {name} | {cells} |")
    _scaling()
    return 0


def _scaling() -> None:
    units = {"names": "Anna Schmidt met ", "places in context": "in Graz and "}
    print("\n| long text | 20,000 chars ms | 80,000 chars ms | 320,000 chars ms |")
    print("|---|---:|---:|---:|")
    for name, unit in units.items():
        cells = []
        for size in (20_000, 80_000, 320_000):
            text = unit * (size // len(unit))
            model = [Span("ORGANIZATION", i, i + 4, "spaCy ORG") for i in range(0, size - 5, 50)]
            t0 = time.thread_time()
            with_dictionaries(text, model)
            cells.append(f"{(time.thread_time() - t0) * 1e3:.0f}")
        print(f"| {name} | {' | '.join(cells)} |")


if __name__ == "__main__":
    sys.exit(main())
