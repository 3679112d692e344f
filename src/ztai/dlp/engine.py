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
# Findings of this priority or above (vendor-format secrets; custom types configured as
# high) keep their exact span: no context word hands it to another type. Their kept set
# is therefore final once they are verified, which lets `analyze` skip span-keeping
# candidates that overlap them without changing the result.
PINNED_PRIORITY = 32


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
        if _span_claim(v) > _span_claim(other):
            best[key] = v
    return list(best.values())


def _span_claim(v: Verdict) -> tuple[bool, int, int, float, int]:
    return (v.priority >= PINNED_PRIORITY, -v.context_distance, *_rank(v))


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint intervals."""
    i = bisect.bisect_right(starts, start)
    return (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end)


def _greedy(verdicts: list[Verdict]) -> list[Finding]:
    """Greedy by (priority, score, length): kept findings never overlap; sorted by start."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Finding] = []
    for v in sorted(_best_per_span(verdicts), key=_rank, reverse=True):
        f = v.finding
        i = bisect.bisect_right(starts, f.start)
        # Kept intervals are disjoint and sorted, so only the two neighbours can overlap.
        if (i > 0 and ends[i - 1] > f.start) or (i < len(starts) and starts[i] < f.end):
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.insert(i, f)
    return kept


def resolve_overlaps(verdicts: list[Verdict]) -> list[Finding]:
    """Greedy by (priority, score, length): kept findings never overlap; sorted by start.

    Whether a verdict is kept depends only on the verdicts it overlaps, directly or
    through a chain, so each such cluster is resolved on its own (in input order, which
    breaks exact ties) and a verdict that overlaps nothing — most of them — is kept
    without ranking.
    """
    kept: list[Finding] = []
    cluster: list[int] = []
    cluster_end = -1
    starts = [v.finding.start for v in verdicts]
    for n in sorted(range(len(verdicts)), key=starts.__getitem__):
        f = verdicts[n].finding
        if f.start < cluster_end:
            cluster.append(n)
            cluster_end = max(cluster_end, f.end)
            continue
        _resolve_cluster(cluster, verdicts, kept)
        cluster = [n]
        # An empty span still overlaps a span that starts where it is.
        cluster_end = max(f.end, f.start + 1)
    _resolve_cluster(cluster, verdicts, kept)
    return kept


def _resolve_cluster(cluster: list[int], verdicts: list[Verdict], kept: list[Finding]) -> None:
    if len(cluster) == 1:
        kept.append(verdicts[cluster[0]].finding)
    elif cluster:
        kept += _greedy([verdicts[n] for n in sorted(cluster)])


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
        # Candidates of these recognizers are verified last, and only when no pinned
        # finding holds their span (their validator never moves the span).
        self._deferrable = [
            bool(getattr(getattr(r, "validator", None), "keeps_span", False))
            and getattr(r, "priority", PINNED_PRIORITY) < PINNED_PRIORITY
            for r in self._recognizers
        ]

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
        candidates = self._scanner.scan(text)
        recognizers, deferrable = self._recognizers, self._deferrable
        # One slot per candidate keeps the verdicts in scan order whatever is deferred
        # (overlap resolution breaks exact ties by that order).
        slots: list[Verdict | None] = [None] * len(candidates)
        deferred: list[int] = []
        for n, (index, start, end) in enumerate(candidates):
            recognizer = recognizers[index]
            if wanted is not None and recognizer.entity not in wanted:
                continue
            if deferrable[index]:
                deferred.append(n)
                continue
            verdict = recognizer.verify(text, start, end)
            if verdict is not None and verdict.finding.score >= threshold:
                slots[n] = verdict
        if deferred:
            pinned = [v for v in slots if v is not None and v.priority >= PINNED_PRIORITY]
            held = resolve_overlaps(pinned) if pinned else []
            starts, ends = [f.start for f in held], [f.end for f in held]
            for n in deferred:
                index, start, end = candidates[n]
                if held and _overlaps(starts, ends, start, end):
                    continue  # a vendor-format secret holds this span: it would win
                verdict = recognizers[index].verify(text, start, end)
                if verdict is not None and verdict.finding.score >= threshold:
                    slots[n] = verdict
        verdicts = [v for v in slots if v is not None]
        if self._ner is not None and text:
            for finding in self._ner.analyze(text):
                if finding.score >= threshold and (wanted is None or finding.kind in wanted):
                    verdicts.append(Verdict(finding, NER_PRIORITY, 1 << 30))
        return tuple(resolve_overlaps(verdicts))
