"""ControlContext: what control-plane routes need, wired by bootstrap."""

from __future__ import annotations

from dataclasses import dataclass

from ztai.audit.log import AuditLog
from ztai.crypto.keyring import KeyRing
from ztai.identity.credentials import CredentialService
from ztai.identity.view import IdentityView
from ztai.registry.service import RegistryService


@dataclass(frozen=True, slots=True)
class ControlContext:
    admin_token: str
    registry: RegistryService
    credentials: CredentialService
    audit: AuditLog
    token_keys: KeyRing
    view: IdentityView
    token_overlap_seconds: int
    max_body_bytes: int
