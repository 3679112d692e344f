"""RegistryService: create, list and move agents through their lifecycle, audited."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from ztai.audit.log import AUDIT_LOCK, AuditLog
from ztai.domain.agent import Agent, AgentState, LifecycleAction, RiskLevel, next_state
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, iso, system_clock
from ztai.errors import Conflict, NotFound, ValidationFailed
from ztai.storage.agents import AgentRepository
from ztai.storage.database import Database, DuplicateKey
from ztai.storage.versions import IDENTITY, POLICY, bump

IdentityChanged = Callable[[], Awaitable[None]]


class AgentNotFound(NotFound):
    code = "registry.agent_not_found"
    title = "Agent not found"


class InvalidTransition(Conflict):
    code = "registry.invalid_transition"
    title = "Illegal lifecycle move"


class DuplicateAgent(Conflict):
    code = "registry.duplicate_name"
    title = "An agent with this name exists"


@dataclass(frozen=True, slots=True)
class NewAgent:
    name: str
    description: str
    owner: str
    sponsor: str
    environment: str = "production"
    tags: tuple[str, ...] = ()


async def _nothing() -> None:
    return None


class RegistryService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        *,
        identity_changed: IdentityChanged = _nothing,
        labels: tuple[str, ...] = ("Public", "General", "Confidential", "Highly Confidential"),
        clock: Clock = system_clock,
    ) -> None:
        self._labels = labels
        self._db = db
        self._repo = AgentRepository(db)
        self._audit = audit
        self._identity_changed = identity_changed
        self._clock = clock

    @property
    def repository(self) -> AgentRepository:
        return self._repo

    async def create(self, actor: str, new: NewAgent) -> Agent:
        for field in ("name", "owner", "sponsor"):
            if not getattr(new, field).strip():
                raise ValidationFailed(f"{field} must not be empty")
        now = iso(self._clock())
        agent = Agent(
            id=f"agt_{uuid.uuid4().hex}",
            name=new.name,
            description=new.description,
            owner=new.owner,
            sponsor=new.sponsor,
            environment=new.environment,
            tags=new.tags,
            state=AgentState.PROVISIONED,
            created_at=now,
            updated_at=now,
        )
        event = AuditEvent(
            actor=actor,
            action="agent.create",
            target=f"Agent::{agent.id}",
            decision="allow",
            agent_id=agent.id,
            data={"name": agent.name, "owner": agent.owner, "sponsor": agent.sponsor},
        )
        try:
            async with self._db.transaction(lock=AUDIT_LOCK) as tx:
                await self._repo.insert(agent, tx)
                await self._audit.append_in(tx, event)
        except DuplicateKey as exc:
            raise DuplicateAgent(f"an agent named {new.name!r} already exists") from exc
        return agent

    async def get(self, agent_id: str) -> Agent:
        agent = await self._repo.get(agent_id)
        if agent is None:
            raise AgentNotFound(f"no agent {agent_id!r}")
        return agent

    async def find(self, *, state: str | None = None, owner: str | None = None) -> list[Agent]:
        return await self._repo.find(state=state, owner=owner)

    async def transition(
        self, actor: str, agent_id: str, action: LifecycleAction, reason: str | None = None
    ) -> Agent:
        agent = await self.get(agent_id)
        target = next_state(agent.state, action)
        if target is None:
            await self._audit.append(
                AuditEvent(
                    actor=actor,
                    action=f"agent.{action.value}",
                    target=f"Agent::{agent_id}",
                    decision="deny",
                    reasons=(InvalidTransition.code,),
                    agent_id=agent_id,
                    data={"from": agent.state.value},
                )
            )
            raise InvalidTransition(f"cannot {action.value} an agent that is {agent.state.value}")
        now = iso(self._clock())
        event = AuditEvent(
            actor=actor,
            action=f"agent.{action.value}",
            target=f"Agent::{agent_id}",
            decision="allow",
            agent_id=agent_id,
            data={"from": agent.state.value, "to": target.value, "reason": reason},
        )
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            moved = await self._repo.transition(
                tx, agent_id, expected=agent.state, new=target, reason=reason, updated_at=now
            )
            if not moved:
                raise InvalidTransition("the agent changed state concurrently; retry")
            await bump(tx, IDENTITY)
            await self._audit.append_in(tx, event)
        await self._identity_changed()
        return await self.get(agent_id)

    async def set_attributes(
        self,
        actor: str,
        agent_id: str,
        *,
        risk_level: str | None = None,
        clearance: str | None = None,
    ) -> Agent:
        """Change the risk level or data clearance that conditional access reads."""
        agent = await self.get(agent_id)
        if risk_level is not None and risk_level not in {r.value for r in RiskLevel}:
            raise ValidationFailed(f"risk_level must be one of {[r.value for r in RiskLevel]}")
        if clearance is not None and clearance not in self._labels:
            raise ValidationFailed(f"clearance must be one of {list(self._labels)}")
        new_risk = risk_level or agent.risk_level
        new_clearance = clearance or agent.clearance
        event = AuditEvent(
            actor=actor,
            action="agent.update",
            target=f"Agent::{agent_id}",
            decision="allow",
            agent_id=agent_id,
            data={
                "risk_level": [agent.risk_level, new_risk],
                "clearance": [agent.clearance, new_clearance],
            },
        )
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            await self._repo.set_attributes(
                tx,
                agent_id,
                risk_level=new_risk,
                clearance=new_clearance,
                updated_at=iso(self._clock()),
            )
            await bump(tx, IDENTITY)
            await bump(tx, POLICY)
            await self._audit.append_in(tx, event)
        await self._identity_changed()
        return await self.get(agent_id)
