"""The identity version counter: one row bumped with every token-invalidating change."""

from __future__ import annotations

from ztai.storage.database import Executor


async def bump(tx: Executor) -> None:
    # A row update (not a sequence) so concurrent writers commit in counter order.
    await tx.execute("UPDATE identity_version SET version = version + 1 WHERE id = 1")


async def current(db: Executor) -> int:
    row = await db.fetchrow("SELECT version FROM identity_version WHERE id = 1")
    if row is None:
        raise LookupError("identity_version row missing: database not migrated")
    return int(row["version"])
