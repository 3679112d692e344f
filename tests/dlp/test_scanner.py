"""Scanner gating: trigger windows must not lose anything an ungated scan would report.

The trigger literals are a pre-filter only; if one were missing for some match, that
match would silently disappear. Every candidate of a Set-only scan (no triggers) must
also come out of the trigger-gated scan, on short prompts and on multi-block documents,
unless its recognizer rejects it anyway (a recognizer that requires a context word is
gated by those words, so its context-free candidates are never produced).
"""

from __future__ import annotations

import random

import pytest
import re2

from ztai.dlp import default_registry
from ztai.dlp.recognizer import triggers_of
from ztai.dlp.scanner import Scanner, _alternation

from .test_pii_international import CPF, FISCAL, PHONES
from .test_secret_vendors import NEGATIVE as SECRET_NEGATIVE
from .test_secret_vendors import POSITIVE as SECRET_POSITIVE

RECOGNIZERS = list(default_registry())
PATTERNS = [r.pattern for r in RECOGNIZERS]
GATED = Scanner(PATTERNS, [triggers_of(r) for r in RECOGNIZERS])
UNGATED = Scanner(PATTERNS)

SNIPPETS = [
    *(text for text, _, _ in SECRET_POSITIVE),
    *SECRET_NEGATIVE,
    *(f"call {p}" for p in PHONES),
    f"CPF {CPF}, codice fiscale {FISCAL}",
    "Mail jane.doe+news@mail.example.org or visit https://www.acme.io/path?q=1.",
    "driver's license D1234567, passport 512345678, DL: 99887766",
    "server 10.20.30.40 and fe80::1ff:fe23:4567:890a; version 4.2.10.1",
    "Telefon 030 9018 2000; tel: 020 7946 0321",
    "IBAN DE75 5121 0800 1245 1261 99 und Karte 4539 1488 0343 6467",
]
FILLER = "The quarterly review covers growth across regions while teams plan hiring budgets. "


def _candidates(scanner: Scanner, text: str) -> set[tuple[int, int, int]]:
    return {(c.pattern, c.start, c.end) for c in scanner.scan(text)}


def _lost(text: str) -> list[tuple[str, str]]:
    missing = _candidates(UNGATED, text) - _candidates(GATED, text)
    return [
        (RECOGNIZERS[i].id, text[s:e])
        for i, s, e in sorted(missing)
        if RECOGNIZERS[i].verify(text, s, e) is not None
    ]


@pytest.mark.parametrize("text", SNIPPETS)
def test_gated_scan_loses_nothing_on_prompts(text: str) -> None:
    assert not _lost(text)
    assert _candidates(GATED, text) <= _candidates(UNGATED, text)


@pytest.mark.parametrize("seed", range(6))
def test_gated_scan_covers_ungated_on_documents(seed: int) -> None:
    rng = random.Random(seed)
    parts = []
    for _ in range(120):
        parts.append(FILLER * rng.randint(0, 12))
        parts.append(rng.choice(SNIPPETS))
        parts.append(rng.choice(["\n", " ", "\n\n", "; "]))
    text = "".join(parts)
    assert len(text) > 16_000  # several blocks and many trigger windows
    assert not _lost(text)


def test_symbol_triggers_found_everywhere_in_documents() -> None:
    # Symbol-only literals (`://`, `@`) are found with `bytes.find`, outside the RE2
    # alternation: at the text's ends, repeated, glued together and inside longer literals.
    patterns = [r"[a-z]+://[a-z]+", r"[a-z]+@[a-z]+\.org", r"key@[a-z]+"]
    gated = Scanner(patterns, [("://",), ("@",), ("key@",)])
    ungated = Scanner(patterns)
    middle = " ".join(["a@b.org", "x://y", "@@", "key@vault", "q@@r.org", "s:///t"] * 50)
    text = "a://b " + FILLER * 80 + middle + FILLER * 80 + " c@d.org"
    assert len(text) > 3 * 4096
    assert _candidates(gated, text) == _candidates(ungated, text)
    assert len(_candidates(gated, text)) > 100


@pytest.mark.parametrize("lead", [0, 1, 10, 40])
def test_untriggered_values_before_the_first_trigger_are_kept(lead: int) -> None:
    # Stretches without any trigger literal are gated by the combined Set 64 KiB at a
    # time; the first trigger hands the rest to the untriggered Set and the trigger pass.
    values = ["4539 1488 0343 6467", "10.20.30.40", "2024-03-15", "DE75512108001245126199"]
    quiet = FILLER * (900 if lead else 0) + "".join(
        FILLER * 20 + f" {values[n % len(values)]} " for n in range(lead * 4)
    )
    loud = "Mail jane.doe@mail.example.org, card 4539 1488 0343 6467. " + FILLER * 30
    text = quiet + loud * 4 + " 10.20.30.41"
    assert not _lost(text)
    # An oracle that shares no code with the scanner: each value, found with `str.find`,
    # must be a candidate of a recognizer that accepts it.
    found = {(s, e) for _, s, e in _candidates(GATED, text)}
    for value in values:
        at = text.find(value)
        while at >= 0:
            assert (at, at + len(value)) in found, (value, at)
            at = text.find(value, at + 1)


def test_grouped_trigger_alternation_finds_the_same_hits() -> None:
    # Literals that differ in one boundary byte are written as one class branch; the
    # hits (leftmost, longest literal first) must be those of the plain alternation.
    words = [b + "tin" for b in " (\t-_"] + ["dl" + b for b in " .:#"] + ["tin", "key", "keyid"]
    literals = [w.encode() for w in words] + [b"\xc3\xa9tin", b"key\xc3\xa9"]
    plain = b"|".join(re2.escape(w) for w in sorted(literals, key=lambda b: (-len(b), b)))
    rng = random.Random(7)
    pieces = [" ", "(", "\t", "-", "_", ".", ":", "#", "é", "tin", "dl", "key", "id", "ti", "n"]
    text = "".join(rng.choice(pieces) for _ in range(20_000)).encode()
    assert _hits(_alternation(literals), text) == _hits(plain, text)
    assert len(_hits(plain, text)) > 100


def _hits(pattern: bytes, text: bytes) -> list[tuple[int, int]]:
    return [m.span() for m in re2.compile(pattern).finditer(text)]
