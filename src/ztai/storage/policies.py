"""PolicyRepository: every version of every policy bundle, and which version is active."""

from __future__ import annotations

from dataclasses import dataclass

from ztai.storage.database import Executor


@dataclass(frozen=True, slots=True)
class StoredPolicy:
    name: str
    version: int
    format: str
    source: str
    compiled: str
    created_at: str
    created_by: str
    active: bool = False

    def to_public(self, *, with_source: bool = False) -> dict[str, object]:
        out: dict[str, object] = {
            "name": self.name,
            "version": self.version,
            "format": self.format,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "active": self.active,
        }
        if with_source:
            out["source"] = self.source
            out["cedar"] = self.compiled
        return out


_COLS = "p.name, p.version, p.format, p.source, p.compiled, p.created_at, p.created_by"


class PolicyRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def active(self) -> list[StoredPolicy]:
        rows = await self._db.fetch(
            f"SELECT {_COLS} FROM policies p JOIN policy_heads h "
            "ON p.name = h.name AND p.version = h.version ORDER BY p.name"
        )
        return [StoredPolicy(**r, active=True) for r in rows]

    async def versions(self, name: str) -> list[StoredPolicy]:
        head = await self._db.fetchrow("SELECT version FROM policy_heads WHERE name = ?", name)
        rows = await self._db.fetch(
            f"SELECT {_COLS} FROM policies p WHERE p.name = ? ORDER BY p.version DESC", name
        )
        current = head["version"] if head else None
        return [StoredPolicy(**r, active=r["version"] == current) for r in rows]

    async def next_version(self, tx: Executor, name: str) -> int:
        row = await tx.fetchrow("SELECT max(version) AS v FROM policies WHERE name = ?", name)
        return int(row["v"] or 0) + 1 if row else 1

    async def insert_and_activate(self, tx: Executor, policy: StoredPolicy) -> None:
        await tx.execute(
            "INSERT INTO policies (name, version, format, source, compiled, created_at, "
            "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            policy.name,
            policy.version,
            policy.format,
            policy.source,
            policy.compiled,
            policy.created_at,
            policy.created_by,
        )
        await tx.execute("DELETE FROM policy_heads WHERE name = ?", policy.name)
        await tx.execute(
            "INSERT INTO policy_heads (name, version, updated_at) VALUES (?, ?, ?)",
            policy.name,
            policy.version,
            policy.created_at,
        )

    async def deactivate(self, tx: Executor, name: str) -> bool:
        return await tx.execute("DELETE FROM policy_heads WHERE name = ?", name) == 1
