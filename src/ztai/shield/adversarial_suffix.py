"""Adversarial suffix: the lone-bracket residue that optimizer-searched suffixes leave behind.

Gradient-searched suffixes (GCG and its descendants) start from a row of placeholder
tokens ("! ! ! ...") and swap tokens one at a time; what survives is word salad studded
with single "[" / "!" tokens and brackets that never close. Prose, code and JSON close
their brackets and do not set them apart by spaces, so a tight cluster of three lone
"[" / "!" tokens with at least three brackets left open around it is the signal.
"""

from __future__ import annotations

import re2

# Three lone "[" or "!" tokens on one line, at most three other tokens between each pair.
_GAP = r"(?:[ \t]+\S{1,40}){0,3}[ \t]+"
_LONE_RUN = re2.compile(rf"(?m)(?:^|[ \t])[\[!]{_GAP}[\[!]{_GAP}[\[!](?:[ \t]|$)")
MAX_CLUSTERS = 16
MAX_LINE = 1000
MIN_OPEN = 3


def optimizer_residue(text: str) -> bool:
    """True when a line of `text` holds a cluster of lone brackets and leaves at least
    three brackets open, as such suffixes do (pretty-printed arrays close theirs)."""
    for _, match in zip(range(MAX_CLUSTERS), _LONE_RUN.finditer(text), strict=False):
        start = text.rfind("\n", max(0, match.start() - MAX_LINE), match.start()) + 1
        end = text.find("\n", match.end(), match.end() + MAX_LINE)
        line = text[start : end if end >= 0 else match.end() + MAX_LINE]
        opened = line.count("[") + line.count("(")
        if opened - line.count("]") - line.count(")") >= MIN_OPEN:
            return True
    return False
