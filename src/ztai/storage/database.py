"""The database seam: a tiny async interface both SQLite and PostgreSQL implement.

SQL is written once with `?` placeholders; the PostgreSQL adapter rewrites them to `$n`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from ztai.errors import Unavailable

Row = dict[str, Any]


class DuplicateKey(Exception):
    """An insert hit a unique constraint (the adapters translate their driver's error)."""


class StorageUnavailable(Unavailable):
    """The database could not run the statement: callers refuse the request (G2)."""

    code = "storage.unavailable"
    title = "Storage unavailable"


class Executor(Protocol):
    async def execute(self, sql: str, *args: Any) -> int: ...

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    async def fetch(self, sql: str, *args: Any) -> list[Row]: ...

    async def fetchrow(self, sql: str, *args: Any) -> Row | None: ...


class Database(Executor, Protocol):
    dialect: str

    def transaction(self, *, lock: str | None = None) -> AbstractAsyncContextManager[Executor]:
        """A write transaction. `lock` names a cross-process mutex held until commit."""
        ...

    async def close(self) -> None: ...


async def open_database(url: str) -> Database:
    """Open and migrate the database named by `url` (sqlite:///path or postgresql://…)."""
    from ztai.storage.migrations import migrate

    db: Database
    if url.startswith("sqlite:///"):
        from ztai.storage.sqlite import SqliteDatabase

        db = await SqliteDatabase.open(url.removeprefix("sqlite:///"))
    elif url.startswith(("postgresql://", "postgres://")):
        from ztai.storage.postgres import PostgresDatabase

        db = await PostgresDatabase.open(url)
    else:
        raise ValueError(f"unsupported database URL scheme: {url.split(':', 1)[0]}")
    try:
        await migrate(db)
    except BaseException:
        await db.close()
        raise
    return db
