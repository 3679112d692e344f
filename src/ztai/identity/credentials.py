"""CredentialService: issue and revoke an agent's own credentials (no shared identities)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from ztai.audit.log import AUDIT_LOCK, AuditLog
from ztai.crypto.jwk import JwkError, public_key_from_jwk, thumbprint
from ztai.domain.agent import AgentState
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, iso, system_clock
from ztai.domain.credential import Credential, CredentialType
from ztai.errors import Conflict, NotFound, ValidationFailed
from ztai.identity.secrets import hash_secret, new_client_id, new_client_secret
from ztai.registry.service import IdentityChanged, RegistryService
from ztai.storage.credentials import CredentialRepository
from ztai.storage.database import Database
from ztai.storage.versions import IDENTITY, bump


class CredentialNotFound(NotFound):
    code = "identity.credential_not_found"
    title = "Credential not found"


class AgentRetired(Conflict):
    code = "registry.agent_retired"
    title = "Agent is retired"


@dataclass(frozen=True, slots=True)
class IssuedCredential:
    credential: Credential
    client_secret: str | None  # present once, at creation, for client_secret credentials

    def to_public(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "credential_id": self.credential.id,
            "client_id": self.credential.client_id,
            "type": self.credential.type.value,
        }
        if self.client_secret is not None:
            out["client_secret"] = self.client_secret
        return out


class CredentialService:
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
        self._repo = CredentialRepository(db)
        self._audit = audit
        self._registry = registry
        self._identity_changed = identity_changed
        self._clock = clock

    @property
    def repository(self) -> CredentialRepository:
        return self._repo

    async def create(
        self, actor: str, agent_id: str, kind: CredentialType, jwk: dict[str, Any] | None = None
    ) -> IssuedCredential:
        agent = await self._registry.get(agent_id)
        if agent.state is AgentState.RETIRED:
            raise AgentRetired("a retired agent gets no new credentials")
        secret: str | None = None
        secret_hash: str | None = None
        public_jwk: dict[str, Any] | None = None
        data: dict[str, Any] = {"type": kind.value}
        if kind is CredentialType.CLIENT_SECRET:
            if jwk is not None:
                raise ValidationFailed("a client_secret credential takes no jwk")
            secret = new_client_secret()
            secret_hash = hash_secret(secret)
        else:
            if jwk is None:
                raise ValidationFailed("a private_key_jwt credential needs a public jwk")
            try:
                _, alg = public_key_from_jwk(jwk)
            except JwkError as exc:
                raise ValidationFailed(str(exc), code="identity.invalid_jwk") from exc
            public_jwk = {k: v for k, v in jwk.items() if k in ("kty", "crv", "x", "y", "kid")}
            public_jwk["alg"] = alg
            data["jwk_thumbprint"] = thumbprint(public_jwk)
        credential = Credential(
            id=f"crd_{uuid.uuid4().hex}",
            agent_id=agent_id,
            client_id=new_client_id(),
            type=kind,
            created_at=iso(self._clock()),
            secret_hash=secret_hash,
            jwk=public_jwk,
        )
        data.update(credential_id=credential.id, client_id=credential.client_id)
        event = AuditEvent(
            actor=actor,
            action="credential.create",
            target=f"Agent::{agent_id}",
            decision="allow",
            agent_id=agent_id,
            data=data,
        )
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            await self._repo.insert(credential, tx)
            await self._audit.append_in(tx, event)
        return IssuedCredential(credential, secret)

    async def for_agent(self, agent_id: str) -> list[Credential]:
        await self._registry.get(agent_id)
        return await self._repo.for_agent(agent_id)

    async def revoke(self, actor: str, agent_id: str, credential_id: str) -> None:
        credential = await self._repo.get(agent_id, credential_id)
        if credential is None or credential.revoked_at is not None:
            raise CredentialNotFound(f"no live credential {credential_id!r} for this agent")
        event = AuditEvent(
            actor=actor,
            action="credential.revoke",
            target=f"Agent::{agent_id}",
            decision="allow",
            agent_id=agent_id,
            data={"credential_id": credential_id, "client_id": credential.client_id},
        )
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            if not await self._repo.revoke(tx, credential_id, iso(self._clock())):
                raise CredentialNotFound("credential was revoked concurrently")
            await bump(tx, IDENTITY)
            await self._audit.append_in(tx, event)
        await self._identity_changed()
