"""Revocation fan-out over Redis pub/sub: replicas refresh at once instead of next poll."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

log = logging.getLogger(__name__)

CHANNEL = "ztai:identity-changed"


class RedisFanout:
    def __init__(self, redis: Redis, on_change: Callable[[], Awaitable[None]]) -> None:
        self._redis = redis
        self._on_change = on_change
        self._task: asyncio.Task[None] | None = None

    async def publish(self) -> None:
        try:
            await self._redis.publish(CHANNEL, "1")
        except Exception as exc:  # noqa: BLE001 — polling still delivers within the deadline
            log.warning("identity fan-out publish failed: %s", type(exc).__name__)

    async def start(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(CHANNEL)
        self._task = asyncio.create_task(self._listen(pubsub), name="ztai-identity-fanout")

    async def _listen(self, pubsub: object) -> None:
        while True:
            try:
                async for message in pubsub.listen():  # type: ignore[attr-defined]
                    if message.get("type") == "message":
                        await self._on_change()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 — reconnect; polling covers the gap
                log.warning("identity fan-out listener error: %s", type(exc).__name__)
                await asyncio.sleep(0.5)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
