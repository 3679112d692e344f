"""ApprovalWaiter: calls held open until a human decides, without polling in a tight loop.

A held call sleeps on an in-process event. The replica that records the decision wakes it at
once (same process) or publishes the approval id on Redis (other replicas). Without Redis, or
if a message is lost, each held call re-reads its approval every `recheck_seconds`; nothing
polls when no call is held. A cap per agent bounds how many calls one agent can hold open.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator

from ztai.domain.clock import Clock, iso, system_clock
from ztai.storage.approvals import Approval, ApprovalRepository

Publish = Callable[[str], Awaitable[None]]


class ApprovalWaiter:
    def __init__(
        self,
        repository: ApprovalRepository,
        *,
        max_held_per_agent: int,
        recheck_seconds: float,
        clock: Clock = system_clock,
    ) -> None:
        self._repo = repository
        self._max = max_held_per_agent
        self._recheck = recheck_seconds
        self._clock = clock
        self._events: dict[str, set[asyncio.Event]] = {}
        self._held: Counter[str] = Counter()
        self._publish: Publish | None = None
        self._closing = False

    def connect(self, publish: Publish) -> None:
        """Tell other replicas about decisions (Redis pub/sub), see `decided`."""
        self._publish = publish

    def held(self, agent_id: str) -> int:
        return self._held[agent_id]

    @contextlib.contextmanager
    def slot(self, agent_id: str) -> Iterator[bool]:
        """Yields False when the agent already holds its maximum of calls open."""
        if self._held[agent_id] >= self._max:
            yield False
            return
        self._held[agent_id] += 1
        try:
            yield True
        finally:
            self._held[agent_id] -= 1
            if self._held[agent_id] <= 0:
                del self._held[agent_id]

    def wake(self, approval_id: str) -> None:
        """A decision for `approval_id` may exist now: held calls re-read it."""
        for event in self._events.get(approval_id, ()):
            event.set()

    def release_all(self) -> None:
        """Shutting down: every held call stops waiting now and is answered with its
        approval as it stands (pending: the agent retries with the id on another replica),
        so a graceful shutdown is not held up for the full wait."""
        self._closing = True
        for events in self._events.values():
            for event in events:
                event.set()

    async def decided(self, approval_id: str) -> None:
        self.wake(approval_id)
        if self._publish is not None:
            await self._publish(approval_id)

    async def wait(
        self, approval_id: str, timeout: float, released: asyncio.Event | None = None
    ) -> Approval | None:
        """The approval once decided or expired, or as it is after `timeout` seconds (still
        pending). None if `released` is set first (the client went away). Storage errors
        propagate: the caller refuses the call (fail closed)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        event = asyncio.Event()
        self._events.setdefault(approval_id, set()).add(event)
        try:
            while True:
                # Cleared before the read: a wake-up during the read is not lost.
                event.clear()
                approval = await self._repo.get(approval_id)
                if approval is None or approval.state != "pending":
                    return approval
                remaining = deadline - loop.time()
                if remaining <= 0 or self._closing or approval.expired(iso(self._clock())):
                    return approval
                if released is not None and released.is_set():
                    return None
                await _first(event, released, min(remaining, self._recheck))
                if released is not None and released.is_set():
                    return None
        finally:
            waiting = self._events.get(approval_id)
            if waiting is not None:
                waiting.discard(event)
                if not waiting:
                    del self._events[approval_id]


async def _first(event: asyncio.Event, other: asyncio.Event | None, timeout: float) -> None:
    """Until `event` or `other` is set, or `timeout` passes."""
    waits = [asyncio.ensure_future(event.wait())]
    if other is not None:
        waits.append(asyncio.ensure_future(other.wait()))
    try:
        await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in waits:
            task.cancel()
