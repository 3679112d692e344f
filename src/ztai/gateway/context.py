"""GatewayContext: everything the data-plane routes need, wired by bootstrap."""

from __future__ import annotations

from dataclasses import dataclass

from ztai.audit.log import AuditLog
from ztai.config.settings import GatewaySettings
from ztai.crypto.keyring import KeyRing
from ztai.dlp import DlpEngine
from ztai.envelopes import EnvelopeVerifier
from ztai.gateway.llm.inspect import Inspector
from ztai.gateway.llm.limits import RateLimiter
from ztai.gateway.llm.upstream import UpstreamClient, UpstreamRegistry
from ztai.gateway.mcp.server import McpGateway
from ztai.gateway.metrics import Metrics
from ztai.gateway.tracing import Tracing
from ztai.identity.issuer import IssuerConfig, TokenIssuer
from ztai.identity.verifier import TokenVerifier
from ztai.identity.view import IdentityView
from ztai.policy.decider import DecisionService
from ztai.shield import PromptShield


@dataclass(frozen=True, slots=True)
class LlmContext:
    settings: GatewaySettings
    upstreams: UpstreamRegistry
    client: UpstreamClient
    tracing: Tracing
    inspector: Inspector
    decisions: DecisionService
    limiter: RateLimiter
    audit: AuditLog
    metrics: Metrics
    dlp: DlpEngine
    max_body_bytes: int


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
    llm: LlmContext | None = None
    envelopes: EnvelopeVerifier | None = None
    mcp: McpGateway | None = None
    metrics: Metrics | None = None
