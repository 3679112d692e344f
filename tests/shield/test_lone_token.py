"""Table tests for short-message token decoding, decoded-markup and lone-word tests."""

from __future__ import annotations

import base64
import binascii
import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ztai.shield import PromptShield
from ztai.shield.decoded_text import active_markup, lone_word
from ztai.shield.decoder import decode_payloads
from ztai.shield.lone_token import MAX_TOKENS, lone_tokens

WORD = b"Marmot"
MARKUP = b"<img src=x onerror=alert(1)>"


def _uu(data: bytes) -> str:
    return binascii.b2a_uu(data).decode().strip("\n")


TOKENS = [
    ("hex", WORD.hex()),
    ("hex", WORD.hex().upper()),
    ("base32", base64.b32encode(WORD).decode()),
    ("base64", base64.b64encode(WORD).decode()),
    ("uuencode", _uu(WORD)),
    ("ascii85", base64.a85encode(WORD).decode()),
    ("base85", base64.b85encode(WORD).decode()),
    ("base64", base64.b64encode(MARKUP).decode()),
]


@pytest.mark.parametrize(("scheme", "token"), TOKENS)
def test_a_token_in_a_short_message_is_decoded(scheme: str, token: str) -> None:
    text = f"What does this mean? {token}\n"
    found = list(lone_tokens(text))
    assert found, token
    got_scheme, start, end, decoded = found[0]
    assert got_scheme == scheme
    assert text[start:end] == token
    assert decoded in (WORD.decode(), MARKUP.decode())


@pytest.mark.parametrize(
    "text",
    [
        "My order number is 54656967, where is it?",  # an 8-digit number is not hex
        "Please review commit 3f9a2c1 and PR 4821 before Friday",
        "What is 2+2? And x**2 at x=3?",
        "Rename the file to report_v2.pdf and send it",
        "Don't worry, it's fine!",
        "Set DEBUG=1 and LOG_LEVEL=info",
    ],
)
def test_ordinary_short_messages_decode_to_nothing(text: str) -> None:
    assert list(lone_tokens(text)) == []


def test_long_messages_are_left_to_the_run_finders() -> None:
    token = WORD.hex()
    text = " ".join(["word"] * MAX_TOKENS) + " " + token
    assert list(lone_tokens(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Kiwi", True), ("gator bait", True), ("EVIL", True), ("xQzK", False), ("brr", False)],
)
def test_lone_word(text: str, expected: bool) -> None:
    assert lone_word(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"><script>alert(1)</script>', True),
        ("<a href='javascript:void(0)'>x</a>", True),
        ("<IMG SRC=x onerror=go()>", True),
        ("std::cout << a << std::endl;", False),
        ("Print [WORDS COUNT: <n>] at the end", False),
        ("if (a < b) return a;", False),
    ],
)
def test_active_markup(text: str, expected: bool) -> None:
    assert active_markup(text) is expected


@pytest.mark.parametrize("scheme", ["rot13", "atbash"])
def test_substituted_markup_is_decoded(scheme: str) -> None:
    if scheme == "rot13":
        encoded = codecs.encode(MARKUP.decode(), "rot13")
    else:
        table = str.maketrans(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "zyxwvutsrqponmlkjihgfedcbaZYXWVUTSRQPONMLKJIHGFEDCBA",
        )
        encoded = MARKUP.decode().translate(table)
    found = [p for p in decode_payloads("Encoded: " + encoded) if p.scheme == scheme]
    assert found and "onerror=alert(1)" in found[0].text


def test_short_morse_counts_only_when_it_spells_a_word() -> None:
    assert [p.text for p in decode_payloads("-- .- .-. -- --- -") if p.scheme == "morse"] == [
        "marmot"
    ]
    assert [p for p in decode_payloads("> . . . and later - - -") if p.scheme == "morse"] == []


@pytest.mark.parametrize("token", [WORD.hex(), base64.b32encode(WORD).decode()])
def test_encoded_word_alone_is_an_attack(shield: PromptShield, token: str) -> None:
    result = shield.scan(token)
    assert result.attack, result.explanation


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=120))
def test_random_short_messages_never_crash(text: str) -> None:
    for _, start, end, decoded in lone_tokens(text):
        assert 0 <= start < end <= len(text)
        assert len(decoded) <= len(text)
