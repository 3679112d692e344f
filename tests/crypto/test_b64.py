"""Strict base64url: the fast decoder accepts exactly the canonical unpadded encodings."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ztai.crypto.b64 import b64url_decode, b64url_encode


def reference(text: str) -> bytes | None:
    """Slow but obviously right: decode leniently, then demand the round trip."""
    if len(text) % 4 == 1 or not set(text) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    ):
        return None
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    return data if b64url_encode(data) == text else None


def decoded(text: str) -> bytes | None:
    try:
        return b64url_decode(text)
    except ValueError:
        return None


@settings(max_examples=800)
@given(st.text(alphabet="AQgwBa09-_+/= \n\x00é", max_size=14))
def test_agrees_with_the_reference_on_arbitrary_text(text: str) -> None:
    assert decoded(text) == reference(text)


@settings(max_examples=120)
@given(st.binary(max_size=40))
def test_round_trip_and_every_one_character_change(data: bytes) -> None:
    text = b64url_encode(data)
    assert b64url_decode(text) == data
    for i in range(len(text)):
        for c in "AB_-=+/ ":
            changed = text[:i] + c + text[i + 1 :]
            assert decoded(changed) == reference(changed)


@pytest.mark.parametrize(
    "text", ["A", "AB", "AAB", "AA==", "AA=", "A+A/", " AAA", "AAA\n", "AAAAA", "\u00e9AAA"]
)
def test_refused(text: str) -> None:
    with pytest.raises(ValueError):
        b64url_decode(text)
