"""Classifier: the shipped linear model over hashed n-grams, scored per window."""

from __future__ import annotations

import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ztai.shield.features import FeatureSpec, parts

MODEL_FILE = "shield_linear.npz"
# Windows bound the dilution of a short injection inside a long document; the stride
# makes every 1 KiB stretch fall wholly inside some window.
WINDOW = 2048
STRIDE = 1024


@dataclass(frozen=True, slots=True)
class WindowScore:
    """The best window's logit and where it lies in the scored view."""

    logit: float
    start: int
    end: int


@dataclass(frozen=True, slots=True, eq=False)
class LinearModel:
    """Logistic regression over `FeatureSpec` features scaled by 1/sqrt(feature count).

    `calibration` holds the stacking weights that turn (classifier logit, rule evidence,
    payload score, obfuscation, surface) into a calibrated probability; `thresholds` the
    operating points for the low / medium / high sensitivity levels.
    """

    weights: npt.NDArray[np.float32]
    bias: float
    spec: FeatureSpec
    calibration: npt.NDArray[np.float64]
    thresholds: dict[str, float]
    version: str

    def score(self, view: str) -> WindowScore:
        """Logit of the most suspicious window of `view` (a folded, collapsed text)."""
        n = len(view)
        if n <= WINDOW:
            total, count = 0.0, 0
            for ids, _ in parts(view, self.spec):
                total += float(self.weights[ids].sum(dtype=np.float64))
                count += len(ids)
            if count == 0:
                return WindowScore(self.bias, 0, n)
            return WindowScore(self.bias + total / math.sqrt(count), 0, n)
        # Per-position sums: character n-grams start at every position, so their weights
        # add as aligned slices; only word features need a scatter.
        sums = np.zeros(n + 1)
        counts = np.zeros(n + 1)
        for ids, first in parts(view, self.spec):
            if isinstance(first, int):
                sums[1 + first : 1 + first + len(ids)] += self.weights[ids]
                counts[1 + first : 1 + first + len(ids)] += 1.0
            else:
                sums += np.bincount(first + 1, weights=self.weights[ids], minlength=n + 1)
                counts += np.bincount(first + 1, minlength=n + 1)
        cum_sums = np.cumsum(sums)
        cum_counts = np.cumsum(counts)
        starts = np.unique(np.append(np.arange(0, n - WINDOW + 1, STRIDE), n - WINDOW))
        ends = np.minimum(starts + WINDOW, n)
        window_sums = cum_sums[ends] - cum_sums[starts]
        norms = np.sqrt(np.maximum(cum_counts[ends] - cum_counts[starts], 1.0))
        logits = self.bias + window_sums / norms
        best = int(np.argmax(logits))
        return WindowScore(float(logits[best]), int(starts[best]), int(ends[best]))

    def save(self, path: Path) -> None:
        names = sorted(self.thresholds)
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float16),
            bias=np.array([self.bias]),
            char_orders=np.array(self.spec.char_orders),
            words=np.array([int(self.spec.words)]),
            bits=np.array([self.spec.bits]),
            calibration=self.calibration,
            threshold_names=np.array(names),
            threshold_values=np.array([self.thresholds[k] for k in names]),
            version=np.array([self.version]),
        )


def load_model(path: Path | None = None) -> LinearModel:
    """Load the shipped weights (or `path`); a missing or corrupt file raises."""
    if path is None:
        source = resources.files("ztai.shield").joinpath("model", MODEL_FILE)
        with resources.as_file(source) as real:
            return _read(Path(real))
    return _read(path)


def _read(path: Path) -> LinearModel:
    with np.load(path, allow_pickle=False) as data:
        spec = FeatureSpec(
            char_orders=tuple(int(x) for x in data["char_orders"]),
            words=bool(data["words"][0]),
            bits=int(data["bits"][0]),
        )
        weights = data["weights"].astype(np.float32)
        if weights.shape != (spec.dim,):
            raise ValueError(f"model weights have shape {weights.shape}, expected {spec.dim}")
        thresholds = {
            str(k): float(v)
            for k, v in zip(data["threshold_names"], data["threshold_values"], strict=True)
        }
        return LinearModel(
            weights=weights,
            bias=float(data["bias"][0]),
            spec=spec,
            calibration=data["calibration"].astype(np.float64),
            thresholds=thresholds,
            version=str(data["version"][0]),
        )


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
