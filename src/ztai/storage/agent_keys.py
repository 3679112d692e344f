"""AgentKeyRepository: the public keys each agent signs instruction envelopes with."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ztai.storage.database import Executor


@dataclass(frozen=True, slots=True)
class AgentKey:
    kid: str
    agent_id: str
    jwk: dict[str, Any]
    created_at: str
    revoked_at: str | None = None


class AgentKeyRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def insert(self, tx: Executor, key: AgentKey) -> None:
        await tx.execute(
            "INSERT INTO agent_signing_keys (kid, agent_id, jwk, created_at) VALUES (?, ?, ?, ?)",
            key.kid,
            key.agent_id,
            json.dumps(key.jwk),
            key.created_at,
        )

    async def live(self) -> list[AgentKey]:
        rows = await self._db.fetch(
            "SELECT kid, agent_id, jwk, created_at, revoked_at FROM agent_signing_keys "
            "WHERE revoked_at IS NULL"
        )
        return [
            AgentKey(r["kid"], r["agent_id"], json.loads(r["jwk"]), r["created_at"]) for r in rows
        ]

    async def get(self, agent_id: str, kid: str) -> AgentKey | None:
        row = await self._db.fetchrow(
            "SELECT kid, agent_id, jwk, created_at, revoked_at FROM agent_signing_keys "
            "WHERE kid = ? AND agent_id = ?",
            kid,
            agent_id,
        )
        if row is None:
            return None
        return AgentKey(
            row["kid"],
            row["agent_id"],
            json.loads(row["jwk"]),
            row["created_at"],
            row["revoked_at"],
        )

    async def revoke(self, tx: Executor, kid: str, revoked_at: str) -> bool:
        count = await tx.execute(
            "UPDATE agent_signing_keys SET revoked_at = ? WHERE kid = ? AND revoked_at IS NULL",
            revoked_at,
            kid,
        )
        return count == 1
