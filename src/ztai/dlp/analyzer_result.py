"""Presidio-analyzer-compatible results: `[{entity_type, start, end, score}]`."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ztai.domain.finding import Finding

from .engine import DlpEngine


def to_presidio(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """The shape of Presidio's `RecognizerResult.to_dict()` minus its explanation."""
    return [
        {"entity_type": f.kind, "start": f.start, "end": f.end, "score": f.score} for f in findings
    ]


def analyze_presidio(
    engine: DlpEngine,
    text: str,
    language: str = "en",
    *,
    entities: Collection[str] | None = None,
    score_threshold: float | None = None,
) -> list[dict[str, object]]:
    """Body of `POST /v1/dlp/analyze`. Patterns are language-neutral, so `language` is
    accepted for compatibility and does not change the result."""
    del language
    return to_presidio(engine.analyze(text, entities=entities, min_score=score_threshold))
