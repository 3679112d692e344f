"""The YAML front-end: roles → permissions with conditions, compiled to Cedar text.

For people who will not learn Cedar. Everything compiles through `cedar_string`, so no id or
value can escape its literal, and the result is parsed and validated like hand-written Cedar.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ztai.domain.agent import RiskLevel
from ztai.policy.bundle import Bundle, PolicyInvalid, parse_cedar
from ztai.policy.cedar_text import cedar_string, entity

Action = Literal["llm.chat", "mcp.tools.call", "data.read", "agent.instruct"]
Id = Annotated[str, StringConstraints(min_length=1, max_length=256)]
Scalar = int | str | bool


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Model):
    eq: Scalar | None = None
    ne: Scalar | None = None
    lt: int | str | None = None
    lte: int | str | None = None
    gt: int | str | None = None
    gte: int | str | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    not_in: list[Scalar] | None = None
    in_range: str | None = None  # CIDR, for source_ip
    contains: str | None = None  # for findings


class Selector(_Model):
    action: Action
    models: list[Id] | None = None
    tools: list[Id] | None = None
    servers: list[Id] | None = None
    data_sources: list[Id] | None = None
    labels_up_to: str | None = None
    agents: list[Id] | None = None
    when: dict[str, Condition] = Field(default_factory=dict)


class Permission(Selector):
    # Business limits: inside them the permission allows outright; outside them (with every
    # `when` still true) the call needs a human approval instead of being refused.
    approval_unless: dict[str, Condition] = Field(default_factory=dict)
    obligations: list[Annotated[str, StringConstraints(pattern=r"^[a-z_.]{1,64}$")]] = Field(
        default_factory=list
    )


class Forbid(Selector):
    description: str = ""
    roles: list[Id] | None = None


class Role(_Model):
    description: str = ""
    permissions: list[Permission] = Field(default_factory=list)


class Document(_Model):
    version: Literal[1] = 1
    description: str = ""
    roles: dict[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")], Role] = (
        Field(default_factory=dict)
    )
    forbid: list[Forbid] = Field(default_factory=list)
    # Emit `forbid data.read when resource.label > principal.clearance`.
    enforce_clearance: bool = False
    tests: list[dict[str, Any]] = Field(default_factory=list)


_RESOURCE_TYPE = {
    "llm.chat": "Model",
    "mcp.tools.call": "Tool",
    "data.read": "DataSource",
    "agent.instruct": "Agent",
}
# Condition keys → (Cedar expression, guard, kind of value)
_CONTEXT_KEYS = {
    "risk": ("context.risk", "context has risk", "risk"),
    "hour": ("context.hour", "context has hour", "int"),
    "weekday": ("context.weekday", "context has weekday", "int"),
    "environment": ("principal.environment", None, "str"),
    "approval": ("context.approval", "context has approval", "str"),
    "source_ip": ("context.source_ip", "context has source_ip", "ip"),
    "findings": ("context.findings", "context has findings", "set"),
}
_OPS = {"eq": "==", "ne": "!=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}


class _Compiler:
    def __init__(self, labels: tuple[str, ...]) -> None:
        self._labels = labels

    def _label(self, name: str) -> int:
        if name not in self._labels:
            raise ValueError(f"unknown label {name!r}; labels are {list(self._labels)}")
        return self._labels.index(name)

    def _literal(self, value: Scalar, kind: str) -> str:
        if kind == "risk" and isinstance(value, str):
            if value not in {r.value for r in RiskLevel}:
                raise ValueError(f"unknown risk level {value!r}")
            return str(RiskLevel(value).rank)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            if not -(2**63) <= value < 2**63:
                raise ValueError("integer out of range")
            return str(value)
        return cedar_string(value)

    def _condition(self, key: str, cond: Condition) -> tuple[str, str]:
        """(guard, test) for one key; the guard makes missing attributes a plain false."""
        if key.startswith("arguments."):
            name = key.removeprefix("arguments.")
            expr = f"context.arguments[{cedar_string(name)}]"
            guard = f"context has arguments && context.arguments has {cedar_string(name)}"
            kind = "any"
        elif key in _CONTEXT_KEYS:
            expr, maybe_guard, kind = _CONTEXT_KEYS[key]
            guard = maybe_guard or "true"
        else:
            raise ValueError(
                f"unknown condition key {key!r} (use arguments.<name> or one of "
                f"{sorted(_CONTEXT_KEYS)})"
            )
        tests = []
        for op, symbol in _OPS.items():
            value = getattr(cond, op)
            if value is not None:
                tests.append(f"{expr} {symbol} {self._literal(value, kind)}")
        if cond.in_ is not None:
            items = ", ".join(self._literal(v, kind) for v in cond.in_)
            tests.append(f"[{items}].contains({expr})")
        if cond.not_in is not None:
            items = ", ".join(self._literal(v, kind) for v in cond.not_in)
            tests.append(f"!([{items}].contains({expr}))")
        if cond.in_range is not None:
            ipaddress.ip_network(cond.in_range, strict=False)  # raises ValueError if bad
            tests.append(f"{expr}.isInRange(ip({cedar_string(cond.in_range)}))")
        if cond.contains is not None:
            tests.append(f"{expr}.contains({cedar_string(cond.contains)})")
        if not tests:
            raise ValueError(f"condition on {key!r} has no operator")
        return guard, " && ".join(tests)

    def _scope(self, sel: Selector, principal: str) -> tuple[str, list[str]]:
        """The policy head and extra resource conditions for a selector."""
        rtype = _RESOURCE_TYPE[sel.action]
        chosen = [
            n
            for n in ("models", "tools", "servers", "data_sources", "agents")
            if getattr(sel, n) is not None
        ]
        if len(chosen) > 1:
            raise ValueError(f"use one resource selector, not {chosen}")
        extra: list[str] = []
        resource = f"resource is {rtype}"
        if chosen:
            kind = chosen[0]
            ids: list[str] = getattr(sel, kind)
            etype = {
                "models": "Model",
                "tools": "Tool",
                "servers": "McpServer",
                "data_sources": "DataSource",
                "agents": "Agent",
            }[kind]
            expected = {
                "Model": "llm.chat",
                "Tool": "mcp.tools.call",
                "McpServer": "mcp.tools.call",
                "DataSource": "data.read",
                "Agent": "agent.instruct",
            }[etype]
            if expected != sel.action:
                raise ValueError(f"{kind} selects resources of {expected}, not {sel.action}")
            if not ids:
                raise ValueError(f"{kind} is empty")
            op = "in" if etype == "McpServer" else "=="
            if len(ids) == 1:
                resource = f"resource {op} {entity(etype, ids[0])}"
            else:
                resource = f"resource is {rtype}"
                alts = " || ".join(f"resource {op} {entity(etype, i)}" for i in ids)
                extra.append(f"({alts})")
        if sel.labels_up_to is not None:
            rank = self._label(sel.labels_up_to)
            if sel.action == "data.read":
                extra.append(f"resource.label <= {rank}")
            elif sel.action == "mcp.tools.call":
                # The label of the tool's arguments; a permit bounding it may lift the
                # tool's own max_label (see docs/mcp.md).
                extra.append(f"context has label && context.label <= {rank}")
            else:
                raise ValueError("labels_up_to applies to data.read and mcp.tools.call only")
        head = f"{principal}, action == Action::{cedar_string(sel.action)}, {resource}"
        return head, extra

    def compile(self, doc: Document) -> str:
        out: list[str] = []
        for role_name, role in doc.roles.items():
            for n, perm in enumerate(role.permissions):
                principal = f"principal in {entity('Role', role_name)}"
                head, extra = self._scope(perm, principal)
                pairs = [self._condition(k, c) for k, c in perm.when.items()]
                limits = [self._condition(k, c) for k, c in perm.approval_unless.items()]
                guards = list(dict.fromkeys(g for g, _ in pairs + limits if g != "true"))
                tests = [t for _, t in pairs]
                limit_tests = [t for _, t in limits]
                when = " && ".join(extra + guards + tests + limit_tests) or "true"
                pid = f"role.{role_name}.{n}"
                notes = f"@role({cedar_string(role_name)})"
                if perm.obligations:
                    notes += f" @obligation({cedar_string(','.join(perm.obligations))})"
                out.append(f"@id({cedar_string(pid)}) {notes}\npermit ({head})\nwhen {{ {when} }};")
                if limit_tests:
                    failed = " && ".join(
                        extra + guards + tests + [f"!({' && '.join(limit_tests)})"]
                    )
                    out.append(
                        f"@id({cedar_string(pid + '.approval')}) {notes.split(' @')[0]} "
                        f'@obligation("require_approval")\npermit ({head})\nwhen {{ {failed} }};'
                    )
        for n, rule in enumerate(doc.forbid):
            head, extra = self._scope(rule, "principal")
            pairs = [self._condition(k, c) for k, c in rule.when.items()]
            conds = extra + [f"({g} && {t})" for g, t in pairs]
            if rule.roles:
                conds.append(
                    "(" + " || ".join(f"principal in {entity('Role', r)}" for r in rule.roles) + ")"
                )
            when = " && ".join(conds) or "true"
            out.append(f"@id({cedar_string(f'forbid.{n}')})\nforbid ({head})\nwhen {{ {when} }};")
        if doc.enforce_clearance:
            out.append(
                '@id("forbid.above_clearance")\nforbid (principal, action == Action::"data.read", '
                "resource is DataSource)\nwhen { resource.label > principal.clearance };"
            )
        return "\n\n".join(out) + "\n"


def load_document(text: str) -> Document:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise PolicyInvalid(
            [{"line": line, "message": f"YAML: {getattr(exc, 'problem', exc)}"}]
        ) from exc
    if not isinstance(raw, dict):
        raise PolicyInvalid([{"line": 1, "message": "a YAML policy is a mapping"}])
    try:
        return Document.model_validate(raw)
    except ValidationError as exc:
        raise PolicyInvalid(
            [
                {"line": None, "path": ".".join(str(p) for p in e["loc"]), "message": e["msg"]}
                for e in exc.errors(include_url=False, include_input=False)
            ]
        ) from exc


def compile_yaml(name: str, text: str, labels: tuple[str, ...]) -> Bundle:
    doc = load_document(text)
    try:
        cedar = _Compiler(labels).compile(doc)
    except ValueError as exc:
        raise PolicyInvalid([{"line": None, "message": str(exc)}]) from exc
    return parse_cedar(name, cedar, tuple(doc.tests))
