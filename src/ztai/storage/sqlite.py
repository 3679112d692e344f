"""SQLite adapter: WAL, synchronous=FULL, one writer connection, one reader connection."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from ztai.storage.database import DuplicateKey, Executor, Row, StorageUnavailable


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" in str(exc):
            raise DuplicateKey(str(exc)) from exc
        raise StorageUnavailable(f"sqlite: {type(exc).__name__}") from exc
    except (sqlite3.Error, ValueError) as exc:  # aiosqlite raises ValueError once closed
        raise StorageUnavailable(f"sqlite: {type(exc).__name__}") from exc


class _Conn:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> int:
        with _translated():
            cursor = await self._conn.execute(sql, args)
            count = cursor.rowcount
            await cursor.close()
        return int(count)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with _translated():
            await self._conn.executemany(sql, rows)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        with _translated():
            async with self._conn.execute(sql, args) as cursor:
                rows = await cursor.fetchall()
        return [dict(row) for row in rows]

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        with _translated():
            async with self._conn.execute(sql, args) as cursor:
                row = await cursor.fetchone()
        return dict(row) if row is not None else None


class SqliteDatabase:
    dialect = "sqlite"

    def __init__(self, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self._writer = _Conn(writer)
        self._reader = _Conn(reader)
        self._raw = (writer, reader)
        # One writer at a time inside this process; BEGIN IMMEDIATE serialises processes.
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str) -> SqliteDatabase:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        writer = await cls._connect(path)
        reader = await cls._connect(path)
        return cls(writer, reader)

    @staticmethod
    async def _connect(path: str) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        await conn.execute("PRAGMA busy_timeout=10000")
        # WAL + FULL: a commit is on disk when it returns, so an acknowledged audit
        # record survives kill -9 and power loss (G3).
        for attempt in range(50):
            # Switching a new file to WAL takes an exclusive lock, and SQLite answers
            # "locked" at once (without the busy handler) to openers racing for it.
            try:
                await conn.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 49:
                    await conn.close()
                    raise
                await asyncio.sleep(0.02)
        await conn.execute("PRAGMA synchronous=FULL")
        await conn.execute("PRAGMA foreign_keys=ON")
        return conn

    async def execute(self, sql: str, *args: Any) -> int:
        async with self._write_lock:
            return await self._writer.execute(sql, *args)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        async with self._write_lock:
            await self._writer.executemany(sql, rows)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return await self._reader.fetch(sql, *args)

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        return await self._reader.fetchrow(sql, *args)

    @asynccontextmanager
    async def transaction(self, *, lock: str | None = None) -> AsyncIterator[Executor]:
        # `lock` needs nothing more here: BEGIN IMMEDIATE takes the database write lock.
        del lock
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
            except BaseException:
                with contextlib.suppress(StorageUnavailable):
                    await self._writer.execute("ROLLBACK")
                raise
            await self._writer.execute("COMMIT")

    async def close(self) -> None:
        for conn in self._raw:
            await conn.close()
