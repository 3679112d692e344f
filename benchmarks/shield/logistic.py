"""Logistic: numpy-only logistic regression on a sparse design (full-batch Adam)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from corpus import Design


def margins(d: Design, w: npt.NDArray[np.float32], b: float) -> npt.NDArray[np.float64]:
    return np.bincount(d.example, weights=d.value * w[d.column], minlength=d.size) + b


def fit(
    d: Design,
    dim: int,
    sample_weight: npt.NDArray[np.float64],
    *,
    l2: float = 3e-5,
    epochs: int = 120,
    lr: float = 0.05,
    mask: npt.NDArray[np.bool_] | None = None,
) -> tuple[npt.NDArray[np.float32], float]:
    """Minimise weighted log-loss + l2/2 |w|^2; `mask` selects the examples to train on."""
    sw = sample_weight * d.weight
    if mask is not None:
        sw = np.where(mask, sw, 0.0)
    sw = sw / sw.sum()
    w = np.zeros(dim, dtype=np.float64)
    b = 0.0
    m = np.zeros(dim)
    v = np.zeros(dim)
    mb = vb = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    entry_value = d.value.astype(np.float64)
    for t in range(1, epochs + 1):
        z = np.bincount(d.example, weights=entry_value * w[d.column], minlength=d.size) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        r = (p - d.label) * sw
        g = np.bincount(d.column, weights=entry_value * r[d.example], minlength=dim) + l2 * w
        gb = float(r.sum())
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb * gb
        step = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
        w -= step * m / (np.sqrt(v) + eps)
        b -= step * mb / (np.sqrt(vb) + eps)
    return w.astype(np.float32), b


def fit_dense(
    x: npt.NDArray[np.float64],
    y: npt.NDArray[np.float64],
    sample_weight: npt.NDArray[np.float64],
    *,
    l2: float = 1e-3,
    iterations: int = 50,
) -> npt.NDArray[np.float64]:
    """Newton's method for a small dense logistic regression (the stacker); column 0 is
    the bias and is not penalised."""
    k = x.shape[1]
    sw = sample_weight / sample_weight.sum()
    coef = np.zeros(k)
    penalty = np.full(k, l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        z = x @ coef
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = x.T @ ((p - y) * sw) + penalty * coef
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        coef -= np.linalg.solve(hess, grad)
    return coef
