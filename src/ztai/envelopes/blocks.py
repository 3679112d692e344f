"""The in-prompt form `<ztai:instruction id="…" src="…">JWS</ztai:instruction>`.

A strict, linear scanner — not an XML parser, so there is no entity expansion, no nesting,
no namespaces: anything that is not exactly this form is a malformed block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "<ztai:instruction"
CLOSE = "</ztai:instruction>"
MAX_BLOCKS = 64
MAX_BLOCK_CHARS = 16_384
MAX_TEXT_CHARS = 1_048_576
# Attribute values are ids: a small alphabet, bounded length. The patterns are anchored and
# have no nested quantifiers, so matching is linear.
_HEAD = re.compile(
    r'<ztai:instruction id="([A-Za-z0-9_.:-]{1,128})" src="([A-Za-z0-9_.:-]{1,128})">'
)
_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int
    id: str | None
    src: str | None
    jws: str | None  # None: malformed
    problem: str | None = None


def wrap(envelope_id: str, source: str, jws: str) -> str:
    return f'<ztai:instruction id="{envelope_id}" src="{source}">{jws}{CLOSE}'


def find_blocks(text: str) -> list[Block]:
    """Every block in `text`, in order; malformed ones carry a `problem`. Each search starts
    where the previous block ended, so the scan is linear in the text."""
    blocks: list[Block] = []
    pos = 0
    limit = min(len(text), MAX_TEXT_CHARS)
    while pos < limit:
        start = text.find(OPEN, pos, limit)
        if start < 0:
            break
        if len(blocks) >= MAX_BLOCKS:
            # Stop parsing; the rest stays data (the verifier defuses any tag left in it).
            blocks.append(Block(start, start + len(OPEN), None, None, None, "too_many_blocks"))
            break
        close = text.find(CLOSE, start, min(limit, start + MAX_BLOCK_CHARS + len(CLOSE)))
        if close < 0:
            # No close within the size limit: drop the opening tag and go on after it.
            end = text.find(">", start, min(limit, start + 512))
            end = end + 1 if end >= 0 else start + len(OPEN)
            blocks.append(Block(start, end, None, None, None, "malformed_or_oversized"))
            pos = end
            continue
        end = close + len(CLOSE)
        head = _HEAD.match(text, start, close)
        body = text[head.end() : close] if head else ""
        if head is None or not _JWS.fullmatch(body):
            blocks.append(Block(start, end, None, None, None, "malformed"))
        else:
            blocks.append(Block(start, end, head.group(1), head.group(2), body))
        pos = end
    return blocks
