"""Sealer: AES-256-GCM under the master key for private keys and other stored secrets."""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ztai.crypto.b64 import b64url_decode, b64url_encode


class SealError(ValueError):
    """The sealed value was altered, or sealed under another key."""


class Sealer:
    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ValueError("master key must be 32 bytes")
        self._aead = AESGCM(master_key)

    def seal(self, plaintext: bytes, *, context: str) -> str:
        nonce = os.urandom(12)
        return b64url_encode(nonce + self._aead.encrypt(nonce, plaintext, context.encode()))

    def unseal(self, sealed: str, *, context: str) -> bytes:
        try:
            raw = b64url_decode(sealed)
            return self._aead.decrypt(raw[:12], raw[12:], context.encode())
        except (ValueError, InvalidTag) as exc:
            raise SealError("sealed value cannot be opened") from exc
