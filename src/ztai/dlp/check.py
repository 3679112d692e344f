"""Check: a validator's verdict on one candidate, and the validator seam itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, Protocol


class Check(NamedTuple):
    """Whether a candidate is valid and why; `reason` names the rule, never the value.

    `start`/`end` narrow the span when the validator knows better than the pattern
    (an IBAN trimmed to its country length, a PEM block extended to its END line).
    `score` overrides the recognizer's base score (strong vs. weak evidence).
    A named tuple, not a dataclass: one is built per candidate, and a frozen dataclass
    costs several times more to construct.
    """

    valid: bool
    reason: str
    start: int | None = None
    end: int | None = None
    score: float | None = None


class Validator(Protocol):
    """Judges one candidate span of `text`; sees the text so it can look at neighbours."""

    @property
    def name(self) -> str: ...

    def __call__(self, text: str, start: int, end: int) -> Check: ...


@dataclass(frozen=True, slots=True)
class ValueValidator:
    """Adapts a plain `value -> bool` predicate (a checksum) to the `Validator` seam."""

    name: str
    predicate: Callable[[str], bool]

    def __call__(self, text: str, start: int, end: int) -> Check:
        ok = self.predicate(text[start:end])
        return Check(ok, f"{self.name} {'ok' if ok else 'failed'}")


def rejected(reason: str) -> Check:
    return Check(False, reason)
