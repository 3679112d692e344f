"""The audit chain: durable appends, checkpoints, verification, and every kind of tampering."""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path

import pytest

from ztai.audit.log import AuditUnavailable
from ztai.audit.verify import read_witness, verify_log
from ztai.bootstrap import Services
from ztai.domain.audit_event import AuditEvent
from ztai.storage.audit import AuditRepository


def _event(i: int) -> AuditEvent:
    return AuditEvent(
        actor=f"agent:a{i % 7}",
        action="test.write",
        target=f"Thing::{i}",
        decision="allow" if i % 3 else "deny",
        reasons=("r1",) if i % 3 == 0 else (),
        agent_id=f"a{i % 7}",
        data={"i": i, "text": "naïve ✓"},
    )


async def _verify(services: Services, witness: bool = True) -> tuple[bool, int | None, str]:
    path = services.settings.data_dir / "audit-witness.jsonl"
    result = await verify_log(
        AuditRepository(services.db),
        services.audit_keys.historic_key,
        read_witness(path) if witness else None,
    )
    return result.ok, result.bad_seq, result.summary()


async def _fill(services: Services, n: int) -> None:
    await asyncio.gather(*(services.audit.append(_event(i)) for i in range(n)))


async def test_concurrent_appends_form_one_chain(services: Services) -> None:
    records = await asyncio.gather(*(services.audit.append(_event(i)) for i in range(300)))
    seqs = sorted(r.seq for r in records)
    assert seqs == list(range(seqs[0], seqs[0] + 300))
    ok, _, summary = await _verify(services)
    assert ok, summary
    assert summary == f"ok {await services.audit.repository.count()} records"


async def test_checkpoints_are_signed_and_witnessed(services: Services) -> None:
    await _fill(services, 50)
    await services.audit.close()
    checkpoints = await services.audit.repository.checkpoints()
    assert checkpoints and checkpoints[-1].seq == await services.audit.repository.count()
    witness = read_witness(services.settings.data_dir / "audit-witness.jsonl")
    assert witness[-1] == checkpoints[-1]


async def _tamper_cases(services: Services, rng: random.Random, n: int) -> list[tuple[str, int]]:
    count = await services.audit.repository.count()
    kinds = ["edit_data", "edit_decision", "edit_hash", "delete", "swap", "truncate"]
    return [(rng.choice(kinds), rng.randint(1, count)) for _ in range(n)]


async def _apply(services: Services, kind: str, seq: int) -> list[tuple[str, tuple[object, ...]]]:
    """Tamper and return the statements that undo it."""
    db = services.db
    row = await db.fetchrow("SELECT * FROM audit_records WHERE seq = ?", seq)
    assert row is not None
    cols = list(row)
    reinsert = (
        f"INSERT INTO audit_records ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        tuple(row[c] for c in cols),
    )
    if kind == "edit_data":
        await db.execute("UPDATE audit_records SET data = ? WHERE seq = ?", '{"i":-1}', seq)
        return [("UPDATE audit_records SET data = ? WHERE seq = ?", (row["data"], seq))]
    if kind == "edit_decision":
        flipped = "allow" if row["decision"] != "allow" else "deny"
        await db.execute("UPDATE audit_records SET decision = ? WHERE seq = ?", flipped, seq)
        return [("UPDATE audit_records SET decision = ? WHERE seq = ?", (row["decision"], seq))]
    if kind == "edit_hash":  # re-hash one record: the next link or a checkpoint must break
        await db.execute("UPDATE audit_records SET hash = ? WHERE seq = ?", "f" * 64, seq)
        return [("UPDATE audit_records SET hash = ? WHERE seq = ?", (row["hash"], seq))]
    if kind == "delete":
        await db.execute("DELETE FROM audit_records WHERE seq = ?", seq)
        return [reinsert]
    if kind == "swap":
        other = seq + 1 if seq > 1 else 2
        await db.execute("UPDATE audit_records SET seq = -1 WHERE seq = ?", seq)
        await db.execute("UPDATE audit_records SET seq = ? WHERE seq = ?", seq, other)
        await db.execute("UPDATE audit_records SET seq = ? WHERE seq = -1", other)
        return [
            ("UPDATE audit_records SET seq = -1 WHERE seq = ?", (other,)),
            ("UPDATE audit_records SET seq = ? WHERE seq = ?", (other, seq)),
            ("UPDATE audit_records SET seq = ? WHERE seq = -1", (seq,)),
        ]
    # truncate: drop everything from seq on
    tail = await db.fetch("SELECT * FROM audit_records WHERE seq >= ? ORDER BY seq", seq)
    await db.execute("DELETE FROM audit_records WHERE seq >= ?", seq)
    return [(reinsert[0], tuple(r[c] for c in cols)) for r in tail]


async def test_random_tampering_is_always_detected(services: Services) -> None:
    await _fill(services, 120)
    await services.audit.close()  # final checkpoint covers every record
    ok, _, summary = await _verify(services)
    assert ok, summary
    rng = random.Random(20261126)
    for kind, seq in await _tamper_cases(services, rng, 60):
        undo = await _apply(services, kind, seq)
        ok, bad_seq, summary = await _verify(services)
        assert not ok, f"{kind} at {seq} went unnoticed"
        assert (bad_seq is not None and bad_seq <= max(seq + 1, 2)) or kind == "truncate", summary
        for sql, args in undo:
            await services.db.execute(sql, *args)
        ok, _, summary = await _verify(services)
        assert ok, f"undo of {kind} at {seq} failed: {summary}"


async def test_truncation_with_checkpoints_removed_is_caught_by_the_witness(
    services: Services,
) -> None:
    await _fill(services, 40)
    await services.audit.close()
    await services.db.execute("DELETE FROM audit_records WHERE seq > 30")
    await services.db.execute("DELETE FROM audit_checkpoints WHERE seq > 30")
    ok, _, _ = await _verify(services, witness=False)
    assert ok  # the database alone cannot tell: this is why the witness exists
    ok, _bad_seq, summary = await _verify(services, witness=True)
    assert not ok and "truncated" in summary


async def test_forged_checkpoint_is_caught(services: Services) -> None:
    await _fill(services, 10)
    await services.audit.close()
    await services.db.execute("UPDATE audit_checkpoints SET signature = ?", "A" * 86)
    ok, _, summary = await _verify(services, witness=False)
    assert not ok and "signature" in summary


async def test_secrets_never_reach_records(services: Services) -> None:
    await services.audit.append(_event(1))
    text = json.dumps([r.to_public() for r in await services.audit.repository.query()])
    assert services.admin_token not in text


async def test_append_fails_closed_when_storage_fails(services: Services) -> None:
    await services.db.close()
    with pytest.raises(AuditUnavailable):
        await services.audit.append(_event(1))


async def test_append_after_close_is_refused(services: Services) -> None:
    await services.audit.close()
    with pytest.raises(AuditUnavailable):
        await services.audit.append(_event(1))


def test_witness_ignores_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "w.jsonl"
    line = json.dumps({"seq": 1, "hash": "h", "kid": "k", "ts": "t", "signature": "s"})
    path.write_text(line + "\n" + line[:10])
    assert len(read_witness(path)) == 1
    path.write_text(line[:10] + "\n" + line + "\n")
    with pytest.raises(ValueError):
        read_witness(path)
