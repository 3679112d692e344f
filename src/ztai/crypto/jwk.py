"""Public JWKs (Ed25519 and P-256 only): parse, validate, export, thumbprint."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from ztai.crypto.b64 import b64url_decode, b64url_encode

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey
PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey


class JwkError(ValueError):
    pass


def _member(jwk: dict[str, Any], name: str) -> str:
    value = jwk.get(name)
    if not isinstance(value, str) or not value:
        raise JwkError(f"JWK member {name!r} missing or not a string")
    return value


def public_key_from_jwk(jwk: object) -> tuple[PublicKey, str]:
    """(key, alg) for an Ed25519 (OKP) or P-256 (EC) public JWK; private members refused."""
    if not isinstance(jwk, dict):
        raise JwkError("JWK must be a JSON object")
    if "d" in jwk:
        raise JwkError("a private JWK was sent; register the public key only")
    kty = _member(jwk, "kty")
    try:
        if kty == "OKP":
            if _member(jwk, "crv") != "Ed25519":
                raise JwkError("OKP keys must use crv Ed25519")
            raw = b64url_decode(_member(jwk, "x"))
            if len(raw) != 32:
                raise JwkError("Ed25519 x must be 32 bytes")
            return ed25519.Ed25519PublicKey.from_public_bytes(raw), "EdDSA"
        if kty == "EC":
            if _member(jwk, "crv") != "P-256":
                raise JwkError("EC keys must use crv P-256")
            x = b64url_decode(_member(jwk, "x"))
            y = b64url_decode(_member(jwk, "y"))
            if len(x) != 32 or len(y) != 32:
                raise JwkError("P-256 coordinates must be 32 bytes")
            numbers = ec.EllipticCurvePublicNumbers(
                int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()
            )
            # public_key() checks the point is on the curve (invalid-curve attacks).
            return numbers.public_key(), "ES256"
    except ValueError as exc:
        raise JwkError(f"invalid JWK: {exc}") from exc
    raise JwkError("kty must be OKP (Ed25519) or EC (P-256)")


def jwk_from_public_key(key: PublicKey) -> dict[str, str]:
    if isinstance(key, ed25519.Ed25519PublicKey):
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(raw)}
    numbers = key.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url_encode(numbers.x.to_bytes(32, "big")),
        "y": b64url_encode(numbers.y.to_bytes(32, "big")),
    }


def thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638 JWK thumbprint (SHA-256), used as a stable `kid`."""
    required = ("crv", "kty", "x") if jwk["kty"] == "OKP" else ("crv", "kty", "x", "y")
    canonical = json.dumps({k: jwk[k] for k in required}, separators=(",", ":"), sort_keys=True)
    return b64url_encode(hashlib.sha256(canonical.encode()).digest())
