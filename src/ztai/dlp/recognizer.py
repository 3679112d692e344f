"""Recognizers: a candidate pattern plus a validator and context rule, like Presidio's."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple, Protocol

from ztai.domain.finding import Finding

from .check import Check, Validator
from .context import NO_HIT, Context, ContextHit


class Verdict(NamedTuple):
    """A verified candidate: the finding plus what overlap resolution needs to rank it."""

    finding: Finding
    priority: int
    context_distance: int


class Recognizer(Protocol):
    """One sensitive-information type found by a re2 pattern and confirmed in Python.

    The engine runs every recognizer's `pattern` in one multi-pattern pass and calls
    `verify` only on candidates, so the hot path stays linear in the text length.
    """

    @property
    def id(self) -> str: ...

    @property
    def entity(self) -> str: ...

    @property
    def pattern(self) -> str: ...

    def verify(self, text: str, start: int, end: int) -> Verdict | None: ...


def triggers_of(recognizer: Recognizer) -> tuple[str, ...]:
    """The literals that gate a recognizer in the scanner (none: gated by the RE2 Set).

    A recognizer that requires a context word is never reported without one, so its
    words are its triggers unless it names its own.
    """
    own = tuple(getattr(recognizer, "triggers", ()))
    if own:
        return own
    context = getattr(recognizer, "context", None)
    if isinstance(context, Context) and context.required and context.words:
        return tuple(t for word in context.words for t in _word_triggers(word))
    return ()


# Context words match whole words only, so a short word is a trigger only after a
# boundary character: `tin` must not fire on every "meeting", nor `uid` on "guide".
_BOUNDARIES = tuple(chr(c) for c in range(128) if not chr(c).isalnum())
_SHORT_WORD = 4


def _word_triggers(word: str) -> tuple[str, ...]:
    if len(word) > _SHORT_WORD or not word.isalnum():
        return (word,)
    return tuple(b + word for b in _BOUNDARIES)


_PATTERN_ONLY = Check(True, "pattern")
# `Verdict(...)` without the named tuple's Python-level `__new__` (one per candidate).
_verdict = partial(tuple.__new__, Verdict)


def _clamp(score: float) -> float:
    return round(min(1.0, max(0.0, score)), 4)


@dataclass(frozen=True, slots=True)
class PatternRecognizer:
    """The standard recognizer: pattern → validator → context → score.

    `pattern` is RE2 syntax; when it has capture groups, the first group that took part
    in the match is the value (RE2 has no look-around, so boundaries are matched outside
    the group). `triggers` are optional lower-case literals that every match contains or
    sits next to (a vendor prefix, `@`, a required context word). `score` is the
    confidence of a validated candidate without context; recognizers that need context
    (passport, driver's licence) start below the engine's threshold and only a context
    word lifts them over it.
    """

    id: str
    entity: str
    pattern: str
    score: float
    validator: Validator | None = None
    context: Context | None = None
    priority: int = 10
    description: str = field(default="", compare=False)
    # Lower-case literals of which every match contains (or sits next to) one: the
    # scanner runs the pattern only near them. Empty: gated by the RE2 `Set` instead.
    triggers: tuple[str, ...] = ()

    def verify(self, text: str, start: int, end: int) -> Verdict | None:
        context = self.context
        hit: ContextHit | None = None
        if context is not None and context.required:
            # Cheap context test first: no word, no finding, no validator call.
            hit = context.evaluate(text, start, end)
            if not hit.word:
                return None
        check = self.validator(text, start, end) if self.validator else _PATTERN_ONLY
        if not check.valid:
            return None
        s = start if check.start is None else check.start
        e = end if check.end is None else check.end
        if not 0 <= s < e <= len(text):
            return None
        base = self.score if check.score is None else check.score
        if context is None:
            hit = NO_HIT
        elif hit is None or s != start or e != end:
            hit = context.evaluate(text, s, e)
        explanation = f"{self.id}: {check.reason}"
        if hit.word:  # `found`, without a property call per candidate
            explanation += f"; context word '{hit.word}' +{hit.delta:g}"
        elif hit.negative:
            explanation += f"; negative context '{hit.negative}' {hit.delta:g}"
        score = base if hit.delta == 0.0 and 0.0 <= base <= 1.0 else _clamp(base + hit.delta)
        # Positional arguments: keywords double the cost of building the frozen dataclass.
        finding = Finding(self.id, self.entity, s, e, score, explanation)
        return _verdict((finding, self.priority, hit.distance))
