"""ApprovalRepository: held tool calls waiting for, or carrying, a human decision."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ztai.storage.database import Executor, Row

_COLS = (
    "id, agent_id, tool, arguments_sha256, arguments, policy_version, decision_id, state, "
    "requested_at, expires_at, decided_by, decided_at, note, label"
)


@dataclass(frozen=True, slots=True)
class Approval:
    id: str
    agent_id: str
    tool: str
    arguments_sha256: str
    arguments: dict[str, Any]
    policy_version: int
    decision_id: str
    state: str  # pending | approved | denied | used | expired (undecided in time)
    requested_at: str
    expires_at: str
    decided_by: str | None = None
    decided_at: str | None = None
    note: str | None = None
    label: str | None = None  # DLP label of the arguments

    def expired(self, now_iso: str) -> bool:
        return self.state in {"pending", "approved"} and now_iso >= self.expires_at

    def to_public(self, now_iso: str) -> dict[str, Any]:
        state = "expired" if self.expired(now_iso) else self.state
        return {
            "id": self.id,
            "agent_id": self.agent_id,
            "tool": self.tool,
            "arguments": self.arguments,
            "arguments_sha256": self.arguments_sha256,
            "policy_version": self.policy_version,
            "decision_id": self.decision_id,
            "state": state,
            "requested_at": self.requested_at,
            "expires_at": self.expires_at,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
            "note": self.note,
            "label": self.label,
        }


def _approval(row: Row) -> Approval:
    return Approval(
        **{
            **row,
            "arguments": json.loads(row["arguments"]),
            "policy_version": int(row["policy_version"]),
        }
    )


class ApprovalRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def insert(self, tx: Executor, a: Approval) -> None:
        await tx.execute(
            f"INSERT INTO approvals ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            a.id,
            a.agent_id,
            a.tool,
            a.arguments_sha256,
            json.dumps(a.arguments),
            a.policy_version,
            a.decision_id,
            a.state,
            a.requested_at,
            a.expires_at,
            a.decided_by,
            a.decided_at,
            a.note,
            a.label,
        )

    async def get(self, approval_id: str) -> Approval | None:
        row = await self._db.fetchrow(f"SELECT {_COLS} FROM approvals WHERE id = ?", approval_id)
        return _approval(row) if row else None

    async def listing(self, state: str | None, limit: int = 200) -> list[Approval]:
        if state is None:
            rows = await self._db.fetch(
                f"SELECT {_COLS} FROM approvals ORDER BY requested_at DESC LIMIT ?", limit
            )
        else:
            rows = await self._db.fetch(
                f"SELECT {_COLS} FROM approvals WHERE state = ? ORDER BY requested_at DESC LIMIT ?",
                state,
                limit,
            )
        return [_approval(r) for r in rows]

    async def decide(
        self, tx: Executor, approval_id: str, state: str, by: str, at: str, note: str | None
    ) -> bool:
        """pending → approved | denied, only before it expires."""
        count = await tx.execute(
            "UPDATE approvals SET state = ?, decided_by = ?, decided_at = ?, note = ? "
            "WHERE id = ? AND state = 'pending' AND expires_at > ?",
            state,
            by,
            at,
            note,
            approval_id,
            at,
        )
        return count == 1

    async def due(self, now: str, limit: int = 200) -> list[Approval]:
        """Pending approvals past their expiry, oldest first."""
        rows = await self._db.fetch(
            f"SELECT {_COLS} FROM approvals WHERE state = 'pending' AND expires_at <= ? "
            "ORDER BY expires_at LIMIT ?",
            now,
            limit,
        )
        return [_approval(r) for r in rows]

    async def expire(self, tx: Executor, approval_id: str, now: str) -> bool:
        """pending → expired once its time is up; True only for the one writer that moved
        it (so one replica announces it)."""
        count = await tx.execute(
            "UPDATE approvals SET state = 'expired' "
            "WHERE id = ? AND state = 'pending' AND expires_at <= ?",
            approval_id,
            now,
        )
        return count == 1

    async def consume(
        self,
        tx: Executor,
        approval_id: str,
        *,
        agent_id: str,
        tool: str,
        digest: str,
        policy_version: int,
        now: str,
    ) -> bool:
        """approved → used, once, for exactly the call it was given for."""
        count = await tx.execute(
            "UPDATE approvals SET state = 'used' WHERE id = ? AND state = 'approved' "
            "AND agent_id = ? AND tool = ? AND arguments_sha256 = ? AND policy_version = ? "
            "AND expires_at > ?",
            approval_id,
            agent_id,
            tool,
            digest,
            policy_version,
            now,
        )
        return count == 1
