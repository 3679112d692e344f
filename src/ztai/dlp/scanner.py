"""Scanner: one RE2 `Set` pass says which patterns occur; only those are then iterated.

RE2 guarantees linear time (no backtracking), and the `Set` DFA scans the text once for
all patterns. Clean text therefore costs one pass; text with findings costs one extra
pass per pattern that actually occurs. Matching runs on UTF-8 bytes and byte offsets are
mapped back to Python `str` indices only for candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import re2

# RE2's DFA gives up (and a Set reports no match) only when it cannot fit its states in
# this budget; 64 MiB keeps the set far from that even for adversarial inputs.
_MAX_MEM = 64 << 20
# Block and overlap sizes for documents larger than one block (bytes). Prompts fit in one
# block; a match that reaches past the overlap is re-matched against the whole text.
_BLOCK = 4096
_OVERLAP = 512
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


class Scanner:
    """Compiles the patterns once; `scan` yields candidates of every occurring pattern."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._set = re2.Set.SearchSet(_options())
        self._regexes = []
        for pattern in patterns:
            raw = pattern.encode("utf-8")
            self._set.Add(raw)
            self._regexes.append(re2.compile(raw, _options()))
        self._set.Compile()
        self._groups = [regex.groups for regex in self._regexes]

    def __len__(self) -> int:
        return len(self._regexes)

    def scan(self, text: str) -> list[Candidate]:
        if not text:
            return []
        data, ascii_only = encode(text)
        present = self._set.Match(data)
        if not present:
            return []  # the common clean case: one DFA pass, nothing else
        spans: list[tuple[int, int, int]] = []
        last_end = [0] * len(self._regexes)
        size = len(data)
        # Blocks keep the per-pattern passes local: a pattern that occurs once in a large
        # document is re-run over one block, not over the whole text.
        for block_start in range(0, size, _BLOCK):
            block_end = min(size, block_start + _BLOCK)
            window_end = min(size, block_end + _OVERLAP)
            hits = present if size <= _BLOCK else self._set.Match(data[block_start:window_end])
            for index in sorted(hits or ()):
                self._run(data, index, block_start, block_end, window_end, last_end, spans)
            if size <= _BLOCK:
                break
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
        last_end: list[int],
        spans: list[tuple[int, int, int]],
    ) -> None:
        regex = self._regexes[index]
        groups = self._groups[index]
        pos = max(block_start, last_end[index])
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
            last_end[index] = whole[1]
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
