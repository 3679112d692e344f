"""Control routes for human approvals: list the held calls, approve or deny one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.control.admin import require_admin
from ztai.control.context import ControlContext
from ztai.domain.clock import iso
from ztai.errors import ValidationFailed
from ztai.http.body import read_json


class DecideBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    note: Annotated[str, StringConstraints(max_length=2000)] | None = None
    # Who decides (an email); checked against the agent's owner (no self-approval).
    approver: Annotated[str, StringConstraints(min_length=1, max_length=256)] | None = None


def routes(ctx: ControlContext) -> list[Route]:
    async def listing(request: Request) -> Response:
        await require_admin(request, ctx)
        state = request.query_params.get("state")
        if state is not None and state not in {"pending", "approved", "denied", "used", "expired"}:
            raise ValidationFailed("state must be pending, approved, denied, used or expired")
        now = iso(ctx.clock())
        items = await ctx.approvals.repository.listing(state)
        return JSONResponse({"items": [a.to_public(now) for a in items]})

    def decide(approve: bool) -> Callable[[Request], Awaitable[Response]]:
        async def handler(request: Request) -> Response:
            actor = await require_admin(request, ctx)
            body = await read_json(request, DecideBody, ctx.max_body_bytes, optional=True)
            approval = await ctx.approvals.decide(
                actor,
                request.path_params["approval_id"],
                approve,
                body.approver or actor,
                body.note,
            )
            return JSONResponse(approval.to_public(iso(ctx.clock())))

        return handler

    return [
        Route("/api/v1/approvals", listing, methods=["GET"]),
        Route("/api/v1/approvals/{approval_id}/approve", decide(True), methods=["POST"]),
        Route("/api/v1/approvals/{approval_id}/deny", decide(False), methods=["POST"]),
    ]
