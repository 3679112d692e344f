"""Settings tree: YAML file + environment, validated, unknown keys rejected."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from ztai.errors import ZtaiError


class ConfigError(ZtaiError):
    code = "config.invalid"
    title = "Invalid configuration"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UpstreamSettings(_Strict):
    name: str
    base_url: str
    api_key_env: str | None = None
    trust: Literal["local", "approved", "external"] = "external"
    models: tuple[str, ...] = ()
    # The most sensitive label this upstream may see; default by trust (see gateway docs).
    max_label: str | None = None


class IdentitySettings(_Strict):
    issuer: str = "http://127.0.0.1:8700"
    audience: str = "ztai-gateway"
    # ARCHITECTURE: agent tokens live at most 15 minutes.
    token_ttl_seconds: int = Field(default=600, ge=30, le=900)
    assertion_max_lifetime_seconds: int = Field(default=300, ge=10, le=900)
    clock_skew_seconds: int = Field(default=30, ge=0, le=120)
    # A revocation must take effect within 1 s (G5): poll at least this often...
    sync_interval_seconds: float = Field(default=0.2, gt=0, le=0.5)
    # ...and refuse every token if the view of revocations is older than this.
    max_staleness_seconds: float = Field(default=1.0, gt=0, le=5)
    verified_token_cache_size: int = Field(default=100_000, ge=0)


class AuditSettings(_Strict):
    checkpoint_every_records: int = Field(default=1000, ge=1)
    checkpoint_every_seconds: float = Field(default=5.0, gt=0)
    max_batch: int = Field(default=512, ge=1, le=10_000)


class LimitSettings(_Strict):
    requests_per_minute: int = Field(default=600, ge=1)
    tokens_per_minute: int = Field(default=200_000, ge=1)
    tokens_per_day: int = Field(default=5_000_000, ge=1)


class TracingSettings(_Strict):
    # OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318); empty: no traces.
    otlp_endpoint: str = ""
    service_name: str = "ztai-gateway"
    sample_ratio: float = Field(default=1.0, ge=0, le=1)


class McpTierSettings(_Strict):
    """Defaults for every tool of one catalog tier; a tool's own settings win."""

    calls_per_minute: int = Field(default=120, ge=1)
    calls_per_day: int = Field(default=20_000, ge=1)
    # The most sensitive argument label the tier's tools may receive; None: any label.
    max_label: str | None = None
    # 0: a call needing approval is answered `approval.pending` at once; N: held up to N s.
    approval_wait_seconds: int = Field(default=0, ge=0, le=600)


# The tier defaults: external tools get stricter limits and General data only.
_EXTERNAL_DEFAULTS: dict[str, Any] = {
    "calls_per_minute": 30,
    "calls_per_day": 2_000,
    "max_label": "General",
}


class McpSettings(_Strict):
    vendor: McpTierSettings = McpTierSettings()
    internal: McpTierSettings = McpTierSettings()
    external: McpTierSettings = McpTierSettings(**_EXTERNAL_DEFAULTS)

    @model_validator(mode="before")
    @classmethod
    def _external_keeps_its_defaults(cls, value: Any) -> Any:
        # Setting one external key must not silently relax the others to the lenient
        # defaults of the other tiers.
        if isinstance(value, dict) and isinstance(value.get("external"), dict):
            value = {**value, "external": {**_EXTERNAL_DEFAULTS, **value["external"]}}
        return value

    def tier(self, name: str) -> McpTierSettings:
        # An unknown tier gets the strictest defaults (fail closed).
        return {"vendor": self.vendor, "internal": self.internal}.get(name, self.external)


class WebhookSettings(_Strict):
    urls: tuple[str, ...] = ()
    # HMAC-SHA256 key; unset: DIR/webhook-secret (created with mode 0600 on first start).
    secret: str | None = None
    timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    attempts: int = Field(default=4, ge=1, le=10)
    backoff_seconds: float = Field(default=0.5, ge=0, le=60)
    preview_chars: int = Field(default=160, ge=0, le=2000)

    @field_validator("urls")
    @classmethod
    def _http(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for url in value:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"webhook URL {url!r} must be http(s)")
        return value


class ApprovalSettings(_Strict):
    ttl_seconds: int = Field(default=900, ge=10, le=86_400)
    # Held calls one agent may have waiting at once; beyond it calls get `approval.pending`.
    max_held_per_agent: int = Field(default=4, ge=0, le=1000)
    # How often held calls re-read their approvals when no wake-up arrived (another replica
    # decided without Redis, or a lost pub/sub message). Only while calls are held.
    recheck_seconds: float = Field(default=1.0, gt=0, le=30)
    # How often undecided approvals past their time are marked expired (and announced).
    sweep_seconds: float = Field(default=30.0, gt=0, le=3600)
    webhooks: WebhookSettings = WebhookSettings()


class GatewaySettings(_Strict):
    # The shield / DLP service endpoints: "optional" serves callers without a token (as
    # Azure and Presidio clients expect) but checks any token sent; "required" refuses them.
    detector_auth: Literal["optional", "required"] = "optional"
    upstream_timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    # Large prompts are inspected off the event loop; past this deadline the request is
    # refused (the detectors are linear-time, so only a fault gets here).
    detector_timeout_seconds: float = Field(default=5.0, gt=0, le=120)
    # Upstream MCP servers: a tools/call (or tools/list) answer, and connecting a session
    # (for a stdio server: starting its process and the initialize handshake).
    mcp_call_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    mcp_connect_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    # What a prompt attack does: refuse the request, or pass it and record the detection.
    shield: Literal["block", "audit"] = "block"
    # How tool results and other untrusted content are marked before the model sees them.
    spotlight: Literal["datamark", "delimit", "encode", "off"] = "datamark"
    # Credentials in a prompt: refuse, or replace them with typed placeholders.
    secrets: Literal["block", "redact"] = "block"
    # A prompt more sensitive than the upstream may see: pseudonymize, re-route, or refuse.
    privacy: Literal["pseudonymize", "route_local", "block"] = "pseudonymize"
    # Image, audio and file parts, which no detector reads: forward them (recorded in the
    # audit record and in `context.unscanned_parts` for policy), or refuse the request.
    media: Literal["forward", "block"] = "forward"
    aliases: dict[str, str] = Field(default_factory=dict)
    limits: LimitSettings = LimitSettings()
    # Per-agent overrides by agent name.
    agent_limits: dict[str, LimitSettings] = Field(default_factory=dict)
    # Output scanning holds back this many characters of a stream (a secret split
    # across chunks is still caught, without buffering whole answers).
    stream_holdback_chars: int = Field(default=256, ge=32, le=8192)
    tracing: TracingSettings = TracingSettings()
    mcp: McpSettings = McpSettings()


class PolicySettings(_Strict):
    # Sensitivity labels, lowest first: a data source's label and an agent's clearance.
    labels: tuple[str, ...] = ("Public", "General", "Confidential", "Highly Confidential")
    # Extra tool-argument attributes policies may test (name → Cedar type).
    arguments: dict[str, str] = Field(default_factory=dict)
    # A grant without an expiry that reaches data labelled above this is flagged (lint).
    open_grant_max_label: str = "General"

    @field_validator("labels")
    @classmethod
    def _distinct(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) < 2 or len(set(value)) != len(value):
            raise ValueError("need at least two distinct labels")
        return value


class HttpSettings(_Strict):
    max_body_bytes: int = Field(default=1_048_576, ge=1024)


class Settings(_Strict):
    data_dir: Path = Path(".ztai")
    database_url: str = ""
    redis_url: str | None = None
    admin_token: str | None = None
    master_key: str | None = None
    host: str = "127.0.0.1"
    gateway_port: int = Field(default=8700, ge=0, le=65535)
    control_port: int = Field(default=8701, ge=0, le=65535)
    # Process logs: readable lines, or one JSON object per line for a log pipeline.
    log_format: Literal["text", "json"] = "text"
    identity: IdentitySettings = IdentitySettings()
    audit: AuditSettings = AuditSettings()
    http: HttpSettings = HttpSettings()
    policy: PolicySettings = PolicySettings()
    gateway: GatewaySettings = GatewaySettings()
    approvals: ApprovalSettings = ApprovalSettings()
    upstreams: tuple[UpstreamSettings, ...] = ()

    @field_validator("database_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        if value and not value.startswith(("sqlite:///", "postgresql://", "postgres://")):
            raise ValueError("must start with sqlite:/// or postgresql://")
        return value

    @model_validator(mode="after")
    def _known_tier_labels(self) -> Settings:
        mcp = self.gateway.mcp
        for name, tier in (
            ("vendor", mcp.vendor),
            ("internal", mcp.internal),
            ("external", mcp.external),
        ):
            if tier.max_label is not None and tier.max_label not in self.policy.labels:
                raise ValueError(
                    f"gateway.mcp.{name}.max_label {tier.max_label!r} is not one of policy.labels"
                )
        return self

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'ztai.db'}"


# Environment variables the contract names, mapped onto the settings tree.
_ENV_KEYS = {
    "ZTAI_DATABASE_URL": "database_url",
    "ZTAI_REDIS_URL": "redis_url",
    "ZTAI_ADMIN_TOKEN": "admin_token",
    "ZTAI_MASTER_KEY": "master_key",
    "ZTAI_DATA_DIR": "data_dir",
    "ZTAI_LOG_FORMAT": "log_format",
}


def load_settings(
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """File < environment < explicit overrides (command-line flags). Raises ConfigError."""
    raw: dict[str, Any] = {}
    if config_file is not None:
        try:
            loaded = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read config file {config_file}: {exc}") from exc
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise ConfigError(f"config file {config_file} must hold a mapping at the top level")
        raw.update(loaded)
    env = os.environ if environ is None else environ
    for env_key, field in _ENV_KEYS.items():
        if env.get(env_key):
            raw[field] = env[env_key]
    for key, value in (overrides or {}).items():
        if value is not None:
            raw[key] = value
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"invalid configuration: {problems}") from exc
