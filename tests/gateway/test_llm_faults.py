"""Fault matrix for POST /v1/chat/completions: every control that cannot run refuses the
request before the upstream sees it (G2, fail closed), every upstream failure becomes a
clean OpenAI-shaped error, and nothing internal (stack traces, upstream error bodies, the
gateway's upstream key) reaches the agent — streaming and not.

Faults are injected after start-up, into the services a real `ztai serve` would run:
storage closed, Redis unreachable, a detector that raises, a stored policy that errors at
evaluation, the audit log unwritable, identity or authorization views gone stale, and an
upstream that fails, hangs, answers garbage or drops the connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from redis.asyncio import Redis

from tests.conftest import make_settings
from tests.gateway.llm_support import (
    FaultControl,
    assert_error_shape,
    assert_no_leak,
    assert_openai_error,
    sse_events,
    start_upstream,
)
from tests.gateway.test_llm import MOCK_KEY, agent  # noqa: F401 — pytest fixture
from tests.policy.conftest import put_policy
from tests.support.clock import FakeClock
from tests.support.env import REDIS_URL, REQUIRE_SERVICES, redis_available
from ztai.bootstrap import Services, build_services
from ztai.cli import mock_llm
from ztai.gateway.llm.limits import RedisRateLimiter

DETECTOR_TIMEOUT = 1.0  # seconds: a healthy large prompt takes milliseconds
UPSTREAM_TIMEOUT = 30.0  # seconds: ample on a busy machine; the hang tests lower it
PROMPT = "What is the capital of France?"
LARGE_PROMPT = "Please summarise the attached notes. " * 1_000  # > 32 000 chars: off-loop path


@pytest.fixture
async def faults() -> AsyncIterator[FaultControl]:
    control = FaultControl()
    yield control
    control.release.set()  # let a hanging upstream handler finish before teardown


@pytest.fixture
async def upstream(faults: FaultControl) -> AsyncIterator[tuple[mock_llm.MockState, int]]:
    state = mock_llm.MockState()
    runner, port = await start_upstream(state, faults)
    try:
        yield state, port
    finally:
        faults.release.set()
        await runner.cleanup()


class RedisProxy:
    """A TCP relay in front of the real Redis: `down()` is Redis becoming unreachable at
    the configured address (listener closed, live connections reset), after start-up."""

    def __init__(self) -> None:
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []
        self.port = 0

    async def start(self, target: str) -> None:
        host, _, port = target.removeprefix("redis://").split("/", 1)[0].partition(":")

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            writer.close()

        async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            up_reader, up_writer = await asyncio.open_connection(host, int(port or 6379))
            self._writers += [writer, up_writer]
            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

        self._server = await asyncio.start_server(accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def url(self) -> str:
        db = REDIS_URL.rsplit("/", 1)[-1] if REDIS_URL.count("/") > 2 else "0"
        return f"redis://127.0.0.1:{self.port}/{db}"

    async def down(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self._writers:
            writer.transport.abort()
        await self._server.wait_closed()


@pytest.fixture
def use_redis() -> bool:
    return False


@pytest.fixture
async def redis_proxy(use_redis: bool) -> AsyncIterator[RedisProxy | None]:
    if not use_redis:
        yield None
        return
    if not redis_available():
        if REQUIRE_SERVICES:
            pytest.fail(f"Redis required but unreachable at {REDIS_URL}")
        pytest.skip("Redis not reachable")
    proxy = RedisProxy()
    await proxy.start(REDIS_URL)
    try:
        yield proxy
    finally:
        with contextlib.suppress(Exception):
            await proxy.down()


@pytest.fixture
def upstream_timeout() -> float:
    return UPSTREAM_TIMEOUT


@pytest.fixture
def backend() -> str:
    return "sqlite"  # the PostgreSQL variant runs the storage faults only


@pytest.fixture
def database_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    if backend == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'ztai.db'}"


@pytest.fixture
async def services(
    database_url: str,
    tmp_path: Path,
    clock: FakeClock,
    upstream: tuple[mock_llm.MockState, int],
    redis_proxy: RedisProxy | None,
    upstream_timeout: float,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Services]:
    monkeypatch.setenv("MOCK_API_KEY", MOCK_KEY)
    _, port = upstream
    settings = make_settings(
        database_url,
        tmp_path / "data",
        redis_url=redis_proxy.url() if redis_proxy is not None else None,
        upstreams=[
            {
                "name": "mock",
                "base_url": f"http://127.0.0.1:{port}/v1",
                "api_key_env": "MOCK_API_KEY",
                "trust": "external",
                "models": ["gpt-test"],
            }
        ],
        gateway={
            "upstream_timeout_seconds": upstream_timeout,
            "detector_timeout_seconds": DETECTOR_TIMEOUT,
        },
    )
    built = await build_services(settings, clock=clock)
    try:
        yield built
    finally:
        await built.close()


@dataclass
class Rig:
    services: Services
    clock: FakeClock
    state: mock_llm.MockState
    faults: FaultControl
    control: httpx.AsyncClient
    monkeypatch: pytest.MonkeyPatch
    token: str

    def gateway(self) -> httpx.AsyncClient:
        """A gateway app built now, from the services as the fault left them."""
        app = self.services.gateway_app()
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        return httpx.AsyncClient(transport=transport, base_url="http://gateway", timeout=30)

    def official_client(self) -> openai.AsyncOpenAI:
        """The official client, as an agent would use it, on a freshly built gateway app."""
        return openai.AsyncOpenAI(
            base_url="http://gateway/v1",
            api_key=self.token,
            max_retries=0,
            http_client=self.gateway(),  # type: ignore[arg-type]  # its stubs name httpx2
        )

    async def chat(self, *, stream: bool, content: str = PROMPT) -> httpx.Response:
        async with self.gateway() as client:
            return await client.post(
                "/v1/chat/completions",
                json={
                    "model": "gpt-test",
                    "messages": [{"role": "user", "content": content}],
                    "stream": stream,
                },
                headers={"Authorization": f"Bearer {self.token}"},
            )


@pytest.fixture
def rig(
    services: Services,
    clock: FakeClock,
    upstream: tuple[mock_llm.MockState, int],
    faults: FaultControl,
    control: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
    agent: dict[str, Any],  # noqa: F811 — the imported fixture
) -> Rig:
    return Rig(services, clock, upstream[0], faults, control, monkeypatch, agent["token"])


def _boom(*args: object, **kwargs: object) -> Any:
    raise RuntimeError("detector crashed: /srv/ztai/model.bin is corrupt")


# --- faults that must refuse before the upstream -------------------------------------------


async def database_down(rig: Rig) -> None:
    """Storage gone, views still fresh: the decision record cannot be written (G3)."""
    await rig.services.db.close()


async def database_down_stale(rig: Rig) -> None:
    """Storage gone long enough that the in-memory views can no longer be trusted (G2)."""
    await rig.services.db.close()
    rig.clock.advance(2)


async def redis_limiter_dead(rig: Rig) -> None:
    """The usage limiter's Redis is a closed port (127.0.0.1:1). `build_services` pings a
    configured Redis at start-up, so a dead URL cannot be configured from the start; the
    limiter is pointed at one after start-up instead (the gateway app reads it when built)."""
    dead = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    rig.services.limiter = RedisRateLimiter(dead, rig.clock)


async def shield_raises(rig: Rig) -> None:
    rig.monkeypatch.setattr(rig.services.shield, "scan", _boom)


async def shield_hangs(rig: Rig) -> None:
    def stuck(*args: object, **kwargs: object) -> Any:
        time.sleep(DETECTOR_TIMEOUT * 1.5)  # a thread cannot be cancelled: it ends late
        raise RuntimeError("too late to matter")

    rig.monkeypatch.setattr(rig.services.shield, "scan", stuck)


async def dlp_raises(rig: Rig) -> None:
    rig.monkeypatch.setattr(rig.services.dlp, "analyze", _boom)


async def policy_errors(rig: Rig) -> None:
    """A stored forbid whose condition overflows at evaluation (it would be false in exact
    arithmetic). Cedar skips a policy that errors, so the role's permit alone would allow:
    the engine must treat the erroring forbid as if it had denied."""
    cedar = (
        '@id("overflow")\n'
        'forbid (principal, action == Action::"llm.chat", resource)\n'
        "when { context has label && context.label + 9223372036854775807 + 1 < 0 };\n"
    )
    response = await put_policy(rig.control, "broken", cedar, "text/x-cedar")
    assert response.status_code == 200, response.text


async def audit_closed(rig: Rig) -> None:
    await rig.services.audit.close()


async def audit_unwritable(rig: Rig) -> None:
    async def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    rig.monkeypatch.setattr(rig.services.audit.repository, "insert", full)


async def identity_stale(rig: Rig) -> None:
    """Revocations not refreshed for longer than max_staleness; authorization data fresh."""
    await rig.services.view.stop()  # no poll may freshen it again during the request
    rig.clock.advance(2)
    await rig.services.authz_view.sync()


async def authz_stale(rig: Rig) -> None:
    await rig.services.authz_view.stop()
    rig.clock.advance(2)
    await rig.services.view.sync()


Inject = Callable[[Rig], Awaitable[None]]

BEFORE_UPSTREAM: list[tuple[Inject, int, str, str]] = [
    (database_down, 503, "audit.unavailable", PROMPT),
    (database_down_stale, 503, "identity.unavailable", PROMPT),
    (redis_limiter_dead, 503, "limits.unavailable", PROMPT),
    (shield_raises, 503, "detector.unavailable", PROMPT),
    (dlp_raises, 503, "detector.unavailable", PROMPT),
    (dlp_raises, 503, "detector.unavailable", LARGE_PROMPT),
    (shield_hangs, 503, "detector.timeout", LARGE_PROMPT),
    (policy_errors, 403, "policy.denied", PROMPT),
    (audit_closed, 503, "audit.unavailable", PROMPT),
    (audit_unwritable, 503, "audit.unavailable", PROMPT),
    (identity_stale, 503, "identity.unavailable", PROMPT),
    (authz_stale, 503, "policy.unavailable", PROMPT),
]


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
@pytest.mark.parametrize(
    ("inject", "status", "code", "prompt"),
    BEFORE_UPSTREAM,
    ids=[f"{f.__name__}{'-large' if p is LARGE_PROMPT else ''}" for f, _, _, p in BEFORE_UPSTREAM],
)
async def test_controls_that_cannot_run_refuse_before_the_upstream(
    rig: Rig, inject: Inject, status: int, code: str, prompt: str, stream: bool
) -> None:
    assert (await rig.chat(stream=stream)).status_code == 200  # healthy before the fault
    rig.state.received.clear()
    await inject(rig)
    response = await rig.chat(stream=stream, content=prompt)
    assert_openai_error(response, status, code)
    assert rig.state.received == []
    if inject is policy_errors:  # denied because of the error, and the record says so
        records = await rig.control.get("/api/v1/audit?action=authz.llm.chat&decision=deny")
        (record,) = records.json()["items"]
        assert any("broken.overflow" in reason for reason in record["reasons"]), record


@pytest.mark.parametrize("backend", ["postgresql"])
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
@pytest.mark.parametrize(
    ("inject", "code"),
    [(database_down, "audit.unavailable"), (database_down_stale, "identity.unavailable")],
    ids=["database_down", "database_down_stale"],
)
async def test_postgresql_going_down_refuses(
    rig: Rig, backend: str, inject: Inject, code: str, stream: bool
) -> None:
    assert (await rig.chat(stream=stream)).status_code == 200
    rig.state.received.clear()
    await inject(rig)
    response = await rig.chat(stream=stream)
    assert_openai_error(response, 503, code)
    assert rig.state.received == []


@pytest.mark.parametrize("use_redis", [True])
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
async def test_redis_going_down_after_start_up_refuses(
    rig: Rig, redis_proxy: RedisProxy, stream: bool
) -> None:
    """Configured Redis (limits, replay cache, fan-out) becomes unreachable at its address."""
    assert (await rig.chat(stream=stream)).status_code == 200
    rig.state.received.clear()
    await redis_proxy.down()
    response = await rig.chat(stream=stream)
    assert_openai_error(response, 503, "limits.unavailable")
    assert rig.state.received == []


# --- upstream faults -----------------------------------------------------------------------


UPSTREAM_FAULTS: dict[str, tuple[int, str]] = {
    "status_500": (502, "upstream.failed"),
    "error_body": (502, "upstream.failed"),
    "malformed_json": (502, "upstream.failed"),
    "not_an_object": (502, "upstream.failed"),
    "drop_connection": (502, "upstream.failed"),
    "stream_abort": (502, "upstream.failed"),
    "stream_malformed": (502, "upstream.failed"),
    "stream_ends_early": (502, "upstream.failed"),
}


def _arm(rig: Rig, fault: str) -> None:
    if fault == "status_500":
        rig.state.fail_status = 500  # the mock's own failure switch
    else:
        rig.faults.mode = fault


@pytest.mark.parametrize("fault", list(UPSTREAM_FAULTS))
async def test_upstream_faults_are_clean_errors(rig: Rig, fault: str) -> None:
    status, code = UPSTREAM_FAULTS[fault]
    _arm(rig, fault)
    response = await rig.chat(stream=False)
    assert_openai_error(response, status, code)
    assert len(rig.state.received) == 1  # one attempt, no retry storm


async def test_a_completion_arriving_in_parts_is_read_whole(rig: Rig) -> None:
    rig.faults.mode = "split_body"
    response = await rig.chat(stream=False)
    assert response.status_code == 200, response.text
    answer = response.json()["choices"][0]["message"]["content"]
    assert answer == "echo: a completion sent in two parts"


@pytest.mark.parametrize(
    "fault",
    [
        "status_500",
        "error_body",
        "drop_connection",
        "stream_abort",
        "malformed_json",
        "not_an_object",
        "stream_malformed",
        "stream_ends_early",
    ],
)
async def test_upstream_faults_end_the_stream_with_an_error_event(rig: Rig, fault: str) -> None:
    """Streams start before the upstream answers, so a failure arrives as a final
    `data: {"error": …}` event — never as a stream that merely stops."""
    _, code = UPSTREAM_FAULTS[fault]
    _arm(rig, fault)
    assert_stream_error(await rig.chat(stream=True), code)
    assert len(rig.state.received) == 1


def assert_stream_error(response: httpx.Response, code: str) -> None:
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert_no_leak(response.text)
    events = sse_events(response.text)
    assert events, response.text
    assert "[DONE]" not in events
    last = events[-1]
    assert isinstance(last, dict) and set(last) == {"error"}, events
    assert last["error"]["code"] == code
    assert isinstance(last["error"]["message"], str) and last["error"]["message"]


@pytest.mark.parametrize("upstream_timeout", [0.5])
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
async def test_a_hanging_upstream_times_out(
    rig: Rig, stream: bool, upstream_timeout: float
) -> None:
    rig.faults.mode = "hang"
    response = await rig.chat(stream=stream)
    if stream:
        assert_stream_error(response, "upstream.timeout")
    else:
        assert_openai_error(response, 504, "upstream.timeout")
    assert len(rig.state.received) == 1


async def test_stream_error_event_has_openai_shape(rig: Rig) -> None:
    rig.state.fail_status = 500
    response = await rig.chat(stream=True)
    last = sse_events(response.text)[-1]
    assert_error_shape(last["error"])


async def test_openai_client_notices_a_truncated_stream(rig: Rig) -> None:
    """What an agent sees: the official client raises on an error event; a stream that just
    stops is taken as a complete (here: empty) answer."""
    rig.faults.mode = "stream_ends_early"
    async with rig.official_client() as client:
        stream = await client.chat.completions.create(
            model="gpt-test", messages=[{"role": "user", "content": PROMPT}], stream=True
        )
        with pytest.raises(openai.APIError):
            async for _ in stream:
                pass


# --- detectors failing on the way out ------------------------------------------------------


def _boom_on_answers(original: Callable[..., Any]) -> Callable[..., Any]:
    def analyze(text: str, *args: object, **kwargs: object) -> Any:
        if "echo:" in text:
            raise RuntimeError("detector crashed: /srv/ztai/model.bin is corrupt")
        return original(text, *args, **kwargs)

    return analyze


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
async def test_output_detector_failure_is_a_clean_refusal(rig: Rig, stream: bool) -> None:
    """The answer cannot be scanned: it is withheld (it already reached the gateway)."""
    rig.monkeypatch.setattr(rig.services.dlp, "analyze", _boom_on_answers(rig.services.dlp.analyze))
    response = await rig.chat(stream=stream)
    assert_no_leak(response.text)
    if not stream:
        assert_openai_error(response, 503, "detector.unavailable")
        return
    assert response.status_code == 200
    events = sse_events(response.text)
    assert "echo:" not in response.text and "[DONE]" not in events
    last = events[-1]
    assert isinstance(last, dict) and last["error"]["code"] == "detector.unavailable"


# --- the official client sees typed errors -------------------------------------------------


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
async def test_openai_client_gets_typed_errors(rig: Rig, stream: bool) -> None:
    await audit_closed(rig)
    async with rig.official_client() as client:
        with pytest.raises(openai.InternalServerError) as info:
            await client.chat.completions.create(
                model="gpt-test", messages=[{"role": "user", "content": PROMPT}], stream=stream
            )
    assert info.value.status_code == 503
    assert info.value.body["code"] == "audit.unavailable"  # type: ignore[index]
    assert rig.state.received == []
