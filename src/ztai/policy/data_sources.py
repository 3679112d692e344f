"""DataSourceService: register data sources and their sensitivity label, audited."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from ztai.audit.log import AUDIT_LOCK, AuditLog
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, iso, system_clock
from ztai.errors import ValidationFailed
from ztai.storage.data_sources import DataSource, DataSourceRepository
from ztai.storage.database import Database
from ztai.storage.versions import POLICY, bump


class DataSourceService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        labels: tuple[str, ...],
        *,
        on_change: Callable[[], Awaitable[None]],
        clock: Clock = system_clock,
    ) -> None:
        self._on_change = on_change
        self._db = db
        self._repo = DataSourceRepository(db)
        self._audit = audit
        self._labels = labels
        self._clock = clock

    async def put(
        self, actor: str, source_id: str, label: str, owner: str, description: str = ""
    ) -> DataSource:
        if label not in self._labels:
            raise ValidationFailed(f"label must be one of {list(self._labels)}")
        source = DataSource(source_id, label, owner, description, iso(self._clock()))
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            await self._repo.upsert(tx, source)
            await bump(tx, POLICY)
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=actor,
                    action="data_source.put",
                    target=f"DataSource::{source_id}",
                    decision="allow",
                    data={"label": label, "owner": owner},
                ),
            )
        await self._on_change()
        return source

    async def all(self) -> list[DataSource]:
        return await self._repo.all()
