"""Train the prompt-shield classifier and its calibration from the development data.

Reproducible (no randomness): `make train-shield` runs exactly this file.

1. Leave-one-source-out (LOSO): for every source S, fit the n-gram model without S and
   collect the shield's evidence on S with that model. These out-of-source signals are
   what the stacker (calibration) and the sensitivity thresholds are fitted on, so the
   classifier is trusted only as far as it generalises to sources it has not seen.
2. Fit the final n-gram model on the whole train split and ship it with the stacker.

`--compare` also runs LOSO for the alternative feature set (word n-grams only) and prints
the comparison quoted in docs/shield.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DATA, Row, design, read_rows
from logistic import fit, fit_dense, margins

from ztai.shield.classifier import MODEL_FILE, LinearModel, load_model
from ztai.shield.evidence import FEATURE_NAMES
from ztai.shield.features import FeatureSpec
from ztai.shield.shield import PromptShield

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "ztai" / "shield" / "model" / MODEL_FILE
REPORT = Path(__file__).resolve().parent / "loso.json"
SPEC = FeatureSpec(char_orders=(3, 4, 5), words=True, bits=18)
ALTERNATIVE = FeatureSpec(char_orders=(), words=True, bits=18)
FINAL_EPOCHS = 120
LOSO_EPOCHS = 20
VERSION = "linear-ngram-2"
L2 = 3e-5
# Within a label a source weighs (row count ** SOURCE_POWER). Equal weights (0) made the
# classifier alone better out of source (ROC-AUC 0.684 -> 0.710) and the whole shield's
# LOSO AUC 0.926 -> 0.934, but medium TPR at 1 % FPR fell 0.719 -> 0.715 (0.3 % FPR:
# 0.569 -> 0.556), so the square root stays.
SOURCE_POWER = 0.5
# Classifier-only LOSO grid (`--grid`): feature orders, L2 penalty, epochs, and how much a
# source weighs within its label (its row count to this power; 0.5 is the shipped choice).
GRID = (
    (FeatureSpec(char_orders=(3, 4, 5), words=True, bits=18), 3e-4, 20, 0.5),
    (FeatureSpec(char_orders=(3, 4, 5), words=True, bits=18), 3e-5, 20, 0.0),
)
# The tune halves of the project's independent sets (benchmarks/shield/ood, overdefense)
# join the dev train split: they add languages and agent-tool, e-mail and over-defense
# styles the dev sources lack. Their holdout halves stay out of training and tuning.
EXTRA = (
    Path(__file__).resolve().parent / "ood" / "tune.jsonl",
    Path(__file__).resolve().parent / "overdefense" / "tune.jsonl",
)
# Target false-positive rates (on out-of-source benign rows) per sensitivity level.
TARGET_FPR = {"low": 0.003, "medium": 0.01, "high": 0.03}
# Rule evidence below this is a nudge (see rulebook.py) and must not flag a text alone.
NUDGE = 0.25


def balance(rows: list[Row], power: float = 0.5) -> npt.NDArray[np.float64]:
    """Weights: each label half the mass; within a label, a source weighs size**power."""
    labels = np.array([r.label for r in rows])
    sources = np.array([f"{r.source}|{r.label}" for r in rows])
    out = np.zeros(len(rows))
    for label in (0, 1):
        in_label = labels == label
        names, counts = np.unique(sources[in_label], return_counts=True)
        per = {n: float(c) ** (power - 1.0) for n, c in zip(names, counts, strict=True)}
        raw = np.array([per[s] for s in sources[in_label]])
        out[in_label] = 0.5 * raw / raw.sum()
    return out * len(rows)


def model_of(w: npt.NDArray[np.float32], b: float, spec: FeatureSpec) -> LinearModel:
    neutral = np.array([0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    return LinearModel(w, b, spec, neutral, {"low": 0.5, "medium": 0.5, "high": 0.5}, "fold")


def loso(
    rows: list[Row],
    spec: FeatureSpec,
    *,
    evidence: bool,
    epochs: int = LOSO_EPOCHS,
    cache: Path | None = None,
    l2: float = L2,
    power: float = 0.5,
) -> dict[str, object]:
    d = design(rows, spec)
    weights = balance(rows, power)[d.row]
    sources = sorted({r.source for r in rows})
    row_source = np.array([r.source for r in rows])
    features = np.zeros((len(rows), len(FEATURE_NAMES)))
    payloads: list[list[npt.NDArray[np.float64]]] = [[] for _ in rows]
    logits = np.zeros(len(rows))
    for source in sources:
        started = time.perf_counter()
        held = row_source[d.row] == source
        # The per-source n-gram fits dominate the run time; caching them lets a change to
        # the rules, decoders or stacker be measured out-of-source in a few minutes.
        cached = None
        if cache is not None:
            tag = f"{spec.char_orders}-{spec.words}-{spec.bits}-{epochs}-{len(rows)}"
            tag += "" if l2 == L2 else f"-{l2:g}"
            tag += "" if power == 0.5 else f"-p{power:g}"
            cached = cache / f"{source}-{zlib.crc32(tag.encode()):08x}.npz"
        if cached is not None and cached.exists():
            with np.load(cached) as saved:
                w, b = saved["w"], float(saved["b"][0])
        else:
            w, b = fit(d, spec.dim, weights, epochs=epochs, mask=~held, l2=l2)
            if cached is not None:
                cache.mkdir(parents=True, exist_ok=True)
                np.savez(cached, w=w, b=np.array([b]))
        z = margins(d, w, b)
        in_source = np.flatnonzero(row_source == source)
        best = np.full(len(rows), -np.inf)
        np.maximum.at(best, d.row, z)
        logits[in_source] = best[in_source]
        if evidence:
            shield = PromptShield(model=model_of(w, b, spec))
            for i in in_source:
                found = shield.evidence(rows[i].text, rows[i].surface)  # type: ignore[arg-type]
                features[i] = found.vector()
                payloads[i] = found.payload_vectors()
        print(f"  loso {source:28s} {time.perf_counter() - started:5.1f}s", flush=True)
    return {"features": features, "payloads": payloads, "logits": logits}


def nudge_floor(coef: npt.NDArray[np.float64], surface: str) -> float:
    """The score of a text with nothing but a nudge: a neutral classifier and NUDGE units
    of rule evidence. No operating point may sit below it, so a weak rule never flags a
    text on its own. The dev set has few benign documents and almost none that trip a
    rule, so without this floor the out-of-source fit put the document threshold just
    above "no evidence at all" and any document-side nudge (an e-mail asking to send a
    form to an address) became an attack."""
    names = dict(zip(FEATURE_NAMES, coef, strict=True))
    z = names["bias"] + NUDGE * names["rules"]
    if surface == "document":
        z += names["document"]
    return float(1.0 / (1.0 + np.exp(-z)))


def shield_logits(
    x: npt.NDArray[np.float64],
    payloads: list[list[npt.NDArray[np.float64]]],
    coef: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """What `PromptShield.logit` computes: the text's stack, or a decoded payload's scored
    as if it were the text, whichever is higher."""
    out = x @ coef
    for i, vectors in enumerate(payloads):
        for vector in vectors:
            out[i] = max(out[i], float(vector @ coef))
    return out


def tpr_at_fpr(
    scores: npt.NDArray[np.float64], y: npt.NDArray[np.int64], fpr: float
) -> tuple[float, float]:
    neg = np.sort(scores[y == 0])
    threshold = neg[min(len(neg) - 1, int(np.ceil((1 - fpr) * len(neg))))]
    return float((scores[y == 1] > threshold).mean()), float(threshold)


def auc(scores: npt.NDArray[np.float64], y: npt.NDArray[np.int64]) -> float:
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = y == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def per_source(
    scores: npt.NDArray[np.float64], rows: list[Row], threshold: npt.NDArray[np.float64]
) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for source in sorted({r.source for r in rows}):
        idx = [i for i, r in enumerate(rows) if r.source == source]
        y = np.array([rows[i].label for i in idx])
        s = scores[idx] - threshold[idx]
        entry: dict[str, float] = {"rows": len(idx)}
        if (y == 1).any():
            entry["tpr"] = round(float((s[y == 1] >= 0).mean()), 4)
        if (y == 0).any():
            entry["fpr"] = round(float((s[y == 0] >= 0).mean()), 4)
        out[source] = entry
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--compare", action="store_true", help="also run the alternative model")
    parser.add_argument("--alternative-only", action="store_true", help="only the comparison")
    parser.add_argument("--grid", action="store_true", help="classifier-only LOSO over GRID")
    parser.add_argument("--loso-epochs", type=int, default=LOSO_EPOCHS)
    parser.add_argument("--final-epochs", type=int, default=FINAL_EPOCHS)
    parser.add_argument(
        "--keep-weights",
        action="store_true",
        help="keep the shipped n-gram weights (same features and data), refit the stacker only",
    )
    parser.add_argument(
        "--fold-cache", type=Path, help="keep the per-source n-gram fits here and reuse them"
    )
    parser.add_argument(
        "--save-signals", type=Path, help="write the out-of-source stacking features (npz)"
    )
    parser.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=None,
        help="more JSONL rows to train on, one LOSO source per file (default: EXTRA)",
    )
    parser.add_argument("--no-extra", action="store_true", help="the dev train split alone")
    args = parser.parse_args()
    rows = read_rows(args.data / "train.jsonl")
    extras = [] if args.no_extra else (args.extra or list(EXTRA))
    for extra in extras:
        name = f"{extra.parent.name}-{extra.stem}"
        rows += [replace(r, source=name) for r in read_rows(extra)]
    y = np.array([r.label for r in rows])
    print(f"train rows: {len(rows)}", flush=True)
    if args.grid:
        for spec, l2, epochs, power in GRID:
            found = loso(
                rows, spec, evidence=False, epochs=epochs, cache=args.fold_cache, l2=l2, power=power
            )
            z = np.asarray(found["logits"])
            print(
                f"chars={spec.char_orders} words={spec.words} l2={l2:g} epochs={epochs}"
                f" source weight=size^{power:g}:",
                "LOSO auc",
                round(auc(z, y), 4),
                "TPR@1%FPR",
                round(tpr_at_fpr(z, y, 0.01)[0], 4),
                flush=True,
            )
        return 0
    if args.alternative_only:
        for name, spec in (("word n-grams only", ALTERNATIVE),):
            alt = np.asarray(loso(rows, spec, evidence=False)["logits"])
            print(
                name,
                "LOSO auc",
                round(auc(alt, y), 4),
                "TPR@1%FPR",
                round(tpr_at_fpr(alt, y, 0.01)[0], 4),
                flush=True,
            )
        return 0

    print("leave-one-source-out, char+word n-grams:", flush=True)
    result = loso(
        rows,
        SPEC,
        evidence=True,
        epochs=args.loso_epochs,
        cache=args.fold_cache,
        power=SOURCE_POWER,
    )
    x = result["features"]
    assert isinstance(x, np.ndarray)
    coef = fit_dense(x, y.astype(np.float64), balance(rows))
    payloads = result["payloads"]
    assert isinstance(payloads, list)
    stacked = 1.0 / (1.0 + np.exp(-shield_logits(x, payloads, coef)))
    if args.save_signals is not None:
        ids = np.array([r.id for r in rows])
        np.savez(args.save_signals, features=x, score=stacked, ids=ids, label=y)
    thresholds = {}
    surfaces = np.array([r.surface for r in rows])
    for level, fpr in TARGET_FPR.items():
        _, t = tpr_at_fpr(stacked, y, fpr)
        thresholds[level] = float(min(max(t + 1e-6, 0.05), 0.95))
        # Each surface gets its own operating point at the same out-of-source FPR:
        # benign documents are rarer in the data, so one shared threshold lets weak
        # document signals through.
        for surface in ("user", "document"):
            on = surfaces == surface
            _, t = tpr_at_fpr(stacked[on], y[on], fpr)
            t = max(t, nudge_floor(coef, surface))
            thresholds[f"{level}@{surface}"] = float(min(max(t + 1e-6, 0.05), 0.95))
    medium = np.array([thresholds[f"medium@{s}"] for s in surfaces])
    report: dict[str, object] = {
        "stacker": dict(zip(FEATURE_NAMES, [round(float(c), 4) for c in coef], strict=True)),
        "thresholds": thresholds,
        "classifier_only": {
            "auc": round(auc(np.asarray(result["logits"]), y), 4),
            "tpr_at_1pct_fpr": round(tpr_at_fpr(np.asarray(result["logits"]), y, 0.01)[0], 4),
        },
        "shield": {
            "auc": round(auc(stacked, y), 4),
            "tpr": round(float((stacked[y == 1] >= medium[y == 1]).mean()), 4),
            "fpr": round(float((stacked[y == 0] >= medium[y == 0]).mean()), 4),
        },
        "per_source_medium": per_source(stacked, rows, medium),
    }
    if args.compare:
        print("leave-one-source-out, word n-grams only:", flush=True)
        alt = np.asarray(loso(rows, ALTERNATIVE, evidence=False)["logits"])
        report["alternative_word_only"] = {
            "auc": round(auc(alt, y), 4),
            "tpr_at_1pct_fpr": round(tpr_at_fpr(alt, y, 0.01)[0], 4),
        }
    print(json.dumps(report, indent=1), flush=True)

    report["loso_epochs"] = args.loso_epochs
    if args.keep_weights:
        shipped = load_model(OUT)
        w, b = shipped.weights, shipped.bias
    else:
        print("final model on the whole train split ...", flush=True)
        d = design(rows, SPEC)
        w, b = fit(d, SPEC.dim, balance(rows, SOURCE_POWER)[d.row], epochs=args.final_epochs)
    model = LinearModel(w, b, SPEC, coef, thresholds, VERSION)
    model.save(OUT)
    REPORT.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB) and {REPORT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
