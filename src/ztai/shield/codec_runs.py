"""Codec runs: finds base85, UU, quoted-printable, MIME-word and NATO-spelled runs in a text.

Each finder is bounded the same way as the other decoders: RE2 (linear) to find runs, a
cap on the runs looked at and on the runs decoded, and at most `MAX_RUN` characters
decoded from one run. The caller (decoder.py) keeps only decodings that read as text.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass

import re2

MAX_RUN = 4096
# Tokens of 12+ printable characters are rare in prose but common in code and URLs; only
# so many are looked at, and fewer still are decoded.
MAX_LOOKED = 256
MAX_DECODED = 16
MIN_BASE85 = 12

_LONG_TOKEN = re2.compile(rb"<~[!-uz\s]{5,}?~>|[!-~]{12,}")
_A85_CHARS = frozenset(range(ord("!"), ord("u") + 1)) | {ord("z")}
_B85_CHARS = frozenset(
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"
)
_SYMBOLS = frozenset(b"!#$%&()*+-;<=>?@^_`{|}~[]\\\"',./:")
# A UU line: a length character (space + byte count, at most 45) and its 4-per-3 body.
# Lowercase letters are outside the UU alphabet, so ordinary prose never forms a line.
_UU_LINE = re2.compile(rb"(?m)(?:^|[ \t])([!-M][ -`]{3,61})$")
# Escapes that only quoted-printable writes: "=" itself and 8-bit bytes. Soft line breaks
# ("=" at a line end) are left out: Markdown underlines and templates end lines with "=".
_QP_ESCAPE = re2.compile(rb"(?:^|[^=])=(?:3D|[89A-F][0-9A-F])")
_QP_MIN_ESCAPES = 2
_MIME_WORD = re2.compile(rb"=\?[A-Za-z0-9_\-]{1,32}\?([BbQq])\?([!->@-~]+)\?=")
_NATO_WORDS = (
    "alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett|juliet|kilo|lima|"
    "mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|whisky|"
    "x-ray|xray|yankee|zulu"
)
# Four or more spelling-alphabet words in a row: a sentence may name one or two of them.
_NATO = re2.compile(rb"(?i)\b(?:(?:" + _NATO_WORDS.encode() + rb")(?:[ \t\r\n,;/.\-]+|$)){4,}")
_NATO_SPLIT = re.compile(r"[ \t\r\n,;.\-]+")  # on one bounded, ASCII-only run


@dataclass(frozen=True, slots=True)
class RawRun:
    """A decoded run: `start`/`end` are byte offsets in the UTF-8 text; `data` the bytes
    recovered, or `text` when the scheme yields text directly."""

    scheme: str
    start: int
    end: int
    data: bytes
    text: str | None = None


def _base85(token: bytes) -> tuple[str, bytes] | None:
    if token.startswith(b"<~") and token.endswith(b"~>"):
        body = bytes(c for c in token[2:-2] if c > 32)
        try:
            return "ascii85", base64.a85decode(body)
        except ValueError:
            return None
    if len(token) < MIN_BASE85 or sum(c in _SYMBOLS for c in token) < 2:
        return None
    if token.isalnum() or b"://" in token:
        return None  # words, identifiers and URLs
    token = token[:MAX_RUN]
    chars = set(token)
    if chars <= _A85_CHARS:
        try:
            return "ascii85", base64.a85decode(token)
        except ValueError:
            pass
    if chars <= _B85_CHARS:
        try:
            return "base85", base64.b85decode(token)
        except ValueError:
            return None
    return None


def _base85_runs(data: bytes) -> Iterator[RawRun]:
    decoded = 0
    for looked, match in enumerate(_LONG_TOKEN.finditer(data)):
        if looked >= MAX_LOOKED or decoded >= MAX_DECODED:
            return
        found = _base85(match.group(0))
        if found is not None:
            decoded += 1
            yield RawRun(found[0], match.start(), match.end(), found[1])


def _uu_line(line: bytes) -> bytes | None:
    count = line[0] - 32
    body = line[1:].rstrip(b" \t")
    # The body must hold exactly the characters `count` bytes need (trailing zero
    # characters may have been trimmed as spaces).
    need = -(-4 * count // 3)
    if count < 1 or not need - 2 <= len(body) <= 4 * -(-count // 3):
        return None
    try:
        return binascii.a2b_uu(line.rstrip(b" \t"))
    except binascii.Error:
        return None


def _uu_runs(data: bytes) -> Iterator[RawRun]:
    start = end = -1
    chunks: list[bytes] = []
    for looked, match in enumerate(_UU_LINE.finditer(data)):
        if looked >= MAX_LOOKED:
            break
        decoded = _uu_line(match.group(1))
        if decoded is None:
            continue
        if chunks and match.start(1) - end <= 2:
            chunks.append(decoded)
            end = match.end(1)
            continue
        if chunks and sum(map(len, chunks)) >= 4:
            yield RawRun("uuencode", start, end, b"".join(chunks))
        start, end, chunks = match.start(1), match.end(1), [decoded]
    if chunks and sum(map(len, chunks)) >= 4:
        yield RawRun("uuencode", start, end, b"".join(chunks))


def _quoted_printable(data: bytes) -> Iterator[RawRun]:
    escapes = [m.start() for _, m in zip(range(64), _QP_ESCAPE.finditer(data), strict=False)]
    if len(escapes) < _QP_MIN_ESCAPES:
        return
    sample = data[: MAX_RUN * 16]
    decoded = binascii.a2b_qp(sample)
    if decoded != sample:
        yield RawRun("quoted-printable", escapes[0], len(sample), decoded)


def _mime_words(data: bytes) -> Iterator[RawRun]:
    for _, match in zip(range(MAX_DECODED), _MIME_WORD.finditer(data), strict=False):
        kind, body = match.group(1), match.group(2)[:MAX_RUN]
        try:
            if kind in b"Bb":
                decoded = base64.b64decode(body + b"=" * (-len(body) % 4))
            else:
                decoded = binascii.a2b_qp(body, header=True)
        except (binascii.Error, ValueError):
            continue
        yield RawRun("mime", match.start(), match.end(), decoded)


def _nato(data: bytes) -> Iterator[RawRun]:
    for _, match in zip(range(MAX_DECODED), _NATO.finditer(data), strict=False):
        run = match.group(0)[:MAX_RUN].decode("ascii").lower()
        # "/" separates words in most spelling conventions; the letters of one word join.
        parts = [_NATO_SPLIT.split(part) for part in run.split("/")]
        spelled = " ".join("".join(w[0] for w in words if w) for words in parts).strip()
        yield RawRun("nato", match.start(), match.end(), b"", spelled)


def codec_runs(data: bytes) -> Iterator[RawRun]:
    """Every decodable run of a UTF-8 text, within the budgets above."""
    yield from _base85_runs(data)
    yield from _uu_runs(data)
    yield from _quoted_printable(data)
    yield from _mime_words(data)
    yield from _nato(data)
