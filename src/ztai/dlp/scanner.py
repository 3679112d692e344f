"""Scanner: cheap gates decide where each pattern can occur; only there is it run.

RE2 guarantees linear time (no backtracking). Running every pattern over every byte
costs one DFA pass per pattern, and one `Set` of all patterns blows up its DFA on text
with findings (tens of MB/s). So work is split by what a pattern needs to be present:

* triggered patterns declare lower-case literals, at least one of which every match
  contains or sits next to (a vendor prefix, a keyword, `@`, `://`, a context word that
  the recognizer requires). One RE2 pass over the lower-cased bytes finds all trigger
  literals at once; each hit marks the 4 KiB blocks a match near it can start in;
* the other patterns (digit-shaped identifiers, custom types) are gated per block by a
  small RE2 `Set` of just them.

A combined `Set` (those patterns plus "any trigger literal") gates the text 64 KiB at a
time until the first trigger literal: a clean text costs that one pass. From there on the
two kinds are gated apart — their combined DFA has the product of their states, which
costs far more to build on text with findings than two passes cost to run.

A prompt (one block) needs no positions: the untriggered `Set` and a `Set` with one entry
per triggered pattern (any of its literals) name the present patterns in two passes.

Each pattern then runs over its marked blocks only (512-byte overlap; a match touching
the window edge is re-matched against the whole text). Matching is on UTF-8 bytes; byte
offsets are mapped back to `str` indices only for candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from operator import itemgetter
from typing import NamedTuple

import re2

# RE2's DFA gives up (and falls back to a slower engine) only when it cannot fit its
# states in this budget; 64 MiB keeps it far from that even for adversarial inputs.
_MAX_MEM = 64 << 20
# Block and overlap sizes for documents larger than one block (bytes). Prompts fit in one
# block; a match that reaches past the overlap is re-matched against the whole text.
_BLOCK = 4096
_OVERLAP = 512
# Stretch of text the combined Set gates at once while no trigger literal has been seen
# (a multiple of the block: the blocks of the untriggered Set stay on one grid).
_GATE = 16 * _BLOCK
# A match starts at most this many bytes before / after one of its trigger literals
# (an e-mail's local part before `@`, a context word after or before the value).
_TRIGGER_BEFORE = 320
_TRIGGER_AFTER = 256
# Bytes 0x80–0xBF are UTF-8 continuation bytes; deleting every other byte leaves just them.
_UNANCHORED = re2._Anchor.UNANCHORED
_NOT_CONTINUATION = bytes(b for b in range(256) if not 0x80 <= b <= 0xBF)


class Candidate(NamedTuple):
    """A pattern hit, in `str` indices; `pattern` is the pattern's position in the scanner."""

    pattern: int
    start: int
    end: int


# `Candidate(*span)` without a Python-level `__new__` call per candidate.
_candidate = partial(tuple.__new__, Candidate)
_START = itemgetter(0)


def _options() -> re2.Options:
    options = re2.Options()
    options.max_mem = _MAX_MEM
    return options


def encode(text: str) -> tuple[bytes, bool]:
    """UTF-8 bytes with one byte-sequence per character; True when ASCII (offsets equal).

    Lone surrogates (from JSON escapes or surrogateescape) cannot be UTF-8 encoded; each
    becomes `?`, which keeps one character per code point so offsets still line up.
    """
    if text.isascii():
        return text.encode("ascii"), True
    return text.encode("utf-8", errors="replace"), False


# Literal → byte that follows it → (offset, longer literal) pairs to test at that offset.
_Straddles = dict[bytes, dict[int, tuple[tuple[int, bytes], ...]]]


def _trigger_table(
    triggers: Sequence[Sequence[str]],
) -> tuple[dict[bytes, tuple[int, ...]], _Straddles]:
    """Literal → patterns it stands for, and the literals that may straddle its end.

    The trigger pass reports non-overlapping leftmost-longest literals, so a literal that
    starts inside a reported one is never reported itself. One that lies wholly inside
    (`key` in `accountkey`) is always present with it: the longer literal stands for both.
    One that starts inside and runs past the end (`-us0` after `…key-`) is checked with
    `startswith` at that offset, per hit — only those whose next byte is the one that
    follows the hit (so a hit costs one dictionary lookup, not one test per tail).
    """
    owners: dict[bytes, set[int]] = {}
    for index, literals in enumerate(triggers):
        for word in literals:
            owners.setdefault(word.lower().encode("utf-8"), set()).add(index)
    # Index every proper prefix once, so each literal's tails are dictionary lookups
    # (hundreds of literals: pairwise comparison would dominate engine start-up).
    by_prefix: dict[bytes, list[bytes]] = {}
    for other in owners:
        for n in range(1, len(other)):
            by_prefix.setdefault(other[:n], []).append(other)
    table: dict[bytes, tuple[int, ...]] = {}
    straddles: _Straddles = {}
    for literal, indices in owners.items():
        merged = set(indices)
        size = len(literal)
        for i in range(size):
            for j in range(i + 1, size + 1):
                inner = owners.get(literal[i:j])
                if inner is not None:
                    merged |= inner
        by_next: dict[int, list[tuple[int, bytes]]] = {}
        for k in range(1, size):
            for other in by_prefix.get(literal[k:], ()):
                by_next.setdefault(other[size - k], []).append((k, other))
        table[literal] = tuple(sorted(merged))
        if by_next:
            straddles[literal] = {b: tuple(tails) for b, tails in by_next.items()}
    return table, straddles


class Scanner:
    """Compiles the patterns once; `scan` yields candidates of every occurring pattern.

    `triggers[i]` lists lower-case literals of which pattern `i` needs one nearby; an
    empty tuple means "no literal": the pattern is gated by the RE2 `Set` instead.
    """

    def __init__(
        self, patterns: Sequence[str], triggers: Sequence[Sequence[str]] | None = None
    ) -> None:
        wanted = list(triggers) if triggers is not None else [()] * len(patterns)
        if len(wanted) != len(patterns):
            raise ValueError("one trigger tuple per pattern")
        self._regexes = [re2.compile(p.encode("utf-8"), _options()) for p in patterns]
        self._groups = [regex.groups for regex in self._regexes]
        # The wrapper's compiled RE2 objects, called directly on the hot path (`Match`
        # returns the spans of every group; no match object is built per hit).
        self._raw = [regex._regexp for regex in self._regexes]
        self._untriggered = [i for i, lits in enumerate(wanted) if not lits]
        self._table, self._straddles = _trigger_table(wanted)
        literals = sorted(self._table, key=lambda b: (-len(b), b))
        alternation = _alternation(literals)
        # Literals without letters or digits (`://`, `@`) have no case and are common in
        # ordinary text (links, addresses): `bytes.find` finds each at C speed, where the
        # alternation costs an RE2 call per hit. Outside the alternation they hide no
        # other literal, so nothing straddles them.
        self._symbols = tuple(lit for lit in literals if _is_symbol(lit))
        symbols = frozenset(self._symbols)
        searched = [lit for lit in literals if lit not in symbols]
        self._straddles = {
            lit: kept
            for lit, by_next in self._straddles.items()
            if lit not in symbols and (kept := _without(by_next, symbols))
        }
        self._trigger_raw = None
        if searched:
            self._trigger_raw = re2.compile(_alternation(searched), _options())._regexp
        # One Set: the untriggered patterns plus "any trigger literal" (case-insensitive)
        # as its last entry, so clean text costs a single DFA pass.
        self._set = re2.Set.SearchSet(_options())
        for i in self._untriggered:
            self._set.Add(patterns[i].encode("utf-8"))
        self._trigger_slot = -1
        if literals:
            self._trigger_slot = self._set.Add(b"(?i)(?:" + alternation + b")")
        self._set.Compile()
        # Blocks of a large text are gated by the untriggered patterns alone (same slot
        # numbers): the trigger alternation roughly doubles that DFA's per-byte cost.
        self._block_set = re2.Set.SearchSet(_options())
        for i in self._untriggered:
            self._block_set.Add(patterns[i].encode("utf-8"))
        self._block_set.Compile()
        # Prompts (one block) only need which patterns are present, not where: the
        # untriggered `Set` above, plus one with an entry per triggered pattern (any of
        # its literals, on the lower-cased text) answer that without a call per trigger
        # hit. Two Sets, not one: a DFA over both kinds at once has the product of their
        # states, and building states dominates on text it has not seen yet.
        self._triggered = [i for i, lits in enumerate(wanted) if lits]
        self._literal_set = re2.Set.SearchSet(_options())
        for i in self._triggered:
            self._literal_set.Add(_alternation({w.lower().encode("utf-8") for w in wanted[i]}))
        self._literal_set.Compile()

    def __len__(self) -> int:
        return len(self._regexes)

    def _present(self, data: bytes) -> dict[int, list[tuple[int, int]]]:
        """Pattern index → sorted, disjoint byte ranges its matches may start in."""
        size = len(data)
        if size <= _BLOCK:
            # A prompt: one pass per present pattern beats several window passes, so
            # only which patterns are present matters, not where. The newlines let
            # word-like triggers (`dl `, ` tin`) see the text's ends.
            whole = [(0, size)]
            framed = _framed(data)
            present = [self._untriggered[h] for h in self._block_set.Match(framed) or ()]
            present += [self._triggered[h] for h in self._literal_set.Match(framed.lower()) or ()]
            return dict.fromkeys(present, whole)
        # The newlines let word-like triggers see the text's ends, as in the trigger pass.
        framed = _framed(data)
        ranges: dict[int, list[tuple[int, int]]] = {}
        # Leading stretches without a trigger literal (all of a clean text) are gated by
        # the combined Set, 64 KiB at a time: one pass answers both questions. From the
        # first trigger on, the untriggered Set takes the remaining blocks and the
        # trigger pass the literals: on text with findings the combined DFA builds far
        # more states than the two separate ones, and it would read those bytes again.
        slot, main_match = self._trigger_slot, self._set.Match
        triggered = False
        start = 0
        while start < size:
            stop = start + 1 + _GATE + _OVERLAP
            hits = main_match(framed[start + (start > 0) : stop if stop <= size else size + 2])
            if hits and slot in hits:
                triggered = True
                break
            if hits:
                self._untriggered_blocks(data, start, min(size, start + _GATE), ranges)
            start += _GATE
        self._untriggered_blocks(data, start, size, ranges)
        if triggered:
            for literal, positions in self._trigger_marks(framed).items():
                windows = _windows(positions)
                for index in self._table[literal]:
                    ranges.setdefault(index, []).extend(windows)
        return {index: _merge(spans, size) for index, spans in ranges.items()}

    def _untriggered_blocks(
        self, data: bytes, begin: int, end: int, ranges: dict[int, list[tuple[int, int]]]
    ) -> None:
        """Adds the blocks in [begin, end) where an untriggered pattern occurs."""
        block_match, untriggered, size = self._block_set.Match, self._untriggered, len(data)
        for start in range(begin, end, _BLOCK):
            for h in block_match(data[start : start + _BLOCK + _OVERLAP]) or ():
                ranges.setdefault(untriggered[h], []).append((start, min(size, start + _BLOCK)))

    def _trigger_marks(self, framed: bytes) -> dict[bytes, list[int]]:
        """Every trigger literal in the framed text → its positions (shifted by one).

        The newlines around the text let word-like triggers (`dl `, ` tin`) see its ends;
        positions are shifted back by the leading one when windows are made.
        """
        straddles = self._straddles
        lowered = framed.lower()
        marks: dict[bytes, list[int]] = {}
        find = lowered.find
        for symbol in self._symbols:
            positions = []
            at = find(symbol)
            while at >= 0:
                positions.append(at)
                at = find(symbol, at + 1)
            if positions:
                marks[symbol] = positions
        if self._trigger_raw is None:
            return marks
        match, end, pos = self._trigger_raw.Match, len(lowered), 0
        while True:
            # The raw RE2 call returns spans only: no match object per hit.
            pos, stop = match(_UNANCHORED, lowered, pos, end)[0]
            if pos < 0:
                break
            literal = lowered[pos:stop]
            marks.setdefault(literal, []).append(pos)
            tails = straddles.get(literal)
            if tails is not None and stop < end:
                for k, other in tails.get(lowered[stop], ()):
                    if lowered.startswith(other, pos + k):
                        marks.setdefault(other, []).append(pos + k)
            pos = stop
        return marks

    def scan(self, text: str) -> list[Candidate]:
        if not text:
            return []
        data, ascii_only = encode(text)
        present = self._present(data)
        if not present:
            return []  # the common clean case: one combined Set pass
        spans: list[tuple[int, int, int]] = []
        for index in sorted(present):
            self._run(data, index, present[index], spans)
        if ascii_only:
            return list(map(_candidate, spans))
        to_char = _offset_map(data, {o for _, s, e in spans for o in (s, e)})
        return [_candidate((i, to_char[s], to_char[e])) for i, s, e in spans]

    def _run(
        self,
        data: bytes,
        index: int,
        ranges: list[tuple[int, int]],
        spans_out: list[tuple[int, int, int]],
    ) -> None:
        """Adds (index, start, end) for each match of one pattern starting in its ranges."""
        match = self._raw[index].Match
        groups = range(1, self._groups[index] + 1)
        size = len(data)
        last_end = 0
        for range_start, range_stop in ranges:
            window_end = min(size, range_stop + _OVERLAP)
            pos = max(range_start, last_end)
            while pos < range_stop:
                spans = match(_UNANCHORED, data, pos, window_end)
                whole_start, whole_end = spans[0]
                if whole_start < 0 or whole_start >= range_stop:
                    break
                if whole_end == window_end and window_end < size:
                    # Touches the window edge: re-match from its start against the whole
                    # text so long tokens (JWTs, PEM blocks) are never cut at a window edge.
                    spans = match(_UNANCHORED, data, whole_start, size)
                    whole_start, whole_end = spans[0]
                last_end = whole_end
                start, end = whole_start, whole_end
                for g in groups:  # the first group that took part is the value
                    if spans[g][0] >= 0:
                        start, end = spans[g]
                        break
                if end > start:
                    spans_out.append((index, start, end))
                if whole_end >= window_end:
                    break
                pos = whole_end if whole_end > whole_start else whole_end + 1


def _alternation(literals: Iterable[bytes]) -> bytes:
    """RE2 alternation of the literals, longest first (so the longest one at a position wins).

    Short context words come as dozens of literals that differ only in a boundary byte
    before or after the word (`" tin"`, `"(tin"`, …). As separate branches each one is a
    separate DFA path; as `[ (…]tin` they share one, which keeps the DFA a few times
    smaller and cheaper to build. The language, and so every hit, is the same.
    """
    ordered = sorted(set(literals), key=lambda b: (-len(b), b))
    branches: list[tuple[int, bytes, bytes]] = []  # (length, first literal, regex)
    grouped: set[bytes] = set()
    for edge in (0, -1):  # literals that differ in their first byte, then in their last
        groups: dict[bytes, list[bytes]] = {}
        for lit in ordered:
            if lit not in grouped and len(lit) > 1 and lit[edge] < 0x80:
                groups.setdefault(lit[1:] if edge == 0 else lit[:-1], []).append(lit)
        for common, members in groups.items():
            if len(members) < 2:
                continue
            # ASCII bytes written as escapes: a class in a UTF-8 pattern is of characters.
            byte_class = b"[" + b"".join(b"\\x%02x" % m[edge] for m in members) + b"]"
            regex = (
                byte_class + re2.escape(common) if edge == 0 else re2.escape(common) + byte_class
            )
            branches.append((len(members[0]), members[0], regex))
            grouped.update(members)
    branches += [(len(lit), lit, re2.escape(lit)) for lit in ordered if lit not in grouped]
    branches.sort(key=lambda b: (-b[0], b[1]))
    return b"|".join(regex for _, _, regex in branches)


def _is_symbol(literal: bytes) -> bool:
    return literal.isascii() and not any(chr(b).isalnum() for b in literal)


def _without(
    by_next: dict[int, tuple[tuple[int, bytes], ...]], symbols: frozenset[bytes]
) -> dict[int, tuple[tuple[int, bytes], ...]]:
    """Straddle tails minus the symbol literals (those are all found by `find`)."""
    if not symbols:
        return by_next
    out = {}
    for byte, tails in by_next.items():
        kept = tuple(t for t in tails if t[1] not in symbols)
        if kept:
            out[byte] = kept
    return out


def _framed(data: bytes) -> bytes:
    """The text between two newlines (`join` copies once; `+` twice, ~30x slower on 1 MB)."""
    return b"".join((b"\n", data, b"\n"))


def _windows(positions: list[int]) -> list[tuple[int, int]]:
    """Merged byte windows around one literal's positions (shifted by the leading newline).

    Positions of one literal arrive in ascending order, except straddling hits, which
    may come slightly before a later literal's: so merge while the order holds, and
    leave any leftover overlap to `_merge`.
    """
    out: list[tuple[int, int]] = []
    lo = hi = -(1 << 62)
    for p in positions:
        start, stop = p - 1 - _TRIGGER_BEFORE, p - 1 + _TRIGGER_AFTER
        if hi >= start >= lo:
            hi = max(hi, stop)
            continue
        if hi > lo:
            out.append((lo, hi))
        lo, hi = start, stop
    if hi > lo:
        out.append((lo, hi))
    return out


def _merge(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """Sorted, disjoint union of byte ranges, clipped to [0, size)."""
    # By start only: ints compare in C, tuples do not (the union is the same either way).
    spans.sort(key=_START)
    merged: list[tuple[int, int]] = []
    low, high = spans[0]
    low = max(0, low)
    for start, stop in spans:
        if start > high:
            merged.append((low, high))
            low, high = start, stop
        elif stop > high:
            high = stop
    merged.append((low, min(size, high)))
    return merged


def _offset_map(data: bytes, offsets: set[int]) -> dict[int, int]:
    """Byte offset → character index, in one left-to-right pass over the needed offsets."""
    result: dict[int, int] = {}
    prev_byte = prev_char = 0
    for offset in sorted(offsets):
        chunk = data[prev_byte:offset]
        prev_char += len(chunk)
        # Most stretches between two offsets are ASCII; `isascii` tells in a word-wide
        # scan, and only the others have their continuation bytes counted.
        if not chunk.isascii():
            prev_char -= len(chunk.translate(None, _NOT_CONTINUATION))
        prev_byte = offset
        result[offset] = prev_char
    return result
