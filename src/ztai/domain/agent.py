"""Agent: an inventoried AI agent and its lifecycle state machine."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class AgentState(StrEnum):
    PROVISIONED = "provisioned"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    RETIRED = "retired"


class RiskLevel(StrEnum):
    """Raised by detections, lowered by people; policies compare its rank (`context.risk`)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(RiskLevel).index(self)


class LifecycleAction(StrEnum):
    ACTIVATE = "activate"
    SUSPEND = "suspend"
    RETIRE = "retire"


# provisioned → active ⇄ suspended; any non-retired → retired (terminal).
TRANSITIONS: dict[tuple[AgentState, LifecycleAction], AgentState] = {
    (AgentState.PROVISIONED, LifecycleAction.ACTIVATE): AgentState.ACTIVE,
    (AgentState.SUSPENDED, LifecycleAction.ACTIVATE): AgentState.ACTIVE,
    (AgentState.ACTIVE, LifecycleAction.SUSPEND): AgentState.SUSPENDED,
    (AgentState.PROVISIONED, LifecycleAction.RETIRE): AgentState.RETIRED,
    (AgentState.ACTIVE, LifecycleAction.RETIRE): AgentState.RETIRED,
    (AgentState.SUSPENDED, LifecycleAction.RETIRE): AgentState.RETIRED,
}


def next_state(current: AgentState, action: LifecycleAction) -> AgentState | None:
    """The state `action` leads to from `current`, or None when the move is illegal."""
    return TRANSITIONS.get((current, action))


@dataclass(frozen=True, slots=True)
class Agent:
    id: str
    name: str
    description: str
    owner: str
    sponsor: str
    environment: str
    state: AgentState
    created_at: str
    updated_at: str
    tags: tuple[str, ...] = field(default=())
    risk_level: str = "low"
    clearance: str = "General"
    state_reason: str | None = None

    def to_public(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "owner": self.owner,
            "sponsor": self.sponsor,
            "environment": self.environment,
            "tags": list(self.tags),
            "state": self.state.value,
            "state_reason": self.state_reason,
            "risk_level": self.risk_level,
            "clearance": self.clearance,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
