"""Mounting a plain ASGI callable as a route endpoint."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class Endpoint:
    """An ASGI callable as an object, so the router treats it as an app, not a handler."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(scope, receive, send)
