"""Features: hashed character n-grams and word uni/bigrams, computed with array arithmetic.

Each feature is attributed to the position where it starts, so a linear model's score for
any window is a difference of two prefix sums; scoring every window of a long document
costs one pass. Training (benchmarks/shield/train.py) uses the same functions, which is
what keeps the shipped weights and the runtime features in step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ztai.shield.alphabet import TABLE_SIZE, alphabet
from ztai.shield.normalizer import code_points

_BASE = np.uint64(0x100000001B3)  # FNV prime: odd, so it has an inverse modulo 2**64
_BASE_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
_MIX = np.uint64(0x9E3779B97F4A7C15)
_WORD_SALT = np.uint64(0x51_7CC1_B727_220A)
_BIGRAM_SALT = np.uint64(0x2545_F491_4F6C_DD1D)


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """What the model hashes: character n-gram orders, word n-grams, table size."""

    char_orders: tuple[int, ...] = (3, 4, 5)
    words: bool = True
    bits: int = 18

    @property
    def dim(self) -> int:
        return 1 << self.bits


@dataclass(frozen=True, slots=True, eq=False)
class Features:
    """Feature ids and the text position each one starts at (same length arrays)."""

    ids: npt.NDArray[np.int64]
    positions: npt.NDArray[np.int64]
    length: int


def _powers(n: int, base: np.uint64) -> npt.NDArray[np.uint64]:
    out = np.full(n, base, dtype=np.uint64)
    out[0] = np.uint64(1)
    return np.cumprod(out, dtype=np.uint64)


_Tables = tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]
_POWERS: list[_Tables] = [(np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))]


def _power_tables(n: int) -> _Tables:
    # Cached, grown by doubling and swapped in as one tuple: tables only ever grow and
    # are never written after creation, so concurrent scans can share them.
    tables = _POWERS[0]
    if len(tables[0]) < n:
        size = max(n, 4096, 2 * len(tables[0]))
        tables = (_powers(size, _BASE), _powers(size, _BASE_INV))
        _POWERS[0] = tables
    return tables[0][:n], tables[1][:n]


def _finish(h: npt.NDArray[np.uint64], salt: np.uint64, bits: int) -> npt.NDArray[np.int64]:
    # Multiply-shift (Fibonacci) hashing: the high bits of an odd multiple are well mixed.
    return (((h + salt) * _MIX) >> np.uint64(64 - bits)).astype(np.int64)


def parts(
    view: str, spec: FeatureSpec
) -> Iterator[tuple[npt.NDArray[np.int64], int | npt.NDArray[np.int64]]]:
    """Feature ids in groups: (ids, first start) for character n-grams, whose starts run
    0, 1, 2, ...; (ids, start array) for word uni- and bigrams."""
    cps = code_points(view).astype(np.uint64)
    n = len(cps)
    if n == 0:
        return
    powers, inverse = _power_tables(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum((cps + np.uint64(1)) * powers[:n], dtype=np.uint64, out=prefix[1:])
    for order in spec.char_orders:
        if n < order:
            continue
        h = (prefix[order:] - prefix[: n - order + 1]) * inverse[: n - order + 1]
        yield _finish(h, np.uint64(order), spec.bits), 0
    if spec.words:
        table = alphabet()
        inside = cps < TABLE_SIZE
        wordy = np.where(inside, table.wordchar[np.where(inside, cps, 0).astype(np.int64)], True)
        edges = np.diff(np.concatenate(([False], wordy, [False])).astype(np.int8))
        w_start = np.flatnonzero(edges == 1)
        w_end = np.flatnonzero(edges == -1)
        if len(w_start):
            wh = (prefix[w_end] - prefix[w_start]) * inverse[w_start]
            yield _finish(wh, _WORD_SALT, spec.bits), w_start.astype(np.int64)
            if len(w_start) > 1:
                bh = wh[:-1] * _BASE + wh[1:]
                yield _finish(bh, _BIGRAM_SALT, spec.bits), w_start[:-1].astype(np.int64)


def extract(view: str, spec: FeatureSpec) -> Features:
    """All features of a folded view, with their start positions."""
    ids: list[npt.NDArray[np.int64]] = []
    positions: list[npt.NDArray[np.int64]] = []
    for group, starts in parts(view, spec):
        ids.append(group)
        if isinstance(starts, int):
            positions.append(np.arange(starts, starts + len(group), dtype=np.int64))
        else:
            positions.append(starts)
    if not ids:
        empty = np.zeros(0, dtype=np.int64)
        return Features(empty, empty, len(view))
    return Features(np.concatenate(ids), np.concatenate(positions), len(view))
