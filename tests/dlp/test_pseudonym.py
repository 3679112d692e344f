"""Reversible pseudonymization: stable placeholders, sealed mapping, (streamed) rehydration."""

from __future__ import annotations

import base64
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ztai.dlp import (
    DlpConfigError,
    DlpEngine,
    Pseudonymizer,
    SealedMappingError,
    StreamRehydrator,
    rehydrate,
)
from ztai.dlp.pseudonym import MAX_PLACEHOLDER

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
TEXT = "Mail bob@acme.com, then bob@acme.com again, and eve@acme.com. SSN 123-45-6788."


@pytest.fixture
def sealed(engine: DlpEngine) -> tuple[str, str]:
    p = Pseudonymizer(KEY, context="conv-1")
    result = p.pseudonymize(TEXT, engine.analyze(TEXT))
    return result.text, result.sealed_mapping


def test_stable_typed_placeholders(sealed: tuple[str, str]) -> None:
    text, _ = sealed
    assert text == (
        "Mail <EMAIL_ADDRESS_1>, then <EMAIL_ADDRESS_1> again, and <EMAIL_ADDRESS_2>. "
        "SSN <US_SSN_1>."
    )


def test_placeholders_stable_across_turns(engine: DlpEngine) -> None:
    p = Pseudonymizer(KEY)
    first = p.pseudonymize("to eve@acme.com", engine.analyze("to eve@acme.com"))
    second = p.pseudonymize(
        "cc bob@acme.com, eve@acme.com", engine.analyze("cc bob@acme.com, eve@acme.com")
    )
    assert first.text == "to <EMAIL_ADDRESS_1>"
    assert second.text == "cc <EMAIL_ADDRESS_2>, <EMAIL_ADDRESS_1>"
    assert rehydrate("<EMAIL_ADDRESS_1>", second.sealed_mapping, KEY) == "eve@acme.com"


def test_round_trip(sealed: tuple[str, str]) -> None:
    text, mapping = sealed
    assert rehydrate(text, mapping, KEY, context="conv-1") == TEXT


def test_mapping_is_not_readable_and_repr_hides_values(engine: DlpEngine) -> None:
    p = Pseudonymizer(KEY)
    result = p.pseudonymize(TEXT, engine.analyze(TEXT))
    assert "bob@acme.com" not in result.sealed_mapping
    assert "bob@acme.com" not in repr(p)
    assert "bob" not in repr(result).replace(result.text, "")


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 11, 64, 1000])
def test_streamed_rehydration(sealed: tuple[str, str], chunk: int) -> None:
    text, mapping = sealed
    stream = StreamRehydrator(mapping, KEY, context="conv-1")
    out = []
    for i in range(0, len(text), chunk):
        out.append(stream.feed(text[i : i + chunk]))
        assert stream.pending < MAX_PLACEHOLDER
    out.append(stream.flush())
    assert "".join(out) == TEXT


def test_stream_releases_non_placeholders_promptly(sealed: tuple[str, str]) -> None:
    _, mapping = sealed
    stream = StreamRehydrator(mapping, KEY, context="conv-1")
    assert stream.feed("a < b and <EMAIL") == "a < b and "
    assert stream.feed("_ADDRESS_1> ok") == "bob@acme.com ok"
    assert stream.feed("<not a placeholder") == "<not a placeholder"
    assert stream.flush() == ""


def test_unknown_placeholder_left_alone(sealed: tuple[str, str]) -> None:
    _, mapping = sealed
    assert rehydrate("<PERSON_9> and <EMAIL_ADDRESS_1>", mapping, KEY, context="conv-1") == (
        "<PERSON_9> and bob@acme.com"
    )


def _flip(token: str, index: int) -> str:
    version, body = token.split(".", 1)
    raw = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw[index] ^= 0x01
    return version + "." + base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")


@pytest.mark.parametrize("index", [0, 5, 12, 20, -1])
def test_tampered_mapping_rejected(sealed: tuple[str, str], index: int) -> None:
    text, mapping = sealed
    with pytest.raises(SealedMappingError):
        rehydrate(text, _flip(mapping, index), KEY, context="conv-1")


@pytest.mark.parametrize(
    ("mapping_edit", "key", "context"),
    [
        (lambda m: m, OTHER_KEY, "conv-1"),
        (lambda m: m, KEY, "conv-2"),
        (lambda m: m[:20], KEY, "conv-1"),
        (lambda m: "v2." + m[3:], KEY, "conv-1"),
        (lambda m: "garbage", KEY, "conv-1"),
        (lambda m: "v1.!!!", KEY, "conv-1"),
    ],
)
def test_wrong_key_context_or_format_rejected(
    sealed: tuple[str, str], mapping_edit: object, key: bytes, context: str
) -> None:
    text, mapping = sealed
    with pytest.raises(SealedMappingError):
        rehydrate(text, mapping_edit(mapping), key, context=context)  # type: ignore[operator]
    with pytest.raises(SealedMappingError):
        StreamRehydrator(mapping_edit(mapping), key, context=context)  # type: ignore[operator]


def test_bad_key_size_rejected() -> None:
    with pytest.raises(DlpConfigError):
        Pseudonymizer(b"short")


@settings(max_examples=40, deadline=None)
@given(
    prefix=st.text(max_size=40),
    suffix=st.text(max_size=40),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=8),
)
def test_streaming_equals_whole(prefix: str, suffix: str, cuts: list[int]) -> None:
    p = Pseudonymizer(KEY)
    name = p.placeholder("PERSON", "Ada Lovelace")
    mapping = p.sealed_mapping()
    response = f"{prefix}{name}{suffix}<{name}"
    expected = rehydrate(response, mapping, KEY)
    stream = StreamRehydrator(mapping, KEY)
    points = sorted({min(c, len(response)) for c in cuts} | {0, len(response)})
    got = "".join(stream.feed(response[a:b]) for a, b in itertools.pairwise(points))
    assert got + stream.flush() == expected


def test_originals_go_into_json_strings_escaped() -> None:
    """Tool-call arguments are JSON: an original with a quote or backslash must stay inside
    its string, whole or streamed in fragments."""
    import json

    from ztai.domain.finding import Finding

    text = 'Name: Ann "Nan" O\\Brien.'
    start = text.index("Ann")
    finding = Finding(detector="test", kind="PERSON", start=start, end=text.index("."), score=0.9)
    result = Pseudonymizer(KEY).pseudonymize(text, [finding])
    assert result.text == "Name: <PERSON_1>."
    arguments = json.dumps({"who": result.text.split(": ")[1]})
    restored = rehydrate(arguments, result.sealed_mapping, KEY, json_string=True)
    assert json.loads(restored) == {"who": 'Ann "Nan" O\\Brien.'}
    rehydrator = StreamRehydrator(result.sealed_mapping, KEY, json_string=True)
    pieces = [rehydrator.feed(arguments[i : i + 5]) for i in range(0, len(arguments), 5)]
    assert json.loads("".join(pieces) + rehydrator.flush()) == json.loads(restored)
