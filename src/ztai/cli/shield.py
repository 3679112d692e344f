"""`ztai shield scan`: prompt-shield verdicts for standard input or a JSON-lines file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import IO, Any, cast

from ztai.shield import PromptShield, ShieldSettings
from ztai.shield.categories import SURFACES, Surface

# Per-line ceiling when reading JSON lines: the shield caps what it scans anyway, this
# only bounds what the CLI holds in memory for one line.
MAX_LINE_BYTES = 16 << 20


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("shield", help="prompt-injection and jailbreak detection")
    commands = parser.add_subparsers(dest="shield_command", metavar="COMMAND")
    scan = commands.add_parser("scan", help="scan text for prompt attacks")
    scan.add_argument("--surface", choices=SURFACES, default="user")
    scan.add_argument("--jsonl", metavar="FILE", help="JSON lines input ('-' for stdin)")
    scan.add_argument("--sensitivity", choices=("low", "medium", "high"), default="medium")
    scan.add_argument("--audit", action="store_true", help="report verdicts, do not enforce")
    scan.set_defaults(func=run_scan)
    parser.set_defaults(func=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def run_scan(args: argparse.Namespace) -> int:
    settings = ShieldSettings(
        sensitivity=args.sensitivity, mode="audit" if args.audit else "enforce"
    )
    shield = PromptShield(settings)
    out = sys.stdout
    if args.jsonl is None:
        data = sys.stdin.buffer.read()
        text = data.decode("utf-8", "replace")
        _emit(out, shield.scan(text, args.surface).to_dict())
        return 0
    failed = False
    for record in _records(args.jsonl):
        if isinstance(record, str):
            failed = True
            _emit(out, {"error": record})
            continue
        text, surface = record
        _emit(out, shield.scan(text, surface or args.surface).to_dict())
    return 1 if failed else 0


def _emit(out: IO[str], payload: dict[str, object]) -> None:
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    out.flush()


def _records(path: str) -> Iterator[tuple[str, Surface | None] | str]:
    """Yield (text, surface) per line, or an error message for a bad line."""
    stream: IO[bytes]
    if path == "-":
        stream = sys.stdin.buffer
    else:
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed below, stdin must not be
        except OSError as exc:
            yield f"cannot open input: {exc.strerror}"
            return
    try:
        for raw in stream:
            if not raw.strip():
                continue
            yield _parse(raw)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _parse(raw: bytes) -> tuple[str, Surface | None] | str:
    if len(raw) > MAX_LINE_BYTES:
        return "line too long"
    try:
        record = json.loads(raw.decode("utf-8", "replace"))
    except json.JSONDecodeError as exc:
        return f"invalid JSON: {exc.msg}"
    except RecursionError:
        return "invalid JSON: nested too deeply"
    if not isinstance(record, dict):
        return "each line must be a JSON object"
    text = record.get("text")
    if not isinstance(text, str):
        return "missing or non-string 'text'"
    surface = record.get("surface")
    if surface is not None and surface not in SURFACES:
        return "surface must be 'user' or 'document'"
    return text, cast(Surface | None, surface)
