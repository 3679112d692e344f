"""TokenVerifier: one method, `verify(token) -> AgentPrincipal`, for every gateway route.

The signature is checked once per token and the claims cached; every call still checks
expiry, the credential, the agent's state and the signing key against the fresh
IdentityView, so a revocation applies to cached tokens too.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from ztai.crypto import jws
from ztai.crypto.keyring import KeyRing
from ztai.domain.agent import AgentState
from ztai.domain.clock import Clock, system_clock
from ztai.errors import InvalidToken, Unavailable
from ztai.identity.issuer import ACCESS_TOKEN_TYPE
from ztai.identity.view import IdentityView


class IdentityUnavailable(Unavailable):
    code = "identity.unavailable"
    title = "Identity checks unavailable"


@dataclass(frozen=True, slots=True)
class AgentPrincipal:
    agent_id: str
    name: str
    state: AgentState
    client_id: str
    credential_id: str
    jti: str
    scope: tuple[str, ...]
    expires_at: int
    risk_level: str


@dataclass(frozen=True, slots=True)
class _Claims:
    sub: str
    kid: str
    client_id: str
    cid: str
    jti: str
    exp: int
    scope: tuple[str, ...]


class TokenVerifier:
    def __init__(
        self,
        view: IdentityView,
        keys: KeyRing,
        *,
        issuer: str,
        audience: str,
        cache_size: int = 20_000,
        clock: Clock = system_clock,
    ) -> None:
        self._view = view
        self._keys = keys
        self._issuer = issuer
        self._audience = audience
        self._cache: OrderedDict[str, _Claims] = OrderedDict()
        self._cache_size = cache_size
        self._clock = clock

    def verify(self, token: str) -> AgentPrincipal:
        if not self._view.fresh():
            raise IdentityUnavailable("revocation state is stale; refusing tokens")
        now = self._clock()
        claims = self._cache.get(token)
        if claims is None:
            claims = self._verify_signature(token, now)
            if self._cache_size:
                if len(self._cache) >= self._cache_size:
                    self._cache.popitem(last=False)
                self._cache[token] = claims
        if claims.exp <= now:
            raise InvalidToken("token expired")
        if self._keys.verification_key(claims.kid) is None:
            raise InvalidToken("token signing key retired")
        if self._view.credential_revoked(claims.cid):
            raise InvalidToken("credential revoked")
        agent = self._view.agent(claims.sub)
        if agent is None or agent.state is not AgentState.ACTIVE:
            raise InvalidToken("agent is not active")
        return AgentPrincipal(
            agent_id=agent.id,
            name=agent.name,
            state=agent.state,
            client_id=claims.client_id,
            credential_id=claims.cid,
            jti=claims.jti,
            scope=claims.scope,
            expires_at=claims.exp,
            risk_level=agent.risk_level,
        )

    def _verify_signature(self, token: str, now: float) -> _Claims:
        try:
            verified = jws.verify(
                token,
                lambda header: self._keys.verification_key(header.get("kid")),
                algorithms=("EdDSA",),
                typ=ACCESS_TOKEN_TYPE,
            )
        except jws.JwsError as exc:
            raise InvalidToken(str(exc)) from exc
        c = verified.claims
        if c.get("iss") != self._issuer:
            raise InvalidToken("wrong issuer")
        if c.get("aud") != self._audience:
            raise InvalidToken("wrong audience")
        fields: dict[str, Any] = {name: c.get(name) for name in ("sub", "client_id", "cid", "jti")}
        if not all(isinstance(v, str) and v for v in fields.values()):
            raise InvalidToken("token lacks required claims")
        exp, nbf = c.get("exp"), c.get("nbf", 0)
        if not isinstance(exp, int) or isinstance(exp, bool) or not isinstance(nbf, int):
            raise InvalidToken("exp/nbf must be integers")
        if nbf > now + 5:
            raise InvalidToken("token not yet valid")
        scope = c.get("scope", "")
        return _Claims(
            sub=fields["sub"],
            kid=str(verified.header.get("kid")),
            client_id=fields["client_id"],
            cid=fields["cid"],
            jti=fields["jti"],
            exp=exp,
            scope=tuple(scope.split()) if isinstance(scope, str) else (),
        )
