"""`ztai approvals list|approve|deny`: the approvers' side of held tool calls (HTTP client)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ztai.cli.agents import control_call


def _list(args: argparse.Namespace) -> int:
    query = f"?state={args.state}" if args.state else ""
    return control_call(args, "GET", "/api/v1/approvals" + query)


def _decide(args: argparse.Namespace) -> int:
    body: dict[str, Any] = {}
    if args.note:
        body["note"] = args.note
    if args.approver:
        body["approver"] = args.approver
    path = f"/api/v1/approvals/{args.approval_id}/{args.approvals_command}"
    return control_call(args, "POST", path, body)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    approvals = subparsers.add_parser("approvals", help="human approval of held tool calls")
    approvals.add_argument("--url", help="control plane URL (default http://127.0.0.1:8701)")
    approvals.add_argument("--data-dir", type=Path, help="where admin-token lives")
    commands = approvals.add_subparsers(dest="approvals_command", metavar="COMMAND", required=True)

    p = commands.add_parser("list", help="list approvals (newest first)")
    p.add_argument("--state", choices=["pending", "approved", "denied", "used", "expired"])
    p.set_defaults(func=_list)

    for action in ("approve", "deny"):
        p = commands.add_parser(action, help=f"{action} a held call")
        p.add_argument("approval_id")
        p.add_argument("--note")
        p.add_argument(
            "--approver", help="who decides (an email); the agent's owner cannot approve"
        )
        p.set_defaults(func=_decide)
