"""Admin authentication for the control plane: one bearer check for every route."""

from __future__ import annotations

import hashlib
import hmac

from starlette.requests import Request

from ztai.control.context import ControlContext
from ztai.domain.audit_event import AuditEvent
from ztai.errors import AuthError, InvalidToken


async def require_admin(request: Request, ctx: ControlContext) -> str:
    """The actor id of the admin making the request, or an audited 401."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise AuthError("an admin Bearer token is required", code="auth.missing_token")
    if not hmac.compare_digest(token.encode("utf-8", "replace"), ctx.admin_token.encode()):
        await ctx.audit.append(
            AuditEvent(
                actor="unknown",
                action="admin.authenticate",
                target=f"Route::{request.url.path[:128]}",
                decision="deny",
                reasons=(InvalidToken.code,),
                request_hash=hashlib.sha256(token.encode("utf-8", "replace")).hexdigest(),
            )
        )
        raise InvalidToken("admin token not recognised")
    request.state.actor = "admin:bootstrap"
    return "admin:bootstrap"
