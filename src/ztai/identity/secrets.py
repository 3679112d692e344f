"""Client secrets: 256-bit random, shown once, stored as a salted SHA-256 only.

A slow password hash is not needed: the secret is machine-generated with 256 bits of
entropy, so brute force is out of reach and a fast hash keeps token issuance cheap.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SECRET_PREFIX = "ztai_cs_"  # a recognisable prefix lets DLP and scanners spot leaks


def new_client_id() -> str:
    return f"ztai-{secrets.token_hex(12)}"


def new_client_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    salt = secrets.token_hex(16)
    digest = hmac.new(salt.encode(), secret.encode(), hashlib.sha256).hexdigest()
    return f"hmac-sha256${salt}${digest}"


def secret_matches(secret: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "hmac-sha256":
        return False
    candidate = hmac.new(salt.encode(), secret.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return hmac.compare_digest(candidate.hexdigest(), digest)
