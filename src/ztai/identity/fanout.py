"""Revocation fan-out over Redis pub/sub: replicas refresh at once instead of next poll."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

from ztai.storage.broadcast import RedisBroadcast

CHANNEL = "ztai:identity-changed"


class RedisFanout(RedisBroadcast):
    def __init__(self, redis: Redis, on_change: Callable[[], Awaitable[None]]) -> None:
        async def changed(_: str) -> None:
            await on_change()

        super().__init__(redis, CHANNEL, changed)
