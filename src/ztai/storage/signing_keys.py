"""SigningKeyRepository: token and audit signing keys (private halves sealed)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ztai.storage.database import Executor, Row


@dataclass(frozen=True, slots=True)
class StoredKey:
    kid: str
    purpose: str
    alg: str
    public_jwk: dict[str, Any]
    sealed_private: str
    created_at: str
    retire_after: str | None


def _key(row: Row) -> StoredKey:
    return StoredKey(
        kid=row["kid"],
        purpose=row["purpose"],
        alg=row["alg"],
        public_jwk=json.loads(row["public_jwk"]),
        sealed_private=row["sealed_private"],
        created_at=row["created_at"],
        retire_after=row["retire_after"],
    )


class SigningKeyRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def insert(self, key: StoredKey, tx: Executor | None = None) -> None:
        await (tx or self._db).execute(
            "INSERT INTO signing_keys (kid, purpose, alg, public_jwk, sealed_private, "
            "created_at, retire_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            key.kid,
            key.purpose,
            key.alg,
            json.dumps(key.public_jwk),
            key.sealed_private,
            key.created_at,
            key.retire_after,
        )

    async def for_purpose(self, purpose: str) -> list[StoredKey]:
        rows = await self._db.fetch(
            "SELECT * FROM signing_keys WHERE purpose = ? ORDER BY created_at, kid", purpose
        )
        return [_key(r) for r in rows]

    async def schedule_retirement(self, tx: Executor, purpose: str, retire_after: str) -> None:
        await tx.execute(
            "UPDATE signing_keys SET retire_after = ? WHERE purpose = ? AND retire_after IS NULL",
            retire_after,
            purpose,
        )
