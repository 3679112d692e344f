"""GatewayContext: everything the data-plane routes need, wired by bootstrap."""

from __future__ import annotations

from dataclasses import dataclass

from ztai.audit.log import AuditLog
from ztai.crypto.keyring import KeyRing
from ztai.dlp import DlpEngine
from ztai.identity.issuer import IssuerConfig, TokenIssuer
from ztai.identity.verifier import TokenVerifier
from ztai.identity.view import IdentityView
from ztai.shield import PromptShield


@dataclass(frozen=True, slots=True)
class GatewayContext:
    issuer_config: IssuerConfig
    issuer: TokenIssuer
    verifier: TokenVerifier
    view: IdentityView
    token_keys: KeyRing
    audit: AuditLog
    max_body_bytes: int
    shield: PromptShield
    dlp: DlpEngine
    detector_auth: str = "optional"
