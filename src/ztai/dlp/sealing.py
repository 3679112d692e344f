"""Sealed mappings: AES-256-GCM over the placeholder → original table, bound to a context."""

from __future__ import annotations

import base64
import binascii
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import DlpConfigError, SealedMappingError

_VERSION = "v1"
_NONCE_BYTES = 12
# The associated data binds a sealed mapping to its purpose and conversation, so a mapping
# sealed for one conversation cannot be replayed into another with the same key.
_AAD_PREFIX = b"ztai.dlp.mapping.v1\x00"


def check_key(key: bytes) -> None:
    if not isinstance(key, bytes | bytearray) or len(key) not in (16, 24, 32):
        raise DlpConfigError("pseudonymization key must be 16, 24 or 32 bytes (AES-GCM)")


def _aad(context: str) -> bytes:
    return _AAD_PREFIX + context.encode("utf-8", "surrogatepass")


def seal(mapping: dict[str, str], key: bytes, context: str = "") -> str:
    """`v1.<base64url(nonce ‖ ciphertext ‖ tag)>`; a fresh random nonce per seal."""
    check_key(key)
    plaintext = json.dumps(mapping, ensure_ascii=True, sort_keys=True).encode("ascii")
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(bytes(key)).encrypt(nonce, plaintext, _aad(context))
    return f"{_VERSION}." + base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")


def unseal(token: str, key: bytes, context: str = "") -> dict[str, str]:
    """The mapping, or `SealedMappingError` if the token was altered, truncated or mis-keyed."""
    check_key(key)
    version, _, body = token.partition(".") if isinstance(token, str) else ("", "", "")
    if version != _VERSION or not body:
        raise SealedMappingError("sealed mapping has an unknown format")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (ValueError, binascii.Error):
        raise SealedMappingError("sealed mapping is not valid base64url") from None
    if len(raw) <= _NONCE_BYTES + 16:
        raise SealedMappingError("sealed mapping is truncated")
    try:
        plaintext = AESGCM(bytes(key)).decrypt(
            raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], _aad(context)
        )
    except InvalidTag:
        raise SealedMappingError("sealed mapping failed authentication") from None
    mapping = json.loads(plaintext)
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise SealedMappingError("sealed mapping has an unexpected shape")
    return mapping
