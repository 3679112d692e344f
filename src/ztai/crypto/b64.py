"""Strict unpadded base64url (RFC 7515 §2): anything non-canonical is rejected."""

from __future__ import annotations

import base64
import binascii

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}
_TO_STANDARD = bytes.maketrans(b"-_", b"+/")


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    # Hot path of every token and envelope check, so no decode-and-re-encode round trip:
    # strict decoding refuses foreign characters, and the tail test below refuses the
    # non-canonical encodings (unused trailing bits set) — one token, one byte string.
    rest = len(text) % 4
    # "+", "/" and "=" belong to standard base64, which strict decoding would accept.
    if rest == 1 or not text.isascii() or "+" in text or "/" in text or "=" in text:
        raise ValueError("not base64url")
    if rest and _INDEX.get(text[-1], 0) & (0x0F if rest == 2 else 0x03):
        raise ValueError("non-canonical base64url")
    try:
        return binascii.a2b_base64(
            (text + "=" * (-len(text) % 4)).encode("ascii").translate(_TO_STANDARD),
            strict_mode=True,
        )
    except binascii.Error as exc:
        raise ValueError("not base64url") from exc
