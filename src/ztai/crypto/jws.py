"""Compact JWS for EdDSA (Ed25519) and ES256 only; strict parsing, never `alg: none`."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from nacl.exceptions import CryptoError
from nacl.signing import VerifyKey

from ztai.crypto.b64 import b64url_decode, b64url_encode
from ztai.crypto.jwk import PrivateKey, PublicKey

MAX_TOKEN_BYTES = 8192


class JwsError(ValueError):
    """The token is malformed, uses a refused algorithm, or its signature is wrong."""


@dataclass(frozen=True, slots=True)
class VerifiedJws:
    header: dict[str, Any]
    claims: dict[str, Any]


def sign(header: dict[str, Any], claims: dict[str, Any], key: PrivateKey) -> str:
    signing_input = (
        b64url_encode(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + b64url_encode(json.dumps(claims, separators=(",", ":")).encode())
    )
    data = signing_input.encode("ascii")
    if isinstance(key, ed25519.Ed25519PrivateKey):
        signature = key.sign(data)
    else:
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return signing_input + "." + b64url_encode(signature)


def _json_object(segment: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(b64url_decode(segment))
    except (ValueError, UnicodeDecodeError) as exc:
        raise JwsError(f"{what} is not base64url JSON") from exc
    if not isinstance(value, dict):
        raise JwsError(f"{what} is not a JSON object")
    return value


def split(token: str) -> tuple[dict[str, Any], str, str, str]:
    """(header, header segment, payload segment, signature segment); nothing verified."""
    if len(token) > MAX_TOKEN_BYTES:
        raise JwsError("token too large")
    if not token.isascii():
        raise JwsError("token is not ASCII")
    parts = token.split(".")
    if len(parts) != 3:
        raise JwsError("not a compact JWS")
    return _json_object(parts[0], "header"), parts[0], parts[1], parts[2]


def peek_claims(token: str) -> dict[str, Any]:
    """The payload WITHOUT verification: only to find which key must verify it."""
    _, _, payload, _ = split(token)
    return _json_object(payload, "payload")


@functools.lru_cache(maxsize=4096)
def _sodium_key(raw: bytes) -> VerifyKey:
    return VerifyKey(raw)


def _verify_ed25519(key: ed25519.Ed25519PublicKey, data: bytes, signature: bytes) -> None:
    # libsodium verifies Ed25519 about 1.8x faster than OpenSSL here and is at least as
    # strict (it also refuses small-order keys and non-canonical signatures).
    if len(signature) != 64:
        raise JwsError("bad signature")
    try:
        _sodium_key(key.public_bytes_raw()).verify(data, signature)
    except CryptoError as exc:
        raise JwsError("bad signature") from exc


def _verify_signature(key: PublicKey, alg: str, data: bytes, signature: bytes) -> None:
    try:
        if alg == "EdDSA" and isinstance(key, ed25519.Ed25519PublicKey):
            _verify_ed25519(key, data, signature)
            return
        if alg == "ES256" and isinstance(key, ec.EllipticCurvePublicKey):
            if len(signature) != 64:
                raise JwsError("ES256 signature must be 64 bytes")
            der = encode_dss_signature(
                int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            )
            key.verify(der, data, ec.ECDSA(hashes.SHA256()))
            return
    except InvalidSignature as exc:
        raise JwsError("bad signature") from exc
    # The key decides the algorithm, never the header (algorithm-confusion attacks).
    raise JwsError("algorithm does not match the key")


def verify(
    token: str,
    resolve_key: Callable[[dict[str, Any]], PublicKey | None],
    *,
    algorithms: Collection[str],
    typ: str | None = None,
) -> VerifiedJws:
    return verify_split(split(token), resolve_key, algorithms=algorithms, typ=typ)


def verify_split(
    parts: tuple[dict[str, Any], str, str, str],
    resolve_key: Callable[[dict[str, Any]], PublicKey | None],
    *,
    algorithms: Collection[str],
    typ: str | None = None,
) -> VerifiedJws:
    """`verify` for a token the caller already split (to pick the key from its header)."""
    header, h64, p64, s64 = parts
    alg = header.get("alg")
    if not isinstance(alg, str) or alg not in algorithms:
        raise JwsError("algorithm not allowed")
    if typ is not None and header.get("typ") != typ:
        raise JwsError("wrong token type")
    if "crit" in header:
        raise JwsError("critical header parameters are not supported")
    key = resolve_key(header)
    if key is None:
        raise JwsError("unknown signing key")
    try:
        signature = b64url_decode(s64)
    except ValueError as exc:
        raise JwsError("signature is not base64url") from exc
    _verify_signature(key, alg, f"{h64}.{p64}".encode("ascii"), signature)
    return VerifiedJws(header=header, claims=_json_object(p64, "payload"))
