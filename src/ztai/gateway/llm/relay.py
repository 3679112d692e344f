"""Relaying a streamed answer: each choice's text passes an OutputGuard on its way out."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from ztai.dlp.pseudonym import StreamRehydrator
from ztai.gateway.llm.errors import EnvelopeScope, UpstreamFailed
from ztai.gateway.llm.output import OutputGuard


@dataclass
class StreamStats:
    chars: int = 0
    usage: dict[str, Any] | None = None
    secrets: list[str] = field(default_factory=list)
    error: str | None = None


class ToolScope:
    """Tool calls in a streamed answer stay inside the verified scope. A call's name may
    arrive in fragments, so a fragment passes only while it can still become an allowed
    name, and a call must carry an allowed name before its arguments or its choice's end
    are released. The delta that leaves the scope is never relayed."""

    def __init__(self, allowed: set[str]) -> None:
        self._allowed = allowed
        self._names: dict[tuple[int, int], str] = {}

    def check(self, choice: int, delta: dict[str, Any]) -> None:
        calls = delta.get("tool_calls")
        if delta.get("function_call") is not None:  # the legacy single-call form
            calls = [{"index": -1, "function": delta["function_call"]}]
        if calls is None:
            return
        if not isinstance(calls, list):
            raise UpstreamFailed("upstream sent malformed tool calls")
        for call in calls:
            function = call.get("function") if isinstance(call, dict) else None
            index = call.get("index", 0) if isinstance(call, dict) else None
            if not isinstance(function, dict) or not isinstance(index, int):
                raise UpstreamFailed("upstream sent malformed tool calls")
            key = (choice, index)
            name = self._names.get(key, "") + str(function.get("name") or "")
            self._names[key] = name
            if function.get("arguments") or not any(a.startswith(name) for a in self._allowed):
                self._require(name)

    def finish(self, choice: int | None) -> None:
        """At a choice's end (None: the stream's end) every call must be in scope."""
        for (owner, _), name in self._names.items():
            if choice is None or owner == choice:
                self._require(name)

    def _require(self, name: str) -> None:
        if name not in self._allowed:
            raise EnvelopeScope(
                "the model called a tool outside the verified instruction's scope; "
                "the answer was cut"
            )


class ArgumentRestorer:
    """Pseudonyms in streamed tool-call arguments are restored per call, like text: a
    placeholder split across fragments is held back and released when it completes; what
    is still held at a choice's end goes out in that choice's last chunk."""

    def __init__(self, new_rehydrator: Callable[[], StreamRehydrator]) -> None:
        self._new = new_rehydrator
        self._calls: dict[tuple[int, int], StreamRehydrator] = {}

    def feed(self, choice: int, delta: dict[str, Any]) -> None:
        for call in delta.get("tool_calls") or ():
            function = call.get("function") if isinstance(call, dict) else None
            index = call.get("index", 0) if isinstance(call, dict) else 0
            if not isinstance(function, dict) or not isinstance(function.get("arguments"), str):
                continue
            key = (choice, index if isinstance(index, int) else 0)
            rehydrator = self._calls.get(key) or self._calls.setdefault(key, self._new())
            function["arguments"] = rehydrator.feed(function["arguments"])

    def flush(self, choice: int, delta: dict[str, Any]) -> None:
        tails = []
        for (owner, index), rehydrator in list(self._calls.items()):
            if owner == choice:
                del self._calls[(owner, index)]
                if rest := rehydrator.flush():
                    tails.append({"index": index, "function": {"arguments": rest}})
        if tails:
            delta["tool_calls"] = [*(delta.get("tool_calls") or ()), *tails]


def _event(payload: dict[str, Any] | str) -> bytes:
    data = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    return f"data: {data}\n\n".encode()


async def relay(
    lines: AsyncIterator[bytes],
    new_guard: Callable[[], OutputGuard],
    stats: StreamStats,
    allowed_tools: set[str] | None = None,
    new_restorer: Callable[[], StreamRehydrator] | None = None,
) -> AsyncIterator[bytes]:
    """Server-sent events in, server-sent events out; text released only through guards,
    tool calls only inside `allowed_tools` when a verified instruction set a scope."""
    guards: dict[int, OutputGuard] = {}
    scope = ToolScope(allowed_tools) if allowed_tools is not None else None
    arguments = ArgumentRestorer(new_restorer) if new_restorer is not None else None
    last: dict[str, Any] = {}
    async for raw in lines:
        if not raw.startswith(b"data:"):
            continue  # comments, event names and blank separators are not relayed
        data = raw[5:].strip()
        if data == b"[DONE]":
            if scope is not None:
                scope.finish(None)
            if guards:
                # Choices that never sent a finish_reason still get their held-back text.
                tail = []
                for i, held in guards.items():
                    delta = {"content": held.flush()}
                    if arguments is not None:
                        arguments.flush(i, delta)
                    tail.append({"index": i, "delta": delta, "finish_reason": None})
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
            if scope is not None and isinstance(delta, dict):
                scope.check(index, delta)
            if arguments is not None and isinstance(delta, dict):
                arguments.feed(index, delta)
            text = delta.get("content") if isinstance(delta, dict) else None
            guard = guards.get(index)
            if guard is None:
                guard = guards[index] = new_guard()
            if isinstance(text, str):
                stats.chars += len(text)
                delta["content"] = guard.feed(text)
            if choice.get("finish_reason") is not None:
                if scope is not None:
                    scope.finish(index)
                if arguments is not None:
                    arguments.flush(index, delta)
                delta["content"] = (delta.get("content") or "") + guard.flush()
                choice["delta"] = delta
                del guards[index]
        yield _event(chunk)
    # No [DONE]: a truncated answer must not look complete to the agent.
    raise UpstreamFailed("upstream closed the stream before it finished")
