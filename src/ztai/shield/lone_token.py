"""Lone tokens: a short message built around one opaque token that decodes to a word or markup.

The run finders need long runs (a 12-character base85 token, six hex bytes) because a
short token in a long text decodes to a word by chance too often. In a short message the
odds change: there are only a handful of tokens, and a message that is little more than
one code token whose decoding is a word ("What does this mean? 4B696B65") is the shape
of an encoding probe. Only messages of at most `MAX_TOKENS` tokens are looked at, each
token is decoded under a few standard codecs, and a decoding counts only when it is a
lone word or active markup (decoded_text).
"""

from __future__ import annotations

import base64
import binascii
import string
from collections.abc import Callable, Iterator

import re2

from ztai.shield.decoded_text import active_markup, lone_word

MAX_TEXT = 600
MAX_TOKENS = 16
MIN_TOKEN = 4
# A number is decoded as hex only from five bytes up: shorter ones are prices, phone
# numbers, order numbers (one random 8-digit number in 230 spells a word in hex).
MIN_DECIMAL_HEX = 10

_HEX = re2.compile(r"(?:[0-9A-Fa-f]{2})+")
_BASE32 = re2.compile(r"[A-Z2-7]+=*")
_BASE64 = re2.compile(r"[A-Za-z0-9+/]+={0,2}")
_A85 = frozenset(map(chr, range(ord("!"), ord("u") + 1)))
_B85 = frozenset(string.digits + string.ascii_letters + "!#$%&()*+-;<=>?@^_`{|}~")
_TRAILING = ".,;:!?\"')]"


def _hex(token: str) -> bytes | None:
    if _HEX.fullmatch(token) is None:
        return None
    if token.isdigit() and len(token) < MIN_DECIMAL_HEX:
        return None
    return bytes.fromhex(token)


def _base32(token: str) -> bytes | None:
    if len(token) % 8 or _BASE32.fullmatch(token) is None:
        return None
    return base64.b32decode(token)


def _base64(token: str) -> bytes | None:
    if len(token) % 4 or _BASE64.fullmatch(token) is None:
        return None
    return base64.b64decode(token, validate=True)


def _ascii85(token: str) -> bytes | None:
    if not set(token) <= _A85:
        return None
    return base64.a85decode(token)


def _base85(token: str) -> bytes | None:
    if not set(token) <= _B85:
        return None
    return base64.b85decode(token)


def _uu(token: str) -> bytes | None:
    # One UU line: a length character (space + byte count) and four characters per three
    # bytes; a 1-3 byte line may have had its padding trimmed.
    count = ord(token[0]) - 32
    if not 1 <= count <= 45 or not -(-4 * count // 3) <= len(token) - 1 <= 4 * -(-count // 3):
        return None
    return binascii.a2b_uu(token)


_CODECS: tuple[tuple[str, Callable[[str], bytes | None]], ...] = (
    ("hex", _hex),
    ("base32", _base32),
    ("base64", _base64),
    ("uuencode", _uu),
    ("ascii85", _ascii85),
    ("base85", _base85),
)


def _plain_word(token: str) -> bool:
    """A dictionary-shaped word, maybe with sentence punctuation: not worth decoding."""
    word = token.rstrip(_TRAILING).lstrip("\"'([")
    return word.replace("'", "").replace("-", "").isalpha() and (
        word.islower() or word.isupper() or word[1:].islower()
    )


def _decodings(token: str) -> Iterator[tuple[str, str]]:
    for scheme, codec in _CODECS:
        try:
            data = codec(token)
        except (binascii.Error, ValueError):
            continue
        if not data:
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not text.replace("\n", " ").isprintable():
            continue
        if lone_word(text) or active_markup(text):
            yield scheme, text
            return


def _units(text: str) -> Iterator[tuple[int, str]]:
    """Whitespace-separated tokens with their offsets, and whole lines (a UU line or a
    base32 run may hold spaces)."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        pos = 0
        pieces = line.split()
        for piece in pieces:
            pos = line.index(piece, pos)
            yield offset + pos, piece
            pos += len(piece)
        if len(pieces) > 1:
            yield offset + line.index(stripped), stripped
        offset += len(line)


def lone_tokens(text: str) -> Iterator[tuple[str, int, int, str]]:
    """(scheme, start, end, decoded) for each token of a short message that decodes to a
    word or to active markup."""
    if len(text) > MAX_TEXT or len(text.split()) > MAX_TOKENS or not text.isascii():
        return
    for start, token in _units(text):
        if len(token) < MIN_TOKEN or _plain_word(token):
            continue
        for scheme, decoded in _decodings(token):
            yield scheme, start, start + len(token), decoded
