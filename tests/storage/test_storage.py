"""Storage adapters: migrations, placeholders, errors, replay caches on every backend."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.clock import FakeClock
from tests.support.env import REDIS_URL, REQUIRE_SERVICES, redis_available
from ztai.storage.database import DuplicateKey, open_database
from ztai.storage.migrations import available, migrate
from ztai.storage.postgres import to_dollar_params
from ztai.storage.replay_cache import MemoryReplayCache, RedisReplayCache, SqlReplayCache


def test_placeholders_outside_literals_only() -> None:
    assert to_dollar_params("SELECT ? , '?' , ?") == "SELECT $1 , '?' , $2"


async def test_migrations_are_idempotent(database_url: str) -> None:
    db = await open_database(database_url)
    try:
        assert await migrate(db) == []
        rows = await db.fetch("SELECT version FROM schema_migrations ORDER BY version")
        assert [r["version"] for r in rows] == [m.version for m in available()]
    finally:
        await db.close()


async def test_racing_openers_migrate_once(database_url: str) -> None:
    dbs = await asyncio.gather(*(open_database(database_url) for _ in range(3)))
    try:
        rows = await dbs[0].fetch("SELECT count(*) AS n FROM schema_migrations")
        assert rows[0]["n"] == len(available())
    finally:
        for db in dbs:
            await db.close()


async def test_duplicate_keys_and_rollback(database_url: str) -> None:
    db = await open_database(database_url)
    try:
        await db.execute("INSERT INTO replay_cache (key, expires_at) VALUES (?, ?)", "k", 1.0)
        with pytest.raises(DuplicateKey):
            await db.execute("INSERT INTO replay_cache (key, expires_at) VALUES (?, ?)", "k", 2.0)
        with pytest.raises(RuntimeError):
            async with db.transaction() as tx:
                await tx.execute(
                    "INSERT INTO replay_cache (key, expires_at) VALUES (?, ?)", "t", 1.0
                )
                raise RuntimeError("abort")
        assert await db.fetchrow("SELECT key FROM replay_cache WHERE key = ?", "t") is None
    finally:
        await db.close()


async def test_sql_replay_cache(database_url: str) -> None:
    clock = FakeClock()
    db = await open_database(database_url)
    try:
        cache = SqlReplayCache(db, clock)
        results = await asyncio.gather(*(cache.claim("jti-1", clock() + 60) for _ in range(5)))
        assert sorted(results) == [False, False, False, False, True]
        clock.advance(61)
        assert await cache.claim("jti-1", clock() + 60)  # expired entries may be reused
        assert await cache.purge() == 0
    finally:
        await db.close()


async def test_memory_replay_cache_fails_closed_when_full() -> None:
    clock = FakeClock()
    cache = MemoryReplayCache(clock, max_entries=2)
    assert await cache.claim("a", clock() + 10)
    assert not await cache.claim("a", clock() + 10)
    assert await cache.claim("b", clock() + 10)
    assert not await cache.claim("c", clock() + 10)  # full of live entries: refuse
    clock.advance(11)
    assert await cache.claim("c", clock() + 10)


async def test_redis_replay_cache() -> None:
    if not redis_available():
        if REQUIRE_SERVICES:
            pytest.fail("Redis required but unreachable")
        pytest.skip("Redis not reachable")
    from uuid import uuid4

    from redis.asyncio import Redis

    redis = Redis.from_url(REDIS_URL)
    try:
        cache = RedisReplayCache(redis)
        key = f"test-{uuid4().hex}"
        import time

        results = await asyncio.gather(*(cache.claim(key, time.time() + 5) for _ in range(5)))
        assert sorted(results) == [False, False, False, False, True]
    finally:
        await redis.aclose()
