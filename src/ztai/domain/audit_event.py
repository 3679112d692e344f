"""AuditEvent (what happened) and AuditRecord (its place in the hash chain)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One decision or change. `data` holds ids, codes and digests only — never secrets or
    prompt text in clear (G4); callers hash anything sensitive before it gets here."""

    actor: str
    action: str
    target: str
    decision: str  # "allow" | "deny" | "info"
    reasons: tuple[str, ...] = ()
    request_hash: str | None = None
    agent_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    seq: int
    ts: str
    event: AuditEvent
    prev_hash: str
    hash: str

    def to_public(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "ts": self.ts,
            "actor": self.event.actor,
            "action": self.event.action,
            "target": self.event.target,
            "decision": self.event.decision,
            "reasons": list(self.event.reasons),
            "request_hash": self.event.request_hash,
            "agent_id": self.event.agent_id,
            "data": self.event.data,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }
