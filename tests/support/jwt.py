"""Build client assertions and hostile tokens the way a client (or attacker) would."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from ztai.crypto import jws
from ztai.crypto.jwk import jwk_from_public_key

TOKEN_ENDPOINT = "http://127.0.0.1:8700/oauth2/token"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def raw_jwt(header: dict[str, Any], claims: dict[str, Any], signature: bytes = b"") -> str:
    return ".".join(
        [b64(json.dumps(header).encode()), b64(json.dumps(claims).encode()), b64(signature)]
    )


def new_key(kind: str) -> jws.PrivateKey:
    if kind == "EdDSA":
        return ed25519.Ed25519PrivateKey.generate()
    return ec.generate_private_key(ec.SECP256R1())


def public_jwk(key: jws.PrivateKey) -> dict[str, str]:
    return jwk_from_public_key(key.public_key())


def assertion(key: jws.PrivateKey, client_id: str, now: float, **overrides: Any) -> str:
    alg = "EdDSA" if isinstance(key, ed25519.Ed25519PrivateKey) else "ES256"
    claims: dict[str, Any] = {
        "iss": client_id,
        "sub": client_id,
        "aud": TOKEN_ENDPOINT,
        "iat": int(now),
        "exp": int(now) + 60,
        "jti": uuid.uuid4().hex,
    }
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jws.sign({"alg": alg, "typ": "JWT"}, claims, key)
