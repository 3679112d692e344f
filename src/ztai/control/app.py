"""The control-plane ASGI app."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.control import agents, audit
from ztai.control.context import ControlContext
from ztai.errors import ZtaiError
from ztai.http.problem import http_exception_handler, unexpected_error_handler, ztai_error_handler


def create_control_app(ctx: ControlContext) -> Starlette:
    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            *agents.routes(ctx),
            *audit.routes(ctx),
        ],
        exception_handlers={
            ZtaiError: ztai_error_handler,
            HTTPException: http_exception_handler,
            Exception: unexpected_error_handler,
        },
    )
