"""Payment card numbers: grouping, issuer ranges (IIN) and the Luhn checksum."""

from __future__ import annotations

from dataclasses import dataclass

from .check import Check, rejected
from .checksum import luhn_ok

# (issuer, IIN prefix range low..high as strings of equal length, allowed lengths)
_ISSUERS: tuple[tuple[str, str, str, frozenset[int]], ...] = (
    ("visa", "4", "4", frozenset({13, 16, 19})),
    ("mastercard", "51", "55", frozenset({16})),
    ("mastercard", "2221", "2720", frozenset({16})),
    ("amex", "34", "34", frozenset({15})),
    ("amex", "37", "37", frozenset({15})),
    ("discover", "6011", "6011", frozenset({16, 17, 18, 19})),
    ("discover", "644", "649", frozenset({16, 17, 18, 19})),
    ("discover", "65", "65", frozenset({16, 17, 18, 19})),
    # JCB's assigned block is 3528–3589, but generators and some BIN tables use all of 35.
    ("jcb", "35", "35", frozenset({16, 17, 18, 19})),
    ("diners", "300", "305", frozenset({14, 15, 16, 17, 18, 19})),
    ("diners", "3095", "3095", frozenset({14, 15, 16, 17, 18, 19})),
    ("diners", "36", "36", frozenset({14, 15, 16, 17, 18, 19})),
    ("diners", "38", "39", frozenset({14, 15, 16, 17, 18, 19})),
    ("unionpay", "62", "62", frozenset({16, 17, 18, 19})),
    ("maestro", "50", "50", frozenset({13, 14, 15, 16, 17, 18, 19})),
    ("maestro", "56", "58", frozenset({13, 14, 15, 16, 17, 18, 19})),
    ("maestro", "67", "67", frozenset({13, 14, 15, 16, 17, 18, 19})),
    ("mir", "2200", "2204", frozenset({16, 17, 18, 19})),
    ("rupay", "60", "60", frozenset({16})),
    ("jcb", "2131", "2131", frozenset({15})),
    ("jcb", "1800", "1800", frozenset({15})),
    ("maestro", "6304", "6304", frozenset({13, 14, 15, 16, 17, 18, 19})),
    ("maestro", "6390", "6390", frozenset({13, 14, 15, 16, 17, 18, 19})),
    ("maestro", "0604", "0604", frozenset({13, 14, 15, 16, 17, 18, 19})),
)

# Accepted printed layouts besides "all digits": groups of four (last one shorter), and
# the 4-6-5 / 4-6-4 layouts of Amex and Diners.
_SPECIAL_LAYOUTS = frozenset({(4, 6, 5), (4, 6, 4)})


_NO_DIGITS = str.maketrans("", "", "0123456789")


def issuer_of(number: str) -> str | None:
    for name, low, high, lengths in _ISSUERS:
        prefix = number[: len(low)]
        if low <= prefix <= high and len(number) in lengths:
            return name
    return None


def _layout_ok(groups: list[str]) -> bool:
    if len(groups) == 1:
        return True
    sizes = tuple(len(g) for g in groups)
    if sizes in _SPECIAL_LAYOUTS:
        return True
    return all(s == 4 for s in sizes[:-1]) and 1 <= sizes[-1] <= 4


def _inside_grouped_code(text: str, start: int) -> bool:
    """ "DE73 5430 2395 …": the digits continue a group that starts with letters and digits."""
    if start < 2 or text[start - 1] not in " -":
        return False
    head = text[max(0, start - 6) : start - 1]
    group = head.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
    return (
        len(group) == 4
        and group.isalnum()
        and any(ch.isdigit() for ch in group)
        and any(ch.isalpha() for ch in group)
    )


@dataclass(frozen=True, slots=True)
class CardValidator:
    """Luhn + issuer range + a plausible printed layout; trims trailing groups if needed.

    A number followed by, say, an expiry year ("4111 1111 1111 1111 2027") first matches
    too long; whole leading groups are tried before giving up.
    """

    name: str = "card"

    def __call__(self, text: str, start: int, end: int) -> Check:
        if _inside_grouped_code(text, start):
            return rejected("card: tail of a longer grouped code (IBAN-like)")
        value = text[start:end]
        separators = set(value.translate(_NO_DIGITS))
        if len(separators) > 1:
            return rejected("card: mixed separators")
        sep = separators.pop() if separators else ""
        groups = value.split(sep) if sep else [value]
        for count in range(len(groups), 0, -1):
            head = groups[:count]
            number = "".join(head)
            if not 13 <= len(number) <= 19 or not _layout_ok(head):
                continue
            if len(set(number)) == 1:
                continue
            issuer = issuer_of(number)
            if issuer is None or not luhn_ok(number):
                continue
            length = sum(len(g) for g in head) + len(sep) * (count - 1)
            return Check(True, f"card: luhn ok, issuer {issuer}", end=start + length)
        return rejected("card: no luhn-valid issuer number")
