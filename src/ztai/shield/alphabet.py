"""Alphabet: per-code-point lookup tables that fold look-alike and hidden characters."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Tables cover the BMP and the supplementary planes that hold letter look-alikes
# (mathematical alphanumerics, enclosed letters); above that only the smuggling ranges
# matter and are handled by range checks.
TABLE_SIZE = 0x20000
TAG_FIRST, TAG_LAST = 0xE0000, 0xE007F
VS_SUPP_FIRST, VS_SUPP_LAST = 0xE0100, 0xE01EF
VS_FIRST, VS_LAST = 0xFE00, 0xFE0F
SURROGATE_FIRST, SURROGATE_LAST = 0xD800, 0xDFFF

SCRIPT_OTHER, SCRIPT_LATIN, SCRIPT_CYRILLIC, SCRIPT_GREEK = 0, 1, 2, 3

# Cyrillic, Greek and other letters that render like Latin ones (a small, high-value
# subset of Unicode's confusables.txt; folded after casefolding, so lowercase only).
_CONFUSABLES = {
    "а": "a", "в": "b", "с": "c", "д": "d", "е": "e", "ё": "e", "г": "r", "һ": "h",
    "і": "i", "ї": "i", "ј": "j", "к": "k", "л": "n", "м": "m", "н": "h", "о": "o",
    "р": "p", "ԛ": "q", "ѕ": "s", "т": "t", "у": "y", "ѡ": "w", "х": "x", "ү": "y",
    "ԁ": "d", "ɡ": "g", "ı": "i", "ȷ": "j", "ɩ": "i", "ʀ": "r", "ʏ": "y", "ɑ": "a",
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
    "ѵ": "v", "ԝ": "w", "ꭰ": "d", "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e",
    "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n",
    "ᴏ": "o", "ᴘ": "p", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z",
}  # fmt: skip

# Characters that render as nothing but carry data or reorder text (CVE-2021-42574
# "Trojan Source" bidi controls, zero-width joiners, invisible operators).
_INVISIBLE_EXTRA = frozenset(
    [
        0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
    ]
)  # fmt: skip

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


@dataclass(frozen=True, slots=True, eq=False)
class Alphabet:
    """Folding tables: `fold` for str.translate, `width` = output length per code point."""

    fold: dict[int, str | None]
    confusable: dict[int, str]
    width: npt.NDArray[np.int8]
    single: npt.NDArray[np.uint32]
    skeleton: npt.NDArray[np.uint32]
    invisible: npt.NDArray[np.bool_]
    mark: npt.NDArray[np.bool_]
    script: npt.NDArray[np.int8]
    wordchar: npt.NDArray[np.bool_]
    leet: dict[int, str]


def _fold_char(ch: str) -> str:
    out = unicodedata.normalize("NFKC", ch).casefold()
    out = unicodedata.normalize("NFKD", out)
    # Accents are dropped so that one rule covers "ignoré", "ignore" and Zalgo text.
    return "".join(c for c in out if unicodedata.category(c) not in ("Mn", "Me"))


def _script(ch: str) -> int:
    cp = ord(ch)
    if not ch.isalpha():
        return SCRIPT_OTHER
    if cp < 0x250 or 0x1E00 <= cp < 0x1F00:
        return SCRIPT_LATIN
    if 0x400 <= cp < 0x530:
        return SCRIPT_CYRILLIC
    if 0x370 <= cp < 0x400:
        return SCRIPT_GREEK
    return SCRIPT_OTHER


@functools.cache
def alphabet() -> Alphabet:
    """Build the tables once per process (about a quarter of a second)."""
    fold: dict[int, str | None] = {}
    width = np.ones(TABLE_SIZE, dtype=np.int8)
    invisible = np.zeros(TABLE_SIZE, dtype=np.bool_)
    mark = np.zeros(TABLE_SIZE, dtype=np.bool_)
    script = np.zeros(TABLE_SIZE, dtype=np.int8)
    for cp in range(TABLE_SIZE):
        if SURROGATE_FIRST <= cp <= SURROGATE_LAST:
            # Lone surrogates cannot be encoded for RE2; they become U+FFFD.
            fold[cp] = "\ufffd"
            continue
        ch = chr(cp)
        category = unicodedata.category(ch)
        if cp < 0x80:
            if ch in "\t\n\r":
                fold[cp] = " " if ch == "\t" else "\n"
            elif category == "Cc":
                fold[cp] = None
                width[cp] = 0
                invisible[cp] = True
            elif "A" <= ch <= "Z":
                fold[cp] = ch.lower()
            if ch.isalpha():
                script[cp] = SCRIPT_LATIN
            continue
        script[cp] = _script(ch)
        if cp in _INVISIBLE_EXTRA or category in ("Cf", "Cc") or VS_FIRST <= cp <= VS_LAST:
            fold[cp] = None
            width[cp] = 0
            invisible[cp] = True
            continue
        if category in ("Mn", "Me"):
            fold[cp] = None
            width[cp] = 0
            mark[cp] = True
            continue
        if category == "Zs":
            fold[cp] = " "
            continue
        folded = _fold_char(ch)
        if folded != ch:
            fold[cp] = folded
            width[cp] = min(len(folded), 127)
    # Squared / negative-squared Latin letters (🅰, 🄰) have no compatibility mapping.
    for base in (0x1F130, 0x1F150, 0x1F170):
        for i in range(26):
            fold[base + i] = chr(ord("a") + i)
            width[base + i] = 1
    for cp in range(0x1F1E6, 0x1F200):  # regional indicators used as letters
        fold[cp] = chr(ord("a") + cp - 0x1F1E6)
    confusable = {ord(k): v for k, v in _CONFUSABLES.items()}
    # Array forms of the one-to-one mappings, so folding runs as numpy indexing.
    single = np.arange(TABLE_SIZE, dtype=np.uint32)
    for cp, out in fold.items():
        if out is not None and len(out) == 1:
            single[cp] = ord(out)
    skeleton = np.arange(TABLE_SIZE, dtype=np.uint32)
    for cp, out in confusable.items():
        skeleton[cp] = ord(out)
    wordchar = np.array([chr(cp).isalnum() for cp in range(TABLE_SIZE)], dtype=np.bool_)
    return Alphabet(
        fold, confusable, width, single, skeleton, invisible, mark, script, wordchar, dict(_LEET)
    )
