"""People and places named by structure: `"name": "…"`, `City: …`, a CSV `city` column.

Records say what a value is in the key or the column header; a small model reading
`{"customer": "Shannon Camacho"}` or a CSV row sees no sentence and often misses the
name or mislabels it. A value counts only when it is written like a name (capitalised
words, particles, initials) and its key or header is a person or place field.
"""

from __future__ import annotations

import re2

from .ner_spans import LOCATION, PARTICLES, PERSON, Span

# Field names, as lower-case words (`first_name`, `firstName`, `First Name` → first name).
_PERSON_KEYS = frozenset(
    {"name", "full name", "fullname", "first name", "firstname", "last name", "lastname",
     "surname", "given name", "family name", "customer", "customer name", "client",
     "client name", "contact", "contact name", "employee", "employee name", "patient",
     "patient name", "applicant", "holder", "card holder", "cardholder", "account holder",
     "owner", "recipient", "sender", "author", "assignee", "passenger", "guest", "manager",
     "requester", "reporter", "beneficiary", "payee", "signatory", "display name"}
)  # fmt: skip
_PLACE_KEYS = frozenset(
    {"city", "town", "country", "state", "region", "location", "place", "birthplace",
     "place of birth", "hometown", "municipality", "province", "county", "destination",
     "origin", "home city", "billing city", "shipping city", "city of birth"}
)  # fmt: skip
# `key: value`, `"key": "value"`, `key = value`; the key is 1-3 words of letters.
_FIELD = re2.compile(
    r"(?:^|[\s{,;(\[])[\"']?([A-Za-z][A-Za-z_\- ]{0,30}?)[\"']?[ \t]*[:=][ \t]*[\"']?"
    r"([^\"\n,;{}\[\]<>()|=:]{2,60}(?:, [^\"\n,;{}\[\]<>()|=:]{2,40})?)"
)
# US and territory postal codes: `Springfield, IL` is a place however unfamiliar the town.
_REGION_CODES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ"
    "|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|AS|GU|MP|PR|VI|FM|MH|PW"
)
_WORD = r"\p{Lu}[\p{L}'\-]+"
_CITY_REGION = re2.compile(rf"((?:{_WORD} ){{0,3}}{_WORD}, (?:{_REGION_CODES}))(?:[^\p{{L}}\d]|$)")
_SEPARATORS = (",", ";", "\t", "|")
_MAX_ROWS = 2_000


def field_words(key: str) -> str:
    """`firstName` / `first_name` / `First-Name` → `first name`."""
    spaced = "".join(f" {c}" if c.isupper() and i and key[i - 1].islower() else c
                     for i, c in enumerate(key))  # fmt: skip
    return " ".join(spaced.replace("_", " ").replace("-", " ").lower().split())


def _word_ok(word: str) -> bool:
    if word.lower() in PARTICLES:
        return True
    core = word.replace("-", "").replace("'", "").replace(".", "")
    return bool(core) and core.isalpha() and word[0].isupper()


def name_like(value: str, *, place: bool = False) -> bool:
    """Capitalised words (1-5), particles and initials; a place may add `, ST` or `, Country`."""
    head, sep, tail = value.partition(", ")
    if sep and not place:
        return False
    words = head.split()
    if not 1 <= len(words) <= 5 or not all(_word_ok(w) for w in words):
        return False
    if not words[0][0].isupper() or (len(words) == 1 and words[0].isupper() and len(words[0]) > 3):
        return False
    return not sep or all(_word_ok(w) for w in tail.split())


# The last word of a longer place key (`delivery address city`, `shipping country`).
_PLACE_HEADS = frozenset({"city", "town", "country", "province", "county", "municipality"})


def _kind_of(key: str) -> str:
    words = field_words(key)
    if words in _PERSON_KEYS:
        return PERSON
    if words in _PLACE_KEYS or words.rsplit(" ", 1)[-1] in _PLACE_HEADS:
        return LOCATION
    return ""


def _field_spans(text: str) -> list[Span]:
    out: list[Span] = []
    for match in _FIELD.finditer(text):
        kind = _kind_of(match.group(1))
        if not kind:
            continue
        start, end = match.span(2)
        value = text[start:end].rstrip().rstrip("'")
        if not name_like(value, place=kind == LOCATION):
            # `City, ST` belongs to places only; a person's value stops at the comma
            value = value.split(", ", 1)[0]
            if not name_like(value, place=kind == LOCATION):
                continue
        out.append(Span(kind, start, start + len(value), f"field '{match.group(1)}'"))
    return out


def _cells(line: str, sep: str, offset: int) -> list[tuple[int, str]]:
    cells: list[tuple[int, str]] = []
    pos = 0
    for cell in line.split(sep):
        cells.append((offset + pos, cell))
        pos += len(cell) + len(sep)
    return cells


def _table_spans(text: str) -> list[Span]:
    """Cells under a person or place column of a delimited table (CSV, TSV, `|`)."""
    out: list[Span] = []
    lines = text.split("\n")
    offset = 0
    header: list[str] = []
    sep = ""
    for line in lines[:_MAX_ROWS]:
        start = offset
        offset += len(line) + 1
        if not header:
            sep = max(_SEPARATORS, key=line.count)
            names = [c.strip().strip("\"'") for c in line.split(sep)]
            kinds = [_kind_of(n) for n in names]
            if (
                line.count(sep) >= 1
                and any(kinds)
                and all(n.replace("_", "").replace(" ", "").isalpha() for n in names)
            ):
                header = kinds
            continue
        cells = _cells(line, sep, start)
        if len(cells) < len(header):
            header = []  # the table ended
            continue
        for col, kind in enumerate(header):
            if not kind:
                continue
            cell_start, cell = cells[col]
            # an unquoted `City, ST` in the last column spills into one extra cell
            if col == len(header) - 1 and len(cells) == len(header) + 1 and kind == LOCATION:
                cell = cell + sep + cells[col + 1][1]
            value = cell.strip().strip("\"'")
            lead = cell.find(value) if value else 0
            if value and name_like(value, place=kind == LOCATION):
                s = cell_start + lead
                out.append(Span(kind, s, s + len(value), "table column"))
    return out


def _city_region_spans(text: str) -> list[Span]:
    return [
        Span(LOCATION, m.start(1), m.end(1), "place with a region code")
        for m in _CITY_REGION.finditer(text)
    ]


def without_overlaps(kept: list[Span], extra: list[Span]) -> list[Span]:
    """`kept` plus the spans of `extra` that overlap none of them; sorted, in linear time
    after sorting (both lists are swept once)."""
    kept = sorted(kept, key=lambda sp: (sp.start, sp.end))
    out = list(kept)
    i = 0
    for span in sorted(extra, key=lambda sp: (sp.start, sp.end)):
        while i < len(kept) and kept[i].end <= span.start:
            i += 1
        if i < len(kept) and kept[i].start < span.end:
            continue
        out.append(span)
    return sorted(out, key=lambda sp: (sp.start, sp.end))


def _disjoint(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda sp: (sp.start, sp.end)):
        if not out or out[-1].end <= span.start:
            out.append(span)
    return out


def field_spans(text: str) -> list[Span]:
    """Person and place values named by a key, a column header or an address form; sorted.

    Where they overlap, a key's value wins over a column's, a column's over an address form.
    """
    keyed = without_overlaps(_disjoint(_field_spans(text)), _table_spans(text))
    return without_overlaps(keyed, _city_region_spans(text))
