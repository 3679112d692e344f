"""Credential: one way for exactly one agent to prove who it is."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class CredentialType(StrEnum):
    CLIENT_SECRET = "client_secret"
    PRIVATE_KEY_JWT = "private_key_jwt"


@dataclass(frozen=True, slots=True)
class Credential:
    id: str
    agent_id: str
    client_id: str
    type: CredentialType
    created_at: str
    secret_hash: str | None = None
    jwk: dict[str, Any] | None = None
    revoked_at: str | None = None

    def to_public(self) -> dict[str, object]:
        """What an admin may see: never the secret hash."""
        out: dict[str, object] = {
            "credential_id": self.id,
            "client_id": self.client_id,
            "type": self.type.value,
            "created_at": self.created_at,
            "revoked_at": self.revoked_at,
        }
        if self.jwk is not None:
            out["jwk"] = self.jwk
        return out
