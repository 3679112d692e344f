"""AuthzView: each replica's in-memory copy of what decisions read — agents, grants, data
sources — refreshed when the shared 'policy' or 'identity' counter moves."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from ztai.domain.agent import Agent
from ztai.domain.clock import Clock, system_clock
from ztai.storage.agents import AgentRepository
from ztai.storage.data_sources import DataSource, DataSourceRepository
from ztai.storage.database import Database
from ztai.storage.grants import Grant, GrantRepository
from ztai.storage.versions import IDENTITY, POLICY, Poller, current


class AuthzView:
    def __init__(
        self,
        db: Database,
        *,
        on_policy_change: Callable[[], Awaitable[None]],
        sync_interval: float = 0.2,
        max_staleness: float = 1.0,
        clock: Clock = system_clock,
    ) -> None:
        self._db = db
        self._agents_repo = AgentRepository(db)
        self._grants_repo = GrantRepository(db)
        self._sources_repo = DataSourceRepository(db)
        self._on_policy_change = on_policy_change
        self._max_staleness = max_staleness
        self._clock = clock
        self._versions: tuple[int, int] = (-1, -1)
        self._synced_at = float("-inf")
        self.agents: dict[str, Agent] = {}
        self.grants: dict[str, list[Grant]] = {}
        self.data_sources: dict[str, DataSource] = {}
        self._lock = asyncio.Lock()
        self._poller = Poller(self.sync, sync_interval, "ztai-authz-sync")

    @property
    def version(self) -> tuple[int, int]:
        return self._versions

    def fresh(self) -> bool:
        return self._clock() - self._synced_at <= self._max_staleness

    async def sync(self, *, force: bool = False) -> None:
        async with self._lock:
            started = self._clock()
            versions = (await current(self._db, IDENTITY), await current(self._db, POLICY))
            if force or versions != self._versions:
                agents = await self._agents_repo.all()
                grants = await self._grants_repo.unrevoked()
                sources = await self._sources_repo.all()
                by_agent: dict[str, list[Grant]] = {}
                for grant in grants:
                    by_agent.setdefault(grant.agent_id, []).append(grant)
                policy_moved = force or versions[1] != self._versions[1]
                self.agents = {a.id: a for a in agents}
                self.grants = by_agent
                self.data_sources = {s.id: s for s in sources}
                self._versions = versions
                if policy_moved:
                    await self._on_policy_change()
            self._synced_at = started

    async def start(self) -> None:
        await self.sync(force=True)
        self._poller.start()

    async def stop(self) -> None:
        await self._poller.stop()
