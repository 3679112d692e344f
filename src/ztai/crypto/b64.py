"""Strict unpadded base64url (RFC 7515 §2): anything non-canonical is rejected."""

from __future__ import annotations

import base64
import binascii

_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    if len(text) % 4 == 1 or not _ALPHABET.issuperset(text):
        raise ValueError("not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as exc:
        raise ValueError("not base64url") from exc
    # Reject non-canonical encodings (trailing bits set): one token, one byte string.
    if b64url_encode(data) != text:
        raise ValueError("non-canonical base64url")
    return data
