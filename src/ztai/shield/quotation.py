"""Quotation: attack phrases quoted in order to be discussed, not obeyed.

Security teams classify, translate and write tests about attack strings all day ("why
is 'ignore previous instructions' the textbook example?"). When every rule hit sits
inside quotation marks and the words around the quotes talk *about* attacks, the hits
are evidence of a discussion, not of an attack. Unquoted hits always count, so wrapping
an order in quotes buys an attacker nothing unless the rest of the text is a discussion
of it, which a model answers by discussing.
"""

from __future__ import annotations

from bisect import bisect_right

import re2

from ztai.shield.rules import RuleHit

_OPTIONS = re2.Options()
_OPTIONS.max_mem = 8 << 20
# Quoted segments on one line (unbounded repeats keep the DFA small; RE2 stays linear).
# A single quote opens only after a blank or bracket, so apostrophes ("don't") do not
# start one.
_QUOTED = re2.compile(
    r"\"[^\"\n]+\"|“[^”\n]+”|«[^»\n]+»|„[^“”\n]+[“”]|‘[^’\n]+’|(?:^|[\s(\[:])'[^'\n]+'",
    _OPTIONS,
)
# Talk about attacks and about text as text; not a host name ("docs.example").
_META = re2.compile(
    r"(?:^|[^.\w-])(?:prompt[- ]injections?|injection attempts?|jailbreak(?:s|ing)?|attacks?"
    r"|attackers?"
    r"|red[- ]team\w*|guardrails?|filters?|classif(?:y|ier|ied|ication)|detect(?:or|ion|ed)?"
    r"|phrases?|test cases?|pytest|unit tests?|slides?|training|course|quoted?|quoting"
    r"|examples?|moderat\w*|spam|phishing|security awareness|why (?:do|does|did|is|are))\b",
    _OPTIONS,
)


# A discussion quotes a few phrases; a text with more quoted segments than this gets no
# discount (and the search stops there, so a page of quotes costs no more than this).
MAX_QUOTES = 64


def quoted_spans(view: str) -> list[tuple[int, int]] | None:
    """The quoted segments, or None when there are more than MAX_QUOTES."""
    spans: list[tuple[int, int]] = []
    for match in _QUOTED.finditer(view):
        if len(spans) == MAX_QUOTES:
            return None
        spans.append((match.start(), match.end()))
    return spans


def drop_discussed(hits: tuple[RuleHit, ...], view: str) -> tuple[RuleHit, ...]:
    """The hits, or none of them when all sit in quotes inside a discussion of attacks."""
    if not hits or ("'" not in view and '"' not in view and not _has_typographic(view)):
        return hits
    spans = quoted_spans(view)
    if not spans:
        return hits
    # Spans come sorted and disjoint: one binary search per hit keeps a text with many
    # quotes linear in practice.
    starts = [start for start, _ in spans]
    for hit in hits:
        at = bisect_right(starts, hit.start) - 1
        if at < 0 or hit.end > spans[at][1]:
            return hits
    outside = []
    last = 0
    for start, end in spans:
        outside.append(view[last:start])
        last = end
    outside.append(view[last:])
    if _META.search(" ".join(outside)) is None:
        return hits
    return ()


def _has_typographic(view: str) -> bool:
    return any(q in view for q in "“«„‘")
