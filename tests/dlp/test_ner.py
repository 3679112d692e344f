"""Optional NER extra: name-shape filter and place joining always; the model only if installed."""

from __future__ import annotations

import importlib.util

import pytest

from ztai.dlp import DlpEngine
from ztai.dlp.errors import NerUnavailable
from ztai.dlp.gazetteer import load
from ztai.dlp.ner import DEFAULT_MODEL, PresidioNerRecognizer, join_places, plausible_name
from ztai.domain.finding import Finding


@pytest.mark.parametrize("value", ["Maria Gonzalez", "São Paulo", "Guinea-Bissau", "O'Neil"])
def test_names_and_places_pass_the_shape_filter(value: str) -> None:
    assert plausible_name(value)


@pytest.mark.parametrize(
    "value",
    ["range(55", "Merge c534fb7", "request_id=41ebc6c7", "AKIAXXXXXXXXXXXXXXXX", "lowercase", "x"],
)
def test_code_ids_and_hashes_fail_the_shape_filter(value: str) -> None:
    assert not plausible_name(value)


def _loc(text: str, part: str) -> Finding:
    start = text.index(part)
    return Finding("ner", "LOCATION", start, start + len(part), 0.85)


@pytest.mark.parametrize(
    ("text", "parts", "place"),
    [
        ("Visit us in Lyon, France next week", ["Lyon", "France"], "Lyon, France"),
        ("Office in Springfield, IL since 2019", ["Springfield"], "Springfield, IL"),
        ("Shipped to Guinea-Bissau today", ["Guinea"], "Guinea-Bissau"),
    ],
)
def test_places_written_with_comma_or_hyphen_become_one_location(
    text: str, parts: list[str], place: str
) -> None:
    joined = join_places(text, [_loc(text, p) for p in parts])
    assert [text[f.start : f.end] for f in joined] == [place]


def test_missing_model_fails_closed() -> None:
    # Without the extra this is the ImportError path; with it, the model lookup fails.
    with pytest.raises(NerUnavailable):
        PresidioNerRecognizer(model="no_such_spacy_model_installed")


_EXTRA = importlib.util.find_spec("presidio_analyzer") is not None and (
    importlib.util.find_spec(DEFAULT_MODEL) is not None
)


@pytest.mark.skipif(not _EXTRA, reason="the optional 'ner' extra is not installed")
def test_ner_extra_finds_people_and_places_next_to_pattern_findings() -> None:
    engine = DlpEngine(ner=PresidioNerRecognizer())
    text = "Please ask Maria Gonzalez in Lyon, France to rotate key AKIAQ7WM2ZRX9KLP4TVB."
    kinds = {(f.kind, text[f.start : f.end]) for f in engine.analyze(text)}
    assert ("PERSON", "Maria Gonzalez") in kinds
    assert ("LOCATION", "Lyon, France") in kinds
    assert ("SECRET_AWS_ACCESS_KEY", "AKIAQ7WM2ZRX9KLP4TVB") in kinds


@pytest.mark.skipif(not _EXTRA, reason="the optional 'ner' extra is not installed")
def test_ner_extra_reads_names_from_mail_headers_and_records() -> None:
    recognizer = PresidioNerRecognizer()
    text = 'From Ingrid Solvang <is@example.org>\n{"customer": "Tomasz Wierzba", "city": "Lodz"}'
    kinds = {(f.kind, text[f.start : f.end]) for f in recognizer.analyze(text)}
    assert ("PERSON", "Ingrid Solvang") in kinds
    assert ("PERSON", "Tomasz Wierzba") in kinds
    assert ("LOCATION", "Lodz") in kinds


@pytest.mark.skipif(not _EXTRA, reason="the optional 'ner' extra is not installed")
def test_ner_extra_uses_the_name_and_place_dictionaries() -> None:
    load.cache_clear()
    recognizer = PresidioNerRecognizer()
    assert load.cache_info().currsize == 1  # loaded at start-up, not on the first request
    text = "Assigned to Bea Castellanos; the warehouse in Uppsala closes at six."
    kinds = {(f.kind, text[f.start : f.end]) for f in recognizer.analyze(text)}
    assert ("PERSON", "Bea Castellanos") in kinds
    assert ("LOCATION", "Uppsala") in kinds
    plain = PresidioNerRecognizer(dictionaries=False)
    assert ("PERSON", "Bea Castellanos") not in {
        (f.kind, text[f.start : f.end]) for f in plain.analyze(text)
    }
