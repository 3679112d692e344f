"""Bundle: one named policy document parsed once into Cedar policies with stable ids."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import cedarpy

from ztai.errors import ValidationFailed
from ztai.policy.cedar_text import statements

MAX_POLICIES_PER_BUNDLE = 5000
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_LOCAL_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")


class PolicyInvalid(ValidationFailed):
    code = "policy.invalid"
    title = "Policy rejected"

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        first = problems[0]
        where = f"line {first['line']}: " if first.get("line") else ""
        super().__init__(f"{where}{first['message']}", extra={"problems": problems})
        self.problems = problems


@dataclass(frozen=True, slots=True)
class PolicyMeta:
    id: str
    bundle: str
    effect: str
    line: int
    role: str | None = None
    obligations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Bundle:
    name: str
    cedar: str
    policies: dict[str, dict[str, Any]]  # id → Cedar JSON (EST)
    meta: dict[str, PolicyMeta]
    tests: tuple[dict[str, Any], ...] = field(default=())

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(m.role for m in self.meta.values() if m.role)


def check_name(name: str) -> None:
    if not _NAME.match(name):
        raise PolicyInvalid(
            [{"line": None, "message": "policy name must match [a-z0-9][a-z0-9_-]{0,63}"}]
        )


def _role_of(est: dict[str, Any]) -> str | None:
    annotated = est.get("annotations", {}).get("role")
    if annotated:
        return str(annotated)
    scope = est.get("principal", {})
    entity = scope.get("entity", {})
    if scope.get("op") == "in" and entity.get("type") == "Role":
        return str(entity.get("id"))
    return None


def parse_cedar(name: str, text: str, tests: tuple[dict[str, Any], ...] = ()) -> Bundle:
    """Parse every statement; collect all problems with their line before refusing."""
    check_name(name)
    stmts = statements(text)
    if len(stmts) > MAX_POLICIES_PER_BUNDLE:
        raise PolicyInvalid([{"line": None, "message": "too many policies in one bundle"}])
    problems: list[dict[str, Any]] = []
    policies: dict[str, dict[str, Any]] = {}
    meta: dict[str, PolicyMeta] = {}
    for index, stmt in enumerate(stmts):
        try:
            parsed = json.loads(cedarpy.policies_to_json_str(stmt.text))
        except ValueError as exc:
            problems.append({"line": stmt.line, "message": f"syntax: {exc}"})
            continue
        static = parsed.get("staticPolicies", {})
        if parsed.get("templates") or len(static) != 1:
            problems.append({"line": stmt.line, "message": "one static policy per statement"})
            continue
        est = next(iter(static.values()))
        local = est.get("annotations", {}).get("id") or f"p{index}"
        if not _LOCAL_ID.match(local):
            problems.append({"line": stmt.line, "message": f"@id {local!r} has bad characters"})
            continue
        policy_id = f"{name}.{local}"
        if policy_id in policies:
            problems.append({"line": stmt.line, "message": f"duplicate @id {local!r}"})
            continue
        obligations = tuple(
            o.strip()
            for o in est.get("annotations", {}).get("obligation", "").split(",")
            if o.strip()
        )
        policies[policy_id] = est
        meta[policy_id] = PolicyMeta(
            id=policy_id,
            bundle=name,
            effect=est["effect"],
            line=stmt.line,
            role=_role_of(est),
            obligations=obligations,
        )
    if problems:
        raise PolicyInvalid(problems)
    if not policies:
        raise PolicyInvalid([{"line": None, "message": "the bundle holds no policy"}])
    return Bundle(name=name, cedar=text, policies=policies, meta=meta, tests=tests)


def validate_against(bundle: Bundle, schema: str) -> None:
    """Type-check every policy of the bundle against the schema (Cedar's strict validator)."""
    stmts = statements(bundle.cedar)
    result = cedarpy.validate_policies(bundle.cedar, schema)
    if result.validation_passed:
        return
    problems = []
    for error in result.errors:
        index = (
            int(error.policy_id.removeprefix("policy"))
            if error.policy_id.startswith("policy") and error.policy_id[6:].isdigit()
            else None
        )
        line = stmts[index].line if index is not None and index < len(stmts) else None
        problems.append({"line": line, "message": f"schema: {error.error}"})
    raise PolicyInvalid(problems or [{"line": None, "message": "schema validation failed"}])
