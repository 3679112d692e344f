"""CredentialRepository: the credentials table (secret hashes, registered JWKs)."""

from __future__ import annotations

import json

from ztai.domain.credential import Credential, CredentialType
from ztai.storage.database import Executor, Row

_COLUMNS = "id, agent_id, client_id, type, secret_hash, jwk, created_at, revoked_at"


def _credential(row: Row) -> Credential:
    return Credential(
        id=row["id"],
        agent_id=row["agent_id"],
        client_id=row["client_id"],
        type=CredentialType(row["type"]),
        secret_hash=row["secret_hash"],
        jwk=json.loads(row["jwk"]) if row["jwk"] else None,
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )


class CredentialRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def insert(self, credential: Credential, tx: Executor | None = None) -> None:
        await (tx or self._db).execute(
            f"INSERT INTO credentials ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            credential.id,
            credential.agent_id,
            credential.client_id,
            credential.type.value,
            credential.secret_hash,
            json.dumps(credential.jwk) if credential.jwk is not None else None,
            credential.created_at,
            credential.revoked_at,
        )

    async def by_client_id(self, client_id: str) -> Credential | None:
        row = await self._db.fetchrow(
            f"SELECT {_COLUMNS} FROM credentials WHERE client_id = ?", client_id
        )
        return _credential(row) if row else None

    async def get(self, agent_id: str, credential_id: str) -> Credential | None:
        row = await self._db.fetchrow(
            f"SELECT {_COLUMNS} FROM credentials WHERE id = ? AND agent_id = ?",
            credential_id,
            agent_id,
        )
        return _credential(row) if row else None

    async def for_agent(self, agent_id: str) -> list[Credential]:
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM credentials WHERE agent_id = ? ORDER BY created_at, id",
            agent_id,
        )
        return [_credential(r) for r in rows]

    async def revoked_ids(self) -> set[str]:
        rows = await self._db.fetch("SELECT id FROM credentials WHERE revoked_at IS NOT NULL")
        return {r["id"] for r in rows}

    async def revoke(self, tx: Executor, credential_id: str, revoked_at: str) -> bool:
        count = await tx.execute(
            "UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            revoked_at,
            credential_id,
        )
        return count == 1
