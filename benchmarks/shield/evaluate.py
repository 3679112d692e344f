"""Evaluate the shipped prompt shield on a JSONL file with text / label / surface.

Prints TPR, FPR, precision, F1 and ROC-AUC overall, per surface, per source and per
category, plus the false-positive rate on hard negatives. `make eval-shield` runs it on
the development validation split.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DATA, Row, read_rows

from ztai.shield import PromptShield, ShieldSettings


def auc(scores: npt.NDArray[np.float64], y: npt.NDArray[np.int64]) -> float | None:
    pos = y == 1
    if pos.all() or (~pos).all():
        return None
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def metrics(
    scores: npt.NDArray[np.float64], flagged: npt.NDArray[np.bool_], y: npt.NDArray[np.int64]
) -> dict[str, float | None]:
    tp = int((flagged & (y == 1)).sum())
    fp = int((flagged & (y == 0)).sum())
    pos, neg = int((y == 1).sum()), int((y == 0).sum())
    tpr = tp / pos if pos else None
    fpr = fp / neg if neg else None
    precision = tp / (tp + fp) if tp + fp else None
    f1 = 2 * precision * tpr / (precision + tpr) if precision and tpr else None
    return {
        "n": len(y),
        "pos": pos,
        "tpr": tpr,
        "fpr": fpr,
        "precision": precision,
        "f1": f1,
        "auc": auc(scores, y),
    }


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def table(
    title: str,
    groups: dict[str, list[int]],
    scores: npt.NDArray[np.float64],
    flagged: npt.NDArray[np.bool_],
    y: npt.NDArray[np.int64],
) -> None:
    print(f"\n### {title}\n")
    print("| group | n | attacks | TPR | FPR | precision | F1 | ROC-AUC |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, idx in groups.items():
        m = metrics(scores[idx], flagged[idx], y[idx])
        print(
            f"| {name} | {m['n']} | {m['pos']} | {_fmt(m['tpr'])} | {_fmt(m['fpr'])} "
            f"| {_fmt(m['precision'])} | {_fmt(m['f1'])} | {_fmt(m['auc'])} |"
        )


def group_by(rows: list[Row], key: Callable[[Row], str | None]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        k = key(r)
        if k is not None:
            out.setdefault(k, []).append(i)
    return dict(sorted(out.items()))


def family(category: str) -> str:
    parts = category.split(":")
    if parts[0] == "spikee":
        return f"spikee:{parts[-1]}"
    if parts[0].startswith(("encoding.", "latentinjection.", "promptinject.")):
        return parts[0].split(".")[0] + "." + parts[0].split(".")[1][:24]
    return ":".join(parts[:2]) if parts[0] == "hard_negative" else parts[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DATA / "validation.jsonl")
    parser.add_argument("--sensitivity", choices=("low", "medium", "high"), default="medium")
    args = parser.parse_args()
    rows = read_rows(args.path)
    shield = PromptShield(ShieldSettings(sensitivity=args.sensitivity))
    scores = np.zeros(len(rows))
    flagged = np.zeros(len(rows), dtype=bool)
    for i, r in enumerate(rows):
        res = shield.scan(r.text, "document" if r.surface == "document" else "user")
        scores[i], flagged[i] = res.score, res.attack
    y = np.array([r.label for r in rows])
    print(
        f"# Prompt shield on {args.path.parent.name}/{args.path.name} "
        f"(sensitivity={args.sensitivity}, thresholds user={shield.threshold_for('user'):.3f}"
        f" document={shield.threshold_for('document'):.3f})"
    )
    table(
        "Overall and per surface",
        {"all": list(range(len(rows))), **group_by(rows, lambda r: f"surface={r.surface}")},
        scores,
        flagged,
        y,
    )
    table(
        "Hard negatives (benign only: FPR)",
        {
            "hard_negative:* (synthetic)": [
                i for i, r in enumerate(rows) if r.category.startswith("hard_negative")
            ],
            "awesome-chatgpt-prompts": [
                i for i, r in enumerate(rows) if r.source == "awesome-chatgpt-prompts"
            ],
            "gpteacher roleplay": [
                i
                for i, r in enumerate(rows)
                if r.source == "gpteacher" and r.category.startswith("roleplay")
            ],
            "all hard negatives": [i for i, r in enumerate(rows) if r.hard_negative],
        },
        scores,
        flagged,
        y,
    )
    table("Per source", group_by(rows, lambda r: r.source), scores, flagged, y)
    table("Per category", group_by(rows, lambda r: family(r.category)), scores, flagged, y)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
