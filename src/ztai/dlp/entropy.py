"""Shannon entropy of short tokens: the measure that separates keys from words."""

from __future__ import annotations

import math
from collections import Counter

_HEX = frozenset("0123456789abcdefABCDEF")
# A long blob's first 256 characters already show its alphabet; bounded work per call.
_PREFIX = 256
# c·log2(c) for every count a prefix can hold: H = log2(n) − Σ c·log2(c) / n, summed in C.
_C_LOG_C = (0.0, *(c * math.log2(c) for c in range(1, _PREFIX + 1)))


def shannon_entropy(value: str) -> float:
    """Bits per character of `value` under its own character distribution."""
    if not value:
        return 0.0
    value = value[:_PREFIX]
    n = len(value)
    return math.log2(n) - sum(map(_C_LOG_C.__getitem__, Counter(value).values())) / n


_DELETE_HEX = str.maketrans("", "", "".join(_HEX))
_DELETE_DIGITS = str.maketrans("", "", "0123456789")


def is_hex(value: str) -> bool:
    # Deleting the hex digits in C leaves nothing exactly when every character is one.
    return bool(value) and not value.translate(_DELETE_HEX)


def has_digit(value: str) -> bool:
    return len(value.translate(_DELETE_DIGITS)) != len(value)


def character_classes(value: str) -> int:
    """How many of lower / upper / digit / symbol appear (random keys mix at least two)."""
    # str methods and `in` run in C; a generator over the characters is ~20x slower.
    classes = 0
    classes += value != value.upper()
    classes += value != value.lower()
    classes += has_digit(value)
    classes += not value.isalnum()
    return classes


def looks_random(value: str, *, min_length: int = 16) -> bool:
    """High-entropy test tuned on fake keys: hex needs ~3 bits/char, mixed alphabets ~3.5."""
    if len(value) < min_length:
        return False
    entropy = shannon_entropy(value)
    if is_hex(value):
        return entropy >= 3.0
    if character_classes(value) < 2:
        return False
    # Short random strings cannot reach their alphabet's entropy; scale the bar with length.
    threshold = 3.5 if len(value) >= 24 else 3.2
    return entropy >= threshold
