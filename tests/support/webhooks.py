"""A real webhook receiver (Starlette on loopback) that checks ztai's signatures."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.support.mcp_servers import serve_asgi


@dataclass
class Receiver:
    secret: bytes
    url: str = ""
    failing_url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    bad_signatures: int = 0
    failures: int = 0
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def next_event(self, event: str, timeout: float = 10.0) -> dict[str, Any]:
        """The first delivered notification of this kind (waits for it)."""

        async def found() -> dict[str, Any]:
            while True:
                for item in self.received:
                    if item["event"] == event:
                        return item
                self.arrived.clear()
                await self.arrived.wait()

        return await asyncio.wait_for(found(), timeout)


@asynccontextmanager
async def webhook_receiver(secret: bytes) -> AsyncIterator[Receiver]:
    receiver = Receiver(secret)

    async def hook(request: Request) -> Response:
        body = await request.body()
        timestamp = request.headers.get("x-ztai-timestamp", "")
        expected = (
            "v1=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        )
        if not hmac.compare_digest(expected, request.headers.get("x-ztai-signature", "")):
            receiver.bad_signatures += 1
            return Response(status_code=401)
        receiver.received.append(json.loads(body))
        receiver.arrived.set()
        return Response(status_code=204)

    async def broken(request: Request) -> Response:
        receiver.failures += 1
        return Response("receiver down", status_code=500)

    app = Starlette(
        routes=[Route("/hook", hook, methods=["POST"]), Route("/broken", broken, methods=["POST"])]
    )
    async with serve_asgi(app) as base:
        receiver.url = f"{base}/hook"
        receiver.failing_url = f"{base}/broken"
        yield receiver
