"""Corrections to a small NER model's spans: label mapping, boundaries, context cues.

A small English pipeline finds most names but often with the wrong label (an unfamiliar
two-word name is an `ORG`, a town after "moved to" is a `PERSON`) or the wrong edges
("Customer Timothy Adams", "Bryan van" of "Bryan van der Velde", a span running into the
next line). These rules use what the sentence itself says — titles and role nouns, the
verb or preposition before a name, particles inside names — never a list of names.

The rules see tokens and entities as plain records (`Tok`, `Ent`), so they are tested
without the model; `ner.py` converts spaCy's objects.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

PERSON, LOCATION, ORGANIZATION = "PERSON", "LOCATION", "ORGANIZATION"
# Model labels that are names of something, but not of a kind we report, unless the
# context says person or place (the small model calls many unfamiliar names a product).
_OTHER = "OTHER"
_LABELS = {
    "PERSON": PERSON,
    "PER": PERSON,
    "GPE": LOCATION,
    "LOC": LOCATION,
    "FAC": LOCATION,
    "ORG": ORGANIZATION,
    "NORP": "NORP",
    "PRODUCT": _OTHER,
    "WORK_OF_ART": _OTHER,
    "EVENT": _OTHER,
    "LAW": _OTHER,
}


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str
    pos: str  # universal POS tag (`PROPN`, `NOUN`, …)


@dataclass(frozen=True, slots=True)
class Ent:
    label: str  # the model's label (`PERSON`, `GPE`, `ORG`, …)
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    kind: str
    start: int
    end: int
    why: str


class _Tokens:
    """Tokens indexed by start and end offset, built once per text (lookups stay O(1))."""

    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        self.by_start = {t.start: i for i, t in enumerate(toks)}
        self.by_end = {t.end: i for i, t in enumerate(toks)}
        self.starts = [t.start for t in toks]

    def at(self, i: int | None) -> Tok | None:
        return self.toks[i] if i is not None and 0 <= i < len(self.toks) else None

    def first_from(self, offset: int) -> Tok | None:
        """The first token starting at or after `offset`."""
        return self.at(bisect_left(self.starts, offset))


# Words before a name that are not part of it: titles, greetings, role nouns.
_LEADING = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "dear", "hi", "hello",
     "hey", "customer", "client", "patient", "applicant", "employee", "user", "owner",
     "holder", "contact", "the", "agent", "candidate", "guest", "passenger", "tenant"}
)  # fmt: skip
# Lower-case particles inside family names ("van der Velde", "de la Cruz", "van 't Erve").
PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ten",
     "ter", "zu", "dos", "das", "y", "bin", "al", "'t", "het"}
)  # fmt: skip
# HTTP auth schemes and similar capitalised words a model takes for a name.
_NEVER_NAMES = frozenset({"bearer", "basic", "token", "digest", "negotiate"})

# Context cues, lower-case, as the words just before or after a span. Strong cues may
# relabel any name the model found (an `ORG` after "interview with" is a person); weak
# ones only swap person and place, which a small model confuses most.
_PLACE_BEFORE = (
    "moved to", "move to", "moving to", "relocated to", "relocating to", "flying from",
    "flying to", "fly to", "flew to", "flights to", "flight to", "travel to",
    "traveling to", "travelling to", "trip to", "born in", "lives in", "living in",
    "located in", "based in", "live in", "stay in", "staying in", "arrived in",
    "arriving in",
)  # fmt: skip
_PLACE_BEFORE_WEAK = ("near", "in", "visit", "visiting", "from")
_PERSON_BEFORE = (
    "interview with", "meeting with", "meet with", "call with", "talk to", "letter to",
    "reminder to", "email to", "message to", "belongs to", "reply to", "sent to",
    "reservation for", "booking for", "appointment for", "owner", "holder", "customer",
    "client", "patient", "applicant", "employee", "contact", "dear", "hi", "hello", "hey",
    "thanks", "this is", "i am", "i'm", "my name is", "name is", "named", "mr", "mrs",
    "ms", "dr",
)  # fmt: skip
_PERSON_BEFORE_WEAK = ("with", "by", "for", "called")
_PLACE_AFTER = ("office", "branch", "campus", "headquarters")
_PERSON_AFTER = (
    "is flying", "moved to", "was born", "is moving", "ssn", "born on", "date of birth",
    "created", "updated", "approved", "signed", "submitted", "requested", "joined",
    "logged in", "paid", "called from",
)  # fmt: skip
_PERSON_AFTER_WEAK = ("said", "wrote", "asked", "called", "'s ")


def _words_before(text: str, start: int) -> str:
    """The same line's text before `start`, lower-case, punctuation turned to spaces."""
    lo = max(0, start - 48)
    line = text[text.rfind("\n", lo, start) + 1 or lo : start]
    return " ".join("".join(c if c.isalnum() or c in "'" else " " for c in line.lower()).split())


def _ends_with_cue(before: str, cues: tuple[str, ...]) -> str:
    for cue in cues:
        if before == cue or before.endswith(" " + cue):
            return cue
    return ""


def _cue(text: str, span: Span) -> tuple[str, bool]:
    """(PERSON or LOCATION, strong?) when the words around the span say so, else ("", …)."""
    before = _words_before(text, span.start)
    after = text[span.end : span.end + 16].lower()
    after_word = after.lstrip(" ,(")
    if after.lstrip().startswith("<") and "@" in after:
        return PERSON, True  # `Display Name <address@example.org>`
    if after_word.startswith(_PERSON_AFTER):
        return PERSON, True
    if after.lstrip().startswith(_PLACE_AFTER):
        return LOCATION, True
    place, person = _ends_with_cue(before, _PLACE_BEFORE), _ends_with_cue(before, _PERSON_BEFORE)
    if place or person:
        return (LOCATION, True) if len(place) >= len(person) else (PERSON, True)
    if _from_place_to(text, span.start):
        return LOCATION, True
    if after_word.startswith(_PERSON_AFTER_WEAK) or after.startswith("'s "):
        return PERSON, False
    if _ends_with_cue(before, _PERSON_BEFORE_WEAK):
        return PERSON, False
    if _ends_with_cue(before, _PLACE_BEFORE_WEAK):
        # a line-initial `From` is a mail header: a person follows
        mail_header = text[: span.start].rstrip().endswith("From")
        return ("", False) if mail_header else (LOCATION, False)
    return "", False


def _from_place_to(text: str, start: int) -> bool:
    """`from Colorado to <span>`: one to three capitalised words between `from` and `to`."""
    head = text[max(0, start - 48) : start]
    if not head.endswith(" to "):
        return False
    i = head.rfind(" from ")
    words = head[i + 6 : -4].split() if i >= 0 else []
    return 1 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)


def _demonym(value: str) -> bool:
    """`American`, `Dutch`, `Pakistanis`: a nationality adjective, not a place."""
    low = value.lower().rstrip("s")
    return low.endswith(("an", "ese", "ish", "ic", "i", "ch", "ian"))


def _trim(text: str, span: Span) -> Span | None:
    """One line, no leading title or role noun, no trailing punctuation or possessive."""
    s, e = span.start, span.end
    value = text[s:e]
    if "\n" in value:
        first = value.split("\n", 1)[0]
        if first.strip():
            e = s + len(first)
        else:
            s = s + value.rfind("\n") + 1
    while True:
        head, sep, _ = text[s:e].partition(" ")
        word = head.rstrip(".:,").lower()
        if not sep or word not in _LEADING:
            break
        s += len(head) + 1
    while e > s and text[e - 1] in " ,.;:'\"`" and not _abbreviation_end(text, s, e):
        e -= 1
    if text[s:e].endswith("'s"):
        e -= 2
    if e <= s or text[s:e].lower() in _NEVER_NAMES:
        return None
    return replace(span, start=s, end=e)


def _abbreviation_end(text: str, s: int, e: int) -> bool:
    """`U.S.`, `John F.`: the final full stop belongs to a one-letter abbreviation."""
    return (
        text[e - 1] == "."
        and e - s >= 2
        and text[e - 2].isupper()
        and (e - s == 2 or text[e - 3] in " .")
    )


def _title(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or not word.isupper() or len(word) <= 3)


def _extend(text: str, span: Span, toks: _Tokens) -> Span:
    """Pull in proper nouns the model left out on either side, and name particles."""
    s, e = span.start, span.end
    # left: up to two title-case proper nouns directly before (`Theres` of `Theres G. Jacobi`)
    for _ in range(2):
        tok = toks.at(toks.by_end.get(s - 1)) if text[s - 1 : s] == " " else None
        if tok is None or tok.pos != "PROPN" or not _title(tok.text):
            break
        if tok.text.lower().rstrip(".") in _LEADING:
            break  # `Dr.` and `Mr.` are titles, not names
        s = tok.start
    # right: up to three title-case proper nouns or initials (`Zaida` + ` N. Abascal`)
    for _ in range(3):
        tok = toks.at(toks.by_start.get(e + 1)) if text[e : e + 1] == " " else None
        if tok is None or tok.pos != "PROPN" or not _title(tok.text):
            break
        if tok.text.lower().rstrip(".") in _LEADING:
            break  # `Dr.` and `Mr.` are titles, not names
        e = tok.end
    # right: particles, then a title-case word (`van der Velde`, `van 't Erve`); also when
    # the model stopped on a particle (`Bryan van`)
    ends_on_particle = text[s:e].rsplit(" ", 1)[-1].lower() in PARTICLES
    i = toks.by_start.get(e + 1) if text[e : e + 1] == " " else None
    if i is None and ends_on_particle:
        i = toks.by_start.get(e)
    j = i
    while (tok := toks.at(j)) is not None and tok.text.lower() in PARTICLES:
        j = (j or 0) + 1
    last = toks.at(j)
    took_particle = i is not None and (j != i or ends_on_particle)
    if last is not None and took_particle and _title(last.text.lstrip("'")):
        e = last.end
    return replace(span, start=s, end=e)


def _adjectival_abbreviation(text: str, span: Span, toks: _Tokens) -> bool:
    """`US passport`, `UK citizen`: a country code used as a modifier, not a place."""
    value = text[span.start : span.end]
    if not (value.isupper() and len(value.replace(".", "")) <= 3):
        return False
    nxt = toks.first_from(span.end + 1)
    return nxt is not None and nxt.pos == "NOUN" and nxt.text.islower()


def _imperative(text: str, span: Span, toks: _Tokens) -> bool:
    """`Summarise this: …`, `Translate the …`: a sentence-initial verb, not a name."""
    if " " in text[span.start : span.end] or text[: span.start].strip():
        return False
    nxt = toks.first_from(span.end)
    return nxt is not None and nxt.text.lower() in ("this", "the", "these", "my", "me", "it")


def model_spans(text: str, ents: list[Ent], tokens: list[Tok]) -> list[Span]:
    """The model's entities, relabelled by context, trimmed and extended; sorted."""
    toks = _Tokens(tokens)
    out: list[Span] = []
    for ent in ents:
        label = _LABELS.get(ent.label)
        if label is None:
            continue
        span = _trim(text, Span(label, ent.start, ent.end, f"spaCy {ent.label}"))
        if span is None:
            continue
        if span.kind in (PERSON, LOCATION, ORGANIZATION, _OTHER):
            span = _extend(text, span, toks)
        cue, strong = _cue(text, span)
        if cue and cue != span.kind and (strong or span.kind in (PERSON, LOCATION)):
            span = replace(span, kind=cue, why=f"{span.why} read as {cue} from its context")
        if span.kind == "NORP":
            # a group name (`Democrats`) unless the sentence places it (`moved to …`)
            if cue != LOCATION or _demonym(text[span.start : span.end]):
                continue
            span = replace(span, kind=LOCATION)
        if span.kind == _OTHER:
            continue
        if span.kind == PERSON and _imperative(text, span, toks):
            continue
        if span.kind == LOCATION and _adjectival_abbreviation(text, span, toks):
            continue
        out.append(span)
    return _merge_neighbours(text, sorted(out, key=lambda sp: (sp.start, sp.end)))


# Capitalised words that follow a greeting or a role noun without being a name.
_NOT_NAMES_AFTER_CUE = frozenset(
    {"team", "all", "everyone", "there", "sir", "madam", "support", "folks", "guys", "world",
     "customer", "service", "admin", "user", "the", "this", "that", "i", "we", "you"}
)  # fmt: skip


def _proper_runs(text: str, toks: _Tokens) -> list[Span]:
    """Runs of title-case proper nouns (with initials and name particles) on one line."""
    runs: list[Span] = []
    start = end = -1
    for tok in toks.toks:
        name_part = tok.pos == "PROPN" and _title(tok.text)
        joins = end >= 0 and text[end : tok.start] == " "
        if name_part and joins:
            end = tok.end
        elif joins and tok.text.lower() in PARTICLES:
            continue  # a particle may sit inside a name; the run decides at its next word
        else:
            if start >= 0:
                runs.append(Span(_OTHER, start, end, "proper nouns"))
            start, end = (tok.start, tok.end) if name_part else (-1, -1)
    if start >= 0:
        runs.append(Span(_OTHER, start, end, "proper nouns"))
    return runs


def cue_spans(text: str, tokens: list[Tok]) -> list[Span]:
    """Proper-noun runs the model did not label, kept where a strong cue names their kind
    (`Dear Marguerite`, `moved to Parchim`, `Jordy (SSN …)`)."""
    out: list[Span] = []
    for found in _proper_runs(text, _Tokens(tokens)):
        run = _trim(text, found)  # `Dear Marguerite` → `Marguerite`
        if run is None or text[run.start : run.end].lower() in _NOT_NAMES_AFTER_CUE:
            continue
        kind, strong = _cue(text, run)
        if kind and strong:
            out.append(replace(run, kind=kind, why=f"proper nouns read as {kind} from context"))
    return out


def _merge_neighbours(text: str, spans: list[Span]) -> list[Span]:
    """`Klaus Dieter` + `Kitzmann` one space apart: one person; overlaps keep the first."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and span.start < last.end:
            out[-1] = replace(last, end=max(last.end, span.end))
            continue
        if (
            last is not None
            and last.kind == span.kind == PERSON
            and text[last.end : span.start] == " "
        ):
            out[-1] = replace(last, end=span.end)
            continue
        out.append(span)
    return out
