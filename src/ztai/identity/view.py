"""IdentityView: each replica's fresh copy of agent states, revoked credentials and keys.

Token checks read this in memory. It is refreshed whenever the shared identity version
moves (polled every `sync_interval`, pushed through Redis when configured); if it cannot be
refreshed for `max_staleness`, every token is refused (G2, G5).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from ztai.crypto.jwk import JwkError, PublicKey, public_key_from_jwk
from ztai.crypto.keyring import KeyRing
from ztai.domain.agent import AgentState
from ztai.domain.clock import Clock, system_clock
from ztai.storage.agent_keys import AgentKey, AgentKeyRepository
from ztai.storage.agents import AgentRepository
from ztai.storage.credentials import CredentialRepository
from ztai.storage.database import Database
from ztai.storage.versions import IDENTITY, Poller, current

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AgentSnapshot:
    id: str
    name: str
    state: AgentState
    risk_level: str


@dataclass(frozen=True, slots=True)
class SigningKey:
    kid: str
    agent_id: str
    key: PublicKey
    alg: str


def _parse_keys(keys: list[AgentKey]) -> dict[str, SigningKey]:
    parsed = {}
    for stored in keys:
        try:
            public, alg = public_key_from_jwk(stored.jwk)
        except JwkError:
            log.error("stored signing key %s does not parse; ignored", stored.kid)
            continue
        parsed[stored.kid] = SigningKey(stored.kid, stored.agent_id, public, alg)
    return parsed


class IdentityView:
    def __init__(
        self,
        db: Database,
        token_keys: KeyRing,
        *,
        sync_interval: float = 0.2,
        max_staleness: float = 1.0,
        clock: Clock = system_clock,
    ) -> None:
        self._db = db
        self._agents_repo = AgentRepository(db)
        self._credentials_repo = CredentialRepository(db)
        self._token_keys = token_keys
        self._max_staleness = max_staleness
        self._clock = clock
        self._version = -1
        self._synced_at = float("-inf")
        self._agents: dict[str, AgentSnapshot] = {}
        self._revoked: frozenset[str] = frozenset()
        self._agent_keys: dict[str, SigningKey] = {}
        self._agent_keys_repo = AgentKeyRepository(db)
        self._lock = asyncio.Lock()
        self._poller = Poller(self.sync, sync_interval, "ztai-identity-sync")

    def fresh(self) -> bool:
        return self._clock() - self._synced_at <= self._max_staleness

    def agent(self, agent_id: str) -> AgentSnapshot | None:
        return self._agents.get(agent_id)

    def credential_revoked(self, credential_id: str) -> bool:
        return credential_id in self._revoked

    def signing_key(self, kid: str) -> SigningKey | None:
        """A live envelope-signing key and its owner; revoked keys are simply absent."""
        return self._agent_keys.get(kid)

    async def sync(self, *, force: bool = False) -> None:
        """Reload if the shared version moved. Raises on storage errors (caller decides)."""
        async with self._lock:
            started = self._clock()
            version = await current(self._db, IDENTITY)
            if force or version != self._version:
                rows = await self._agents_repo.states()
                revoked = await self._credentials_repo.revoked_ids()
                agent_keys = await self._agent_keys_repo.live()
                await self._token_keys.load()
                self._agents = {
                    r["id"]: AgentSnapshot(
                        r["id"], r["name"], AgentState(r["state"]), r["risk_level"]
                    )
                    for r in rows
                }
                self._revoked = frozenset(revoked)
                self._agent_keys = _parse_keys(agent_keys)
                self._version = version
            # Fresh as of when the read started, not when it finished.
            self._synced_at = started

    async def start(self) -> None:
        await self.sync(force=True)
        self._poller.start()

    async def stop(self) -> None:
        await self._poller.stop()
