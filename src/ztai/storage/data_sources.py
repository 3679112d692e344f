"""DataSourceRepository: data sources and their sensitivity labels."""

from __future__ import annotations

from dataclasses import dataclass

from ztai.storage.database import Executor


@dataclass(frozen=True, slots=True)
class DataSource:
    id: str
    label: str
    owner: str
    description: str
    updated_at: str

    def to_public(self) -> dict[str, str]:
        return {
            "id": self.id,
            "label": self.label,
            "owner": self.owner,
            "description": self.description,
            "updated_at": self.updated_at,
        }


class DataSourceRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def all(self) -> list[DataSource]:
        rows = await self._db.fetch(
            "SELECT id, label, owner, description, updated_at FROM data_sources ORDER BY id"
        )
        return [DataSource(**r) for r in rows]

    async def upsert(self, tx: Executor, source: DataSource) -> None:
        await tx.execute("DELETE FROM data_sources WHERE id = ?", source.id)
        await tx.execute(
            "INSERT INTO data_sources (id, label, owner, description, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            source.id,
            source.label,
            source.owner,
            source.description,
            source.updated_at,
        )
