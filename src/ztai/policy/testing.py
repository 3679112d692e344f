"""Decision tables: request → expected outcome, run against a candidate engine (like OPA tests)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ztai.domain.agent import RiskLevel
from ztai.domain.clock import Clock, system_clock
from ztai.domain.decision import AuthzRequest, EntityRef
from ztai.policy.context import build_context
from ztai.policy.engine import PolicyEngine
from ztai.policy.entities import AgentFacts, ResourceFacts, agent_entities, merge, resource_entities


class _Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    class Principal(BaseModel):
        model_config = ConfigDict(extra="forbid")
        id: str = "test-agent"
        roles: list[str] = Field(default_factory=list)
        risk: RiskLevel = RiskLevel.LOW
        clearance: str = "General"
        environment: str = "production"

    class Resource(BaseModel):
        model_config = ConfigDict(extra="forbid")
        type: str
        id: str
        label: str | None = None
        trust: str = "unknown"
        tier: str = "external"
        risk: str = "unknown"
        roles: list[str] = Field(default_factory=list)

    name: str = ""
    principal: Principal = Field(default_factory=Principal)
    action: str
    resource: Resource
    context: dict[str, Any] = Field(default_factory=dict)
    approved: bool = False
    expect: Literal["allow", "deny", "needs_approval"]


@dataclass(frozen=True, slots=True)
class CaseResult:
    name: str
    expected: str
    actual: str
    reasons: tuple[str, ...]
    errors: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return self.expected == self.actual


def run_cases(
    engine: PolicyEngine,
    cases: Sequence[dict[str, Any]],
    labels: tuple[str, ...],
    clock: Clock = system_clock,
) -> list[CaseResult]:
    """Raises ValueError for a malformed case; returns one result per case."""
    results = []
    for n, raw in enumerate(cases):
        try:
            case = _Case.model_validate(raw)
        except ValidationError as exc:
            raise ValueError(f"test case {n}: {exc.errors(include_url=False)[0]['msg']}") from exc
        p = case.principal
        if p.clearance not in labels:
            raise ValueError(f"test case {n}: unknown clearance {p.clearance!r}")
        principal = AgentFacts(
            id=p.id,
            environment=p.environment,
            risk=p.risk.rank,
            clearance=labels.index(p.clearance),
            roles=tuple(p.roles),
        )
        r = case.resource
        label = labels.index(r.label) if r.label in labels else len(labels)
        res = ResourceFacts(
            ref=EntityRef(r.type, r.id),
            label=label,
            trust=r.trust,
            tier=r.tier,
            risk=r.risk,
            agent=AgentFacts(id=r.id, roles=tuple(r.roles)) if r.type == "Agent" else None,
        )
        resource_list, ancestors = resource_entities(res)
        context = build_context(
            case.context,
            risk=principal.risk,
            clearance=principal.clearance,
            environment=principal.environment,
            now=clock(),
            label=label if r.type == "DataSource" else None,
        )
        decision = engine.decide(
            AuthzRequest(EntityRef("Agent", p.id), case.action, res.ref, context),
            merge(agent_entities(principal), resource_list),
            ancestors,
            approved=case.approved,
        )
        results.append(
            CaseResult(
                case.name or f"case {n}",
                case.expect,
                decision.outcome,
                decision.reasons,
                decision.errors,
            )
        )
    return results
