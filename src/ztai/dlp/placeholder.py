"""Placeholder detection: `AKIAXXXXXXXXXXXXXXXX`, `<YOUR_API_KEY>`, `${TOKEN}` are not secrets."""

from __future__ import annotations

import operator

# Lower-case markers of template values; a random 40-character key contains one of these
# four-letter words by chance with probability well under 1e-4.
_MARKERS = (
    "your",
    "example",
    "placeholder",
    "redacted",
    "changeme",
    "change_me",
    "dummy",
    "sample",
    "insert",
    "replace",
    "xxxx",
    "****",
    "....",
    "${",
    "%(",
    "fake",
    "notreal",
    "not_real",
    "secret_here",
    "token_here",
    "key_here",
)

# Values that are variable references or obvious non-values in config and code.
_REFERENCE_PREFIXES = (
    "$",
    "%",
    "@",
    "#",
    "os.environ",
    "os.getenv",
    "process.env",
    "env(",
    "getenv",
    # Secret-store references: the value says where the secret lives, not what it is.
    "vault:",
    "ssm:",
    "secretsmanager:",
    "arn:aws:secretsmanager",
    "op://",
    "keyvault:",
    "sops:",
)

_WORDS = frozenset(
    {
        "none",
        "null",
        "nil",
        "true",
        "false",
        "password",
        "passwd",
        "secret",
        "token",
        "required",
        "optional",
        "string",
        "undefined",
        "empty",
        "hidden",
        "masked",
        "unknown",
        "default",
        "test",
        "testing",
    }
)


def max_run(value: str) -> int:
    """Length of the longest run of one repeated character."""
    best = run = 0
    prev = ""
    for ch in value:
        run = run + 1 if ch == prev else 1
        prev = ch
        best = max(best, run)
    return best


# Characters of a template slot's name: `<your-api-key>`, `{{ .Values.token }}`.
_SLOT_NAME = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-. ")
_SLOT_MAX = 48


def _template_slot(lowered: str) -> bool:
    """`<name>`, `{{ name }}`, a value opened or closed by `<`/`>`, or a `%s` format slot.

    Only a named slot counts: random keys with punctuation (WordPress salts, Django keys)
    contain `<`, `>` or `}}` by chance, but not around a run of name characters.
    """
    if lowered.startswith("<") or lowered.endswith(">"):
        return True
    for opening, closing in (("<", ">"), ("{{", "}}")):
        i = lowered.find(opening)
        j = lowered.find(closing, i + len(opening)) if i >= 0 else -1
        inner = lowered[i + len(opening) : j]
        if j >= 0 and len(inner) <= _SLOT_MAX and _SLOT_NAME.issuperset(inner):
            return True
    # `%s` as a format slot ends the value or is followed by punctuation (`%s:%s`).
    i = lowered.find("%s")
    return i >= 0 and not lowered[i + 2 : i + 3].isalnum()


def is_placeholder(value: str) -> bool:
    """True for template values; random keys essentially never have a run of 6 equal chars."""
    lowered = value.lower()
    if lowered in _WORDS:
        return True
    if lowered.startswith(_REFERENCE_PREFIXES):
        return True
    if any(marker in lowered for marker in _MARKERS):
        return True
    if ("<" in lowered or "{{" in lowered or "%s" in lowered) and _template_slot(lowered):
        return True
    # A run of six needs five equal neighbours; counting them is one C-level `map`, and
    # random keys almost never have five, so the per-character search below rarely runs.
    if sum(map(operator.eq, value, value[1:])) < 5:
        return False
    # `c * 6 in value` runs in C per distinct character; a per-character loop does not.
    return any(ch * 6 in value for ch in set(value))
