"""Decoder: finds encoded payloads (base64/32/85, hex, UU, URL, HTML, ROT13, Morse, ...) in text."""

from __future__ import annotations

import base64
import binascii
import html
import itertools
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import re2

from ztai.shield.codec_runs import RawRun, codec_runs
from ztai.shield.decoded_text import active_markup, lone_word
from ztai.shield.lone_token import lone_tokens
from ztai.shield.wide_alphabets import wide_runs

# Budgets keep decoding linear and bounded whatever the input: candidates looked at,
# characters handed back, and how deep payload-inside-payload may go.
MAX_CANDIDATES = 64
MAX_PAYLOAD_CHARS = 65_536
MAX_DEPTH = 3
MIN_LETTER_SHARE = 0.7
MIN_PLAIN_SHARE = 0.9
MAX_RUN = 4096
MARKUP_HEAD = 4096

# A run must hold a digit, "+", "/" or a lower-to-upper change: plain words (the bulk of
# any prose) then never reach the decoder or use up the candidate budget.
_BASE64 = re2.compile(rb"[A-Za-z0-9+/_\-]*(?:[0-9+/]|[a-z][A-Z])[A-Za-z0-9+/_\-]*={0,2}")
_BASE32 = re2.compile(rb"\b[A-Z2-7]{8,}={0,6}")
_HEX = re2.compile(rb"(?:[0-9A-Fa-f]{2}[ :]?){6,}")
_BINARY = re2.compile(rb"(?:[01]{7,8}[ ]?){4,}")
_PERCENT = re2.compile(r"\S*(?:%[0-9A-Fa-f]{2}\S*){3,}")
_TRANSFER_BASE64 = re2.compile(rb"(?i)content-transfer-encoding:[ \t]*base64")
_ENTITY = re2.compile(r"&#?[A-Za-z0-9]{2,8};")
_MORSE = re2.compile(rb"[.\-]{1,7}(?:(?: {1,3}| ?/ ?)[.\-]{1,7}){2,}")
# Three or four Morse letters make a payload only when they spell a word (an ellipsis
# or a row of dashes also reads as Morse).
MORSE_SHORT = 5
_BRAILLE = re2.compile(r"[\x{2800}-\x{28FF}][\x{2800}-\x{28FF} ]{3,}")
_FUNCTION_WORDS = frozenset(
    b"the and you your to of is are in that this for with all not it".split()
)
_PUNCT = b"\n\t.,;:!?\"'()[]{}<>-_/*#"
_PUNCT_TO_SPACE = bytes.maketrans(_PUNCT, b" " * len(_PUNCT))

_MORSE_TABLE = {
    ".-": "a", "-...": "b", "-.-.": "c", "-..": "d", ".": "e", "..-.": "f", "--.": "g",
    "....": "h", "..": "i", ".---": "j", "-.-": "k", ".-..": "l", "--": "m", "-.": "n",
    "---": "o", ".--.": "p", "--.-": "q", ".-.": "r", "...": "s", "-": "t", "..-": "u",
    "...-": "v", ".--": "w", "-..-": "x", "-.--": "y", "--..": "z", "-----": "0",
    ".----": "1", "..---": "2", "...--": "3", "....-": "4", ".....": "5", "-....": "6",
    "--...": "7", "---..": "8", "----.": "9",
}  # fmt: skip
# Grade-1 Braille: dots pattern (bit mask over U+2800) → letter.
_BRAILLE_LETTERS = dict(
    zip(
        [0x01, 0x03, 0x09, 0x19, 0x11, 0x0B, 0x1B, 0x13, 0x0A, 0x1A, 0x05, 0x07, 0x0D,
         0x1D, 0x15, 0x0F, 0x1F, 0x17, 0x0E, 0x1E, 0x25, 0x27, 0x3A, 0x2D, 0x3D, 0x35],
        "abcdefghijklmnopqrstuvwxyz",
        strict=True,
    )
)  # fmt: skip
_LOWER = b"abcdefghijklmnopqrstuvwxyz"
_UPPER = _LOWER.upper()
# Byte tables: UTF-8 multi-byte sequences use bytes >= 0x80 only, so these touch ASCII
# letters and leave every other character intact, at C speed on any text.
_ROT13 = bytes.maketrans(_LOWER + _UPPER, _LOWER[13:] + _LOWER[:13] + _UPPER[13:] + _UPPER[:13])
_ATBASH = bytes.maketrans(_LOWER + _UPPER, _LOWER[::-1] + _UPPER[::-1])
_TABLES = {"rot13": _ROT13, "atbash": _ATBASH}
_ENCODED_WORDS = (
    ("plain", _FUNCTION_WORDS),
    ("rot13", frozenset(w.translate(_ROT13) for w in _FUNCTION_WORDS)),
    ("atbash", frozenset(w.translate(_ATBASH) for w in _FUNCTION_WORDS)),
    ("reversed", frozenset(w[::-1] for w in _FUNCTION_WORDS)),
)


@dataclass(frozen=True, slots=True)
class Payload:
    """Text recovered from an encoded run: `scheme` names the encoding, `start`/`end` the run."""

    scheme: str
    start: int
    end: int
    text: str


def letter_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:2048]
    good = sum(1 for c in sample if c.isalpha() or c in " .,'!?:-\n")
    return good / len(sample)


def _plain_share(text: str) -> float:
    """Share of letters, digits, spaces and sentence punctuation: the base85 and UU
    alphabets turn a code token into symbol-strewn bytes far more often than into prose."""
    sample = text[:2048]
    good = sum(1 for c in sample if c.isalnum() or c in " .,'!?:;-\"()\n")
    return good / max(1, len(sample))


def _readable(data: bytes) -> str | None:
    if len(data) < 3:
        return None
    try:
        out = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not out.replace("\n", " ").replace("\t", " ").isprintable():
        return None
    prose = letter_share(out) >= MIN_LETTER_SHARE and any(c.isalpha() for c in out)
    if not prose and not active_markup(out):
        return None
    # Random bytes rarely form 8+ valid printable UTF-8 characters; short ones must be ASCII.
    if len(out) < 8 and not out.isascii():
        return None
    return out


def _b64(run: str) -> str | None:
    body = run.rstrip("=")
    if len(body) % 4 == 1:
        return None
    padded = body + "=" * (-len(body) % 4)
    try:
        if "-" in body or "_" in body:
            return _readable(base64.urlsafe_b64decode(padded))
        return _readable(base64.b64decode(padded, validate=True))
    except (binascii.Error, ValueError):
        return None


def _b32(run: str) -> str | None:
    body = run.rstrip("=")
    try:
        return _readable(base64.b32decode(body + "=" * (-len(body) % 8)))
    except (binascii.Error, ValueError):
        return None


def _hex(run: str) -> str | None:
    digits = run.replace(" ", "").replace(":", "")
    if len(digits) % 2:
        digits = digits[:-1]
    try:
        return _readable(bytes.fromhex(digits))
    except ValueError:
        return None


def _binary(run: str) -> str | None:
    groups = run.split()
    if len(groups) == 1:
        groups = [run[i : i + 8] for i in range(0, len(run), 8)]
    try:
        return _readable(bytes(int(g, 2) for g in groups if g and int(g, 2) < 256))
    except ValueError:
        return None


def _morse(run: str) -> str | None:
    words = run.replace(" / ", "/").replace("/", "   ").split("   ")
    out = " ".join("".join(_MORSE_TABLE.get(sym, "") for sym in w.split()) for w in words)
    if len(run.split()) < MORSE_SHORT and ("." not in run or "-" not in run or not lone_word(out)):
        return None
    return out if sum(c.isalpha() for c in out) >= 3 else None


def _braille(run: str) -> str | None:
    out = "".join(_BRAILLE_LETTERS.get(ord(c) - 0x2800, " ") for c in run)
    return out if sum(c.isalpha() for c in out) >= 3 else None


def _word_hits(lowered: bytes) -> dict[str, int]:
    """Function words the text would show as it is and under each substitution.

    One split serves every scheme: a word decodes to a function word exactly when it is
    that word's encoding, so the encoded spellings are looked up in the plain words
    (bytes.split and set lookups run in C; a regex iterator would cost a call per word).
    """
    words = lowered.translate(_PUNCT_TO_SPACE).split()
    return {scheme: sum(map(table.__contains__, words)) for scheme, table in _ENCODED_WORDS}


def _substitution(text: str) -> list[Payload]:
    """ROT13 / Atbash / reversal: decode the whole text when that reveals far more English
    words, or active markup that the text itself does not show (an encoded script tag)."""
    sample = text[:MAX_PAYLOAD_CHARS]
    data = sample.encode("utf-8", "surrogatepass")
    hits = _word_hits(data.lower())
    words = data.count(b" ") + 1
    plain = hits["plain"]
    head = data[:MARKUP_HEAD]
    # Markup needs "<" or ":" (javascript:), and letter substitutions keep punctuation.
    look_for_markup = (b"<" in head or b":" in head) and not active_markup(
        head.decode("utf-8", "ignore")
    )
    found: list[Payload] = []
    for scheme in ("rot13", "atbash", "reversed"):
        found_words = hits[scheme]
        by_words = found_words >= 3 and found_words > 2 * plain + 1 and found_words >= 0.12 * words
        by_markup = (
            look_for_markup
            and scheme != "reversed"
            and active_markup(head.translate(_TABLES[scheme]).decode("utf-8", "ignore"))
        )
        if by_words or by_markup:
            if scheme == "reversed":
                text_out = sample[::-1]
            else:
                text_out = data.translate(_TABLES[scheme]).decode("utf-8", "surrogatepass")
            found.append(Payload(scheme, 0, len(sample), text_out))
    return found


_DECODERS = (
    ("base64", _BASE64, _b64),
    ("base32", _BASE32, _b32),
    ("hex", _HEX, _hex),
    ("binary", _BINARY, _binary),
    ("morse", _MORSE, _morse),
    ("braille", _BRAILLE, _braille),
)


def _char_offsets(data: bytes) -> Callable[[int], int]:
    """Byte offset → character offset in UTF-8 `data` (identity for ASCII)."""
    if data.isascii():
        return int
    lead = (np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80
    before = np.concatenate(([0], np.cumsum(lead)))
    return lambda offset: int(before[offset])


def decode_payloads(text: str) -> list[Payload]:
    """Every readable payload in `text`, one level deep, within the budgets above."""
    found: list[Payload] = []
    seen: set[str] = set()
    budget = MAX_PAYLOAD_CHARS
    candidates = 0
    # The run-based schemes are ASCII: match them on the UTF-8 bytes, encoded once, rather
    # than have the regex wrapper re-encode a long non-ASCII text for every pattern.
    data = text.encode("utf-8", "surrogatepass")
    to_char: Callable[[int], int] | None = None
    # A body declared base64 by its MIME header is transport encoding, like quoted-printable:
    # its payload is scored on what it says, not for having been encoded.
    declared = _TRANSFER_BASE64.search(data)
    transport_from = declared.end() if declared is not None else len(data) + 1
    for scheme, pattern, decode in _DECODERS:
        if scheme == "braille":
            matches: Iterator[re2._Match[Any]] = (
                pattern.finditer(text) if not data.isascii() else iter(())
            )
        else:
            matches = pattern.finditer(data)
        for match in matches:
            candidates += 1
            if candidates > MAX_CANDIDATES or budget <= 0:
                break
            # A single run is decoded from at most MAX_RUN characters: long enough for any
            # instruction, short enough that one giant token cannot eat the time budget.
            raw = match.group(0)
            run = (raw.decode("ascii") if isinstance(raw, bytes) else raw).strip()[:MAX_RUN]
            if len(run) < 8 and scheme in ("base64", "base32"):
                continue
            if scheme == "base64" and run.isalpha() and (run.islower() or run.isupper()):
                continue  # a plain word, not an encoding
            decoded = decode(run)
            if decoded is None or decoded in seen:
                continue
            seen.add(decoded)
            decoded = decoded[:budget]
            budget -= len(decoded)
            start, end = match.start(), match.end()
            if scheme != "braille":
                to_char = to_char or _char_offsets(data)
                start, end = to_char(start), to_char(end)
            transport = scheme == "base64" and match.start() >= transport_from
            found.append(Payload("mime-base64" if transport else scheme, start, end, decoded))
    if _PERCENT.search(text) is not None:
        unquoted = urllib.parse.unquote(text[:MAX_PAYLOAD_CHARS])
        if unquoted != text[:MAX_PAYLOAD_CHARS]:
            found.append(Payload("url", 0, min(len(text), MAX_PAYLOAD_CHARS), unquoted))
    entities = _ENTITY.finditer(text)
    if sum(1 for _, _m in zip(range(3), entities, strict=False)) >= 3:
        unescaped = html.unescape(text[:MAX_PAYLOAD_CHARS])
        found.append(Payload("html", 0, min(len(text), MAX_PAYLOAD_CHARS), unescaped))
    found.extend(_substitution(text))
    for scheme, start, end, word in lone_tokens(text):
        if word not in seen:
            seen.add(word)
            found.append(Payload(scheme, start, end, word))
    found.extend(_runs(itertools.chain(codec_runs(data), wide_runs(data)), data, seen, budget))
    return found


def _runs(runs: Iterator[RawRun], data: bytes, seen: set[str], budget: int) -> list[Payload]:
    """Payloads from the base85 / UU / quoted-printable / spelled-alphabet runs, checked for
    readability like the others: random code tokens rarely decode to words."""
    found: list[Payload] = []
    to_char = _char_offsets(data)
    for run in runs:
        if budget <= 0:
            break
        decoded = run.text if run.text is not None else _readable(run.data)
        if decoded is None or decoded in seen:
            continue
        if _plain_share(decoded) < MIN_PLAIN_SHARE and not active_markup(decoded):
            continue
        seen.add(decoded)
        decoded = decoded[:budget]
        budget -= len(decoded)
        found.append(Payload(run.scheme, to_char(run.start), to_char(run.end), decoded))
    return found
