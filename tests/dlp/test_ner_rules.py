"""NER span corrections and field rules, on hand-made tokens (no model needed)."""

from __future__ import annotations

import re

import pytest

from ztai.dlp.ner_fields import field_spans, name_like, without_overlaps
from ztai.dlp.ner_spans import Ent, Span, Tok, cue_spans, model_spans

_TOKEN = re.compile(r"[A-Z]\.|\w+|'t|[^\w\s]")
# Function words get their own tag, as a tagger gives them (title case or not).
_FUNCTION = frozenset({"from", "the", "in", "to", "for", "with", "we", "is", "on", "at", "and"})


def toks(text: str) -> list[Tok]:
    """Title-case words are proper nouns, other words common nouns (enough here)."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        if word.lower() in _FUNCTION:
            pos = "ADP"
        elif word[:1].isupper():
            pos = "PROPN"
        else:
            pos = "NOUN" if word.isalpha() else "PUNCT"
        out.append(Tok(m.start(), m.end(), word, pos))
    return out


def ent(text: str, label: str, value: str) -> Ent:
    start = text.index(value)
    return Ent(label, start, start + len(value))


def spans(text: str, *ents: tuple[str, str]) -> set[tuple[str, str]]:
    found = model_spans(text, [ent(text, label, value) for label, value in ents], toks(text))
    return {(sp.kind, text[sp.start : sp.end]) for sp in found}


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # relabelled by what the sentence says
        ("From Ada Quist <ada@example.org>: hi", ("ORG", "Ada Quist"), ("PERSON", "Ada Quist")),
        ("Reminder: interview with Bo Lind at 9", ("ORG", "Bo Lind"), ("PERSON", "Bo Lind")),
        ("Ana Ruiz moved to Fenwick and wrote", ("PERSON", "Fenwick"), ("LOCATION", "Fenwick")),
        ("Kai Moss is flying from Tarn today", ("GPE", "Kai Moss"), ("PERSON", "Kai Moss")),
        ("now reports to the Oxley office", ("PERSON", "Oxley"), ("LOCATION", "Oxley")),
        ("flying from Ohio to Brenna on Monday", ("ORG", "Brenna"), ("LOCATION", "Brenna")),
        ("Employee record: Ivo Kern (SSN on file)", ("ORG", "Ivo Kern"), ("PERSON", "Ivo Kern")),
        ("Jon Pike moved to Uzbekistan", ("NORP", "Uzbekistan"), ("LOCATION", "Uzbekistan")),
        ("the Lake Orlo pier", ("FAC", "Lake Orlo"), ("LOCATION", "Lake Orlo")),
        # trimmed to the name
        ("Customer Tim Abel paid", ("PERSON", "Customer Tim Abel"), ("PERSON", "Tim Abel")),
        ("Card holder: Al Tate\nCard number", ("PERSON", "Al Tate\nCard"), ("PERSON", "Al Tate")),
        ("We met Rosa Lenz's team", ("PERSON", "Rosa Lenz's"), ("PERSON", "Rosa Lenz")),
        ("born in the U.S. in 1990", ("GPE", "U.S."), ("LOCATION", "U.S.")),
        # extended over what the model left out
        (
            "Applicant: Theres G. Jacobi, SSN",
            ("PERSON", "G. Jacobi"),
            ("PERSON", "Theres G. Jacobi"),
        ),
        ("Bryan van der Velde moved", ("PERSON", "Bryan van"), ("PERSON", "Bryan van der Velde")),
        ("From Angela Morgan <am@example.org>", ("GPE", "Angela"), ("PERSON", "Angela Morgan")),
    ],
)
def test_model_spans_are_corrected(
    text: str, model: tuple[str, str], expected: tuple[str, str]
) -> None:
    assert expected in spans(text, model)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # a weak cue (`with`) does not turn a product or a company into a person
        ("Draw the mock-up with Figma today", ("ORG", "Figma")),
        ("available in Yellow and Blue", ("PRODUCT", "Yellow")),
        # a sentence-initial imperative, an auth scheme, an adjectival country code
        ("Summarise this: the call went well", ("PERSON", "Summarise")),
        ('headers = {"Authorization": "Bearer abc"}', ("PERSON", "Bearer")),
        ("US passport no. 123 belongs to him", ("GPE", "US")),
        # nationalities are not places
        ("The Dutch team won", ("NORP", "Dutch")),
    ],
)
def test_model_spans_that_are_not_people_or_places(text: str, model: tuple[str, str]) -> None:
    assert not {k for k, _ in spans(text, model)} & {"PERSON", "LOCATION"}


def test_adjacent_person_parts_merge() -> None:
    text = "owner Klaus Dieter Kitzmann."
    found = spans(text, ("PERSON", "Klaus Dieter"), ("PERSON", "Kitzmann"))
    assert found == {("PERSON", "Klaus Dieter Kitzmann")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"customer": "Shannon Camacho", "email": "x"}', ("PERSON", "Shannon Camacho")),
        (
            '{"user": {"name": "Jennifer van \'t Erve", "ssn": "1"}}',
            ("PERSON", "Jennifer van 't Erve"),
        ),
        ('{"firstName": "Sunniva", "city": "Valencia"}', ("LOCATION", "Valencia")),
        ("Card holder: Alvin Taylor\nCard number: 4111", ("PERSON", "Alvin Taylor")),
        ("Applicant: Theres G. Jacobi, SSN 122", ("PERSON", "Theres G. Jacobi")),
        ("city = New Scott, United Kingdom", ("LOCATION", "New Scott, United Kingdom")),
        ("id;name;iban\n20;Melle van het Heerenveen;IT11", ("PERSON", "Melle van het Heerenveen")),
        ("name,email,city\nAb Cd,a@b.c,Nicholsshire, FM", ("LOCATION", "Nicholsshire, FM")),
        ("full_name\tcountry\nIrina Volkova\tGeorgia", ("LOCATION", "Georgia")),
        ("reports to the Pattersonhaven, IA office", ("LOCATION", "Pattersonhaven, IA")),
        ("Weather alert for Port Samuel, MP tonight", ("LOCATION", "Port Samuel, MP")),
    ],
)
def test_fields_columns_and_addresses(text: str, expected: tuple[str, str]) -> None:
    assert expected in {(sp.kind, text[sp.start : sp.end]) for sp in field_spans(text)}


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "order-42", "city": "10115"}',  # ids and postcodes are not names
        '{"status": "Active", "title": "Senior Engineer"}',  # not person or place fields
        "name,city\n",  # a header without rows
        "Note: Paris is lovely in spring",  # `Note` is not a field of people or places
        "Version 2, IL build",  # a region code needs a capitalised place before it
    ],
)
def test_no_field_spans(text: str) -> None:
    assert field_spans(text) == []


@pytest.mark.parametrize(
    ("value", "place", "ok"),
    [
        ("Maria del Carmen Ruiz", False, True),
        ("Karen S. Carter", False, True),
        ("Lyon, France", True, True),
        ("Lyon, France", False, False),
        ("ACME-2000", False, False),
        ("lowercase words", False, False),
        ("One Two Three Four Five Six", False, False),
    ],
)
def test_name_shape(value: str, place: bool, ok: bool) -> None:
    assert name_like(value, place=place) is ok


def test_field_spans_win_over_model_spans() -> None:
    kept = [Span("LOCATION", 10, 18, "field")]
    extra = [Span("PERSON", 10, 18, "model"), Span("PERSON", 30, 40, "model")]
    merged = without_overlaps(kept, extra)
    assert [(sp.kind, sp.start) for sp in merged] == [("LOCATION", 10), ("PERSON", 30)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Marguerite Olsen, thanks for the call", ("PERSON", "Marguerite Olsen")),
        ("Gundel Carsten moved to Parchim last year", ("PERSON", "Gundel Carsten")),
        ("Gundel Carsten moved to Parchim last year", ("LOCATION", "Parchim")),
        ("Jordy (SSN 123-45-6789) called", ("PERSON", "Jordy")),
    ],
)
def test_proper_nouns_the_model_missed_follow_strong_cues(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in {(sp.kind, text[sp.start : sp.end]) for sp in cue_spans(text, toks(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Hi Team, the build is green",  # a greeting to a group
        "We use Slack and Jira for tickets",  # no cue for these proper nouns
        "Lunch with Finance in Room 4",  # weak cues only
    ],
)
def test_proper_nouns_without_a_strong_cue_stay_unlabelled(text: str) -> None:
    assert cue_spans(text, toks(text)) == []
