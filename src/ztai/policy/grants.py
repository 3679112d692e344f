"""GrantService: role membership with a justification and an optional expiry, audited."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from ztai.audit.log import AUDIT_LOCK, AuditLog
from ztai.domain.agent import AgentState
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, ZonelessTime, iso, parse_zoned, system_clock
from ztai.errors import Conflict, NotFound, ValidationFailed
from ztai.policy.lint import grant_warnings
from ztai.policy.service import PolicyService
from ztai.registry.service import IdentityChanged as Changed
from ztai.registry.service import RegistryService
from ztai.storage.data_sources import DataSource
from ztai.storage.database import Database
from ztai.storage.grants import Grant, GrantRepository
from ztai.storage.versions import POLICY, bump


class GrantNotFound(NotFound):
    code = "policy.grant_not_found"
    title = "Grant not found"


class UnknownRole(ValidationFailed):
    code = "policy.unknown_role"
    title = "Unknown role"


class GrantToRetired(Conflict):
    code = "registry.agent_retired"
    title = "Agent is retired"


def parse_expiry(value: str) -> float:
    try:
        return parse_zoned(value)
    except ZonelessTime as exc:
        raise ValidationFailed("expires_at must carry a time zone (e.g. Z)") from exc
    except ValueError as exc:
        raise ValidationFailed("expires_at must be an ISO-8601 timestamp") from exc


class GrantService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        registry: RegistryService,
        policies: PolicyService,
        *,
        on_change: Changed,
        open_grant_max_label: str = "General",
        data_sources: Callable[[], Iterable[DataSource]] = tuple,
        clock: Clock = system_clock,
    ) -> None:
        self._on_change = on_change
        self._open_max = open_grant_max_label
        self._sources = data_sources
        self._db = db
        self._repo = GrantRepository(db)
        self._audit = audit
        self._registry = registry
        self._policies = policies
        self._clock = clock

    @property
    def repository(self) -> GrantRepository:
        return self._repo

    async def create(
        self, actor: str, agent_id: str, role: str, justification: str, expires_at: str | None
    ) -> Grant:
        agent = await self._registry.get(agent_id)
        if agent.state is AgentState.RETIRED:
            raise GrantToRetired("a retired agent gets no grants")
        if len(justification.strip()) < 3:
            raise ValidationFailed("a grant needs a justification")
        if role not in self._policies.engine.roles:
            raise UnknownRole(f"no active policy gives role {role!r} any permission")
        now = self._clock()
        expiry = None
        if expires_at is not None:
            expires = parse_expiry(expires_at)
            if expires <= now:
                raise ValidationFailed("expires_at is in the past")
            expiry = iso(expires)
        grant = Grant(
            id=f"grt_{uuid.uuid4().hex}",
            agent_id=agent_id,
            role=role,
            justification=justification.strip(),
            granted_by=actor,
            created_at=iso(now),
            expires_at=expiry,
        )
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            await self._repo.insert(tx, grant)
            await bump(tx, POLICY)
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=actor,
                    action="grant.create",
                    target=f"Role::{role}",
                    decision="allow",
                    agent_id=agent_id,
                    data={
                        "grant_id": grant.id,
                        "role": role,
                        "expires_at": expiry,
                        "justification": grant.justification[:500],
                    },
                ),
            )
        await self._on_change()
        return grant

    async def revoke(self, actor: str, agent_id: str, grant_id: str) -> None:
        grant = await self._repo.get(agent_id, grant_id)
        if grant is None or grant.revoked_at is not None:
            raise GrantNotFound(f"no live grant {grant_id!r} for this agent")
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            if not await self._repo.revoke(tx, grant_id, iso(self._clock())):
                raise GrantNotFound("grant was revoked concurrently")
            await bump(tx, POLICY)
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=actor,
                    action="grant.revoke",
                    target=f"Role::{grant.role}",
                    decision="allow",
                    agent_id=agent_id,
                    data={"grant_id": grant_id},
                ),
            )
        await self._on_change()

    def open_grant_warnings(self, role: str) -> list[dict[str, object]]:
        labels = self._policies.labels
        threshold = labels.index(self._open_max) if self._open_max in labels else 1
        sources = {s.id: labels.index(s.label) for s in self._sources() if s.label in labels}
        engine = self._policies.engine
        role_of = {pid: meta.role for pid, meta in engine.meta.items()}
        return grant_warnings(engine.policies, role_of, role, sources, threshold)

    async def for_agent(self, agent_id: str) -> list[Grant]:
        await self._registry.get(agent_id)
        return await self._repo.for_agent(agent_id)
