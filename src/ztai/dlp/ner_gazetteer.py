"""People and places the model missed, found with the name and place dictionaries.

A small English model misses names it has never seen or calls them an organization
(`Bea Castellanos`), and knows few towns outside its training news (`Uppsala`, `Nuuk`).
The dictionaries (`gazetteer.py`) are used only where they are precise:

* a person is a run of capitalised words written like a name — a known first name, then
  optional middle names, initials or particles, then a known last name — or a courtesy
  title followed by capitalised words (`Dr. Adaeze Nwosu`). A first name that is an
  everyday word (`Will`, `May`, `Mark`, `Hope`) never starts one;
* a place is a known place name in capitalised form with locative context (`in`, `near`,
  `via`, … before it; `office`, `depot`, … after it), listed next to such a place
  (`Nairobi, Lagos and Accra`), on an arrow route, paired with one (`Des Moines, Iowa`),
  or filling a table cell; a town in no list but named the English way (`Smithton`,
  `Lake Jennifer`) only with locative context. Place names that are also everyday words
  (`Reading`, `Split`) or first names after `to` / `from` (`to Florence`) are left alone.

Words are read from the text itself (no model tokens), so the rules run and are tested
without spaCy.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

import re2

from .gazetteer import Gazetteer, fold, load
from .ner_fields import without_overlaps
from .ner_spans import LOCATION, ORGANIZATION, PARTICLES, PERSON, Span

# A word: letters, marks, inner apostrophes and hyphens (`O'Donnell`, `Okonkwo-Reid`).
_WORD = re2.compile(r"\p{L}[\p{L}\p{M}'’\-]*")
_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "mme",
     "mlle", "madame", "monsieur", "senor", "senora", "sr", "sra", "srta", "sig", "sigra"}
)  # fmt: skip
# Role nouns that may open a run of capitalised words before a name (`Driver Thiago …`).
_ROLES = frozenset(
    {"customer", "client", "patient", "applicant", "employee", "driver", "tenant", "guest",
     "passenger", "user", "contact", "candidate", "agent", "owner", "manager", "director",
     "officer", "doctor", "nurse", "professor", "teacher", "attorney", "lawyer", "judge",
     "captain", "sergeant", "coach", "pastor", "father", "mother", "uncle", "aunt",
     "cousin", "brother", "sister", "dear", "hi", "hello", "hey", "thanks", "cc", "to",
     "from", "attn", "signed"}
)  # fmt: skip
# Words right before a place that say "a place follows".
_LOCATIVE = frozenset(
    {"in", "near", "via", "outside", "around", "across", "toward", "towards", "through",
     "throughout", "within", "into", "between", "beyond", "to", "from", "at", "visit",
     "visiting", "visited", "leave", "leaving", "left", "reach", "reached", "reaching"}
)  # fmt: skip
# Of those, the ones a person's name follows as often as a place's (`to Florence`).
_AMBIGUOUS_BEFORE = frozenset({"to", "from", "at", "visit", "visiting", "visited"})
# Nouns right after a place that say it is one (`the Bilbao depot`).
_PLACE_NOUNS = frozenset(
    {"office", "offices", "branch", "depot", "warehouse", "airport", "station", "area",
     "region", "campus", "headquarters", "hq", "plant", "site", "factory", "store", "hub",
     "facility", "team", "port", "harbour", "harbor", "clinic", "hospital",
     "district", "suburb", "metro", "city", "area's", "residents", "municipality"}
)  # fmt: skip
# Words that open place names (`North Kendra`, `Port Elizabeth`), never a person's name.
_PLACE_PREFIXES = frozenset(
    {"north", "south", "east", "west", "new", "lake", "port", "mount", "fort", "saint", "st",
     "san", "santa", "santo", "sao", "upper", "lower", "greater", "little", "great", "old"}
)  # fmt: skip
# English place-name endings (`Charles` + `burgh`, `Jackson` + `ville`); the same ones
# Faker's en_US city generator appends to names, so its invented towns read as places.
_PLACE_SUFFIXES = (
    "town", "ton", "land", "ville", "berg", "burgh", "borough", "bury", "view", "port",
    "mouth", "stad", "furt", "chester", "fort", "haven", "side", "shire",
)  # fmt: skip
# Of the place prefixes, those that open a town's name before a person's name (`Lake Anna`).
_TOWN_PREFIXES = frozenset({"north", "south", "east", "west", "new", "lake", "port", "mount"})
# Verbs of travel: `to` / `from` after them introduces a place, not a person.
_TRAVEL = frozenset(
    {"fly", "flying", "flew", "flown", "travel", "traveling", "travelling", "travelled",
     "traveled", "move", "moving", "moved", "relocate", "relocating", "relocated", "drive",
     "driving", "drove", "go", "going", "went", "return", "returning", "returned", "head",
     "heading", "headed", "bound", "trip", "flight", "flights", "ship", "shipped",
     "shipping", "commute", "commuting", "come", "comes", "came", "coming", "am", "is",
     "are", "was", "were", "originally"}
)  # fmt: skip
# Lower-case words inside place names (`Frankfurt am Main`, `Rio de Janeiro`).
_PLACE_JOINERS = PARTICLES | frozenset({"am", "an", "upon", "on", "sur", "en", "im", "of"})
# What may stand between two listed places (`Nairobi, Lagos and Accra`, `A → B`).
_LIST_GAPS = (", ", " and ", ", and ", " or ", " → ", "→", " -> ", " - ", " / ", "/", " & ")
# A table cell starts or ends at one of these (or at the line's edge); a comma or a
# semicolon only when no space follows it (CSV, not a list in a sentence).
_CELL_EDGES = frozenset("|\t")
_CSV_EDGES = frozenset(",;")
_MAX_PLACE_WORDS = 5
_CELL_REACH = 200


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    key: str  # folded, as the dictionaries store it


def _words(text: str) -> list[_Word]:
    out: list[_Word] = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = text[start:end]
        if len(word) > 3 and word[-2:] in ("'s", "’s"):
            word = word[:-2]  # the possessive is not part of the name
        word = word.rstrip("'’-")
        out.append(_Word(start, start + len(word), word, fold(word)))
    return out


def _capital(word: _Word) -> bool:
    """Title case; all capitals only for short words (`AL`, not `INVOICE`)."""
    return word.text[:1].isupper() and not (len(word.text) > 3 and word.text.isupper())


def _initial(text: str, word: _Word) -> bool:
    return len(word.text) == 1 and word.text.isupper() and text[word.end : word.end + 1] == "."


def _joined(text: str, left: _Word, right: _Word) -> bool:
    gap = text[left.end : right.start]
    return gap == " " or (gap == ". " and (_initial(text, left) or _title(text, left)))


def _runs(text: str, words: list[_Word]) -> list[list[_Word]]:
    """Capitalised words one space apart, with name particles and initials inside."""
    runs: list[list[_Word]] = []
    run: list[_Word] = []
    for word in words:
        inside = bool(run) and _joined(text, run[-1], word)
        if inside and (_capital(word) or word.key in PARTICLES):
            run.append(word)
            continue
        if run:
            runs.append(run)
        run = [word] if _capital(word) else []
    if run:
        runs.append(run)
    out = []
    for found in runs:
        end = len(found)
        while end and not _capital(found[end - 1]):
            end -= 1  # a particle ends no name
        if end:
            out.append(found[:end])
    return out


def _title(text: str, word: _Word) -> bool:
    """`Dr.`, `Mrs`: a courtesy title in title case (`MS.` is a US state code)."""
    return (
        word.key in _TITLES
        and word.text[1:].islower()
        and text[word.end : word.end + 1] in (".", " ")
    )


def _sentence_start(text: str, start: int) -> bool:
    head = text[max(0, start - 8) : start].rstrip(" \"'“‘(")
    return not head or head[-1] in ".!?:\n•*-—>#"


def _parts_in(key: str, names: frozenset[str], *, every: bool) -> bool:
    parts = [p for p in key.replace("'", "-").replace("’", "-").split("-") if p]
    found = [p in names for p in parts]
    return bool(found) and (all(found) if every else any(found))


def _person(text: str, run: list[_Word], g: Gazetteer) -> Span | None:
    words = run
    titled = False
    while words and _title(text, words[0]):
        words, titled = words[1:], True
    if not titled:
        # role nouns, everyday words and a sentence-opening word that is not a name
        # (`Contact Astrid …`, `Can Reginald …`, `Yesterday Oskar …`)
        while len(words) > 2 and (
            words[0].key in _ROLES
            or words[0].key in g.common
            or (words[0].key not in g.first and _sentence_start(text, words[0].start))
        ):
            words = words[1:]
    if not words or len(words) > 4 or (not titled and len(words) < 2):
        return None
    if text[max(0, words[0].start - 4) : words[0].start].lower() == "the ":
        return None  # `the Washington Post`: a title or a company, not a person
    first, last = words[0], words[-1]
    if first.key in _PLACE_PREFIXES:
        return None
    if titled:
        if first.key in g.common or (_initial(text, first) and len(words) == 1):
            return None
        return Span(PERSON, first.start, last.end, "courtesy title and a capitalised name")
    if any(len(w.text) > 1 and w.text.isupper() for w in words):
        return None  # `AS`, `ERP`: acronyms, not names
    if not _parts_in(first.key, g.first, every=True) or not _parts_in(
        last.key, g.last, every=False
    ):
        return None
    if last.key in g.street or _house_number(text, first.start):
        return None  # `Washington Street`, `1039 Lincoln`: an address
    for middle in words[1:-1]:
        known = middle.key in g.first or middle.key in g.last or middle.key in PARTICLES
        if not (known or _initial(text, middle)):
            return None
    if first.key in g.common:
        return None  # `Will`, `May`, `Red Cross`: an everyday word first is no evidence
    if " ".join(w.key for w in words) in g.place:
        return None  # `Santa Clara`, `San Jose`
    return Span(PERSON, first.start, last.end, "known first and last name")


def _house_number(text: str, start: int) -> bool:
    head = text[max(0, start - 8) : start]
    return head.endswith(" ") and head.rstrip()[-1:].isdigit()


def _place_at(text: str, words: list[_Word], i: int, g: Gazetteer) -> int:
    """Index past the longest known place name starting at word `i` (or `i`)."""
    if not _capital(words[i]) or (len(words[i].text) > 1 and words[i].text.isupper()):
        return i  # `CAD`, `PNG`: codes, not places
    best = i
    key = words[i].key
    if key in g.place:
        best = i + 1
    for j in range(i + 1, min(len(words), i + _MAX_PLACE_WORDS)):
        if text[words[j - 1].end : words[j].start] != " ":
            break
        key = f"{key} {words[j].key}"
        if _capital(words[j]):
            if key in g.place:
                best = j + 1
        elif words[j].key not in _PLACE_JOINERS:
            break
    return best


def _shaped_place_at(text: str, words: list[_Word], i: int, g: Gazetteer) -> int:
    """Index past a town named the English way (or `i`): a name with a place ending
    (`Smithton`, `Dianaburgh`), or a compass / lake / port word and a name or such a
    town (`North Kendra`, `Port Dustinborough`). Never enough alone: context decides."""

    def named(word: _Word) -> bool:
        if not _capital(word) or word.key in g.common:
            return False
        if word.key in g.first or word.key in g.last:
            return True
        return any(
            word.key.endswith(end) and len(word.key) - len(end) >= 3
            and (word.key[: -len(end)] in g.first or word.key[: -len(end)] in g.last)
            for end in _PLACE_SUFFIXES
        )  # fmt: skip

    word = words[i]
    if word.key in _TOWN_PREFIXES and word.text[:1].isupper() and i + 1 < len(words):
        nxt = words[i + 1]
        if text[word.end : nxt.start] == " " and named(nxt):
            return i + 2
        return i
    if word.key in g.first or word.key in g.last or not named(word):
        return i  # a bare name is a person's, not a town's
    return i + 1


def _inside_longer_name(text: str, words: list[_Word], i: int, nxt: _Word | None) -> bool:
    """The place is only part of a longer capitalised name (`Oakland International`)."""
    if nxt is not None and _capital(nxt):
        return True
    if i == 0 or text[words[i - 1].end : words[i].start] != " ":
        return False
    prev = words[i - 1]
    return _capital(prev) and prev.key not in _LOCATIVE


def _word_before(text: str, words: list[_Word], i: int) -> str:
    """The lower-case word just before word `i` (one space, or `: ` after `to`)."""
    if i == 0:
        return ""
    prev = words[i - 1]
    gap = text[prev.end : words[i].start]
    return prev.key if gap == " " or (gap == ": " and prev.key in ("to", "from")) else ""


def _cell(text: str, start: int, end: int) -> bool:
    """The value fills a table cell (`|Uppsala|`, `,Norwich,` in a CSV row)."""
    # Bounded look-around: a long line is no table row, and scanning whole lines for
    # every candidate would make a long single-line text quadratic.
    lo, hi = max(0, start - _CELL_REACH), min(len(text), end + _CELL_REACH)
    line_start = max(text.rfind("\n", lo, start) + 1, lo)
    line_end = text.find("\n", end, hi)
    left = text[line_start:start]
    right = text[end : hi if line_end < 0 else line_end]
    if not (left or right):
        return False
    left_ok = not left or left.rstrip(" ")[-1:] in _CELL_EDGES or left[-1] in _CSV_EDGES
    right_ok = not right or right.lstrip(" ")[:1] in _CELL_EDGES or right[0] in _CSV_EDGES
    return left_ok and right_ok


def _places(text: str, words: list[_Word], g: Gazetteer) -> list[Span]:
    out: list[Span] = []
    i = 0
    while i < len(words):
        j = _place_at(text, words, i, g)
        known = j > i
        if not known:
            j = _shaped_place_at(text, words, i, g)
        if j == i:
            i += 1
            continue
        start, end = words[i].start, words[j - 1].end
        key = " ".join(w.key for w in words[i:j])
        single = j == i + 1
        before = _word_before(text, words, i)
        nxt = words[j] if j < len(words) and text[end : words[j].start] == " " else None
        after = nxt.key if nxt is not None and nxt.text.islower() else ""
        if _inside_longer_name(text, words, i, nxt) or (
            single and key in g.first and text[end : end + 2] in ("'s", "’s")
        ):
            i = j
            continue  # `Farragut West station`, `the Writing Lab`; `Lara's bag`
        listed = bool(out) and text[out[-1].end : start] in _LIST_GAPS
        route = _route_next(text, words, j, g)
        paired = _paired(text, words, j, end, g)
        what = "known place" if known else "town-shaped name"
        # an invented-looking town needs travel after `to` / `from`, and a sentence around it
        ambiguous = key in g.first or not known
        why = ""
        if single and key in g.common:
            why = ""
        elif after in _PLACE_NOUNS:
            why = f"{what} before '{after}'"
        elif before in _LOCATIVE and not (
            before in _AMBIGUOUS_BEFORE and ambiguous and not _travel(text, words, i, out)
        ):
            why = f"{what} after '{before}'"
        elif listed:
            why = f"{what} listed with a place"
        elif route:
            why = f"{what} on a route"
        elif not known:
            why = ""
        elif paired and key not in g.first:
            why = "known place paired with a place"
        elif _cell(text, start, end) and key not in g.first:
            why = "known place as a record value"
        if why:
            out.append(Span(LOCATION, start, end, why))
        i = j
    return out


def _travel(text: str, words: list[_Word], i: int, found: list[Span]) -> bool:
    """`flying to X`, `from Ohio to X`, `I am Ana Ruiz from X`: `to` / `from` (word i-1)
    leads to a place however name-like X is."""
    if i < 2:
        return False
    prep, prev = words[i - 1], words[i - 2]
    if text[prev.end : prep.start] != " ":
        return False
    if prev.key in _TRAVEL:
        return True
    if prep.key == "from" and _capital(prev):
        return True  # a person's name, then where they come from
    if prep.key == "to" and found:
        head = text[max(0, found[-1].start - 5) : found[-1].start]
        return head.endswith("from ") and text[found[-1].end : prep.start] == " "
    return False


def _route_next(text: str, words: list[_Word], j: int, g: Gazetteer) -> bool:
    """`Reykjavík → Nuuk`: an arrow and a known place follow."""
    if j >= len(words):
        return False
    gap = text[words[j - 1].end : words[j].start].strip()
    return gap in ("→", "->", "–>") and _place_at(text, words, j, g) > j


def _paired(text: str, words: list[_Word], j: int, end: int, g: Gazetteer) -> bool:
    """`Des Moines, Iowa`: a known place directly after `, ` (a region or a country)."""
    if j >= len(words) or text[end : words[j].start] != ", ":
        return False
    k = _place_at(text, words, j, g)
    key = " ".join(w.key for w in words[j:k])
    return k > j and key not in g.first and key not in g.common


def dictionary_spans(text: str, gazetteer: Gazetteer | None = None) -> list[Span]:
    """People and places the dictionaries support, sorted; people win overlaps."""
    g = gazetteer if gazetteer is not None else load()
    words = _words(text)
    people = [p for run in _runs(text, words) if (p := _person(text, run, g)) is not None]
    return without_overlaps(people, _places(text, words, g))


def with_dictionaries(
    text: str, spans: list[Span], gazetteer: Gazetteer | None = None
) -> list[Span]:
    """`spans` plus the dictionary spans that overlap none of them.

    A model span the context rules left alone whose exact text the dictionaries read as
    the other kind (a town the model called a person) takes the dictionaries' kind; a
    model `ORGANIZATION` inside a dictionary person or place gives way to it (the
    small model calls most unfamiliar names an organization), and so does any model span
    that is part of a longer dictionary span or is one with a role noun or everyday word
    in front.
    """
    g = gazetteer if gazetteer is not None else load()
    found = dictionary_spans(text, g)  # sorted and disjoint
    exact = {(sp.start, sp.end): sp for sp in found}
    starts = [sp.start for sp in found]
    out: list[Span] = []
    for span in spans:
        if _from_model(span) and _gives_way(text, span, found, starts, exact, g):
            continue  # `Bea Castellanos` an ORG, `Bielsko` of `Bielsko-Biała`, `Can Reginald …`
        other = exact.get((span.start, span.end))
        if (
            other is not None
            and {other.kind, span.kind} == {PERSON, LOCATION}
            and span.why.startswith("spaCy")
            and " read as " not in span.why
        ):
            why = f"{span.why} read as {other.kind} ({other.why})"
            out.append(replace(span, kind=other.kind, why=why))
        else:
            out.append(span)
    return without_overlaps(out, found)


def _from_model(span: Span) -> bool:
    """The model's own span and label (not a record field's, not relabelled by a cue)."""
    return span.why.startswith("spaCy") and " read as " not in span.why


def _gives_way(
    text: str,
    span: Span,
    found: list[Span],
    starts: list[int],
    exact: dict[tuple[int, int], Span],
    g: Gazetteer,
) -> bool:
    """A dictionary span holds the model's span (an `ORG` for an unfamiliar name, a part of
    a hyphenated town), or is that span without a leading role noun, title or everyday
    word (`Driver Thiago Nascimento`, `Contact Astrid Rousseau`)."""
    same = (span.start, span.end)
    if span.kind == ORGANIZATION and same in exact:
        return True
    # `found` is disjoint: only the last span starting at or before ours can hold it
    k = bisect_right(starts, span.start) - 1
    if k >= 0 and found[k].end >= span.end and (found[k].start, found[k].end) != same:
        return True
    start = span.start
    for word in text[span.start : span.end].split(" ")[:-1]:
        key = fold(word.rstrip("."))
        if key not in _ROLES and key not in _TITLES and key not in g.common:
            break
        start += len(word) + 1
    return start > span.start and (start, span.end) in exact
