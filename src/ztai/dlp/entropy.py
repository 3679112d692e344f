"""Shannon entropy of short tokens: the measure that separates keys from words."""

from __future__ import annotations

import math
from collections import Counter

_HEX = frozenset("0123456789abcdefABCDEF")


def shannon_entropy(value: str) -> float:
    """Bits per character of `value` under its own character distribution."""
    if not value:
        return 0.0
    # A long blob's first 256 characters already show its alphabet; bounded work per call.
    value = value[:256]
    n = len(value)
    return -sum((c / n) * math.log2(c / n) for c in Counter(value).values())


def is_hex(value: str) -> bool:
    return bool(value) and all(ch in _HEX for ch in value)


def character_classes(value: str) -> int:
    """How many of lower / upper / digit / symbol appear (random keys mix at least two)."""
    # str methods and `in` run in C; a generator over the characters is ~20x slower.
    classes = 0
    classes += value != value.upper()
    classes += value != value.lower()
    classes += any(d in value for d in "0123456789")
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
