"""TokenIssuer: the client_credentials grant, by client secret or private_key_jwt."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from ztai.audit.log import AuditLog
from ztai.crypto import jws
from ztai.crypto.jwk import JwkError, public_key_from_jwk
from ztai.crypto.keyring import KeyRing
from ztai.domain.agent import AgentState
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, system_clock
from ztai.domain.credential import Credential, CredentialType
from ztai.identity.oauth_errors import (
    OAuthError,
    invalid_client,
    invalid_scope,
    invalid_target,
)
from ztai.identity.secrets import secret_matches
from ztai.storage.agents import AgentRepository
from ztai.storage.credentials import CredentialRepository
from ztai.storage.replay_cache import ReplayCache

ACCESS_TOKEN_TYPE = "at+jwt"  # RFC 9068
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
_SCOPE = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]{1,128}")  # RFC 6749 §3.3 scope-token


def _timestamp(value: object) -> bool:
    """NumericDate as an integer in a sane range (JSON also admits NaN and 10**400)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**40


@dataclass(frozen=True, slots=True)
class IssuedToken:
    access_token: str
    expires_in: int
    scope: str | None
    jti: str

    def to_public(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
        }
        if self.scope:
            out["scope"] = self.scope
        return out


@dataclass(frozen=True, slots=True)
class IssuerConfig:
    issuer: str
    audience: str
    ttl_seconds: int
    assertion_max_lifetime: int
    clock_skew: int

    @property
    def token_endpoint(self) -> str:
        return f"{self.issuer.rstrip('/')}/oauth2/token"


class TokenIssuer:
    def __init__(
        self,
        config: IssuerConfig,
        keys: KeyRing,
        agents: AgentRepository,
        credentials: CredentialRepository,
        replay: ReplayCache,
        audit: AuditLog,
        clock: Clock = system_clock,
    ) -> None:
        self._config = config
        self._keys = keys
        self._agents = agents
        self._credentials = credentials
        self._replay = replay
        self._audit = audit
        self._clock = clock

    async def by_secret(
        self, client_id: str, client_secret: str, scope: str | None, resource: str | None
    ) -> IssuedToken:
        credential = await self._credentials.by_client_id(client_id)
        if (
            credential is None
            or credential.type is not CredentialType.CLIENT_SECRET
            or credential.secret_hash is None
            or not secret_matches(client_secret, credential.secret_hash)
        ):
            await self._refuse(client_id, credential, "oauth.invalid_client:bad_secret")
            raise invalid_client("client authentication failed")
        return await self._issue(credential, scope, resource)

    async def by_assertion(
        self, assertion: str, client_id: str | None, scope: str | None, resource: str | None
    ) -> IssuedToken:
        try:
            unverified = jws.peek_claims(assertion)
        except jws.JwsError as exc:
            await self._refuse(
                client_id or "unknown", None, "oauth.invalid_client:malformed_assertion"
            )
            raise invalid_client("client assertion is malformed") from exc
        claimed = unverified.get("iss")
        if not isinstance(claimed, str) or (client_id is not None and client_id != claimed):
            await self._refuse(client_id or "unknown", None, "oauth.invalid_client:iss_mismatch")
            raise invalid_client("assertion issuer does not match the client")
        credential = await self._credentials.by_client_id(claimed)
        if credential is None or credential.type is not CredentialType.PRIVATE_KEY_JWT:
            await self._refuse(claimed, credential, "oauth.invalid_client:unknown_client")
            raise invalid_client("client authentication failed")
        try:
            claims = self._verify_assertion(assertion, credential)
        except OAuthError:
            await self._refuse(claimed, credential, "oauth.invalid_client:bad_assertion")
            raise
        # Single use (RFC 7523 §3 item 7): the jti is claimed until the assertion expires.
        if not await self._replay.claim(
            f"assertion:{claimed}:{claims['jti']}", float(claims["exp"]) + self._config.clock_skew
        ):
            await self._refuse(claimed, credential, "oauth.invalid_client:assertion_replayed")
            raise invalid_client("client assertion was already used")
        return await self._issue(credential, scope, resource)

    def _verify_assertion(self, assertion: str, credential: Credential) -> dict[str, Any]:
        try:
            key, alg = public_key_from_jwk(credential.jwk)
            verified = jws.verify(assertion, lambda _header: key, algorithms=(alg,))
        except (JwkError, jws.JwsError) as exc:
            raise invalid_client(f"client assertion rejected: {exc}") from exc
        claims = verified.claims
        now = self._clock()
        skew = self._config.clock_skew
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        accepted = {self._config.token_endpoint, self._config.issuer}
        exp, iat, jti = claims.get("exp"), claims.get("iat", int(now)), claims.get("jti")
        problems = [
            (claims.get("sub") != credential.client_id, "sub must be the client_id"),
            (
                not accepted.intersection(a for a in audiences if isinstance(a, str)),
                "wrong audience",
            ),
            (not _timestamp(exp), "exp missing or not an integer time"),
            (not isinstance(jti, str) or not 8 <= len(jti) <= 256, "jti missing or malformed"),
            (not _timestamp(iat), "iat malformed"),
        ]
        for failed, why in problems:
            if failed:
                raise invalid_client(f"client assertion rejected: {why}")
        assert isinstance(exp, int) and isinstance(iat, int)
        if exp + skew < now:
            raise invalid_client("client assertion rejected: expired")
        if iat > now + skew:
            raise invalid_client("client assertion rejected: issued in the future")
        if exp - now > self._config.assertion_max_lifetime + skew:
            raise invalid_client("client assertion rejected: lifetime too long")
        return claims

    def _check_scope_and_resource(self, scope: str | None, resource: str | None) -> None:
        if scope is not None and not all(_SCOPE.fullmatch(s) for s in scope.split(" ")):
            raise invalid_scope("scope is malformed")
        served = (
            self._config.audience,
            self._config.issuer,
            f"{self._config.issuer.rstrip('/')}/mcp",
        )
        if resource is not None and resource not in served:
            raise invalid_target("this server issues tokens only for its own gateway")

    async def _issue(
        self, credential: Credential, scope: str | None, resource: str | None
    ) -> IssuedToken:
        self._check_scope_and_resource(scope, resource)
        agent = await self._agents.get(credential.agent_id)
        if (
            credential.revoked_at is not None
            or agent is None
            or agent.state is not AgentState.ACTIVE
        ):
            reason = "credential_revoked" if credential.revoked_at else "agent_not_active"
            await self._refuse(credential.client_id, credential, f"oauth.invalid_client:{reason}")
            raise invalid_client("client is not allowed to obtain tokens")
        now = int(self._clock())
        key = self._keys.current()
        jti = uuid.uuid4().hex
        claims: dict[str, Any] = {
            "iss": self._config.issuer,
            "sub": agent.id,
            "aud": self._config.audience,
            "iat": now,
            "nbf": now,
            "exp": now + self._config.ttl_seconds,
            "jti": jti,
            "client_id": credential.client_id,
            "cid": credential.id,
        }
        if scope:
            claims["scope"] = scope
        token = jws.sign(
            {"alg": "EdDSA", "typ": ACCESS_TOKEN_TYPE, "kid": key.kid}, claims, key.private
        )
        await self._audit.append(
            AuditEvent(
                actor=f"agent:{agent.id}",
                action="token.issue",
                target=f"Agent::{agent.id}",
                decision="allow",
                agent_id=agent.id,
                data={"jti": jti, "credential_id": credential.id, "exp": claims["exp"]},
            )
        )
        return IssuedToken(token, self._config.ttl_seconds, scope, jti)

    async def _refuse(self, client_id: str, credential: Credential | None, reason: str) -> None:
        await self._audit.append(
            AuditEvent(
                actor=f"client:{client_id[:64]}",
                action="token.issue",
                target=f"Agent::{credential.agent_id}" if credential else "Agent::unknown",
                decision="deny",
                reasons=(reason,),
                agent_id=credential.agent_id if credential else None,
            )
        )
