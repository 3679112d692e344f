"""Shared DLP fixtures: one compiled engine per session (compiling the pattern set is the cost)."""

from __future__ import annotations

import pytest

from ztai.dlp import DlpEngine


@pytest.fixture(scope="session")
def engine() -> DlpEngine:
    return DlpEngine()


def found(engine: DlpEngine, text: str) -> set[tuple[str, str]]:
    return {(f.kind, text[f.start : f.end]) for f in engine.analyze(text)}


def make_iban(country: str, bban: str) -> str:
    """A fake IBAN with correct check digits for `bban` (ISO 13616 mod 97-10)."""
    digits = "".join(str(int(ch, 36)) for ch in (bban + country + "00").upper())
    check = 98 - int(digits) % 97
    return f"{country}{check:02d}{bban}"


def luhn_complete(prefix: str, length: int) -> str:
    """`prefix` padded with zeros to `length - 1` digits plus the Luhn check digit."""
    body = prefix + "0" * (length - 1 - len(prefix))
    for check in "0123456789":
        number = body + check
        total = 0
        for i, ch in enumerate(reversed(number)):
            d = int(ch) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return number
    raise AssertionError("unreachable")
