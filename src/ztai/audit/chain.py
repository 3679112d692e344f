"""How a record is hashed into the chain, and what a checkpoint signs."""

from __future__ import annotations

import hashlib
import json

from ztai.domain.audit_event import AuditEvent


def record_hash(seq: int, ts: str, event: AuditEvent, prev_hash: str) -> str:
    """SHA-256 over the canonical JSON of every stored field plus the previous hash."""
    body = {
        "seq": seq,
        "ts": ts,
        "actor": event.actor,
        "action": event.action,
        "target": event.target,
        "decision": event.decision,
        "reasons": list(event.reasons),
        "request_hash": event.request_hash,
        "agent_id": event.agent_id,
        "data": event.data,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def checkpoint_message(seq: int, record_hash_hex: str, ts: str) -> bytes:
    return f"ztai.audit.checkpoint.v1:{seq}:{record_hash_hex}:{ts}".encode("ascii")
