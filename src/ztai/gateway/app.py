"""The data-plane ASGI app: routes plus the one mapping from errors to the wire."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from ztai.errors import AuthError, ZtaiError
from ztai.gateway import detectors, envelopes, oauth
from ztai.gateway.auth import authenticate, challenge
from ztai.gateway.context import GatewayContext
from ztai.gateway.llm import routes as llm_routes
from ztai.http.params import RejectNul
from ztai.http.problem import http_exception_handler, problem, unexpected_error_handler
from ztai.identity.verifier import AgentPrincipal


async def _error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ZtaiError)
    return problem(exc, challenge(exc) if isinstance(exc, AuthError) else None)


def create_gateway_app(ctx: GatewayContext) -> ASGIApp:
    async def healthz(request: Request) -> Response:
        if not ctx.view.fresh():
            return JSONResponse({"status": "degraded", "reason": "identity view stale"}, 503)
        return JSONResponse({"status": "ok"})

    async def resource_metadata(request: Request) -> Response:
        """RFC 9728 metadata, as the MCP authorization spec asks of a resource server."""
        issuer = ctx.issuer_config.issuer.rstrip("/")
        return JSONResponse(
            {
                "resource": f"{issuer}/mcp",
                "authorization_servers": [ctx.issuer_config.issuer],
                "bearer_methods_supported": ["header"],
                "scopes_supported": [],
            }
        )

    async def authenticate_request(request: Request) -> AgentPrincipal:
        return await authenticate(request, ctx)

    mcp_routes = (
        [Route("/mcp", ctx.mcp.asgi_app(authenticate_request), methods=["GET", "POST", "DELETE"])]
        if ctx.mcp is not None
        else []
    )

    async def metrics(request: Request) -> Response:
        text = ctx.metrics.render() if ctx.metrics is not None else ""
        return Response(text, media_type="text/plain; version=0.0.4")

    async def whoami(request: Request) -> Response:
        principal = await authenticate(request, ctx)
        return JSONResponse(
            {
                "agent_id": principal.agent_id,
                "name": principal.name,
                "state": principal.state.value,
                "client_id": principal.client_id,
                "scope": list(principal.scope),
                "expires_at": principal.expires_at,
            }
        )

    routes = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/v1/whoami", whoami, methods=["GET"]),
        *oauth.routes(ctx),
        *detectors.routes(ctx),
        *envelopes.routes(ctx),
        *llm_routes.routes(ctx),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/.well-known/oauth-protected-resource", resource_metadata, methods=["GET"]),
        *mcp_routes,
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            ZtaiError: _error,
            HTTPException: http_exception_handler,
            Exception: unexpected_error_handler,
        },
    )
    return RejectNul(app)
