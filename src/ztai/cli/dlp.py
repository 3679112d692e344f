"""`ztai dlp scan|redact`: sensitive-data findings or typed redaction for stdin / JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from ztai.dlp import DlpEngine, redact

# Bounds what the CLI holds for one JSON line; the engine itself is linear in any size.
MAX_LINE_BYTES = 16 << 20


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("dlp", help="sensitive data detection and redaction")
    commands = parser.add_subparsers(dest="dlp_command", metavar="COMMAND")
    scan = commands.add_parser("scan", help="list sensitive data findings")
    scan.add_argument("--jsonl", metavar="FILE", help="JSON lines {\"text\": ...} ('-' = stdin)")
    scan.add_argument("--min-score", type=float, default=None, help="confidence threshold")
    scan.add_argument("--entities", help="comma-separated entity types to report")
    scan.set_defaults(func=run_scan)
    red = commands.add_parser("redact", help="replace findings with <TYPE> placeholders")
    red.add_argument("--min-score", type=float, default=None, help="confidence threshold")
    red.set_defaults(func=run_redact)
    parser.set_defaults(func=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _read_stdin() -> str:
    # surrogateescape keeps one character per undecodable byte, so offsets stay honest
    # and `redact` can write those bytes back unchanged.
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return sys.stdin.read()
    data: bytes = buffer.read()
    return data.decode("utf-8", "surrogateescape")


def _entities(raw: str | None) -> frozenset[str] | None:
    if not raw:
        return None
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


def _findings_payload(engine: DlpEngine, text: str, args: argparse.Namespace) -> dict[str, object]:
    findings = engine.analyze(text, entities=_entities(args.entities), min_score=args.min_score)
    return {
        "findings": [
            {"type": f.kind, "start": f.start, "end": f.end, "score": f.score} for f in findings
        ]
    }


def _emit(out: IO[str], payload: dict[str, object]) -> None:
    # ASCII output: lone surrogates from bad input must not break the writer.
    out.write(json.dumps(payload, ensure_ascii=True) + "\n")
    out.flush()


def run_scan(args: argparse.Namespace) -> int:
    engine = DlpEngine()
    if args.jsonl is None:
        _emit(sys.stdout, _findings_payload(engine, _read_stdin(), args))
        return 0
    failed = False
    for record in _records(args.jsonl):
        if isinstance(record, _Bad):
            failed = True
            _emit(sys.stdout, {"error": record.message})
            continue
        _emit(sys.stdout, _findings_payload(engine, record, args))
    return 1 if failed else 0


def run_redact(args: argparse.Namespace) -> int:
    engine = DlpEngine()
    text = _read_stdin()
    redacted = redact(text, engine.analyze(text, min_score=args.min_score))
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(redacted)
    else:
        sys.stdout.flush()
        buffer.write(redacted.encode("utf-8", "surrogateescape"))
        buffer.flush()
    return 0


class _Bad:
    """A line that could not be read; its message names the problem, never the content."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _records(path: str) -> Iterator[str | _Bad]:
    stream: IO[bytes]
    if path == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:
            yield from (_parse(line.encode("utf-8", "surrogateescape")) for line in sys.stdin)
            return
        stream = buffer
    else:
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed below; stdin must stay open
        except OSError as exc:
            yield _Bad(f"cannot open input: {exc.strerror}")
            return
    try:
        for raw in stream:
            if raw.strip():
                yield _parse(raw)
    finally:
        if path != "-":
            stream.close()


def _parse(raw: bytes) -> str | _Bad:
    if len(raw) > MAX_LINE_BYTES:
        return _Bad("line too long")
    try:
        record = json.loads(raw.decode("utf-8", "surrogateescape"))
    except json.JSONDecodeError as exc:
        return _Bad(f"invalid JSON: {exc.msg}")
    except RecursionError:
        return _Bad("invalid JSON: nested too deeply")
    if not isinstance(record, dict):
        return _Bad("each line must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        return _Bad("missing or non-string 'text'")
    return text
