"""Normalizer: folds a text into matching views and extracts what invisible characters hide."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import re2

from ztai.shield.alphabet import (
    SCRIPT_CYRILLIC,
    SCRIPT_GREEK,
    SCRIPT_LATIN,
    TABLE_SIZE,
    TAG_FIRST,
    TAG_LAST,
    VS_SUPP_FIRST,
    VS_SUPP_LAST,
    Alphabet,
    alphabet,
)

# U+2062 INVISIBLE TIMES / U+2064 INVISIBLE PLUS carry bits in "sneaky bits" smuggling.
_BIT_ZERO, _BIT_ONE, _BIT_SEP = 0x2062, 0x2064, 0x2063
_LEET_HINT = re2.compile(r"[a-z][013457@$][a-z]|\b[013457@$][a-z]{2}|[a-z]{2}[013457@$]\b")
_SPACES = re2.compile(r"[ \t]{2,}")


@dataclass(frozen=True, slots=True, eq=False)
class NormalizedText:
    """Matching views of one text plus the evidence gathered while folding it.

    `base` is NFKC + casefold with accents, marks and invisible characters removed;
    `skeleton` additionally maps Cyrillic/Greek look-alikes to Latin (same length as
    `base`); `leet` undoes digit-for-letter swaps when the text shows any.
    """

    original: str
    base: str
    skeleton: str
    leet: str | None
    ends: npt.NDArray[np.int64]
    invisible: int
    controls: int
    marks: int
    mixed_script_words: int
    hidden: tuple[str, ...]

    def views(self) -> tuple[str, ...]:
        out = [self.skeleton]
        if self.base != self.skeleton:
            out.append(self.base)
        if self.leet is not None:
            out.append(self.leet)
        return tuple(out)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of a view back to the original text (views share offsets)."""
        if len(self.ends) == 0:
            return 0, 0
        lo = int(np.searchsorted(self.ends, start, side="right"))
        hi = int(np.searchsorted(self.ends, max(end - 1, start), side="right")) + 1
        n = len(self.original)
        return min(lo, n), min(max(hi, lo), n)


def code_points(text: str) -> npt.NDArray[np.uint32]:
    """Code points of `text` as an array; lone surrogates pass through as numbers."""
    raw = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(raw, dtype="<u4")


def _hidden_payloads(cps: npt.NDArray[np.uint32]) -> list[str]:
    found: list[str] = []
    tags = cps[(cps >= TAG_FIRST) & (cps <= TAG_LAST)]
    if len(tags) >= 2:
        found.append("".join(chr(int(c) - TAG_FIRST) for c in tags[:4096]))
    selectors = cps[(cps >= VS_SUPP_FIRST) & (cps <= VS_SUPP_LAST)]
    if len(selectors) >= 2:
        found.append(_selector_payload(selectors[:4096]))
    bits = cps[(cps == _BIT_ZERO) | (cps == _BIT_ONE) | (cps == _BIT_SEP)]
    if len(bits) >= 14:
        found.append(_bits_payload(bits[:28672]))
    return [p for p in found if p.strip()]


def _selector_payload(selectors: npt.NDArray[np.uint32]) -> str:
    # Two conventions exist: byte = cp - 0xE0100 + 16 (emoji smuggling) and
    # byte = cp - 0xE0100 (garak); keep whichever reads more like text.
    candidates = []
    for shift in (16, 0):
        data = bytes(
            int(c) - VS_SUPP_FIRST + shift for c in selectors if c - VS_SUPP_FIRST + shift < 256
        )
        candidates.append(data.decode("utf-8", "replace"))
    return max(candidates, key=_letter_share)


def _bits_payload(bits: npt.NDArray[np.uint32]) -> str:
    groups: list[str] = []
    current: list[str] = []
    for c in bits:
        if c == _BIT_SEP:
            groups.append("".join(current))
            current = []
        else:
            current.append("1" if c == _BIT_ONE else "0")
    groups.append("".join(current))
    chars: list[str] = []
    for group in groups:
        if 0 < len(group) <= 8 and _BIT_SEP in bits:
            chars.append(chr(int(group, 2)))
            continue
        # No separators: ASCII letters are 7 bits long once leading zeros are dropped.
        for i in range(0, len(group) - 6, 7):
            chars.append(chr(int(group[i : i + 7], 2)))
    return "".join(chars)


def _decode(cps: npt.NDArray[np.uint32]) -> str:
    return cps.astype("<u4").tobytes().decode("utf-32-le")


def _letter_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for c in text if c.isalpha() or c == " ") / len(text)


def _mixed_script_words(table: Alphabet, cps: npt.NDArray[np.uint32]) -> int:
    inside = cps < TABLE_SIZE
    script = np.where(inside, table.script[np.where(inside, cps, 0)], 0)
    foreign = (script == SCRIPT_CYRILLIC) | (script == SCRIPT_GREEK)
    if not foreign.any() or not (script == SCRIPT_LATIN).any():
        return 0
    is_letter = (script != 0) | (inside & table.mark[np.where(inside, cps, 0)])
    word = np.cumsum(~is_letter)
    latin = np.bincount(word, weights=(script == SCRIPT_LATIN))
    other = np.bincount(word, weights=foreign)
    return int(np.count_nonzero((latin > 0) & (other > 0)))


def _control_count(cps: npt.NDArray[np.uint32]) -> int:
    """Characters that delete or reorder what a reader sees ("bad characters", Trojan
    Source): C0 controls other than whitespace and ESC (terminal colours in tool output),
    DEL, and bidi embeddings, overrides and isolates. Ordinary text has none."""
    c0 = (cps < 0x20) & (cps != 0x09) & (cps != 0x0A) & (cps != 0x0B) & (cps != 0x0C)
    c0 &= (cps != 0x0D) & (cps != 0x1B)
    bidi = ((cps >= 0x202A) & (cps <= 0x202E)) | ((cps >= 0x2066) & (cps <= 0x2069))
    return int(np.count_nonzero(c0 | (cps == 0x7F) | bidi))


def normalize(text: str) -> NormalizedText:
    """Fold `text` in linear time: one translate pass per view plus array arithmetic."""
    table = alphabet()
    cps = code_points(text)
    inside = cps < TABLE_SIZE
    clipped = np.where(inside, cps, 0)
    width = np.where(inside, table.width[clipped], 1).astype(np.int64)
    smuggled = ((cps >= TAG_FIRST) & (cps <= TAG_LAST)) | (
        (cps >= VS_SUPP_FIRST) & (cps <= VS_SUPP_LAST)
    )
    width[smuggled] = 0
    invisible = int(np.count_nonzero(inside & table.invisible[clipped])) + int(
        np.count_nonzero(smuggled)
    )
    # Zalgo stacks many marks on one letter; Thai, Devanagari and other scripts put one or
    # two (a vowel sign and a tone) on most syllables. Only the third and later marks of a
    # run count, so whole languages do not look like Zalgo.
    is_mark = inside & table.mark[clipped]
    marks = int(np.count_nonzero(is_mark[2:] & is_mark[1:-1] & is_mark[:-2]))
    controls = _control_count(cps) if invisible else 0
    hidden = _hidden_payloads(cps) if invisible else []
    if text.isascii():
        base = text.translate(table.fold)
        skeleton = base
    elif np.any(width > 1):
        # Rare: compatibility expansions (ligatures, ㎏) change lengths; use translate.
        fold = dict(table.fold)
        for cp in np.unique(cps[smuggled]).tolist():
            fold[int(cp)] = None
        base = text.translate(fold)
        skeleton = base.translate(table.confusable)
    else:
        mapped = np.where(inside, table.single[clipped], cps)[width > 0]
        base = _decode(mapped)
        small = mapped < TABLE_SIZE
        skeleton = _decode(np.where(small, table.skeleton[np.where(small, mapped, 0)], mapped))
    ends = np.cumsum(width)
    leet = None
    if _LEET_HINT.search(skeleton) is not None:
        leet = skeleton.translate(table.leet)
    return NormalizedText(
        original=text,
        base=base,
        skeleton=skeleton,
        leet=leet,
        ends=ends,
        invisible=invisible,
        controls=controls,
        marks=marks,
        mixed_script_words=_mixed_script_words(table, cps) if not text.isascii() else 0,
        hidden=tuple(hidden),
    )


def collapse_spaces(view: str) -> str:
    """Collapse runs of blanks; used for classifier input, not for spans."""
    collapsed: str = _SPACES.sub(" ", view)
    return collapsed
