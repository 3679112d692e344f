"""Authorization requests and decisions: what was asked, what was decided, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Outcome = Literal["allow", "deny", "needs_approval"]


@dataclass(frozen=True, slots=True)
class EntityRef:
    type: str
    id: str

    def __str__(self) -> str:
        return f"{self.type}::{self.id}"


@dataclass(frozen=True, slots=True)
class AuthzRequest:
    principal: EntityRef
    action: str
    resource: EntityRef
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Decision:
    """`decision` is only ever "allow" or "deny"; `outcome` says when a deny is really
    "ask a human first" (an approval obligation), so a client that ignores obligations
    still fails safe."""

    decision: Literal["allow", "deny"]
    outcome: Outcome
    decision_id: str
    policy_version: int
    reasons: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    obligations: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.decision == "allow"

    def to_public(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "outcome": self.outcome,
            "decision_id": self.decision_id,
            "policy_version": self.policy_version,
            "reasons": list(self.reasons),
            "errors": list(self.errors),
            "obligations": list(self.obligations),
            "roles": list(self.roles),
        }
