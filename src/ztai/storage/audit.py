"""AuditRepository: the audit_records and audit_checkpoints tables."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from ztai.domain.audit_event import AuditEvent, AuditRecord
from ztai.storage.database import Executor, Row

GENESIS_HASH = "0" * 64

_COLUMNS = (
    "seq, ts, actor, action, target, decision, reasons, request_hash, agent_id, data, "
    "prev_hash, hash"
)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    seq: int
    hash: str
    kid: str
    ts: str
    signature: str


def record_from_row(row: Row) -> AuditRecord:
    event = AuditEvent(
        actor=row["actor"],
        action=row["action"],
        target=row["target"],
        decision=row["decision"],
        reasons=tuple(json.loads(row["reasons"])),
        request_hash=row["request_hash"],
        agent_id=row["agent_id"],
        data=json.loads(row["data"]),
    )
    return AuditRecord(
        seq=int(row["seq"]), ts=row["ts"], event=event, prev_hash=row["prev_hash"], hash=row["hash"]
    )


class AuditRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def head(self, tx: Executor) -> tuple[int, str]:
        row = await tx.fetchrow("SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1")
        return (int(row["seq"]), row["hash"]) if row else (0, GENESIS_HASH)

    async def insert(self, tx: Executor, records: Sequence[AuditRecord]) -> None:
        await tx.executemany(
            f"INSERT INTO audit_records ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.seq,
                    r.ts,
                    r.event.actor,
                    r.event.action,
                    r.event.target,
                    r.event.decision,
                    json.dumps(list(r.event.reasons)),
                    r.event.request_hash,
                    r.event.agent_id,
                    json.dumps(r.event.data, sort_keys=True),
                    r.prev_hash,
                    r.hash,
                )
                for r in records
            ],
        )

    async def last_checkpoint(self, tx: Executor | None = None) -> Checkpoint | None:
        row = await (tx or self._db).fetchrow(
            "SELECT seq, hash, kid, ts, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT 1"
        )
        return Checkpoint(**row) if row else None

    async def insert_checkpoint(self, tx: Executor, checkpoint: Checkpoint) -> None:
        await tx.execute(
            "INSERT INTO audit_checkpoints (seq, hash, kid, ts, signature) VALUES (?, ?, ?, ?, ?)",
            checkpoint.seq,
            checkpoint.hash,
            checkpoint.kid,
            checkpoint.ts,
            checkpoint.signature,
        )

    async def checkpoints(self) -> list[Checkpoint]:
        rows = await self._db.fetch(
            "SELECT seq, hash, kid, ts, signature FROM audit_checkpoints ORDER BY seq"
        )
        return [Checkpoint(**r) for r in rows]

    async def query(
        self,
        *,
        agent_id: str | None = None,
        decision: str | None = None,
        since: str | None = None,
        action: str | None = None,
        limit: int = 100,
        before_seq: int | None = None,
    ) -> list[AuditRecord]:
        clauses: list[str] = []
        args: list[object] = []
        for column, value in (("agent_id", agent_id), ("decision", decision), ("action", action)):
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value)
        if since is not None:
            clauses.append("ts >= ?")
            args.append(since)
        if before_seq is not None:
            clauses.append("seq < ?")
            args.append(before_seq)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM audit_records{where} ORDER BY seq DESC LIMIT ?", *args, limit
        )
        return [record_from_row(r) for r in rows]

    async def all_records(self, page: int = 2000) -> AsyncIterator[AuditRecord]:
        """Every record in seq order, paged by key so a long log reads in linear time."""
        after = -1
        while True:
            rows = await self._db.fetch(
                f"SELECT {_COLUMNS} FROM audit_records WHERE seq > ? ORDER BY seq LIMIT ?",
                after,
                page,
            )
            for row in rows:
                yield record_from_row(row)
            if len(rows) < page:
                return
            after = int(rows[-1]["seq"])

    async def allowed_decisions_since(self, since: str) -> AsyncIterator[AuditRecord]:
        """Allowed authorization decisions (action authz.*) from `since` on, oldest first."""
        after = -1
        while True:
            rows = await self._db.fetch(
                f"SELECT {_COLUMNS} FROM audit_records WHERE seq > ? AND ts >= ? "
                "AND decision = 'allow' AND action LIKE 'authz.%' ORDER BY seq LIMIT ?",
                after,
                since,
                2000,
            )
            for row in rows:
                yield record_from_row(row)
            if len(rows) < 2000:
                return
            after = int(rows[-1]["seq"])

    async def count(self) -> int:
        row = await self._db.fetchrow("SELECT count(*) AS n FROM audit_records")
        return int(row["n"]) if row else 0
