"""Rules: RE2 patterns over the folded views, matched in one linear pass per view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import re2

from ztai.shield.alphabet import alphabet
from ztai.shield.categories import Family, Surface

# Word and gap building blocks shared by the rule books. RE2's \w and \b are ASCII-only,
# so rules for non-Latin scripts use these Unicode-aware pieces instead.
WORD = r"[\pL\pN_'’]+"
SEP = r"[^\pL\pN_]+"


# Separators inside one sentence: a rule's parts never pair across a full stop ("Ignore
# the cactus, it's fine. Instructions are taped to the cupboard.").
IN_SENTENCE = r"[^\pL\pN_.!?。！？\n]+"


def gap(words: int) -> str:
    """Up to `words` arbitrary words between two parts of a rule, within one sentence
    (lazy, bounded)."""
    return f"(?:{WORD}{IN_SENTENCE}){{0,{words}}}?"


def misspelled(word: str) -> str:
    """`word` with one slip: a letter added, dropped or swapped with its neighbour.

    Attack strings carry deliberate typos ("iunstructions") that defeat exact keywords;
    spelled-out variants keep the pattern a plain alternation, linear in RE2.
    """
    variants = {word[:i] + word[i + 1 :] for i in range(1, len(word))}
    variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    added = "[a-z]?".join(word)
    return "(?:" + added + "|" + "|".join(sorted(v for v in variants if v != word)) + ")"


@dataclass(frozen=True, slots=True)
class Rule:
    """One signal: `weight` is its evidence in logit units on (user, document) surfaces."""

    id: str
    family: Family
    user_weight: float
    document_weight: float
    pattern: str

    def weight(self, surface: Surface) -> float:
        return self.user_weight if surface == "user" else self.document_weight


@dataclass(frozen=True, slots=True)
class RuleHit:
    """Where a rule matched in a view (offsets in the view, shared by all views)."""

    rule: Rule
    start: int
    end: int


def fold_pattern(pattern: str) -> str:
    # Non-ASCII literals go through the same folding as the text (accents and vowel signs
    # dropped, NFKC, casefold), so rules can be written in natural spelling.
    table = alphabet()
    return "".join(ch if ch.isascii() else ch.translate(table.fold) for ch in pattern)


class RuleMatcher:
    """Compiles a rule book into one RE2 set (which rules match) plus per-rule regexes
    (where). Matching is linear in the text length; safe for untrusted input."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules = tuple(rules)
        options = re2.Options()
        options.max_mem = 64 << 20
        self._set = re2.Set.SearchSet(options)
        self._compiled = []
        for rule in self._rules:
            folded = fold_pattern(rule.pattern)
            self._compiled.append(re2.compile(folded, options))
            self._set.Add(folded)
        self._set.Compile()

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._rules

    def match(self, views: Iterable[str]) -> list[RuleHit]:
        hits: dict[str, RuleHit] = {}
        for view in views:
            for index in self._set.Match(view) or ():
                rule = self._rules[index]
                if rule.id in hits:
                    continue
                found = self._compiled[index].search(view)
                if found is not None:
                    hits[rule.id] = RuleHit(rule, found.start(), found.end())
        return list(hits.values())
