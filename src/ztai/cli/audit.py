"""`ztai audit verify|export`: check the chain offline, export JSON Lines."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from ztai.audit.verify import read_witness, verify_log
from ztai.config import Settings, load_settings
from ztai.config.datadir import master_key
from ztai.crypto.keyring import KeyRing
from ztai.crypto.sealing import Sealer
from ztai.storage.audit import AuditRepository
from ztai.storage.database import open_database


async def _verify(settings: Settings) -> int:
    sealer = Sealer(master_key(settings.data_dir, settings.master_key))
    db = await open_database(settings.effective_database_url)
    try:
        ring = KeyRing(db, sealer, "audit")
        await ring.load(create=False)
        witness = read_witness(settings.data_dir / "audit-witness.jsonl")
        result = await verify_log(AuditRepository(db), ring.historic_key, witness)
    finally:
        await db.close()
    print(result.summary())
    if result.ok and result.unsigned_tail:
        print(
            f"note: the last {result.unsigned_tail} records are chained but not yet checkpointed",
            file=sys.stderr,
        )
    return 0 if result.ok else 1


async def _export(settings: Settings, since: str | None) -> int:
    db = await open_database(settings.effective_database_url)
    try:
        async for record in AuditRepository(db).all_records():
            if since is None or record.ts >= since:
                sys.stdout.write(json.dumps(record.to_public(), sort_keys=True) + "\n")
    finally:
        await db.close()
    return 0


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.config, {"data_dir": args.data_dir})


def _run_verify(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(_verify(_settings(args)))
    except Exception as exc:  # noqa: BLE001 — the CLI boundary: unverifiable is a failure
        print(f"ztai: audit verify failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _run_export(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(_export(_settings(args), args.since))
    except Exception as exc:  # noqa: BLE001 — the CLI boundary
        print(f"ztai: audit export failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = subparsers.add_parser("audit", help="tamper-evident audit log")
    commands = audit.add_subparsers(dest="audit_command", metavar="COMMAND", required=True)
    for name, func, help_text in (
        ("verify", _run_verify, "verify the hash chain and signed checkpoints"),
        ("export", _run_export, "write every record as JSON Lines to standard output"),
    ):
        parser = commands.add_parser(name, help=help_text)
        parser.add_argument("--data-dir", type=Path, help="state directory (default ./.ztai)")
        parser.add_argument("--config", type=Path, help="YAML settings file")
        if name == "export":
            parser.add_argument("--since", help="only records at or after this ISO timestamp")
        parser.set_defaults(func=func)
