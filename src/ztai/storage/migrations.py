"""Schema migrations: numbered SQL files applied once, in order, under a lock."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from ztai.domain.clock import iso, system_clock
from ztai.storage.database import Database


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available() -> list[Migration]:
    folder = resources.files("ztai.storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version, _, rest = entry.name.partition("_")
            found.append(Migration(int(version), rest.removesuffix(".sql"), entry.read_text()))
    return sorted(found, key=lambda m: m.version)


def _statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


async def migrate(db: Database) -> list[int]:
    """Apply pending migrations; returns the versions applied. Safe with racing replicas."""
    applied: list[int] = []
    async with db.transaction(lock="ztai.migrations") as tx:
        await tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {row["version"] for row in await tx.fetch("SELECT version FROM schema_migrations")}
        for migration in available():
            if migration.version in done:
                continue
            for statement in _statements(migration.sql):
                await tx.execute(statement)
            await tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                migration.version,
                migration.name,
                iso(system_clock()),
            )
            applied.append(migration.version)
    return applied
