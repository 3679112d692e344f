"""The control-plane ASGI app."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from ztai.control import agents, audit, policies
from ztai.control.context import ControlContext
from ztai.errors import ZtaiError
from ztai.http.params import RejectNul
from ztai.http.problem import http_exception_handler, unexpected_error_handler, ztai_error_handler


def create_control_app(ctx: ControlContext) -> ASGIApp:
    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    app = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            *agents.routes(ctx),
            *audit.routes(ctx),
            *policies.routes(ctx),
        ],
        exception_handlers={
            ZtaiError: ztai_error_handler,
            HTTPException: http_exception_handler,
            Exception: unexpected_error_handler,
        },
    )
    return RejectNul(app)
