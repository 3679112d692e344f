"""`ztai agents …`: the registry API from the shell (a thin HTTP client)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import httpx

from ztai.config import load_settings
from ztai.config.datadir import existing_admin_token


def _client(args: argparse.Namespace) -> httpx.Client:
    settings = load_settings(None, {"data_dir": args.data_dir})
    token = existing_admin_token(settings.data_dir, settings.admin_token)
    if token is None:
        raise SystemExit("ztai: no admin token: set ZTAI_ADMIN_TOKEN or pass --data-dir")
    url = args.url or f"http://{settings.host}:{settings.control_port}"
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=10)


def control_call(
    args: argparse.Namespace, method: str, path: str, body: dict[str, Any] | None = None
) -> int:
    try:
        with _client(args) as client:
            response = client.request(method, path, json=body)
    except httpx.HTTPError as exc:
        print(f"ztai: control plane unreachable: {exc}", file=sys.stderr)
        return 2
    if response.content:
        print(json.dumps(response.json(), indent=2))
    return 0 if response.is_success else 1


def _list(args: argparse.Namespace) -> int:
    query = "&".join(f"{k}={v}" for k, v in (("state", args.state), ("owner", args.owner)) if v)
    return control_call(args, "GET", "/api/v1/agents" + (f"?{query}" if query else ""))


def _create(args: argparse.Namespace) -> int:
    body = {
        "name": args.name,
        "description": args.description,
        "owner": args.owner,
        "sponsor": args.sponsor,
        "environment": args.environment,
        "tags": args.tag or [],
    }
    return control_call(args, "POST", "/api/v1/agents", body)


def _show(args: argparse.Namespace) -> int:
    return control_call(args, "GET", f"/api/v1/agents/{args.agent_id}")


def _move(args: argparse.Namespace) -> int:
    body = {"reason": args.reason} if args.reason else {}
    return control_call(args, "POST", f"/api/v1/agents/{args.agent_id}/{args.agents_command}", body)


def _credential(args: argparse.Namespace) -> int:
    body: dict[str, Any] = {"type": args.type}
    if args.jwk:
        body["jwk"] = json.loads(Path(args.jwk).read_text())
    return control_call(args, "POST", f"/api/v1/agents/{args.agent_id}/credentials", body)


def _revoke(args: argparse.Namespace) -> int:
    return control_call(
        args, "DELETE", f"/api/v1/agents/{args.agent_id}/credentials/{args.credential_id}"
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    agents = subparsers.add_parser("agents", help="the agent registry")
    agents.add_argument("--url", help="control plane URL (default http://127.0.0.1:8701)")
    agents.add_argument("--data-dir", type=Path, help="where admin-token lives")
    commands = agents.add_subparsers(dest="agents_command", metavar="COMMAND", required=True)

    p = commands.add_parser("list", help="list agents")
    p.add_argument("--state")
    p.add_argument("--owner")
    p.set_defaults(func=_list)

    p = commands.add_parser("create", help="register an agent")
    p.add_argument("name")
    p.add_argument("--owner", required=True)
    p.add_argument("--sponsor", required=True)
    p.add_argument("--description", default="")
    p.add_argument("--environment", default="production")
    p.add_argument("--tag", action="append")
    p.set_defaults(func=_create)

    p = commands.add_parser("show", help="show one agent")
    p.add_argument("agent_id")
    p.set_defaults(func=_show)

    for action in ("activate", "suspend", "retire"):
        p = commands.add_parser(action, help=f"{action} an agent")
        p.add_argument("agent_id")
        p.add_argument("--reason")
        p.set_defaults(func=_move)

    p = commands.add_parser("credential", help="create a credential for an agent")
    p.add_argument("agent_id")
    p.add_argument("--type", choices=["client_secret", "private_key_jwt"], default="client_secret")
    p.add_argument("--jwk", help="file holding the public JWK (private_key_jwt)")
    p.set_defaults(func=_credential)

    p = commands.add_parser("revoke-credential", help="delete a credential")
    p.add_argument("agent_id")
    p.add_argument("credential_id")
    p.set_defaults(func=_revoke)
