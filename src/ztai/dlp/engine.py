"""DlpEngine: scan once, verify candidates, resolve overlaps, return findings (never edits text)."""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from typing import Protocol

from ztai.domain.finding import Finding

from .recognizer import Recognizer, Verdict, triggers_of
from .registry import RecognizerRegistry, default_registry
from .scanner import Scanner

DEFAULT_MIN_SCORE = 0.5
# NER spans (names, places) lose every overlap with a validated identifier.
NER_PRIORITY = 3


class TextRecognizer(Protocol):
    """A whole-text recognizer (NER): not pattern-driven, so it runs outside the scanner."""

    @property
    def id(self) -> str: ...

    def analyze(self, text: str) -> list[Finding]: ...


def _rank(verdict: Verdict) -> tuple[int, float, int]:
    f = verdict.finding
    return (verdict.priority, f.score, f.end - f.start)


def _best_per_span(verdicts: list[Verdict]) -> list[Verdict]:
    """Several types on the exact same span: the nearest context word decides first.

    "SSN 123456789, passport 987654321": both nine-digit runs are SSN- and
    passport-shaped; the word next to each one says which it is.
    """
    best: dict[tuple[int, int], Verdict] = {}
    for v in verdicts:
        key = (v.finding.start, v.finding.end)
        other = best.get(key)
        if other is None:
            best[key] = v
            continue
        if (-v.context_distance, *_rank(v)) > (-other.context_distance, *_rank(other)):
            best[key] = v
    return list(best.values())


def resolve_overlaps(verdicts: list[Verdict]) -> list[Finding]:
    """Greedy by (priority, score, length): kept findings never overlap; sorted by start."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Finding] = []
    for v in sorted(_best_per_span(verdicts), key=_rank, reverse=True):
        f = v.finding
        i = bisect.bisect_right(starts, f.start)
        # Kept intervals are disjoint and sorted, so only the two neighbours can overlap.
        if i > 0 and ends[i - 1] > f.start:
            continue
        if i < len(starts) and starts[i] < f.end:
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.insert(i, f)
    return kept


class DlpEngine:
    """Runs a registry's recognizers over text: one multi-pattern pass, validators on hits.

    `analyze` is pure: the same text gives the same findings, and the text is never
    modified. Redaction and pseudonymization are separate steps (`redaction.py`,
    `pseudonym.py`) that take these findings as input.
    """

    def __init__(
        self,
        registry: RecognizerRegistry | None = None,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        ner: TextRecognizer | None = None,
    ) -> None:
        self._recognizers: Sequence[Recognizer] = tuple(registry or default_registry())
        self._scanner = Scanner(
            [r.pattern for r in self._recognizers],
            [triggers_of(r) for r in self._recognizers],
        )
        self._min_score = min_score
        self._ner = ner

    @property
    def entities(self) -> frozenset[str]:
        names = {r.entity for r in self._recognizers}
        if self._ner is not None:
            names |= {"PERSON", "LOCATION", "ORGANIZATION"}
        return frozenset(names)

    @property
    def min_score(self) -> float:
        return self._min_score

    def analyze(
        self,
        text: str,
        *,
        entities: Collection[str] | None = None,
        min_score: float | None = None,
    ) -> tuple[Finding, ...]:
        threshold = self._min_score if min_score is None else min_score
        wanted = frozenset(entities) if entities is not None else None
        verdicts: list[Verdict] = []
        for candidate in self._scanner.scan(text):
            recognizer = self._recognizers[candidate.pattern]
            if wanted is not None and recognizer.entity not in wanted:
                continue
            verdict = recognizer.verify(text, candidate.start, candidate.end)
            if verdict is not None and verdict.finding.score >= threshold:
                verdicts.append(verdict)
        if self._ner is not None and text:
            for finding in self._ner.analyze(text):
                if finding.score >= threshold and (wanted is None or finding.kind in wanted):
                    verdicts.append(Verdict(finding, NER_PRIORITY, 1 << 30))
        return tuple(resolve_overlaps(verdicts))
