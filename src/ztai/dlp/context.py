"""Context words near a candidate: they raise (or lower) a recognizer's confidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

_NO_DISTANCE = 1 << 30


class ContextHit(NamedTuple):
    """What the context around a span changed: score delta, the deciding word, its distance."""

    delta: float = 0.0
    word: str = ""
    distance: int = _NO_DISTANCE
    negative: str = ""

    @property
    def found(self) -> bool:
        return bool(self.word)


NO_HIT = ContextHit()


# ASCII punctuation and whitespace → space: identifiers like `user_ssn` or `"passport_no":`
# must still show their words. (Non-ASCII letters stay; they cannot join an ASCII keyword.)
_SPACES = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
# The same mapping plus lower-casing as one 256-byte table: `bytes.translate` does an ASCII
# window in one C loop, where `str.translate` with a dict looks up every character.
_ASCII_NORMAL = bytes(
    ord(chr(b).lower()) if b < 128 and chr(b).isalnum() else (32 if b < 128 else b)
    for b in range(256)
)


def _normalise(window: str) -> str:
    if window.isascii():
        return " " + window.encode("ascii").translate(_ASCII_NORMAL).decode("ascii") + " "
    return " " + window.lower().translate(_SPACES) + " "


def _nearest(window: str, norm: str, words: tuple[str, ...], *, before: bool) -> tuple[str, int]:
    """The word nearest to the candidate, and its distance in characters (0 = adjacent)."""
    best_word, best_distance = "", _NO_DISTANCE
    lowered = window.lower()
    for word in words:
        if word.replace(" ", "").isalnum():
            haystack, needle = norm, f" {word} "
            idx = haystack.rfind(needle) if before else haystack.find(needle)
            if idx < 0:
                continue
            # The needle's leading pad sits at norm[idx], so the word starts at window[idx].
            distance = (len(window) - (idx + len(word))) if before else idx
        else:
            # Symbols such as `==` or `ss#` are matched verbatim.
            haystack, needle = lowered, word
            idx = haystack.rfind(needle) if before else haystack.find(needle)
            if idx < 0:
                continue
            distance = (len(window) - (idx + len(needle))) if before else idx
        if distance < best_distance:
            best_word, best_distance = word, max(0, distance)
    return best_word, best_distance


@dataclass(frozen=True, slots=True)
class _WordIndex:
    """Words split by how they are looked up: one token, a phrase, or verbatim symbols."""

    tokens: frozenset[str]
    # (phrase, " phrase ") pairs: the padded form is what is searched for.
    phrases: tuple[tuple[str, str], ...]
    symbols: tuple[str, ...]

    @classmethod
    def of(cls, words: tuple[str, ...]) -> _WordIndex:
        tokens = {w for w in words if w.isalnum()}
        phrases = tuple((w, f" {w} ") for w in words if " " in w and w.replace(" ", "").isalnum())
        symbols = tuple(w for w in words if not w.replace(" ", "").isalnum())
        return cls(frozenset(tokens), phrases, symbols)

    def present(self, window: str, norm: str, split: list[str]) -> tuple[str, ...]:
        """The words that occur in the window (a set lookup for single tokens)."""
        if self.tokens and not self.tokens.isdisjoint(split):
            found = list(self.tokens.intersection(split))
        else:
            found = []
        for phrase, padded in self.phrases:
            if padded in norm:
                found.append(phrase)
        if self.symbols:
            lowered = window.lower()
            found += [s for s in self.symbols if s in lowered]
        # Sorted: equally near words must pick the same winner in every process.
        return tuple(sorted(found)) if len(found) > 1 else tuple(found)


@dataclass(frozen=True, slots=True)
class Context:
    """Context rule of one recognizer (words are lower-case; multi-word phrases allowed).

    Positive words add `boost`; negative words (versions, order numbers) subtract `penalty`
    unless a positive word is nearer, because "card 4111… (order 12)" is still a card.
    """

    words: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    boost: float = 0.25
    penalty: float = 0.4
    before: int = 48
    after: int = 24
    # True: without a positive word the candidate is not reported at all (and its
    # validator never runs), for shapes that mean nothing alone (nine digits, "D1234567").
    required: bool = False
    _positive: _WordIndex = field(init=False, repr=False, compare=False)
    _negative: _WordIndex = field(init=False, repr=False, compare=False)
    # Every single-token word, positive or negative; `None` when phrases or symbols exist
    # (then the windows always take the full path).
    _any_token: frozenset[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One token-set lookup per window instead of one `find` per word.
        positive, negative = _WordIndex.of(self.words), _WordIndex.of(self.negative)
        object.__setattr__(self, "_positive", positive)
        object.__setattr__(self, "_negative", negative)
        simple = not (positive.phrases or positive.symbols or negative.phrases or negative.symbols)
        any_token = positive.tokens | negative.tokens if simple else None
        object.__setattr__(self, "_any_token", any_token)

    def evaluate(self, text: str, start: int, end: int) -> ContextHit:
        if not self.words and not self.negative:
            return NO_HIT
        pre = text[max(0, start - self.before) : start]
        post = text[end : end + self.after]
        # The usual case: no context word at all. Both sides normalised in one call (the
        # space keeps their tokens apart), then one set test.
        if self._any_token is not None and self._any_token.isdisjoint(
            _normalise(pre + " " + post).split()
        ):
            return NO_HIT
        pre_norm, post_norm = _normalise(pre), _normalise(post)
        pre_view = _View(pre, pre_norm)
        post_view = _View(post, post_norm)
        pos_word, pos_dist = "", _NO_DISTANCE
        if self.words:
            pos_word, pos_dist = _closest(self._positive, pre_view, post_view)
        neg_word, neg_dist = "", _NO_DISTANCE
        if self.negative:
            neg_word, neg_dist = _closest(self._negative, pre_view, post_view)
        if neg_word and neg_dist < pos_dist:
            return ContextHit(delta=-self.penalty, negative=neg_word)
        if pos_word:
            return ContextHit(delta=self.boost, word=pos_word, distance=pos_dist)
        return NO_HIT


class _View:
    """One side of a context window: the raw text, its normalised form and its tokens."""

    __slots__ = ("norm", "raw", "split")

    def __init__(self, raw: str, norm: str) -> None:
        self.raw = raw
        self.norm = norm
        self.split = norm.split()


def _closest(index: _WordIndex, pre: _View, post: _View) -> tuple[str, int]:
    w1, d1 = "", _NO_DISTANCE
    found = index.present(pre.raw, pre.norm, pre.split)
    if found:
        w1, d1 = _nearest(pre.raw, pre.norm, found, before=True)
    found = index.present(post.raw, post.norm, post.split)
    if found:
        w2, d2 = _nearest(post.raw, post.norm, found, before=False)
        if d2 < d1:
            return w2, d2
    return w1, d1
