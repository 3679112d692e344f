"""PostgreSQL adapter over an asyncpg pool; `?` placeholders become `$n`."""

from __future__ import annotations

import functools
import zlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from ztai.storage.database import DuplicateKey, Executor, Row, StorageUnavailable


@functools.lru_cache(maxsize=1024)
def to_dollar_params(sql: str) -> str:
    """Rewrite `?` outside string literals to `$1, $2, …`."""
    out: list[str] = []
    n = 0
    quoted = False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        if ch == "?" and not quoted:
            n += 1
            out.append(f"${n}")
        else:
            out.append(ch)
    return "".join(out)


def _rowcount(status: str) -> int:
    tail = status.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else 0


_DRIVER_ERRORS = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError)


@asynccontextmanager
async def _translated() -> AsyncIterator[None]:
    try:
        yield
    except asyncpg.UniqueViolationError as exc:
        raise DuplicateKey(str(exc)) from exc
    except _DRIVER_ERRORS as exc:
        raise StorageUnavailable(f"postgresql: {type(exc).__name__}") from exc


class _Conn:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> int:
        async with _translated():
            return _rowcount(await self._conn.execute(to_dollar_params(sql), *args))

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        async with _translated():
            await self._conn.executemany(to_dollar_params(sql), rows)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        async with _translated():
            return [dict(r) for r in await self._conn.fetch(to_dollar_params(sql), *args)]

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        async with _translated():
            row = await self._conn.fetchrow(to_dollar_params(sql), *args)
        return dict(row) if row is not None else None


async def _no_reset(conn: Any) -> None:
    """ztai keeps no session state on pooled connections (every transaction ends in commit
    or rollback), so asyncpg's reset query would only cost a round trip per query."""


def lock_id(name: str) -> int:
    """A stable 32-bit advisory-lock key for a lock name."""
    return zlib.crc32(name.encode())


class PostgresDatabase:
    dialect = "postgresql"

    def __init__(self, pool: Any) -> None:
        self._pool = pool

    @classmethod
    async def open(cls, url: str, *, schema: str | None = None) -> PostgresDatabase:
        settings = {"search_path": schema} if schema else None
        pool = await asyncpg.create_pool(
            url, min_size=1, max_size=10, server_settings=settings, timeout=10, reset=_no_reset
        )
        return cls(pool)

    async def execute(self, sql: str, *args: Any) -> int:
        async with _translated(), self._pool.acquire() as conn:
            return await _Conn(conn).execute(sql, *args)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        async with _translated(), self._pool.acquire() as conn:
            await _Conn(conn).executemany(sql, rows)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        async with _translated(), self._pool.acquire() as conn:
            return await _Conn(conn).fetch(sql, *args)

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        async with _translated(), self._pool.acquire() as conn:
            return await _Conn(conn).fetchrow(sql, *args)

    @asynccontextmanager
    async def transaction(self, *, lock: str | None = None) -> AsyncIterator[Executor]:
        async with _translated(), self._pool.acquire() as conn, conn.transaction():
            if lock is not None:
                # Serialises writers across replicas (e.g. the audit chain head).
                await conn.execute("SELECT pg_advisory_xact_lock($1)", lock_id(lock))
            yield _Conn(conn)

    async def close(self) -> None:
        await self._pool.close()
