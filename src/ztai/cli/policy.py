"""`ztai policy validate|compile|test|explain`: work with policy files before and after upload."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import yaml

from ztai.config import load_settings
from ztai.config.datadir import existing_admin_token
from ztai.policy.bundle import Bundle, PolicyInvalid, parse_cedar, validate_against
from ztai.policy.engine import PolicyEngine
from ztai.policy.lint import lint
from ztai.policy.schema import build_schema
from ztai.policy.testing import run_cases
from ztai.policy.yaml_bundle import compile_yaml


def _load(path: Path, labels: tuple[str, ...], schema: str) -> Bundle:
    name = path.stem.lower().replace(".", "-")
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".yaml", ".yml"}:
        bundle = compile_yaml(name, text, labels)
    else:
        tests_file = path.with_suffix(".tests.yaml")
        tests = yaml.safe_load(tests_file.read_text()) if tests_file.exists() else []
        bundle = parse_cedar(name, text, tuple(tests or ()))
    validate_against(bundle, schema)
    return bundle


def _bundles(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix in {".cedar", ".yaml", ".yml"}
                    and not p.name.endswith(".tests.yaml")
                )
            )
        else:
            found.append(path)
    return found


def _context() -> tuple[tuple[str, ...], str]:
    settings = load_settings(None)
    return settings.policy.labels, build_schema(settings.policy.arguments)


def _report(path: Path, exc: PolicyInvalid) -> None:
    for problem in exc.problems:
        line = f":{problem['line']}" if problem.get("line") else ""
        where = f" ({problem['path']})" if problem.get("path") else ""
        print(f"{path}{line}: {problem['message']}{where}", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    labels, schema = _context()
    failed = 0
    for path in _bundles(args.paths):
        try:
            bundle = _load(path, labels, schema)
        except PolicyInvalid as exc:
            _report(path, exc)
            failed += 1
            continue
        for warning in lint(bundle):
            print(f"{path}:{warning['line']}: warning {warning['code']}: {warning['message']}")
        print(f"{path}: ok ({len(bundle.policies)} policies)")
    return 1 if failed else 0


def _compile(args: argparse.Namespace) -> int:
    labels, schema = _context()
    try:
        bundle = _load(args.path, labels, schema)
    except PolicyInvalid as exc:
        _report(args.path, exc)
        return 1
    sys.stdout.write(bundle.cedar)
    return 0


def _test(args: argparse.Namespace) -> int:
    labels, schema = _context()
    bundles: list[Bundle] = []
    for path in _bundles(args.paths):
        try:
            bundles.append(_load(path, labels, schema))
        except PolicyInvalid as exc:
            _report(path, exc)
            return 1
    engine = PolicyEngine(bundles, version=1)
    passed = failed = 0
    for bundle in bundles:
        try:
            results = run_cases(engine, bundle.tests, labels)
        except ValueError as exc:
            print(f"{bundle.name}: {exc}", file=sys.stderr)
            return 1
        for result in results:
            if result.passed:
                passed += 1
                if args.verbose:
                    print(f"PASS {bundle.name}: {result.name}")
            else:
                failed += 1
                why = f"reasons {list(result.reasons)}, errors {list(result.errors)}"
                print(
                    f"FAIL {bundle.name}: {result.name}: expected {result.expected}, "
                    f"got {result.actual} ({why})"
                )
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


def _explain(args: argparse.Namespace) -> int:
    settings = load_settings(None, {"data_dir": args.data_dir})
    token = existing_admin_token(settings.data_dir, settings.admin_token)
    if token is None:
        print("ztai: no admin token: set ZTAI_ADMIN_TOKEN or pass --data-dir", file=sys.stderr)
        return 2
    rtype, _, rid = args.resource.partition("::")
    body: dict[str, Any] = {
        "principal": {"type": "Agent", "id": args.principal},
        "action": args.action,
        "resource": {"type": rtype, "id": rid.strip('"')},
        "context": json.loads(args.context),
    }
    url = args.url or f"http://{settings.host}:{settings.control_port}"
    try:
        response = httpx.post(
            f"{url}/api/v1/decisions?explain=true",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
    except httpx.HTTPError as exc:
        print(f"ztai: control plane unreachable: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(response.json(), indent=2))
    return 0 if response.is_success else 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    policy = subparsers.add_parser("policy", help="Cedar / YAML policy bundles")
    commands = policy.add_subparsers(dest="policy_command", metavar="COMMAND", required=True)

    p = commands.add_parser("validate", help="parse, type-check and lint policy files")
    p.add_argument("paths", nargs="+", type=Path)
    p.set_defaults(func=_validate)

    p = commands.add_parser("compile", help="print the Cedar a YAML policy compiles to")
    p.add_argument("path", type=Path)
    p.set_defaults(func=_compile)

    p = commands.add_parser("test", help="run the decision tables of every bundle in DIR")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(func=_test)

    p = commands.add_parser("explain", help="ask the server for a decision and why")
    p.add_argument("--principal", required=True, help="agent id")
    p.add_argument("--action", required=True)
    p.add_argument("--resource", required=True, help="e.g. Tool::finance.issue_refund")
    p.add_argument("--context", default="{}", help="JSON object")
    p.add_argument("--url")
    p.add_argument("--data-dir", type=Path)
    p.set_defaults(func=_explain)
