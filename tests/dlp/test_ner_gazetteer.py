"""Name and place dictionaries: the shipped lists and the rules that use them (no model)."""

from __future__ import annotations

import pytest

from ztai.dlp.gazetteer import fold, load, parse
from ztai.dlp.ner_fields import field_spans
from ztai.dlp.ner_gazetteer import dictionary_spans, with_dictionaries
from ztai.dlp.ner_spans import LOCATION, ORGANIZATION, PERSON, Ent, Span, Tok, model_spans


def found(text: str) -> set[tuple[str, str]]:
    return {(sp.kind, text[sp.start : sp.end]) for sp in dictionary_spans(text)}


def test_shipped_lists_load_with_every_section() -> None:
    g = load()
    assert {"maria", "john", "ingeborg"} <= g.first
    # last names from every list a locale keeps (`unisex_last_names` of pl_PL)
    assert {"garcia", "halvorsen", "kamau", "kowalczyk"} <= g.last
    assert {"uppsala", "des moines", "nairobi", "united kingdom"} <= g.place
    assert {"street", "avenue"} <= g.street
    assert {"may", "will", "monday"} <= g.common


def test_lists_are_folded_and_parsed_by_section() -> None:
    assert fold("Bogotá") == "bogota"
    assert fold("TROMSØ") == "tromsø"
    g = parse("# header\n[first]\nana\n[place]\nbogota\n[unknown]\nx\n")
    assert g.first == {"ana"}
    assert g.place == {"bogota"}
    assert not g.last and not g.common


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a known first name, then a known last name (any locale, any diacritics)
        ("Please send the forms to Ingeborg Halvorsen before noon.", "Ingeborg Halvorsen"),
        ("Minutes were taken by Jana Dvořáková.", "Jana Dvořáková"),
        ("Please forward it to Amara Okonkwo-Reid today.", "Amara Okonkwo-Reid"),
        # a sentence-opening word that is not a name is left out
        ("Yesterday Oskar Lindqvist flew in.", "Oskar Lindqvist"),
        # a role noun in front is not part of the name
        ("Driver Thiago Nascimento picked up the order.", "Thiago Nascimento"),
        ("Can Reginald Börner call me back?", "Reginald Börner"),  # an everyday word first
        # a courtesy title, then capitalised words (no list needed)
        ("Reach out to Dr. Wanjiru Penhallow at the clinic.", "Wanjiru Penhallow"),
        ("Mrs Okwuosa called twice.", "Okwuosa"),
    ],
)
def test_people_from_the_dictionaries(text: str, expected: str) -> None:
    assert (PERSON, expected) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Will Smith and Mark Hall joined.",  # first names that are everyday words
        "We review the budget in May and Bill the client in June.",
        "Donations went to the Red Cross last year.",
        "We adopted a German Shepherd.",  # a nationality adjective, though `Germán` is a name
        "She lives at 1039 Washington Street now.",  # a street
        "Turn left into Jefferson Avenue.",
        "He works at the Washington Post.",  # `the` + name: a title or a company
        "An AS pattern matches an OR pattern.",  # acronyms
        "Patient seen in North Kendra today.",  # a place prefix opens no name
        "MS. Follow-up scheduled for Monday.",  # a state code, not `Ms.`
    ],
)
def test_no_person_where_the_words_are_not_a_name(text: str) -> None:
    assert not {kind for kind, _ in found(text)} & {PERSON}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our warehouse in Uppsala closes at six.", ["Uppsala"]),
        ("The depot near Tilburg was flooded.", ["Tilburg"]),
        ("Talk to the Graz office first.", ["Graz"]),
        ("Ship it to Des Moines, Iowa by Friday.", ["Des Moines", "Iowa"]),
        ("We are hiring in Nairobi, Lagos and Accra.", ["Nairobi", "Lagos", "Accra"]),
        ("Route: Bergen → Trondheim", ["Bergen", "Trondheim"]),
        ("name|city\nOla Berg|Uppsala", ["Uppsala"]),
        ("street,city,country\n4 Elm Road,Norwich,United Kingdom", ["Norwich", "United Kingdom"]),
        ("The office in Bogotá opened in 2019.", ["Bogotá"]),
        # a first-name-like place after `to` / `from` when travel or a person says so
        ("We are flying to Florence on Monday.", ["Florence"]),
        ("Hi, I am Ana Ruiz from Florence.", ["Florence"]),
        # towns named the English way, in context (`Charles` + `burgh`, `Lake` + a name)
        ("He is flying from Dianaburgh to Lake Jennifer.", ["Dianaburgh", "Lake Jennifer"]),
        ("Patient seen in North Kendra today.", ["North Kendra"]),
        ("I live in Smithton.", ["Smithton"]),
    ],
)
def test_places_from_the_dictionaries(text: str, expected: list[str]) -> None:
    places = [text[sp.start : sp.end] for sp in dictionary_spans(text) if sp.kind == LOCATION]
    assert places == expected


@pytest.mark.parametrize(
    "text",
    [
        "Reading in Reading is fun.",  # a place that is an everyday word
        "I sent it to Florence yesterday.",  # `to` + a first name: may be a person
        "A letter from Florence arrived.",
        "How many chips are in Lara's bag?",  # a possessive first name
        "Take the train to Farragut West station.",  # part of a longer name
        "The Oakland International Airport is busy.",
        "Used in ERP systems.",  # codes
        "Parameters Outside Normal Range",
        "Frameworks (Angular, React, Vite, etc.)",  # a list in a sentence is no table
        '{"brand": "Kawasaki", "sku": "A1"}',  # a quoted value under another key
        "Uppsala is lovely.",  # no locative context
        "A letter from Smithton arrived.",  # a town-shaped name after `from` needs travel
        "Meet Jackson in the lobby.",  # a bare name is a person's
        "It is under the Enterprise account.",  # `account` says nothing about a place
    ],
)
def test_no_place_without_context(text: str) -> None:
    assert not [sp for sp in dictionary_spans(text) if sp.kind == LOCATION]


def _model(text: str, kind: str, value: str, why: str = "") -> Span:
    start = text.index(value)
    return Span(kind, start, start + len(value), why or f"spaCy {kind[:3]}")


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # an unfamiliar name the model called an organization
        ("Assigned to Bea Castellanos; due Tuesday.", ("ORGANIZATION", "Bea Castellanos"),
         {(PERSON, "Bea Castellanos")}),
        ("Hello, I am Ana Ruiz from Coburg.", ("ORGANIZATION", "Coburg"),
         {(PERSON, "Ana Ruiz"), (LOCATION, "Coburg")}),
        ("Driver Thiago Nascimento picked up the order.",
         ("ORGANIZATION", "Driver Thiago Nascimento"), {(PERSON, "Thiago Nascimento")}),
        # part of a longer dictionary span, or one with an everyday word in front
        ("It goes to the Bielsko-Biała office.", ("PERSON", "Bielsko"),
         {(LOCATION, "Bielsko-Biała")}),
        ("Contact Astrid Rousseau for details.", ("LOCATION", "Contact Astrid Rousseau"),
         {(PERSON, "Astrid Rousseau")}),
        # a town the model called a person
        ("It was paid from the Rotterdam depot.", ("PERSON", "Rotterdam"),
         {(LOCATION, "Rotterdam")}),
        # a real organization around a place keeps its label
        ("Flights from Oakland International Airport", ("ORGANIZATION",
         "Oakland International Airport"), {(ORGANIZATION, "Oakland International Airport")}),
    ],
)  # fmt: skip
def test_model_spans_give_way_to_the_dictionaries(
    text: str, model: tuple[str, str], expected: set[tuple[str, str]]
) -> None:
    out = with_dictionaries(text, [_model(text, *model)])
    assert {(sp.kind, text[sp.start : sp.end]) for sp in out} == expected


def test_field_and_context_labels_are_not_relabelled() -> None:
    text = "It was paid from the Rotterdam depot."
    span = _model(text, PERSON, "Rotterdam", "field 'customer'")
    assert with_dictionaries(text, [span]) == [span]


def test_longer_place_keys_name_a_place() -> None:
    text = "Delivery address city: Cork"
    assert [(sp.kind, text[sp.start : sp.end]) for sp in field_spans(text)] == [(LOCATION, "Cork")]


def test_a_title_token_with_its_full_stop_is_not_pulled_into_the_name() -> None:
    text = "Reach out to Dr. Adaeze Nwosu today"
    toks = [Tok(text.index(w), text.index(w) + len(w), w, "PROPN") for w in
            ("Reach", "Dr.", "Adaeze", "Nwosu")]  # fmt: skip
    start = text.index("Adaeze")
    spans = model_spans(text, [Ent("PERSON", start, start + len("Adaeze Nwosu"))], toks)
    assert [text[sp.start : sp.end] for sp in spans] == ["Adaeze Nwosu"]
