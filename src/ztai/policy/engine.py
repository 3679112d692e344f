"""PolicyEngine: Cedar decisions over the active bundles, sliced per request for speed.

Cedar evaluates every policy it is given, so a set of 1,000 policies costs ~1 ms a request.
The engine indexes policies by action and resource scope once per change and hands Cedar
only the policies that could apply (cached per action and resource). The result is the
same, because a policy whose scope cannot match never determines a decision.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import cedarpy

from ztai.domain.decision import AuthzRequest, Decision, EntityRef
from ztai.policy.bundle import Bundle, PolicyMeta

APPROVAL = "require_approval"
_POLICY_IN_ERROR = re.compile(r"policy `?([^`\s:]+)`?")


@dataclass(frozen=True, slots=True)
class _Indexed:
    id: str
    actions: frozenset[str] | None  # None: any action
    resource_op: str  # All | == | in | is
    resource_type: str | None
    resource_id: str | None


def _index(policy_id: str, est: Mapping[str, Any]) -> _Indexed:
    action = est.get("action", {})
    op = action.get("op", "All")
    actions: frozenset[str] | None
    if op == "All":
        actions = None
    elif op == "==":
        actions = frozenset({action["entity"]["id"]})
    else:  # "in": a single entity or a list
        entities = action.get("entities") or [action.get("entity")]
        actions = frozenset(e["id"] for e in entities if e)
    resource = est.get("resource", {})
    r_op = resource.get("op", "All")
    entity = resource.get("entity") or {}
    r_type = resource.get("entity_type") or entity.get("type")
    return _Indexed(policy_id, actions, r_op, r_type, entity.get("id"))


def _applies(p: _Indexed, resource: EntityRef, ancestors: Iterable[EntityRef]) -> bool:
    if p.resource_op == "All":
        return True
    if p.resource_op == "is":
        return p.resource_type == resource.type
    target = EntityRef(p.resource_type or "", p.resource_id or "")
    if p.resource_op == "==":
        return target == resource
    return target == resource or target in set(ancestors)  # "in" (also "is … in")


def _reads_context(node: Any, attribute: str) -> bool:
    if isinstance(node, dict):
        access = node.get(".")
        if (
            isinstance(access, dict)
            and access.get("attr") == attribute
            and access.get("left") == {"Var": "context"}
        ):
            return True
        return any(_reads_context(v, attribute) for v in node.values())
    if isinstance(node, list):
        return any(_reads_context(v, attribute) for v in node)
    return False


class PolicyEngine:
    """Immutable once built: a policy change builds a new engine and swaps it in."""

    def __init__(
        self,
        bundles: Iterable[Bundle],
        version: int,
        *,
        slice_cache: int = 4096,
        verdict_cache: int = 16384,
    ) -> None:
        self.version = version
        self.policies: dict[str, dict[str, Any]] = {}
        self.meta: dict[str, PolicyMeta] = {}
        for bundle in bundles:
            self.policies.update(bundle.policies)
            self.meta.update(bundle.meta)
        self._by_action: dict[str | None, list[_Indexed]] = {}
        for policy_id, est in self.policies.items():
            indexed = _index(policy_id, est)
            for action in indexed.actions or (None,):
                self._by_action.setdefault(action, []).append(indexed)
        self._slices: OrderedDict[tuple[str, EntityRef], Any] = OrderedDict()
        self._slice_cache = slice_cache
        # Cedar is deterministic: the same request over the same entities under this
        # engine's policies (one engine per policy version) gets the same answer. Callers
        # pass a key that determines request and entities; the memo dies with the engine.
        self._verdicts: dict[Hashable, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {}
        self._verdict_cache = verdict_cache

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(m.role for m in self.meta.values() if m.role)

    def _policy_set(
        self, action: str, resource: EntityRef, ancestors: tuple[EntityRef, ...]
    ) -> Any:
        key = (action, resource)
        cached = self._slices.get(key)
        if cached is not None:
            return cached
        chosen = [
            p.id
            for p in (*self._by_action.get(action, ()), *self._by_action.get(None, ()))
            if _applies(p, resource, ancestors)
        ]
        document = {
            "staticPolicies": {pid: self.policies[pid] for pid in chosen},
            "templates": {},
            "templateLinks": [],
        }
        handle = cedarpy.PolicySet.from_json_str(json.dumps(document))
        if len(self._slices) >= self._slice_cache:
            self._slices.popitem(last=False)
        self._slices[key] = handle
        return handle

    def may_permit(
        self,
        action: str,
        resource: EntityRef,
        ancestors: tuple[EntityRef, ...],
        principal: str,
        roles: tuple[str, ...],
    ) -> bool:
        """Whether some permit could apply to this principal and resource at all, whatever
        the context — what tools/list shows; the call itself is still decided in full."""
        candidates = (*self._by_action.get(action, ()), *self._by_action.get(None, ()))
        for indexed in candidates:
            est = self.policies[indexed.id]
            if est.get("effect") != "permit" or not _applies(indexed, resource, ancestors):
                continue
            scope = est.get("principal", {})
            entity = scope.get("entity") or {}
            op = scope.get("op", "All")
            if op == "All" or (op == "is" and scope.get("entity_type") == "Agent"):
                return True
            if op == "==" and entity == {"type": "Agent", "id": principal}:
                return True
            if op == "in" and entity.get("type") == "Role" and entity.get("id") in roles:
                return True
        return False

    def decide(
        self,
        request: AuthzRequest,
        entities: Any,
        ancestors: tuple[EntityRef, ...] = (),
        *,
        approved: bool = False,
        memo_key: Hashable | None = None,
    ) -> Decision:
        """Only an explicit Allow allows; any engine failure is a deny with its reason.
        `memo_key`, when given, must determine the request and the entities entirely."""
        decision_id = f"dec_{uuid.uuid4().hex}"
        memo = self._verdicts.get(memo_key) if memo_key is not None else None
        if memo is not None:
            allowed, reasons, errors = memo
        else:
            try:
                policy_set = self._policy_set(request.action, request.resource, ancestors)
                result = cedarpy.is_authorized(
                    {
                        "principal": {"type": request.principal.type, "id": request.principal.id},
                        "action": {"type": "Action", "id": request.action},
                        "resource": {"type": request.resource.type, "id": request.resource.id},
                        "context": request.context,
                    },
                    policy_set,
                    entities,
                )
                allowed = result.decision == cedarpy.Decision.Allow
                reasons = tuple(result.diagnostics.reasons)
                errors = tuple(result.diagnostics.errors)
            except (ValueError, TypeError, KeyError, OverflowError) as exc:
                return self.deny(
                    decision_id=decision_id, errors=(f"engine: {type(exc).__name__}: {exc}",)
                )
            if memo_key is not None:
                if len(self._verdicts) >= self._verdict_cache:
                    self._verdicts.clear()  # bounded; refilling costs one evaluation each
                self._verdicts[memo_key] = (allowed, reasons, errors)
        if not allowed:
            return self.deny(decision_id=decision_id, reasons=reasons, errors=errors)
        # A forbid that errored might have denied: treat it as if it had (fail closed).
        for error in errors:
            match = _POLICY_IN_ERROR.search(error)
            erring = self.meta.get(match.group(1)) if match else None
            if erring is None or erring.effect == "forbid":
                return self.deny(decision_id=decision_id, reasons=reasons, errors=errors)
        return self._allow(decision_id, reasons, errors, approved=approved)

    def _allow(
        self, decision_id: str, reasons: tuple[str, ...], errors: tuple[str, ...], *, approved: bool
    ) -> Decision:
        metas = [self.meta[r] for r in reasons if r in self.meta]
        roles = tuple(sorted({m.role for m in metas if m.role}))
        plain = [m for m in metas if not m.obligations]
        if plain:
            return Decision("allow", "allow", decision_id, self.version, reasons, errors, (), roles)
        obligations = tuple(sorted({o for m in metas for o in m.obligations}))
        if APPROVAL in obligations and not approved:
            return Decision(
                "deny",
                "needs_approval",
                decision_id,
                self.version,
                reasons,
                errors,
                obligations,
                roles,
            )
        remaining = tuple(o for o in obligations if o != APPROVAL)
        return Decision(
            "allow", "allow", decision_id, self.version, reasons, errors, remaining, roles
        )

    def bounds_context(self, policy_id: str, attribute: str) -> bool:
        """Does the policy test `context.<attribute>`? A permit that names the argument label
        is an explicit decision about sensitive arguments; a plain permit is not."""
        est = self.policies.get(policy_id)
        return est is not None and _reads_context(est.get("conditions", []), attribute)

    def deny(
        self,
        *,
        reasons: tuple[str, ...] = (),
        errors: tuple[str, ...] = (),
        decision_id: str | None = None,
    ) -> Decision:
        """A refusal carrying this engine's version, e.g. for an unknown principal."""
        return Decision(
            "deny", "deny", decision_id or f"dec_{uuid.uuid4().hex}", self.version, reasons, errors
        )
