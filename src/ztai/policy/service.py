"""PolicyService: validate, test and activate policy bundles; keep every version; audit."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from ztai.audit.log import AUDIT_LOCK, AuditLog
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, iso, system_clock
from ztai.errors import NotFound, UnsupportedMediaType
from ztai.policy.bundle import Bundle, PolicyInvalid, check_name, parse_cedar, validate_against
from ztai.policy.engine import PolicyEngine
from ztai.policy.lint import lint
from ztai.policy.testing import run_cases
from ztai.policy.yaml_bundle import compile_yaml
from ztai.storage.database import Database
from ztai.storage.policies import PolicyRepository, StoredPolicy
from ztai.storage.versions import POLICY, bump, current

log = logging.getLogger(__name__)

CEDAR_TYPES = frozenset({"text/x-cedar", "application/x-cedar"})
YAML_TYPES = frozenset({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
MAX_POLICY_BYTES = 2_000_000


class PolicyNotFound(NotFound):
    code = "policy.not_found"
    title = "Policy not found"


class PolicyTestsFailed(PolicyInvalid):
    code = "policy.tests_failed"
    title = "Policy tests failed"


class PolicyService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        schema: str,
        labels: tuple[str, ...],
        *,
        on_change: Callable[[], Awaitable[None]],
        clock: Clock = system_clock,
    ) -> None:
        self._on_change = on_change
        self._db = db
        self._repo = PolicyRepository(db)
        self._audit = audit
        self.schema = schema
        self.labels = labels
        self._clock = clock
        self._bundles: dict[str, Bundle] = {}
        self.engine = PolicyEngine((), version=0)

    @property
    def repository(self) -> PolicyRepository:
        return self._repo

    def parse(self, name: str, body: str, media_type: str) -> Bundle:
        check_name(name)
        if media_type in YAML_TYPES:
            bundle = compile_yaml(name, body, self.labels)
        elif media_type in CEDAR_TYPES:
            bundle = parse_cedar(name, body)
        else:
            raise UnsupportedMediaType("send text/x-cedar or application/yaml")
        validate_against(bundle, self.schema)
        return bundle

    def candidate(self, bundle: Bundle) -> PolicyEngine:
        others = [b for n, b in self._bundles.items() if n != bundle.name]
        return PolicyEngine([*others, bundle], version=self.engine.version + 1)

    def test_bundle(self, bundle: Bundle) -> None:
        try:
            results = run_cases(self.candidate(bundle), bundle.tests, self.labels, self._clock)
        except ValueError as exc:
            raise PolicyTestsFailed([{"line": None, "message": str(exc)}]) from exc
        failures = [
            {
                "line": None,
                "message": f"test {r.name!r}: expected {r.expected}, got {r.actual}",
                "reasons": list(r.reasons),
                "errors": list(r.errors),
            }
            for r in results
            if not r.passed
        ]
        if failures:
            raise PolicyTestsFailed(failures)

    async def put(self, actor: str, name: str, body: str, media_type: str) -> dict[str, Any]:
        """Activate a new version; on any failure the last good version stays active."""
        if len(body) > MAX_POLICY_BYTES:
            raise PolicyInvalid([{"line": None, "message": "policy document too large"}])
        bundle = self.parse(name, body, media_type)
        self.test_bundle(bundle)
        warnings = lint(bundle)
        now = iso(self._clock())
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            version = await self._repo.next_version(tx, name)
            stored = StoredPolicy(
                name=name,
                version=version,
                format="yaml" if media_type in YAML_TYPES else "cedar",
                source=body,
                compiled=bundle.cedar,
                created_at=now,
                created_by=actor,
                active=True,
            )
            await self._repo.insert_and_activate(tx, stored)
            await bump(tx, POLICY)
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=actor,
                    action="policy.put",
                    target=f"Policy::{name}",
                    decision="allow",
                    data={
                        "version": version,
                        "sha256": hashlib.sha256(body.encode()).hexdigest(),
                        "policies": sorted(bundle.policies),
                        "warnings": [w["code"] for w in warnings],
                    },
                ),
            )
        await self.reload()
        await self._on_change()
        return {**stored.to_public(), "policies": sorted(bundle.policies), "warnings": warnings}

    async def delete(self, actor: str, name: str) -> None:
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            if not await self._repo.deactivate(tx, name):
                raise PolicyNotFound(f"no active policy {name!r}")
            await bump(tx, POLICY)
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=actor, action="policy.delete", target=f"Policy::{name}", decision="allow"
                ),
            )
        await self.reload()
        await self._on_change()

    async def reload(self) -> None:
        """Rebuild the engine from the active versions: parsed once per change."""
        version = await current(self._db, POLICY)
        bundles: dict[str, Bundle] = {}
        for stored in await self._repo.active():
            try:
                bundles[stored.name] = parse_cedar(stored.name, stored.compiled)
            except PolicyInvalid:
                # Skipping it could drop a forbid, so deny everything until it is fixed.
                log.critical(
                    "stored policy %s v%s does not parse: denying all", stored.name, stored.version
                )
                self._bundles, self.engine = {}, PolicyEngine((), version=version)
                return
        self._bundles = bundles
        self.engine = PolicyEngine(bundles.values(), version=version)
