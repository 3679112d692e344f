"""Change counters ('identity', 'policy'): one row each, bumped inside the changing transaction."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from ztai.storage.database import Executor

log = logging.getLogger(__name__)

IDENTITY = "identity"
POLICY = "policy"


async def bump(tx: Executor, name: str) -> None:
    # A row update (not a sequence) so concurrent writers commit in counter order.
    await tx.execute("UPDATE versions SET version = version + 1 WHERE name = ?", name)


async def current(db: Executor, name: str) -> int:
    row = await db.fetchrow("SELECT version FROM versions WHERE name = ?", name)
    if row is None:
        raise LookupError(f"version counter {name!r} missing: database not migrated")
    return int(row["version"])


class Poller:
    """Runs `sync` every `interval` seconds until stopped; a failing sync is logged and
    retried, and the caller's staleness check refuses requests meanwhile (fail closed)."""

    def __init__(self, sync: Callable[[], Awaitable[None]], interval: float, name: str) -> None:
        self._sync = sync
        self._interval = interval
        self._name = name
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self._name)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self._sync()
            except Exception as exc:  # noqa: BLE001 — stay alive; staleness refuses requests
                log.warning("%s failed: %s", self._name, type(exc).__name__)
