"""GrantRepository: role memberships with justification and optional expiry."""

from __future__ import annotations

from dataclasses import dataclass

from ztai.storage.database import Executor


@dataclass(frozen=True, slots=True)
class Grant:
    id: str
    agent_id: str
    role: str
    justification: str
    granted_by: str
    created_at: str
    expires_at: str | None = None
    revoked_at: str | None = None

    def live_at(self, now_iso: str) -> bool:
        """Live until the instant it expires: no clean-up job decides this."""
        return self.revoked_at is None and (self.expires_at is None or now_iso < self.expires_at)

    def to_public(self, now_iso: str) -> dict[str, object]:
        return {
            "id": self.id,
            "agent_id": self.agent_id,
            "role": self.role,
            "justification": self.justification,
            "granted_by": self.granted_by,
            "created_at": self.created_at,
            "expires_at": self.expires_at,
            "revoked_at": self.revoked_at,
            "active": self.live_at(now_iso),
        }


_COLS = "id, agent_id, role, justification, granted_by, created_at, expires_at, revoked_at"


class GrantRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def insert(self, tx: Executor, grant: Grant) -> None:
        await tx.execute(
            f"INSERT INTO grants ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            grant.id,
            grant.agent_id,
            grant.role,
            grant.justification,
            grant.granted_by,
            grant.created_at,
            grant.expires_at,
            grant.revoked_at,
        )

    async def for_agent(self, agent_id: str) -> list[Grant]:
        rows = await self._db.fetch(
            f"SELECT {_COLS} FROM grants WHERE agent_id = ? ORDER BY created_at, id", agent_id
        )
        return [Grant(**r) for r in rows]

    async def unrevoked(self) -> list[Grant]:
        rows = await self._db.fetch(f"SELECT {_COLS} FROM grants WHERE revoked_at IS NULL")
        return [Grant(**r) for r in rows]

    async def get(self, agent_id: str, grant_id: str) -> Grant | None:
        row = await self._db.fetchrow(
            f"SELECT {_COLS} FROM grants WHERE id = ? AND agent_id = ?", grant_id, agent_id
        )
        return Grant(**row) if row else None

    async def revoke(self, tx: Executor, grant_id: str, revoked_at: str) -> bool:
        count = await tx.execute(
            "UPDATE grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            revoked_at,
            grant_id,
        )
        return count == 1
