"""DisconnectWatch: tells a held call that its HTTP client went away."""

from __future__ import annotations

import asyncio
import logging

from starlette.types import Message, Receive

log = logging.getLogger(__name__)


class DisconnectWatch:
    """Passes the request body through; after it, watches the connection so a held call
    learns that its client went away (ASGI reports that as `http.disconnect`)."""

    def __init__(self, receive: Receive, released: asyncio.Event) -> None:
        self._receive = receive
        self._released = released
        self._watcher: asyncio.Task[None] | None = None

    async def receive(self) -> Message:
        if self._watcher is not None:
            await self._released.wait()
            return {"type": "http.disconnect"}
        message = await self._receive()
        if message["type"] == "http.disconnect":
            self._released.set()
        elif message["type"] == "http.request" and not message.get("more_body", False):
            self._watcher = asyncio.create_task(self._watch())
        return message

    async def _watch(self) -> None:
        try:
            while (await self._receive())["type"] != "http.disconnect":
                pass
        except Exception:  # noqa: BLE001 — a broken connection is a client gone too
            log.debug("connection watch ended with an error")
        self._released.set()

    def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
