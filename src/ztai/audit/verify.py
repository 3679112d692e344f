"""Verification of the audit chain: edits, deletions, reordering and truncation."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from ztai.audit.chain import checkpoint_message, record_hash
from ztai.crypto.b64 import b64url_decode
from ztai.storage.audit import GENESIS_HASH, AuditRepository, Checkpoint


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    records: int
    checkpoints: int
    unsigned_tail: int  # records after the last checkpoint: chained, not yet signed
    bad_seq: int | None = None
    problem: str | None = None

    def summary(self) -> str:
        if self.ok:
            return f"ok {self.records} records"
        return f"bad record {self.bad_seq}: {self.problem}"


def read_witness(path: Path) -> list[Checkpoint]:
    """Checkpoints copied outside the database; a torn last line (crash) is ignored."""
    if not path.exists():
        return []
    found = []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for index, line in enumerate(lines):
        try:
            found.append(Checkpoint(**json.loads(line)))
        except (ValueError, TypeError):
            if index == len(lines) - 1:
                continue
            raise
    return found


def _signature_ok(
    checkpoint: Checkpoint, key_for: Callable[[str], ed25519.Ed25519PublicKey | None]
) -> bool:
    key = key_for(checkpoint.kid)
    if key is None:
        return False
    try:
        key.verify(
            b64url_decode(checkpoint.signature),
            checkpoint_message(checkpoint.seq, checkpoint.hash, checkpoint.ts),
        )
    except (InvalidSignature, ValueError):
        return False
    return True


async def verify_log(
    repo: AuditRepository,
    key_for: Callable[[str], ed25519.Ed25519PublicKey | None],
    witness: list[Checkpoint] | None = None,
) -> VerifyResult:
    """Walk the whole chain once; stop at the first bad record."""
    checkpoints = await repo.checkpoints()
    # Keep only the hashes a checkpoint vouches for: memory stays bounded on long logs.
    wanted = {c.seq for c in [*checkpoints, *(witness or [])]}
    by_seq: dict[int, str] = {}
    expected_seq, prev, count = 1, GENESIS_HASH, 0

    def bad(seq: int, problem: str) -> VerifyResult:
        return VerifyResult(False, count, len(checkpoints), 0, bad_seq=seq, problem=problem)

    async for record in repo.all_records():
        if record.seq != expected_seq:
            return bad(expected_seq, f"missing (next stored record is {record.seq})")
        if record.prev_hash != prev:
            return bad(record.seq, "prev_hash does not link to the previous record")
        if record_hash(record.seq, record.ts, record.event, record.prev_hash) != record.hash:
            return bad(record.seq, "content does not match its hash")
        if record.seq in wanted:
            by_seq[record.seq] = record.hash
        prev = record.hash
        expected_seq += 1
        count += 1

    for source, marks in (("checkpoint", checkpoints), ("witness checkpoint", witness or [])):
        for checkpoint in marks:
            if not _signature_ok(checkpoint, key_for):
                return bad(checkpoint.seq, f"{source} signature invalid or key unknown")
            stored = by_seq.get(checkpoint.seq)
            if stored is None:
                return bad(checkpoint.seq, f"{source} names a record that is gone (truncated)")
            if stored != checkpoint.hash:
                return bad(checkpoint.seq, f"{source} hash differs from the stored record")
    signed_up_to = max((c.seq for c in [*checkpoints, *(witness or [])]), default=0)
    return VerifyResult(True, count, len(checkpoints), count - signed_up_to)
