"""AgentKeyService: register and revoke the public keys agents sign envelopes with."""

from __future__ import annotations

from typing import Any

from ztai.audit.log import AUDIT_LOCK, AuditLog
from ztai.crypto.jwk import JwkError, jwk_from_public_key, public_key_from_jwk, thumbprint
from ztai.domain.agent import AgentState
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, iso, system_clock
from ztai.errors import Conflict, NotFound, ValidationFailed
from ztai.registry.service import IdentityChanged, RegistryService
from ztai.storage.agent_keys import AgentKey, AgentKeyRepository
from ztai.storage.database import Database, DuplicateKey
from ztai.storage.versions import IDENTITY, bump


class SigningKeyNotFound(NotFound):
    code = "identity.signing_key_not_found"
    title = "Signing key not found"


class SigningKeyExists(Conflict):
    code = "identity.signing_key_exists"
    title = "This key is already registered"


class AgentKeyService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        registry: RegistryService,
        *,
        identity_changed: IdentityChanged,
        clock: Clock = system_clock,
    ) -> None:
        self._db = db
        self._repo = AgentKeyRepository(db)
        self._audit = audit
        self._registry = registry
        self._changed = identity_changed
        self._clock = clock

    async def register(self, actor: str, agent_id: str, jwk: dict[str, Any]) -> str:
        agent = await self._registry.get(agent_id)
        if agent.state is AgentState.RETIRED:
            raise Conflict("a retired agent gets no keys", code="registry.agent_retired")
        try:
            public, alg = public_key_from_jwk(jwk)
        except JwkError as exc:
            raise ValidationFailed(str(exc), code="identity.invalid_jwk") from exc
        clean = {**jwk_from_public_key(public), "alg": alg, "use": "sig"}
        kid = thumbprint(clean)
        clean["kid"] = kid
        try:
            async with self._db.transaction(lock=AUDIT_LOCK) as tx:
                await self._repo.insert(tx, AgentKey(kid, agent_id, clean, iso(self._clock())))
                await bump(tx, IDENTITY)
                await self._audit.append_in(
                    tx,
                    AuditEvent(
                        actor=actor,
                        action="signing_key.register",
                        target=f"Agent::{agent_id}",
                        decision="allow",
                        agent_id=agent_id,
                        data={"kid": kid, "alg": alg},
                    ),
                )
        except DuplicateKey as exc:
            raise SigningKeyExists(f"key {kid} is already registered") from exc
        await self._changed()
        return kid

    async def revoke(self, actor: str, agent_id: str, kid: str) -> None:
        key = await self._repo.get(agent_id, kid)
        if key is None or key.revoked_at is not None:
            raise SigningKeyNotFound(f"no live key {kid!r} for this agent")
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            if not await self._repo.revoke(tx, kid, iso(self._clock())):
                raise SigningKeyNotFound("key was revoked concurrently")
            await bump(tx, IDENTITY)
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=actor,
                    action="signing_key.revoke",
                    target=f"Agent::{agent_id}",
                    decision="allow",
                    agent_id=agent_id,
                    data={"kid": kid},
                ),
            )
        await self._changed()
