"""AgentRepository: the agents table."""

from __future__ import annotations

import json

from ztai.domain.agent import Agent, AgentState
from ztai.storage.database import Executor, Row

_COLUMNS = (
    "id, name, description, owner, sponsor, environment, tags, state, state_reason, "
    "risk_level, clearance, created_at, updated_at"
)


def _agent(row: Row) -> Agent:
    return Agent(
        id=row["id"],
        name=row["name"],
        description=row["description"],
        owner=row["owner"],
        sponsor=row["sponsor"],
        environment=row["environment"],
        tags=tuple(json.loads(row["tags"])),
        state=AgentState(row["state"]),
        state_reason=row["state_reason"],
        risk_level=row["risk_level"],
        clearance=row["clearance"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class AgentRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def insert(self, agent: Agent, tx: Executor | None = None) -> None:
        await (tx or self._db).execute(
            f"INSERT INTO agents ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            agent.id,
            agent.name,
            agent.description,
            agent.owner,
            agent.sponsor,
            agent.environment,
            json.dumps(list(agent.tags)),
            agent.state.value,
            agent.state_reason,
            agent.risk_level,
            agent.clearance,
            agent.created_at,
            agent.updated_at,
        )

    async def get(self, agent_id: str) -> Agent | None:
        row = await self._db.fetchrow(f"SELECT {_COLUMNS} FROM agents WHERE id = ?", agent_id)
        return _agent(row) if row else None

    async def get_by_name(self, name: str) -> Agent | None:
        row = await self._db.fetchrow(f"SELECT {_COLUMNS} FROM agents WHERE name = ?", name)
        return _agent(row) if row else None

    async def find(self, *, state: str | None = None, owner: str | None = None) -> list[Agent]:
        clauses, args = [], []
        if state is not None:
            clauses.append("state = ?")
            args.append(state)
        if owner is not None:
            clauses.append("owner = ?")
            args.append(owner)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM agents{where} ORDER BY created_at, id", *args
        )
        return [_agent(r) for r in rows]

    async def states(self) -> list[Row]:
        """Id, name and state of every agent: the revocation view's source."""
        return await self._db.fetch("SELECT id, name, state, risk_level FROM agents")

    async def all(self) -> list[Agent]:
        rows = await self._db.fetch(f"SELECT {_COLUMNS} FROM agents")
        return [_agent(r) for r in rows]

    async def set_attributes(
        self, tx: Executor, agent_id: str, *, risk_level: str, clearance: str, updated_at: str
    ) -> None:
        await tx.execute(
            "UPDATE agents SET risk_level = ?, clearance = ?, updated_at = ? WHERE id = ?",
            risk_level,
            clearance,
            updated_at,
            agent_id,
        )

    async def transition(
        self,
        tx: Executor,
        agent_id: str,
        *,
        expected: AgentState,
        new: AgentState,
        reason: str | None,
        updated_at: str,
    ) -> bool:
        """Compare-and-set the state; False if another writer moved it first."""
        count = await tx.execute(
            "UPDATE agents SET state = ?, state_reason = ?, updated_at = ? "
            "WHERE id = ? AND state = ?",
            new.value,
            reason,
            updated_at,
            agent_id,
            expected.value,
        )
        return count == 1
