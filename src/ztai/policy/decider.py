"""DecisionService: one authorization decision — facts from ztai's stores, Cedar, audit."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ztai.audit.log import AuditLog
from ztai.domain.agent import Agent, AgentState, RiskLevel
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, iso, system_clock
from ztai.domain.decision import AuthzRequest, Decision, EntityRef
from ztai.errors import Unavailable, ValidationFailed
from ztai.policy.context import build_context
from ztai.policy.entities import AgentFacts, EntityCache, ResourceFacts
from ztai.policy.schema import ACTIONS, ENTITY_TYPES
from ztai.policy.service import PolicyService
from ztai.policy.view import AuthzView

_RESOURCE_OF = {
    "llm.chat": "Model",
    "mcp.tools.call": "Tool",
    "data.read": "DataSource",
    "agent.instruct": "Agent",
}


class PolicyUnavailable(Unavailable):
    code = "policy.unavailable"
    title = "Policy decisions unavailable"


class DecisionService:
    def __init__(
        self,
        policies: PolicyService,
        view: AuthzView,
        audit: AuditLog,
        *,
        model_trust: Mapping[str, str],
        clock: Clock = system_clock,
    ) -> None:
        self._policies = policies
        self._view = view
        self._audit = audit
        self._model_trust = dict(model_trust)
        self._clock = clock
        self._entities = EntityCache()

    def _facts(self, agent: Agent, now_iso: str) -> AgentFacts:
        labels = self._policies.labels
        grants = self._view.grants.get(agent.id, ())
        return AgentFacts(
            id=agent.id,
            name=agent.name,
            owner=agent.owner,
            sponsor=agent.sponsor,
            environment=agent.environment,
            risk=RiskLevel(agent.risk_level).rank,
            clearance=labels.index(agent.clearance) if agent.clearance in labels else 0,
            tags=agent.tags,
            roles=tuple(sorted({g.role for g in grants if g.live_at(now_iso)})),
        )

    def _resource(self, ref: EntityRef, now_iso: str) -> ResourceFacts:
        labels = self._policies.labels
        if ref.type == "DataSource":
            source = self._view.data_sources.get(ref.id)
            # An unregistered source is treated as more sensitive than any label.
            label = labels.index(source.label) if source and source.label in labels else len(labels)
            return ResourceFacts(ref, label=label, owner=source.owner if source else "")
        if ref.type == "Model":
            return ResourceFacts(ref, trust=self._model_trust.get(ref.id, "unknown"))
        if ref.type == "Agent":
            other = self._view.agents.get(ref.id)
            facts = self._facts(other, now_iso) if other else AgentFacts(id=ref.id)
            return ResourceFacts(ref, agent=facts)
        return ResourceFacts(ref)

    def check(self, request: AuthzRequest) -> None:
        if request.principal.type != "Agent":
            raise ValidationFailed("principal.type must be Agent")
        if request.action not in ACTIONS:
            raise ValidationFailed(f"action must be one of {list(ACTIONS)}")
        if request.resource.type not in ENTITY_TYPES:
            raise ValidationFailed(f"resource.type must be one of {list(ENTITY_TYPES)}")
        if request.resource.type != _RESOURCE_OF[request.action]:
            raise ValidationFailed(
                f"{request.action} applies to {_RESOURCE_OF[request.action]} resources"
            )

    async def decide(
        self, actor: str, request: AuthzRequest, *, approved: bool = False, record: bool = True
    ) -> Decision:
        """Decide and durably audit before returning (the caller acts only after this).
        `record=False` is for callers that write one combined record themselves (the
        gateway adds its detections and obligations to it) before they act."""
        self.check(request)
        if not self._view.fresh():
            raise PolicyUnavailable("authorization data is stale; refusing decisions")
        engine = self._policies.engine
        now = self._clock()
        now_iso = iso(now)
        agent = self._view.agents.get(request.principal.id)
        if agent is None or agent.state is not AgentState.ACTIVE:
            why = "principal.unknown" if agent is None else f"principal.{agent.state.value}"
            decision = engine.deny(errors=(why,))
        else:
            facts = self._facts(agent, now_iso)
            resource = self._resource(request.resource, now_iso)
            entities, ancestors = self._entities.get(facts, resource)
            context = build_context(
                request.context,
                risk=facts.risk,
                clearance=facts.clearance,
                environment=facts.environment,
                now=now,
                label=resource.label if request.resource.type == "DataSource" else None,
            )
            decision = engine.decide(
                AuthzRequest(request.principal, request.action, request.resource, context),
                entities,
                ancestors,
                approved=approved,
                # The facts determine the entities (see EntityCache); the rest, the request.
                memo_key=(
                    facts,
                    resource,
                    request.action,
                    json.dumps(context, sort_keys=True, separators=(",", ":")),
                ),
            )
        if not record and decision.allowed:
            return decision
        await self._audit.append(
            AuditEvent(
                actor=actor,
                action=f"authz.{request.action}",
                target=str(request.resource),
                decision=decision.decision,
                reasons=decision.reasons + decision.errors,
                agent_id=request.principal.id,
                data=_audit_data(decision),
            )
        )
        return decision


def _audit_data(decision: Decision) -> dict[str, Any]:
    return {
        "decision_id": decision.decision_id,
        "outcome": decision.outcome,
        "policy_version": decision.policy_version,
        "roles": list(decision.roles),
        "obligations": list(decision.obligations),
    }
