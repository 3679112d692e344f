"""Support for the LLM-path robustness tests: an upstream that misbehaves on cue, SSE
parsing, and the checks every OpenAI-shaped error answer must pass."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import httpx
from aiohttp import web

from tests.gateway.test_llm import MOCK_KEY
from ztai.cli import mock_llm

# What the faulty upstream says about itself when it fails: none of it may reach the agent.
UPSTREAM_SECRET = "upstream-internal-detail-5f1e"
UPSTREAM_TRACE = 'Traceback (most recent call last):\n  File "/srv/llm/server.py", line 1'
LEAK_MARKERS = (
    "Traceback",
    'File "',
    ".py",
    UPSTREAM_SECRET,
    "mock failure",
    MOCK_KEY,  # the gateway's own upstream credential
)

OPENAI_ERROR_TYPES = {
    "invalid_request_error",
    "authentication_error",
    "permission_denied_error",
    "not_found_error",
    "conflict_error",
    "rate_limit_exceeded",
    "api_error",
    "timeout_error",
}

# Upstream misbehaviours the real mock cannot play (it only fails with a status or a delay).
FAULT_MODES = (
    "hang",  # accept the request, never answer (until the test ends)
    "error_body",  # 500 with a detailed error body and a stack trace
    "malformed_json",  # 200, a JSON document cut in half
    "not_an_object",  # 200, valid JSON that is not a completion object
    "drop_connection",  # close the connection without any response
    "stream_abort",  # stream one chunk, then reset the connection mid-body
    "stream_malformed",  # stream one chunk, then a data line that is not JSON
    "stream_ends_early",  # stream one chunk, then end the body cleanly without [DONE]
    "strict_json",  # parse like a strict (RFC 8259) upstream: Infinity or NaN is a 400
    "split_body",  # a valid completion whose body arrives in two parts, 50 ms apart
    "brief",  # answer like the mock, but echo at most BRIEF characters of the prompt
)
BRIEF = 300
GAP_SECONDS = 0.05  # between the two parts of a split body: a slow network, not a test wait


@dataclass
class FaultControl:
    """Which fault the upstream plays next; `None` lets the real mock answer."""

    mode: str | None = None
    release: asyncio.Event = field(default_factory=asyncio.Event)


def _chunk(text: str | None, finish: str | None = None) -> bytes:
    delta = {} if text is None else {"content": text}
    payload = {
        "id": "chatcmpl-fault",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-test",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(payload)}\n\n".encode()


def _completion(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-test",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _last_user_text(body: dict[str, Any]) -> str:
    messages = body.get("messages") or []
    last: dict[str, Any] = next((m for m in reversed(messages) if m.get("role") == "user"), {})
    content = last.get("content", "")
    if isinstance(content, list):
        content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return str(content)


async def _brief(request: web.Request, body: dict[str, Any]) -> web.StreamResponse:
    """The mock's echo, cut to BRIEF characters: fuzzed prompts may be huge, answers not."""
    text = "echo: " + _last_user_text(body)[:BRIEF]
    if not body.get("stream"):
        return web.json_response(_completion(text))
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    for i in range(0, len(text), 7):
        await response.write(_chunk(text[i : i + 7]))
    await response.write(_chunk(None, "stop"))
    await response.write(b"data: [DONE]\n\n")
    await response.write_eof()
    return response


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _fault_middleware(state: mock_llm.MockState, control: FaultControl) -> Any:
    @web.middleware
    async def faults(request: web.Request, handler: Any) -> web.StreamResponse:
        mode = control.mode
        if mode is None or request.path != "/v1/chat/completions":
            return await handler(request)  # type: ignore[no-any-return]
        if mode == "strict_json":
            try:
                json.loads(await request.read(), parse_constant=_not_json)
            except ValueError:
                state.received.append({"unparsable": True})
                message = "We could not parse the JSON body of your request."
                return web.json_response({"error": {"message": message}}, status=400)
            return await handler(request)  # type: ignore[no-any-return]
        body = await request.json()
        state.received.append(body)  # counted exactly as the mock counts
        state.authorizations.append(request.headers.get("Authorization", ""))
        if mode == "brief":
            return await _brief(request, body)
        if mode == "split_body":
            raw = json.dumps(_completion("echo: a completion sent in two parts")).encode()
            response = web.StreamResponse(headers={"Content-Type": "application/json"})
            response.content_length = len(raw)
            await response.prepare(request)
            await response.write(raw[: len(raw) // 2])
            await asyncio.sleep(GAP_SECONDS)
            await response.write(raw[len(raw) // 2 :])
            await response.write_eof()
            return response
        if mode == "hang":
            await control.release.wait()
            return web.json_response({"error": {"message": "released"}}, status=599)
        if mode == "error_body":
            message = f"{UPSTREAM_SECRET}\n{UPSTREAM_TRACE}"
            return web.json_response({"error": {"message": message}}, status=500)
        if mode == "malformed_json":
            return web.Response(
                body=b'{"id": "x", "choices": [{"mess', content_type="application/json"
            )
        if mode == "not_an_object":
            return web.json_response(["not", "a", "completion"])
        if mode == "drop_connection":
            assert request.transport is not None
            request.transport.abort()
            raise asyncio.CancelledError  # aiohttp drops the handler with the connection
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(_chunk("partial answer "))
        if mode == "stream_abort":
            assert request.transport is not None
            request.transport.abort()
            raise asyncio.CancelledError
        if mode == "stream_malformed":
            await response.write(b"data: {not json at all\n\n")
        elif mode != "stream_ends_early":
            raise AssertionError(f"unknown fault mode {mode!r}")
        await response.write_eof()
        return response

    return faults


async def start_upstream(
    state: mock_llm.MockState, control: FaultControl
) -> tuple[web.AppRunner, int]:
    """The real mock upstream on an ephemeral loopback port, with the fault switch in front."""
    app = mock_llm.create_app(state)
    app.middlewares.append(_fault_middleware(state, control))
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    sockets = getattr(site._server, "sockets", None) or []  # the bound port lives only here
    return runner, int(sockets[0].getsockname()[1])


def sse_events(text: str) -> list[Any]:
    """The `data:` payloads of a server-sent event stream: parsed JSON, or the raw string."""
    events: list[Any] = []
    for block in text.split("\n\n"):
        data = "\n".join(
            line[5:].strip() for line in block.splitlines() if line.startswith("data:")
        )
        if not data:
            continue
        try:
            events.append(json.loads(data))
        except ValueError:
            events.append(data)
    return events


def assert_no_leak(text: str) -> None:
    for marker in LEAK_MARKERS:
        assert marker not in text, f"{marker!r} leaked: {text[:500]}"


def assert_error_shape(error: Any) -> None:
    """OpenAI's error object with ztai's stable dotted code (CONTRACT: Errors)."""
    assert isinstance(error, dict), error
    assert isinstance(error.get("message"), str) and error["message"], error
    assert error.get("type") in OPENAI_ERROR_TYPES, error
    assert isinstance(error.get("code"), str) and "." in error["code"], error


def assert_openai_error(
    response: httpx.Response, status: int, code: str | None = None, *, echoes_input: bool = False
) -> None:
    """A refusal on an OpenAI-compatible route: the status, the shape, and nothing internal.
    `echoes_input`: the request held arbitrary text a message may quote (a model name), so
    only a stack trace counts as a leak."""
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"error"}, body
    assert_error_shape(body["error"])
    if code is not None:
        assert body["error"]["code"] == code, body
    if echoes_input:
        assert "Traceback (most recent call last)" not in response.text, response.text[:500]
    else:
        assert_no_leak(response.text)
    if status == 429:
        assert int(response.headers["retry-after"]) > 0
    if status == 401:
        assert "www-authenticate" in response.headers
