"""`ztai envelope sign|verify`: make a signed instruction block, or have the gateway check text."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from ztai.crypto.jwk import jwk_from_public_key, thumbprint
from ztai.sdk import instruction_block, verify_instructions


def _sign(args: argparse.Namespace) -> int:
    key = load_pem_private_key(Path(args.key).read_bytes(), password=None)
    kid = thumbprint(jwk_from_public_key(key.public_key()))  # type: ignore[arg-type]
    print(
        instruction_block(
            key,  # type: ignore[arg-type]
            kid,
            iss=args.iss,
            aud=args.aud,
            instruction=args.instruction,
            tools=args.tool or (),
            ttl_seconds=args.ttl,
        )
    )
    return 0


def _verify(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        instructions, data = verify_instructions(text, gateway_url=args.gateway, token=args.token)
    except httpx.HTTPError as exc:
        print(f"ztai: verification failed: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"instructions": instructions, "data": data}, indent=2))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    envelope = subparsers.add_parser("envelope", help="signed instruction envelopes")
    commands = envelope.add_subparsers(dest="envelope_command", metavar="COMMAND", required=True)
    p = commands.add_parser("sign", help="print a signed <ztai:instruction> block")
    p.add_argument("--key", required=True, help="PEM private key (Ed25519 or P-256)")
    p.add_argument("--iss", required=True, help="sending agent id")
    p.add_argument("--aud", required=True, help="receiving agent id")
    p.add_argument("--instruction", required=True)
    p.add_argument("--tool", action="append", help="a tool the instruction allows (repeat)")
    p.add_argument("--ttl", type=int, default=120, help="seconds, at most 300")
    p.set_defaults(func=_sign)
    p = commands.add_parser("verify", help="ask the gateway which blocks are instructions")
    p.add_argument("--gateway", default="http://127.0.0.1:8700")
    p.add_argument("--token", required=True, help="the receiving agent's access token")
    p.add_argument("--text", required=True, help="the text, or - for standard input")
    p.set_defaults(func=_verify)
