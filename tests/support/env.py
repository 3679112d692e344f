"""Where the real services for integration tests are, and whether they must be there."""

from __future__ import annotations

import asyncio
import functools
import os

import asyncpg

PG_URL = os.environ.get("ZTAI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("ZTAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# CI sets this so a missing service fails the run instead of silently skipping tests.
REQUIRE_SERVICES = os.environ.get("ZTAI_TEST_REQUIRE_SERVICES") == "1"


@functools.cache
def postgres_available() -> bool:
    async def probe() -> bool:
        try:
            conn = await asyncpg.connect(PG_URL, timeout=3)
        except (OSError, asyncpg.PostgresError, TimeoutError):
            return False
        await conn.close()
        return True

    return asyncio.run(probe())


@functools.cache
def redis_available() -> bool:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        return bool(Redis.from_url(REDIS_URL, socket_timeout=3).ping())
    except RedisError:
        return False
