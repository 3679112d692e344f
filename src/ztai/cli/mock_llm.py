"""A small OpenAI-compatible upstream for the demo and the tests (never for production).

It answers from the conversation itself: "echo: <last user message>", optionally streamed,
with a tool call when tools are offered, and with a fake credential when asked to "leak"
(to show output scanning). It counts what it receives so tests can prove that a refused
request never reached it.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

FAKE_LEAK = (
    "here it is: aws_access_key_id = AKIA4QZ7XW2M9RTB6KLN and "
    "aws_secret_access_key = q8Zr3vTb9LmN2xWc7YpK4sHd6FgJ1aQe5RtUiOp0"
)


@dataclass
class MockState:
    received: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)
    traceparents: list[str] = field(default_factory=list)  # W3C trace context, if sent
    delay_seconds: float = 0.0
    fail_status: int | None = None
    # A model may call a tool it was never offered; tests set this to play that model.
    call_tool: str | None = None


def _answer(body: dict[str, Any]) -> str:
    messages = body.get("messages") or []
    last: dict[str, Any] = next((m for m in reversed(messages) if m.get("role") == "user"), {})
    content = last.get("content", "")
    if isinstance(content, list):
        content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    if "leak" in str(content).lower():
        return FAKE_LEAK
    return f"echo: {content}"


def _tool(body: dict[str, Any], state: MockState) -> str | None:
    if state.call_tool is not None:
        return state.call_tool
    if body.get("tools"):
        return str(body["tools"][0].get("function", {}).get("name", "tool"))
    return None


def _completion(body: dict[str, Any], text: str, tool: str | None) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": text}
    finish = "stop"
    if tool is not None:
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": tool, "arguments": json.dumps({"query": text})},
                }
            ],
        }
        finish = "tool_calls"
    prompt = sum(len(str(m.get("content", ""))) for m in body.get("messages", [])) // 4
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "mock"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": len(text) // 4,
            "total_tokens": prompt + len(text) // 4,
        },
    }


def _text_deltas(text: str) -> list[dict[str, Any]]:
    return [{"content": text[i : i + 7]} for i in range(0, len(text), 7)]


def _tool_deltas(tool: str, text: str) -> list[dict[str, Any]]:
    """A streamed tool call as OpenAI sends one: id and name first, then the arguments in
    fragments. The name is split too, as some compatible servers do."""
    half = len(tool) // 2
    arguments = json.dumps({"query": text})
    first = {"index": 0, "id": "call_1", "type": "function", "function": {"name": tool[:half]}}
    deltas: list[dict[str, Any]] = [{"role": "assistant", "tool_calls": [first]}]
    deltas.append({"tool_calls": [{"index": 0, "function": {"name": tool[half:]}}]})
    for i in range(0, len(arguments), 16):
        piece = {"index": 0, "function": {"arguments": arguments[i : i + 16]}}
        deltas.append({"tool_calls": [piece]})
    return deltas


STATE: web.AppKey[MockState] = web.AppKey("state", MockState)


def create_app(state: MockState | None = None) -> web.Application:
    app = web.Application(client_max_size=64 * 1024 * 1024)
    app[STATE] = state or MockState()

    async def chat(request: web.Request) -> web.StreamResponse:
        st: MockState = request.app[STATE]
        body = await request.json()
        st.received.append(body)
        st.authorizations.append(request.headers.get("Authorization", ""))
        st.traceparents.append(request.headers.get("traceparent", ""))
        if st.delay_seconds:
            await asyncio.sleep(st.delay_seconds)
        if st.fail_status is not None:
            return web.json_response({"error": {"message": "mock failure"}}, status=st.fail_status)
        text = _answer(body)
        tool = _tool(body, st)
        if not body.get("stream"):
            return web.json_response(_completion(body, text, tool))
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        base = {
            "id": "chatcmpl-mock",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body.get("model", "mock"),
        }
        deltas = _tool_deltas(tool, text) if tool is not None else _text_deltas(text)
        for delta in deltas:
            chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
        finish = "stop" if tool is None else "tool_calls"
        final = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]}
        await response.write(f"data: {json.dumps(final)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        return response

    async def models(request: web.Request) -> web.Response:
        return web.json_response(
            {"object": "list", "data": [{"id": "gpt-test", "object": "model"}]}
        )

    app.router.add_post("/v1/chat/completions", chat)
    app.router.add_get("/v1/models", models)
    return app


async def start(host: str, port: int, state: MockState | None = None) -> tuple[web.AppRunner, int]:
    """Serve the mock; returns the runner (to clean up) and the bound port."""
    runner = web.AppRunner(create_app(state), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    server = site._server
    sockets = getattr(server, "sockets", None) or []
    bound = sockets[0].getsockname()[1] if sockets else port
    return runner, int(bound)
