"""Scanner: cheap gates decide where each pattern can occur; only there is it run.

RE2 guarantees linear time (no backtracking). Running every pattern over every byte
costs one DFA pass per pattern, and one `Set` of all patterns blows up its DFA on text
with findings (tens of MB/s). So work is split by what a pattern needs to be present:

* triggered patterns declare lower-case literals, at least one of which every match
  contains or sits next to (a vendor prefix, a keyword, `@`, `://`, a context word that
  the recognizer requires). One RE2 pass over the lower-cased bytes finds all trigger
  literals at once; each hit marks the 4 KiB blocks a match near it can start in;
* the other patterns (digit-shaped identifiers, custom types) are gated by a small RE2
  `Set` — one pass over the whole text, then one per block only when the text is larger
  than a block.

Each pattern then runs over its marked blocks only (512-byte overlap; a match touching
the window edge is re-matched against the whole text). Matching is on UTF-8 bytes; byte
offsets are mapped back to `str` indices only for candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import re2

# RE2's DFA gives up (and falls back to a slower engine) only when it cannot fit its
# states in this budget; 64 MiB keeps it far from that even for adversarial inputs.
_MAX_MEM = 64 << 20
# Block and overlap sizes for documents larger than one block (bytes). Prompts fit in one
# block; a match that reaches past the overlap is re-matched against the whole text.
_BLOCK = 4096
_OVERLAP = 512
# A match starts at most this many bytes before / after one of its trigger literals
# (an e-mail's local part before `@`, a context word after or before the value).
_TRIGGER_BEFORE = 320
_TRIGGER_AFTER = 160
# Bytes 0x80–0xBF are UTF-8 continuation bytes; deleting every other byte leaves just them.
_NOT_CONTINUATION = bytes(b for b in range(256) if not 0x80 <= b <= 0xBF)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pattern hit, in `str` indices; `index` is the pattern's position in the scanner."""

    index: int
    start: int
    end: int


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


def _trigger_table(triggers: Sequence[Sequence[str]]) -> dict[bytes, tuple[int, ...]]:
    """Literal → patterns it may stand for, closed over literals hidden inside others.

    The trigger pass reports non-overlapping leftmost matches, so a literal that sits
    inside (or straddles the end of) a longer one is never reported on its own; the longer
    literal therefore stands for both.
    """
    owners: dict[bytes, set[int]] = {}
    for index, literals in enumerate(triggers):
        for word in literals:
            owners.setdefault(word.lower().encode("utf-8"), set()).add(index)
    table: dict[bytes, tuple[int, ...]] = {}
    for literal, indices in owners.items():
        merged = set(indices)
        for other, other_indices in owners.items():
            if other == literal:
                continue
            if other in literal or any(
                literal.endswith(other[:k]) for k in range(1, min(len(other), len(literal)))
            ):
                merged |= other_indices
        table[literal] = tuple(sorted(merged))
    return table


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
        self._untriggered = [i for i, lits in enumerate(wanted) if not lits]
        self._set: re2.Set | None = None
        if self._untriggered:
            self._set = re2.Set.SearchSet(_options())
            for i in self._untriggered:
                self._set.Add(patterns[i].encode("utf-8"))
            self._set.Compile()
        self._table = _trigger_table(wanted)
        self._trigger: re2._Regexp | None = None
        if self._table:
            literals = sorted(self._table, key=lambda b: (-len(b), b))
            alternation = b"|".join(re2.escape(lit) for lit in literals)
            self._trigger = re2.compile(alternation, _options())

    def __len__(self) -> int:
        return len(self._regexes)

    def _present(self, data: bytes) -> dict[int, set[int]]:
        """Pattern index → the blocks its matches may start in."""
        size = len(data)
        last_block = (size - 1) // _BLOCK
        present: dict[int, set[int]] = {}
        if self._trigger is not None:
            table = self._table
            for found in self._trigger.finditer(data.lower()):
                pos = found.start()
                lo = max(0, pos - _TRIGGER_BEFORE) // _BLOCK
                hi = min(last_block, (pos + _TRIGGER_AFTER) // _BLOCK)
                blocks = range(lo, hi + 1)
                for index in table[found.group()]:
                    present.setdefault(index, set()).update(blocks)
        if self._set is not None:
            untriggered = self._untriggered
            hits = self._set.Match(data)
            if hits and size <= _BLOCK:
                for h in hits:
                    present[untriggered[h]] = {0}
            elif hits:
                for block in range(last_block + 1):
                    start = block * _BLOCK
                    local = self._set.Match(data[start : min(size, start + _BLOCK + _OVERLAP)])
                    for h in local or ():
                        present.setdefault(untriggered[h], set()).add(block)
        return present

    def scan(self, text: str) -> list[Candidate]:
        if not text:
            return []
        data, ascii_only = encode(text)
        present = self._present(data)
        if not present:
            return []  # the common clean case: one trigger pass and one Set pass
        spans: list[tuple[int, int, int]] = []
        size = len(data)
        for index in sorted(present):
            last_end = 0
            for block in sorted(present[index]):
                block_start = block * _BLOCK
                block_end = min(size, block_start + _BLOCK)
                window_end = min(size, block_end + _OVERLAP)
                last_end = self._run(
                    data, index, block_start, block_end, window_end, last_end, spans
                )
        if ascii_only:
            return [Candidate(i, s, e) for i, s, e in spans]
        to_char = _offset_map(data, {o for _, s, e in spans for o in (s, e)})
        return [Candidate(i, to_char[s], to_char[e]) for i, s, e in spans]

    def _run(
        self,
        data: bytes,
        index: int,
        block_start: int,
        block_end: int,
        window_end: int,
        last_end: int,
        spans: list[tuple[int, int, int]],
    ) -> int:
        """Matches starting in [block_start, block_end); returns the end of the last one."""
        regex = self._regexes[index]
        groups = self._groups[index]
        pos = max(block_start, last_end)
        for found in regex.finditer(data, pos, window_end):
            match, whole = found, found.span()
            if whole[0] >= block_end:
                break
            if whole[1] == window_end and window_end < len(data):
                # Touches the window edge: re-match from its start against the whole text
                # so long tokens (JWTs, PEM headers) are never cut at a block boundary.
                full = regex.search(data, whole[0])
                if full is None:
                    continue
                match, whole = full, full.span()
            last_end = whole[1]
            span = whole
            for g in range(1, groups + 1):
                group_span = match.span(g)
                if group_span[0] >= 0:
                    span = group_span
                    break
            if span[1] > span[0]:
                spans.append((index, span[0], span[1]))
            if whole[1] >= window_end:
                break
        return last_end


def _offset_map(data: bytes, offsets: set[int]) -> dict[int, int]:
    """Byte offset → character index, in one left-to-right pass over the needed offsets."""
    result: dict[int, int] = {}
    prev_byte = prev_char = 0
    for offset in sorted(offsets):
        chunk = data[prev_byte:offset]
        continuation = len(chunk.translate(None, _NOT_CONTINUATION))
        prev_char += len(chunk) - continuation
        prev_byte = offset
        result[offset] = prev_char
    return result
