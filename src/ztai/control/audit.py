"""Control routes for reading the audit log and rotating signing keys."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.control.admin import require_admin
from ztai.control.context import ControlContext
from ztai.domain.audit_event import AuditEvent
from ztai.errors import ValidationFailed
from ztai.http.params import bounded_int, timestamp

_QUERY = {"agent_id", "decision", "since", "action", "limit", "before"}


def routes(ctx: ControlContext) -> list[Route]:
    async def query(request: Request) -> Response:
        await require_admin(request, ctx)
        params = request.query_params
        unknown = set(params) - _QUERY
        if unknown:
            raise ValidationFailed(f"unknown query parameters: {sorted(unknown)}")
        decision = params.get("decision")
        if decision is not None and decision not in {"allow", "deny", "info"}:
            raise ValidationFailed("decision must be allow, deny or info")
        limit = bounded_int(params.get("limit"), "limit", 100, 1, 1000)
        before = params.get("before")
        records = await ctx.audit.repository.query(
            agent_id=params.get("agent_id"),
            decision=decision,
            since=timestamp(params.get("since"), "since"),
            action=params.get("action"),
            limit=limit,
            before_seq=bounded_int(before, "before", 0, 1, 2**62) if before is not None else None,
        )
        items = [r.to_public() for r in records]
        body: dict[str, object] = {"items": items}
        if len(items) == limit:
            body["next_before"] = items[-1]["seq"]
        return JSONResponse(body)

    async def rotate_token_key(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        old = ctx.token_keys.current().kid
        await ctx.audit.append(
            AuditEvent(
                actor=actor,
                action="signing_key.rotate",
                target="SigningKey::token",
                decision="allow",
                data={"previous_kid": old, "overlap_seconds": ctx.token_overlap_seconds},
            )
        )
        kid = await ctx.token_keys.rotate(ctx.token_overlap_seconds)
        await ctx.view.sync(force=True)
        return JSONResponse(
            {"kid": kid, "previous_kid": old, "overlap_seconds": ctx.token_overlap_seconds}
        )

    return [
        Route("/api/v1/audit", query, methods=["GET"]),
        Route("/api/v1/signing-keys/rotate", rotate_token_key, methods=["POST"]),
    ]
