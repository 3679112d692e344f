"""Relaying a streamed answer: each choice's text passes an OutputGuard on its way out."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from ztai.gateway.llm.errors import UpstreamFailed
from ztai.gateway.llm.output import OutputGuard


@dataclass
class StreamStats:
    chars: int = 0
    usage: dict[str, Any] | None = None
    secrets: list[str] = field(default_factory=list)
    error: str | None = None


def _event(payload: dict[str, Any] | str) -> bytes:
    data = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    return f"data: {data}\n\n".encode()


async def relay(
    lines: AsyncIterator[bytes],
    new_guard: Callable[[], OutputGuard],
    stats: StreamStats,
) -> AsyncIterator[bytes]:
    """Server-sent events in, server-sent events out; text released only through guards."""
    guards: dict[int, OutputGuard] = {}
    last: dict[str, Any] = {}
    async for raw in lines:
        if not raw.startswith(b"data:"):
            continue  # comments, event names and blank separators are not relayed
        data = raw[5:].strip()
        if data == b"[DONE]":
            if guards:
                # Choices that never sent a finish_reason still get their held-back text.
                tail = [
                    {"index": i, "delta": {"content": g.flush()}, "finish_reason": None}
                    for i, g in guards.items()
                ]
                yield _event({**last, "choices": tail})
            yield _event("[DONE]")
            return
        try:
            chunk = json.loads(data)
        except ValueError as exc:
            raise UpstreamFailed("upstream sent a malformed stream event") from exc
        if not isinstance(chunk, dict):
            raise UpstreamFailed("upstream sent a stream event that is not an object")
        last = {k: chunk[k] for k in ("id", "object", "created", "model") if k in chunk}
        if isinstance(chunk.get("usage"), dict):
            stats.usage = chunk["usage"]
        for choice in chunk.get("choices") or []:
            if not isinstance(choice, dict):
                continue
            index = choice.get("index", 0)
            if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < 128:
                raise UpstreamFailed("upstream sent a stream event with a bad choice index")
            delta = choice.get("delta") or {}
            text = delta.get("content") if isinstance(delta, dict) else None
            guard = guards.get(index)
            if guard is None:
                guard = guards[index] = new_guard()
            if isinstance(text, str):
                stats.chars += len(text)
                delta["content"] = guard.feed(text)
            if choice.get("finish_reason") is not None:
                delta["content"] = (delta.get("content") or "") + guard.flush()
                choice["delta"] = delta
                del guards[index]
        yield _event(chunk)
    # No [DONE]: a truncated answer must not look complete to the agent.
    raise UpstreamFailed("upstream closed the stream before it finished")
