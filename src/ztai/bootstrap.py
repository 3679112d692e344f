"""Composition root: settings → services → the two ASGI apps. The only place that wires."""

from __future__ import annotations

import contextlib
import functools
import logging
from dataclasses import dataclass

from redis.asyncio import Redis
from starlette.types import ASGIApp

from ztai.approvals.service import ApprovalService
from ztai.approvals.webhooks import WebhookNotifier
from ztai.audit.log import AuditLog
from ztai.catalog.definitions import McpToolSource, ToolSource
from ztai.catalog.service import CatalogService
from ztai.catalog.sessions import McpSessions
from ztai.config import Settings
from ztai.config.datadir import admin_token, master_key, webhook_secret
from ztai.config.settings import ConfigError
from ztai.config.upstream_keys import upstream_keys
from ztai.control.app import create_control_app
from ztai.control.context import ControlContext
from ztai.crypto.keyring import KeyRing
from ztai.crypto.sealing import Sealer
from ztai.dlp import DlpEngine
from ztai.dlp.classification import Classifier
from ztai.dlp.label import LabelPolicy
from ztai.domain.clock import Clock, system_clock
from ztai.domain.decision import AuthzRequest, EntityRef
from ztai.envelopes import EnvelopeVerifier
from ztai.errors import ZtaiError
from ztai.gateway.app import create_gateway_app
from ztai.gateway.context import GatewayContext, LlmContext
from ztai.gateway.llm.inspect import Inspector
from ztai.gateway.llm.limits import MemoryRateLimiter, RateLimiter, RedisRateLimiter
from ztai.gateway.llm.upstream import UpstreamClient, UpstreamRegistry
from ztai.gateway.mcp.guards import ToolGuards
from ztai.gateway.mcp.server import McpGateway
from ztai.gateway.mcp.tools import McpToolCaller
from ztai.gateway.metrics import Metrics
from ztai.gateway.tracing import Tracing
from ztai.identity.agent_keys import AgentKeyService
from ztai.identity.credentials import CredentialService
from ztai.identity.fanout import RedisFanout
from ztai.identity.issuer import IssuerConfig, TokenIssuer
from ztai.identity.verifier import TokenVerifier
from ztai.identity.view import IdentityView
from ztai.policy.data_sources import DataSourceService
from ztai.policy.decider import DecisionService
from ztai.policy.grants import GrantService
from ztai.policy.review import AccessReview
from ztai.policy.schema import build_schema
from ztai.policy.service import PolicyService
from ztai.policy.view import AuthzView
from ztai.registry.service import RegistryService
from ztai.shield import PromptShield
from ztai.storage.agents import AgentRepository
from ztai.storage.broadcast import RedisBroadcast
from ztai.storage.database import Database, open_database
from ztai.storage.grants import GrantRepository
from ztai.storage.replay_cache import RedisReplayCache, ReplayCache, SqlReplayCache
from ztai.storage.versions import Poller

log = logging.getLogger(__name__)

APPROVALS_CHANNEL = "ztai:approval-decided"


@dataclass
class Services:
    settings: Settings
    db: Database
    audit: AuditLog
    token_keys: KeyRing
    audit_keys: KeyRing
    view: IdentityView
    registry: RegistryService
    credentials: CredentialService
    issuer: TokenIssuer
    verifier: TokenVerifier
    admin_token: str
    admin_token_created: bool
    policies: PolicyService
    authz_view: AuthzView
    grants: GrantService
    decisions: DecisionService
    review: AccessReview
    data_sources: DataSourceService
    clock: Clock
    shield: PromptShield
    dlp: DlpEngine
    classifier: Classifier
    upstreams: UpstreamRegistry
    upstream_client: UpstreamClient
    tracing: Tracing
    limiter: RateLimiter
    metrics: Metrics
    agent_keys: AgentKeyService
    envelopes: EnvelopeVerifier
    catalog: CatalogService
    mcp: McpGateway
    approvals: ApprovalService
    mcp_sessions: McpSessions
    notifier: WebhookNotifier | None = None
    redis: Redis | None = None
    fanout: RedisFanout | None = None
    approval_fanout: RedisBroadcast | None = None
    approval_sweep: Poller | None = None

    async def refresh(self) -> None:
        """Another replica changed something: reload both views."""
        await self.view.sync()
        await self.authz_view.sync()

    async def changed(self) -> None:
        """After a committed local change: refresh this replica's views now and tell the
        others. A failed refresh must not turn the committed change into an error reply:
        the poller retries, and a stale view refuses requests meanwhile."""
        try:
            await self.view.sync(force=True)
            await self.authz_view.sync()
        except ZtaiError as exc:
            log.warning("view refresh after a change failed: %s", exc.code)
        if self.fanout is not None:
            await self.fanout.publish()

    def gateway_app(self) -> ASGIApp:
        llm = LlmContext(
            settings=self.settings.gateway,
            upstreams=self.upstreams,
            client=self.upstream_client,
            tracing=self.tracing,
            inspector=Inspector(self.shield, self.dlp, self.settings.policy.labels, LabelPolicy()),
            decisions=self.decisions,
            limiter=self.limiter,
            audit=self.audit,
            metrics=self.metrics,
            dlp=self.dlp,
            max_body_bytes=self.settings.http.max_body_bytes,
        )
        return create_gateway_app(
            GatewayContext(
                issuer_config=self.issuer_config,
                issuer=self.issuer,
                verifier=self.verifier,
                view=self.view,
                token_keys=self.token_keys,
                audit=self.audit,
                max_body_bytes=self.settings.http.max_body_bytes,
                shield=self.shield,
                dlp=self.dlp,
                detector_auth=self.settings.gateway.detector_auth,
                llm=llm,
                metrics=self.metrics,
                envelopes=self.envelopes,
                mcp=self.mcp,
            )
        )

    def control_app(self) -> ASGIApp:
        return create_control_app(
            ControlContext(
                admin_token=self.admin_token,
                registry=self.registry,
                credentials=self.credentials,
                audit=self.audit,
                token_keys=self.token_keys,
                view=self.view,
                token_overlap_seconds=self.settings.identity.token_ttl_seconds + 60,
                max_body_bytes=self.settings.http.max_body_bytes,
                policies=self.policies,
                grants=self.grants,
                decisions=self.decisions,
                review=self.review,
                data_sources=self.data_sources,
                clock=self.clock,
                classifier=self.classifier,
                agent_keys=self.agent_keys,
                catalog=self.catalog,
                approvals=self.approvals,
            )
        )

    @property
    def issuer_config(self) -> IssuerConfig:
        return issuer_config(self.settings)

    async def close(self) -> None:
        if self.fanout is not None:
            await self.fanout.stop()
        if self.approval_fanout is not None:
            await self.approval_fanout.stop()
        if self.approval_sweep is not None:
            await self.approval_sweep.stop()
        if self.notifier is not None:
            await self.notifier.close()
        await self.view.stop()
        await self.authz_view.stop()
        with contextlib.suppress(Exception):
            await self.audit.close()
        await self.upstream_client.close()
        self.tracing.shutdown()  # exports what is still queued
        await self.mcp.close()
        await self.mcp_sessions.close()  # stops every stdio child the gateway started
        if self.redis is not None:
            await self.redis.aclose()
        await self.db.close()


@functools.cache
def default_shield() -> PromptShield:
    """Loading the classifier takes about a second; it is immutable, so load it once."""
    return PromptShield()


def issuer_config(settings: Settings) -> IssuerConfig:
    ident = settings.identity
    return IssuerConfig(
        issuer=ident.issuer,
        audience=ident.audience,
        ttl_seconds=ident.token_ttl_seconds,
        assertion_max_lifetime=ident.assertion_max_lifetime_seconds,
        clock_skew=ident.clock_skew_seconds,
    )


async def build_services(
    settings: Settings, clock: Clock = system_clock, tool_source: ToolSource | None = None
) -> Services:
    """Open storage, load keys, start background tasks. Any failure stops start-up."""
    tracing = Tracing(settings.gateway.tracing)  # first: a set-up that cannot work stops here
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        token, created = admin_token(settings.data_dir, settings.admin_token)
        sealer = Sealer(master_key(settings.data_dir, settings.master_key))
        db = await open_database(settings.effective_database_url)
    except BaseException:
        tracing.shutdown()
        raise
    try:
        return await _wire(settings, db, sealer, token, created, clock, tool_source, tracing)
    except BaseException:
        tracing.shutdown()
        await db.close()
        raise


async def _wire(
    settings: Settings,
    db: Database,
    sealer: Sealer,
    token: str,
    created: bool,
    clock: Clock,
    tool_source: ToolSource | None,
    tracing: Tracing,
) -> Services:
    token_keys = KeyRing(db, sealer, "token", clock)
    audit_keys = KeyRing(db, sealer, "audit", clock)
    await token_keys.load()
    await audit_keys.load()
    audit = AuditLog(
        db,
        audit_keys,
        checkpoint_every_records=settings.audit.checkpoint_every_records,
        checkpoint_every_seconds=settings.audit.checkpoint_every_seconds,
        max_batch=settings.audit.max_batch,
        witness_path=settings.data_dir / "audit-witness.jsonl",
        clock=clock,
    )
    await audit.start()
    ident = settings.identity
    view = IdentityView(
        db,
        token_keys,
        sync_interval=ident.sync_interval_seconds,
        max_staleness=ident.max_staleness_seconds,
        clock=clock,
    )
    redis: Redis | None = None
    replay: ReplayCache
    if settings.redis_url:
        redis = Redis.from_url(settings.redis_url)
        await redis.ping()  # a configured Redis that is down stops start-up
        replay = RedisReplayCache(redis, clock)
    else:
        replay = SqlReplayCache(db, clock)

    services_ref: list[Services] = []

    async def changed() -> None:
        await services_ref[0].changed()

    labels = settings.policy.labels
    try:
        schema = build_schema(settings.policy.arguments)
    except ValueError as exc:
        raise ConfigError(f"policy.arguments: {exc}") from exc

    async def may_instruct(issuer: str, receiver: str) -> bool:
        decision = await services_ref[0].decisions.decide(
            f"agent:{receiver}",
            AuthzRequest(
                EntityRef("Agent", issuer), "agent.instruct", EntityRef("Agent", receiver)
            ),
        )
        return decision.allowed

    registry = RegistryService(db, audit, identity_changed=changed, labels=labels, clock=clock)
    policies = PolicyService(db, audit, schema, labels, on_change=changed, clock=clock)
    authz_view = AuthzView(
        db,
        on_policy_change=policies.reload,
        sync_interval=ident.sync_interval_seconds,
        max_staleness=ident.max_staleness_seconds,
        clock=clock,
    )
    model_trust = {m: u.trust for u in settings.upstreams for m in u.models}
    try:
        upstreams = UpstreamRegistry(
            settings.upstreams, upstream_keys(settings), labels, settings.gateway.aliases
        )
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    credentials = CredentialService(db, audit, registry, identity_changed=changed, clock=clock)
    issuer = TokenIssuer(
        issuer_config(settings),
        token_keys,
        AgentRepository(db),
        credentials.repository,
        replay,
        audit,
        clock,
    )
    verifier = TokenVerifier(
        view,
        token_keys,
        issuer=ident.issuer,
        audience=ident.audience,
        cache_size=ident.verified_token_cache_size,
        clock=clock,
    )
    dlp = DlpEngine()  # compiled once; shared by the gateway and classification
    decisions = DecisionService(policies, authz_view, audit, model_trust=model_trust, clock=clock)
    sessions = McpSessions(
        call_timeout=settings.gateway.mcp_call_timeout_seconds,
        connect_timeout=settings.gateway.mcp_connect_timeout_seconds,
    )
    catalog = CatalogService(
        db, audit, default_shield(), tool_source or McpToolSource(sessions), clock, labels=labels
    )
    hooks = settings.approvals.webhooks
    notifier = (
        WebhookNotifier(hooks, webhook_secret(settings.data_dir, hooks.secret), audit, clock)
        if hooks.urls
        else None
    )
    approvals = ApprovalService(
        db,
        audit,
        registry,
        ttl_seconds=settings.approvals.ttl_seconds,
        max_held_per_agent=settings.approvals.max_held_per_agent,
        recheck_seconds=settings.approvals.recheck_seconds,
        notifier=notifier,
        clock=clock,
    )
    limiter: RateLimiter = (
        RedisRateLimiter(redis, clock) if redis is not None else MemoryRateLimiter(clock)
    )
    classifier = Classifier(dlp)
    mcp = McpGateway(
        catalog=catalog,
        policies=policies,
        view=authz_view,
        decisions=decisions,
        caller=McpToolCaller(sessions),
        shield=default_shield(),
        dlp=dlp,
        audit=audit,
        approvals=approvals,
        guards=ToolGuards(classifier, labels, settings.gateway.mcp, limiter, hooks.preview_chars),
        resource_metadata_url=f"{ident.issuer.rstrip('/')}/.well-known/oauth-protected-resource",
        clock=clock,
        tracing=tracing,
    )
    services = Services(
        settings=settings,
        db=db,
        audit=audit,
        token_keys=token_keys,
        audit_keys=audit_keys,
        view=view,
        registry=registry,
        credentials=credentials,
        issuer=issuer,
        verifier=verifier,
        admin_token=token,
        admin_token_created=created,
        policies=policies,
        authz_view=authz_view,
        grants=GrantService(
            db,
            audit,
            registry,
            policies,
            on_change=changed,
            open_grant_max_label=settings.policy.open_grant_max_label,
            # A lambda, not the bound method: the view swaps in a new dict on every refresh.
            data_sources=lambda: authz_view.data_sources.values(),  # noqa: PLW0108
            clock=clock,
        ),
        decisions=decisions,
        review=AccessReview(GrantRepository(db), audit.repository, policies, clock),
        data_sources=DataSourceService(db, audit, labels, on_change=changed, clock=clock),
        clock=clock,
        shield=default_shield(),
        dlp=dlp,
        classifier=classifier,
        upstreams=upstreams,
        upstream_client=UpstreamClient(settings.gateway.upstream_timeout_seconds),
        tracing=tracing,
        limiter=limiter,
        metrics=Metrics(),
        agent_keys=AgentKeyService(db, audit, registry, identity_changed=changed, clock=clock),
        envelopes=EnvelopeVerifier(view, replay, may_instruct, clock=clock),
        catalog=catalog,
        mcp=mcp,
        approvals=approvals,
        notifier=notifier,
        mcp_sessions=sessions,
        redis=redis,
    )
    services_ref.append(services)
    await view.start()
    await authz_view.start()

    async def sweep() -> None:
        await approvals.sweep()

    services.approval_sweep = Poller(sweep, settings.approvals.sweep_seconds, "ztai-approval-sweep")
    services.approval_sweep.start()
    if redis is not None:
        services.fanout = RedisFanout(redis, services.refresh)
        await services.fanout.start()
        # A decision taken on one replica wakes the calls held on every other one.
        waiter = approvals.waiter

        async def decided_elsewhere(approval_id: str) -> None:
            waiter.wake(approval_id)

        services.approval_fanout = RedisBroadcast(redis, APPROVALS_CHANNEL, decided_elsewhere)
        await services.approval_fanout.start()
        waiter.connect(services.approval_fanout.publish)
    return services
