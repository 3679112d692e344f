"""The control-plane ASGI app."""

from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from ztai.control import agents, approvals, audit, catalog, policies
from ztai.control.context import ControlContext
from ztai.domain.audit_event import AuditEvent
from ztai.errors import ZtaiError
from ztai.http.params import RejectNul
from ztai.http.problem import http_exception_handler, unexpected_error_handler, ztai_error_handler


def create_control_app(ctx: ControlContext) -> ASGIApp:
    async def refused(request: Request, exc: Exception) -> Response:
        """The one deny path for admin changes: a refused change is audited, then answered."""
        assert isinstance(exc, ZtaiError)
        already = exc.code in {
            "auth.invalid_token",
            "audit.unavailable",
            "storage.unavailable",
            "registry.invalid_transition",
        }
        if request.method not in {"GET", "HEAD"} and not already:
            with contextlib.suppress(ZtaiError):
                await ctx.audit.append(
                    AuditEvent(
                        actor=getattr(request.state, "actor", "unknown"),
                        action=f"api.{request.method.lower()}",
                        target=f"Route::{request.url.path[:200]}",
                        decision="deny",
                        reasons=(exc.code,),
                    )
                )
        return await ztai_error_handler(request, exc)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    app = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            *agents.routes(ctx),
            *audit.routes(ctx),
            *policies.routes(ctx),
            *catalog.routes(ctx),
            *approvals.routes(ctx),
        ],
        exception_handlers={
            ZtaiError: refused,
            HTTPException: http_exception_handler,
            Exception: unexpected_error_handler,
        },
    )
    return RejectNul(app)
