"""RedisBroadcast: one Redis pub/sub channel; every replica hears what any replica publishes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

log = logging.getLogger(__name__)


class RedisBroadcast:
    """Delivery is best effort by design: each user keeps a slower path (a poll) that
    covers a lost message, so a publish failure is logged, never raised."""

    def __init__(
        self, redis: Redis, channel: str, on_message: Callable[[str], Awaitable[None]]
    ) -> None:
        self._redis = redis
        self._channel = channel
        self._on_message = on_message
        self._task: asyncio.Task[None] | None = None

    async def publish(self, message: str = "1") -> None:
        try:
            await self._redis.publish(self._channel, message)
        except Exception as exc:  # noqa: BLE001 — the poll path still delivers
            log.warning("publish on %s failed: %s", self._channel, type(exc).__name__)

    async def start(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(self._channel)
        self._task = asyncio.create_task(self._listen(pubsub), name=f"ztai-{self._channel}")

    async def _listen(self, pubsub: object) -> None:
        while True:
            try:
                async for message in pubsub.listen():  # type: ignore[attr-defined]
                    if message.get("type") == "message":
                        data = message.get("data", b"")
                        text = data.decode() if isinstance(data, bytes) else str(data)
                        await self._on_message(text)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 — reconnect; the poll path covers the gap
                log.warning("%s listener error: %s", self._channel, type(exc).__name__)
                await asyncio.sleep(0.5)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
