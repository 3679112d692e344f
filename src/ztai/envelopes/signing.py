"""Signing instruction envelopes (compact JWS, Ed25519 or ES256, type ztai-instruction+jwt)."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Sequence
from typing import Any

from ztai.crypto import jws
from ztai.crypto.jwk import PrivateKey

ENVELOPE_TYPE = "ztai-instruction+jwt"
MAX_TTL_SECONDS = 300


def envelope_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def sign_instruction(
    key: PrivateKey,
    kid: str,
    *,
    iss: str,
    aud: str,
    instruction: str,
    tools: Sequence[str] = (),
    actions: Sequence[str] = (),
    sub: str | None = None,
    txn: str | None = None,
    parent: str | None = None,
    data_refs: Sequence[str] = (),
    ttl_seconds: int = 120,
    now: float | None = None,
) -> str:
    """A compact JWS carrying one instruction from `iss` to exactly one `aud`.

    `parent` is the JWS this instruction was delegated under: the new scope must be a subset
    of the parent's, and the chain is verified link by link."""
    if not 0 < ttl_seconds <= MAX_TTL_SECONDS:
        raise ValueError(f"ttl_seconds must be in (0, {MAX_TTL_SECONDS}]")
    issued = int(time.time() if now is None else now)
    claims: dict[str, Any] = {
        "iss": iss,
        "aud": aud,
        "jti": f"env_{uuid.uuid4().hex}",
        "iat": issued,
        "nbf": issued,
        "exp": issued + ttl_seconds,
        "depth": 0,
        "scope": {"tools": list(tools), "actions": list(actions)},
        "instruction": instruction,
        "data_refs": list(data_refs),
    }
    if sub is not None:
        claims["sub"] = sub
    if parent is not None:
        parent_claims = jws.peek_claims(parent)
        claims["parent"] = {
            "id": parent_claims["jti"],
            "hash": envelope_hash(parent),
            "jws": parent,
        }
        claims["depth"] = int(parent_claims.get("depth", 0)) + 1
        claims["txn"] = parent_claims.get("txn") or txn or parent_claims["jti"]
    elif txn is not None:
        claims["txn"] = txn
    alg = "EdDSA" if key.__class__.__name__.startswith("Ed25519") else "ES256"
    return jws.sign({"alg": alg, "typ": ENVELOPE_TYPE, "kid": kid}, claims, key)
