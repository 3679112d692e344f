"""Entry point: each command group registers its own sub-parser; `main` dispatches."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

# Command groups, registered explicitly: module path → its `register(subparsers)`.
# Each module owns one group of commands and sets `func` on its parsers.
COMMAND_MODULES: tuple[str, ...] = (
    "ztai.cli.serve",
    "ztai.cli.demo",
    "ztai.cli.agents",
    "ztai.cli.approvals",
    "ztai.cli.catalog",
    "ztai.cli.audit",
    "ztai.cli.policy",
    "ztai.cli.envelope",
    "ztai.cli.shield",
    "ztai.cli.dlp",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ztai", description="Zero Trust for AI agents")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # group not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    return func(args)


if __name__ == "__main__":
    sys.exit(main())
