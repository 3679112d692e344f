"""Finding: what a detector observed in a text (it never rewrites the text)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation: `kind` is a dotted category or an entity type, `start`/`end` a span."""

    detector: str
    kind: str
    start: int
    end: int
    score: float
    explanation: str = ""
