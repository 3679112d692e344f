"""Single-use markers (assertion jti, envelope jti, approval ids), shared across replicas."""

from __future__ import annotations

from typing import Protocol

from redis.asyncio import Redis

from ztai.domain.clock import Clock, system_clock
from ztai.storage.database import Database


class ReplayCache(Protocol):
    async def claim(self, key: str, expires_at: float) -> bool:
        """True the first time `key` is claimed before it expires; False on a replay."""
        ...


class MemoryReplayCache:
    """Per-process cache: correct for a single replica only."""

    def __init__(self, clock: Clock = system_clock, max_entries: int = 1_000_000) -> None:
        self._seen: dict[str, float] = {}
        self._clock = clock
        self._max = max_entries

    async def claim(self, key: str, expires_at: float) -> bool:
        now = self._clock()
        if len(self._seen) >= self._max:
            self._seen = {k: v for k, v in self._seen.items() if v > now}
            if len(self._seen) >= self._max:
                return False  # full of live entries: refuse rather than forget (fail closed)
        seen_until = self._seen.get(key)
        if seen_until is not None and seen_until > now:
            return False
        self._seen[key] = expires_at
        return True


class SqlReplayCache:
    """Shared through the database's primary key: works across replicas without Redis."""

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    async def claim(self, key: str, expires_at: float) -> bool:
        now = self._clock()
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM replay_cache WHERE key = ? AND expires_at <= ?", key, now)
            # The primary key decides between racing replicas: exactly one insert lands.
            count = await tx.execute(
                "INSERT INTO replay_cache (key, expires_at) VALUES (?, ?) "
                "ON CONFLICT (key) DO NOTHING",
                key,
                expires_at,
            )
        return count == 1

    async def purge(self) -> int:
        return await self._db.execute(
            "DELETE FROM replay_cache WHERE expires_at <= ?", self._clock()
        )


class RedisReplayCache:
    def __init__(self, redis: Redis, clock: Clock = system_clock) -> None:
        self._redis = redis
        self._clock = clock

    async def claim(self, key: str, expires_at: float) -> bool:
        ttl_ms = max(1, int((expires_at - self._clock()) * 1000))
        # SET NX PX is atomic: exactly one replica wins the claim.
        ok = await self._redis.set(f"ztai:replay:{key}", "1", nx=True, px=ttl_ms)
        return bool(ok)
