"""`ztai catalog …`: the MCP server catalog from the shell (a thin HTTP client)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlencode

from ztai.cli.agents import control_call


def _list(args: argparse.Namespace) -> int:
    return control_call(args, "GET", "/api/v1/mcp-servers")


def _show(args: argparse.Namespace) -> int:
    return control_call(args, "GET", f"/api/v1/mcp-servers/{args.name}")


def _import(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text()
    try:
        document = json.loads(text)
    except ValueError:
        print(f"ztai: {args.file} is not JSON", file=sys.stderr)
        return 2
    query = {"tier": args.tier, "owner": args.owner, "name": args.name}
    query["transport"] = args.transport
    path = "/api/v1/mcp-servers/import?" + urlencode({k: v for k, v in query.items() if v})
    return control_call(args, "POST", path, document)


def _review(args: argparse.Namespace) -> int:
    body = {"decision": args.decision, **({"note": args.note} if args.note else {})}
    return control_call(args, "POST", f"/api/v1/mcp-servers/{args.name}/review", body)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    catalog = subparsers.add_parser("catalog", help="the MCP server catalog")
    catalog.add_argument("--url", help="control plane URL (default http://127.0.0.1:8701)")
    catalog.add_argument("--data-dir", type=Path, help="where admin-token lives")
    commands = catalog.add_subparsers(dest="catalog_command", metavar="COMMAND", required=True)

    p = commands.add_parser("list", help="list MCP servers")
    p.set_defaults(func=_list)

    p = commands.add_parser("show", help="one server with its tools, pins and findings")
    p.add_argument("name")
    p.set_defaults(func=_show)

    p = commands.add_parser(
        "import", help="submit a server from an MCP Registry server.json (it still needs review)"
    )
    p.add_argument("file", help="server.json, or - for standard input")
    p.add_argument("--owner", required=True)
    p.add_argument("--tier", choices=["vendor", "internal", "external"], default="external")
    p.add_argument("--name", help="catalog name (default: derived from the registry name)")
    p.add_argument("--transport", choices=["streamable-http", "stdio"])
    p.set_defaults(func=_import)

    p = commands.add_parser("review", help="approve (pins every tool) or reject a server")
    p.add_argument("name")
    p.add_argument("decision", choices=["approved", "rejected"])
    p.add_argument("--note")
    p.set_defaults(func=_review)
