"""AuditLog: durable, hash-chained appends with group commit and signed checkpoints.

Every caller waits until its own record is committed (G3); many callers share one
transaction and one fsync, which is what makes thousands of durable appends per second.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from pathlib import Path

from ztai.audit.chain import checkpoint_message, record_hash
from ztai.crypto.b64 import b64url_encode
from ztai.crypto.keyring import KeyRing
from ztai.domain.audit_event import AuditEvent, AuditRecord
from ztai.domain.clock import Clock, iso, parse_iso, system_clock
from ztai.errors import Unavailable
from ztai.storage.audit import AuditRepository, Checkpoint
from ztai.storage.database import Database, Executor

log = logging.getLogger(__name__)

AUDIT_LOCK = "ztai.audit"

_Pending = tuple[AuditEvent, "asyncio.Future[AuditRecord]"]


class AuditUnavailable(Unavailable):
    code = "audit.unavailable"
    title = "Audit log unavailable"


class AuditLog:
    def __init__(
        self,
        db: Database,
        keyring: KeyRing,
        *,
        checkpoint_every_records: int = 1000,
        checkpoint_every_seconds: float = 5.0,
        max_batch: int = 512,
        witness_path: Path | None = None,
        clock: Clock = system_clock,
    ) -> None:
        self._db = db
        self._repo = AuditRepository(db)
        self._keyring = keyring
        self._every_records = checkpoint_every_records
        self._every_seconds = checkpoint_every_seconds
        self._max_batch = max_batch
        self._witness_path = witness_path
        self._clock = clock
        self._pending: list[_Pending] = []
        self._wake = asyncio.Event()
        self._writer: asyncio.Task[None] | None = None
        self._closed = False
        self._cp_seq = 0
        self._cp_time = 0.0

    @property
    def repository(self) -> AuditRepository:
        return self._repo

    async def start(self) -> None:
        last = await self._repo.last_checkpoint()
        if last is not None:
            self._cp_seq, self._cp_time = last.seq, parse_iso(last.ts)
        else:
            self._cp_time = self._clock()
        self._writer = asyncio.create_task(self._run(), name="ztai-audit-writer")

    async def append(self, event: AuditEvent) -> AuditRecord:
        """Return once the record is durably committed; raise AuditUnavailable otherwise."""
        if self._closed or self._writer is None or self._writer.done():
            raise AuditUnavailable("audit writer is not running")
        future: asyncio.Future[AuditRecord] = asyncio.get_running_loop().create_future()
        self._pending.append((event, future))
        self._wake.set()
        return await asyncio.shield(future)

    async def append_in(self, tx: Executor, event: AuditEvent) -> AuditRecord:
        """Chain a record inside the caller's transaction, so a change and its audit
        record commit together or not at all. The transaction must hold the
        "ztai.audit" lock (`db.transaction(lock=AUDIT_LOCK)`)."""
        seq, prev = await self._repo.head(tx)
        ts = iso(self._clock())
        seq += 1
        record = AuditRecord(
            seq=seq, ts=ts, event=event, prev_hash=prev, hash=record_hash(seq, ts, event, prev)
        )
        await self._repo.insert(tx, [record])
        return record

    async def close(self) -> None:
        """Flush what is queued, write a final checkpoint, stop the writer."""
        self._closed = True
        self._wake.set()
        if self._writer is not None:
            await self._writer
        with contextlib.suppress(Exception):
            await self._checkpoint_now()

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._pending:
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
                await self._commit(batch)
            if self._closed:
                return

    async def _commit(self, batch: list[_Pending]) -> None:
        try:
            records, checkpoint = await self._write(batch)
        except Exception as exc:  # noqa: BLE001 — every storage failure must refuse, not crash
            log.error("audit append failed: %s", type(exc).__name__)
            for _, future in batch:
                if not future.done():
                    future.set_exception(AuditUnavailable("audit record could not be written"))
            return
        for (_, future), record in zip(batch, records, strict=True):
            if not future.done():
                future.set_result(record)
        if checkpoint is not None:
            self._witness(checkpoint)

    async def _write(self, batch: list[_Pending]) -> tuple[list[AuditRecord], Checkpoint | None]:
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            seq, prev = await self._repo.head(tx)
            ts = iso(self._clock())
            records = []
            for event, _ in batch:
                seq += 1
                digest = record_hash(seq, ts, event, prev)
                records.append(
                    AuditRecord(seq=seq, ts=ts, event=event, prev_hash=prev, hash=digest)
                )
                prev = digest
            await self._repo.insert(tx, records)
            checkpoint = None
            due_by_count = seq - self._cp_seq >= self._every_records
            due_by_time = self._clock() - self._cp_time >= self._every_seconds
            if due_by_count or due_by_time:
                checkpoint = await self._sign_checkpoint(tx, seq, prev)
        if checkpoint is not None:
            self._cp_seq, self._cp_time = checkpoint.seq, self._clock()
        return records, checkpoint

    async def _sign_checkpoint(self, tx: Executor, seq: int, digest: str) -> Checkpoint:
        key = self._keyring.current()
        ts = iso(self._clock())
        signature = key.private.sign(checkpoint_message(seq, digest, ts))
        checkpoint = Checkpoint(
            seq=seq, hash=digest, kid=key.kid, ts=ts, signature=b64url_encode(signature)
        )
        await self._repo.insert_checkpoint(tx, checkpoint)
        return checkpoint

    async def _checkpoint_now(self) -> None:
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            seq, digest = await self._repo.head(tx)
            last = await self._repo.last_checkpoint(tx)
            if seq == 0 or (last is not None and last.seq >= seq):
                return
            checkpoint = await self._sign_checkpoint(tx, seq, digest)
        self._witness(checkpoint)

    def _witness(self, checkpoint: Checkpoint) -> None:
        """Copy each checkpoint outside the database, so deleting the tail of the log
        together with its checkpoints is still caught by `ztai audit verify`."""
        if self._witness_path is None:
            return
        line = json.dumps(
            {
                "seq": checkpoint.seq,
                "hash": checkpoint.hash,
                "kid": checkpoint.kid,
                "ts": checkpoint.ts,
                "signature": checkpoint.signature,
            }
        )
        try:
            fd = os.open(self._witness_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, (line + "\n").encode())
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            log.error("audit witness write failed: %s", exc.strerror)
