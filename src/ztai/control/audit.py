"""Control routes for reading the audit log and rotating signing keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.control.admin import require_admin
from ztai.control.context import ControlContext
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import iso
from ztai.errors import ValidationFailed
from ztai.http.params import bounded_int, timestamp


@dataclass
class _Sighting:
    source: str
    user_agent: str
    first_seen: str
    last_seen: str = ""
    count: int = 0
    routes: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)

    def add(self, ts: str, route: str, reasons: tuple[str, ...]) -> None:
        self.count += 1
        self.first_seen, self.last_seen = min(self.first_seen, ts), max(self.last_seen, ts)
        self.routes.add(route)
        self.reasons.update(reasons[:1])

    def to_public(self) -> dict[str, object]:
        return {
            "source": self.source,
            "user_agent": self.user_agent,
            "count": self.count,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "routes": sorted(self.routes),
            "reasons": sorted(self.reasons),
        }


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

    async def discovery(request: Request) -> Response:
        """Shadow agents: callers the gateway refused for a missing or invalid identity,
        grouped by where they came from ("you can't secure what you can't see")."""
        await require_admin(request, ctx)
        days = bounded_int(request.query_params.get("days"), "days", 7, 1, 365)
        since = iso(ctx.clock() - days * 86400)
        groups: dict[tuple[str, str], _Sighting] = {}
        before: int | None = None
        for _ in range(50):  # at most 50,000 refusals scanned
            batch = await ctx.audit.repository.query(
                action="auth.verify", decision="deny", since=since, limit=1000, before_seq=before
            )
            for record in batch:
                data = record.event.data
                key = (str(data.get("source", "unknown")), str(data.get("user_agent", "")))
                sighting = groups.setdefault(key, _Sighting(*key, first_seen=record.ts))
                sighting.add(record.ts, record.event.target, record.event.reasons)
            if len(batch) < 1000:
                break
            before = batch[-1].seq
        ranked = sorted(groups.values(), key=lambda g: -g.count)
        return JSONResponse({"items": [g.to_public() for g in ranked]})

    return [
        Route("/api/v1/discovery", discovery, methods=["GET"]),
        Route("/api/v1/audit", query, methods=["GET"]),
        Route("/api/v1/signing-keys/rotate", rotate_token_key, methods=["POST"]),
    ]
