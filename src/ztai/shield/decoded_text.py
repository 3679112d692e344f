"""Decoded text: tells active markup and lone words apart from the noise a wrong decoding gives.

The decoders accept a decoding when it reads as prose. Two payloads that matter do not:
active markup (a script tag, a `javascript:` link, an event handler), which is mostly
punctuation, and a single word, too short for any share-of-letters test. Random bytes
almost never spell either, so each gets its own narrow test here.
"""

from __future__ import annotations

import re2

# Markup that runs code when rendered (OWASP XSS filter-evasion shapes): script and
# plug-in tags, script URLs, inline event handlers. Plain layout tags (img, body, style)
# are left out: base64 HTML e-mail bodies are full of them and harmless.
_ACTIVE_MARKUP = re2.compile(
    r"(?i)</?(?:script|iframe|object|embed|applet)\b"
    r"|javascript\s*:|vbscript\s*:|\bon(?:error|load|mouseover|click|focus)\s*="
    r"|\balert\s*\(|\bdocument\.cookie"
)
_VOWELS = frozenset("aeiouy")
MIN_WORD = 3
MAX_WORD = 24


def active_markup(text: str) -> bool:
    """True when `text` holds markup that would run script in a browser or renderer."""
    return _ACTIVE_MARKUP.search(text[:4096]) is not None


def lone_word(text: str) -> bool:
    """True when `text` is one or two plain words (letters only, each with a vowel).

    A 3-6 byte decoding is letters only by chance about once in 10^3-10^4 tries, and
    must then also carry vowels where a word has them; a short code token decoding to a
    word is that rare, while an encoded word is exactly what a word-sized attack payload is.
    """
    words = text.strip().split()
    if not 1 <= len(words) <= 2:
        return False
    for word in words:
        if not MIN_WORD <= len(word) <= MAX_WORD or not (word.isascii() and word.isalpha()):
            return False
        if not _VOWELS.intersection(word.lower()) or len(set(word.lower())) < 2:
            return False
        # A word is lowercase, capitalised or all caps; random letters mix cases.
        if not (word.islower() or word.isupper() or word[1:].islower()):
            return False
    return True
