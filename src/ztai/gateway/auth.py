"""Bearer authentication for data-plane routes: one function, used by every route."""

from __future__ import annotations

import hashlib

from starlette.requests import Request

from ztai.domain.audit_event import AuditEvent
from ztai.errors import AuthError, InvalidToken
from ztai.gateway.context import GatewayContext
from ztai.identity.verifier import AgentPrincipal


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("a Bearer agent token is required", code="auth.missing_token")
    return token.strip()


async def authenticate(request: Request, ctx: GatewayContext) -> AgentPrincipal:
    """The agent behind the request, or an audited refusal. Unidentified callers are the
    "shadow agents" the control plane lists (GET /api/v1/discovery)."""
    try:
        token = bearer_token(request)
        return ctx.verifier.verify(token)
    except AuthError as exc:
        presented = request.headers.get("authorization", "")
        # The token itself never enters the record; its digest lets records be correlated.
        await ctx.audit.append(
            AuditEvent(
                actor="unknown",
                action="auth.verify",
                target=f"Route::{request.url.path[:128]}",
                decision="deny",
                reasons=(exc.code, exc.detail),
                request_hash=hashlib.sha256(presented.encode("utf-8", "replace")).hexdigest()
                if presented
                else None,
                data={
                    "source": request.client.host if request.client else "unknown",
                    "user_agent": request.headers.get("user-agent", "")[:200],
                },
            )
        )
        raise


def challenge(error: AuthError) -> dict[str, str]:
    """RFC 6750 §3: say why a bearer token was refused."""
    if isinstance(error, InvalidToken):
        return {"WWW-Authenticate": 'Bearer error="invalid_token"'}
    return {"WWW-Authenticate": 'Bearer realm="ztai"'}
