"""Property tests for POST /v1/chat/completions: whatever body an authenticated agent
sends — any JSON, or chat requests with random roles, content parts, tool calls, huge and
non-BMP strings, streaming or not — the answer is never a 5xx, an error is always OpenAI's
`{"error": {"message", "type", "code"}}`, and a success is a completion or a complete
event stream.

The upstream is the mock on loopback (tests/gateway/llm_support.py, mode "brief"): it
answers every request that passes the gateway's checks with an echo cut to a few hundred
characters, so the properties are about requests; large answers have their own test
in test_llm_faults.py.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from tests.gateway.llm_support import (
    FaultControl,
    assert_error_shape,
    assert_openai_error,
    sse_events,
    start_upstream,
)
from tests.gateway.test_llm import agent, database_url, services  # noqa: F401 — pytest fixtures
from ztai.cli import mock_llm

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI failures reproduce locally
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MODELS = ["gpt-test", "gpt-test", "fast", "gpt-other", "no-such-model"]  # +alias, denied, unknown
ROLES = ["system", "developer", "user", "assistant", "tool", "function"]


@pytest.fixture
def gateway_overrides() -> dict[str, Any]:
    # Limits out of the way: every example should reach the deepest stage it can.
    return {
        "upstream_timeout_seconds": 60,
        "limits": {
            "requests_per_minute": 1_000_000,
            "tokens_per_minute": 10**12,
            "tokens_per_day": 10**12,
        },
    }


@pytest.fixture
async def faults() -> AsyncIterator[FaultControl]:
    control = FaultControl(mode="brief")  # huge prompts, short answers (see llm_support)
    yield control
    control.release.set()


@pytest.fixture
async def upstream(faults: FaultControl) -> AsyncIterator[tuple[mock_llm.MockState, int]]:
    state = mock_llm.MockState()
    runner, port = await start_upstream(state, faults)
    try:
        yield state, port
    finally:
        await runner.cleanup()


@pytest.fixture
async def chat(
    gateway: httpx.AsyncClient,
    agent: dict[str, Any],  # noqa: F811 — the imported fixture
) -> AsyncIterator[httpx.AsyncClient]:
    gateway.headers["Authorization"] = f"Bearer {agent['token']}"
    yield gateway


# ----------------------------------------------------------------------------- strategies

CHARS = st.characters(exclude_categories=["Cs"])  # anything JSON can carry, astral too
TEXT = st.text(CHARS, max_size=40)
HEADER = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)
# Big inputs: repeated unicode (the off-loop inspection path starts at 32 000 characters).
HUGE = st.builds(
    lambda unit, n: (unit * n)[:60_000],
    st.text(CHARS, min_size=1, max_size=8),
    st.integers(4_000, 60_000),
)
STRINGS = st.one_of(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, HUGE)
NUMBERS = st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False)
JSON_LEAVES = st.none() | st.booleans() | NUMBERS | TEXT
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=10,
)


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# Tool-call arguments: mostly JSON text (valid or broken), sometimes anything at all.
ARGUMENTS = st.one_of(
    JSON_VALUES.map(_json_text),
    JSON_VALUES.map(_json_text).map(lambda s: s[: len(s) // 2]),
    STRINGS,
    JSON_VALUES,
)

PART = st.one_of(
    st.fixed_dictionaries({"type": st.just("text"), "text": STRINGS}),
    st.fixed_dictionaries({"type": st.just("text"), "text": JSON_VALUES}),
    st.fixed_dictionaries(
        {"type": st.just("image_url"), "image_url": st.fixed_dictionaries({"url": TEXT})}
    ),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["input_audio", "file", "refusal", ""]) | TEXT},
        optional={"text": STRINGS, "data": JSON_VALUES},
    ),
    st.dictionaries(TEXT, JSON_VALUES, max_size=3),
)

TOOL_CALL = st.one_of(
    st.fixed_dictionaries(
        {
            "id": TEXT,
            "type": st.just("function"),
            "function": st.fixed_dictionaries({"name": TEXT, "arguments": ARGUMENTS}),
        }
    ),
    st.dictionaries(TEXT, JSON_VALUES, max_size=3),
)

TOOL = st.fixed_dictionaries(
    {
        "type": st.just("function"),
        "function": st.fixed_dictionaries(
            {"name": st.text("abcdefghij_", min_size=1, max_size=12)},
            optional={"parameters": st.dictionaries(TEXT, JSON_VALUES, max_size=2)},
        ),
    }
)


def pick(draw: st.DrawFn, *choices: tuple[int, st.SearchStrategy[Any]]) -> Any:
    """Draw from one of `choices`, each (weight, strategy): keeps the fuzzer near valid input."""
    ticket = draw(st.integers(0, sum(weight for weight, _ in choices) - 1))
    for weight, strategy in choices:
        if ticket < weight:
            return draw(strategy)
        ticket -= weight
    raise AssertionError("unreachable")


def rarely(one_in: int) -> st.SearchStrategy[bool]:
    """True about once in `one_in` draws. (Hypothesis favours small integers, and 0 most
    of all, so `integers(0, n) == 0` would be true far more often than 1 in n.)"""
    return st.sampled_from([False] * (one_in - 1) + [True])


def mostly(valid: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """About nineteen in twenty draws from `valid`, the rest from `odd`."""
    return rarely(20).flatmap(lambda unusual: odd if unusual else valid)


@st.composite
def message(draw: st.DrawFn) -> dict[str, Any]:
    role = draw(mostly(st.sampled_from(ROLES), st.sampled_from(["", "wizard", "USER"]) | TEXT))
    out: dict[str, Any] = {"role": role}
    content = pick(
        draw,
        (10, STRINGS),
        (6, st.lists(PART, max_size=4)),
        (1, st.none()),
        (1, JSON_VALUES),
        (1, st.just(...)),  # absent
    )
    if content is not ...:
        out["content"] = content
    optional: dict[str, st.SearchStrategy[Any]] = {
        "name": mostly(TEXT, JSON_LEAVES),
        "tool_calls": mostly(st.lists(TOOL_CALL, max_size=3), JSON_LEAVES),
        "tool_call_id": mostly(TEXT, JSON_LEAVES),
        "function_call": mostly(
            st.fixed_dictionaries({"name": TEXT, "arguments": ARGUMENTS}), JSON_VALUES
        ),
        "refusal": TEXT | st.none(),
    }
    for name in draw(st.lists(st.sampled_from(sorted(optional)), max_size=2, unique=True)):
        out[name] = draw(optional[name])
    if draw(rarely(50)):
        out[draw(TEXT)] = draw(JSON_VALUES)  # an unknown field: a 422
    return out


PARAMETERS: dict[str, st.SearchStrategy[Any]] = {
    "temperature": mostly(NUMBERS, JSON_LEAVES),
    "top_p": NUMBERS,
    "max_tokens": mostly(st.integers(1, 4096), st.integers(-5, 2_000_000) | JSON_LEAVES),
    "max_completion_tokens": mostly(st.integers(1, 4096), st.integers(-5, 2_000_000)),
    "n": mostly(st.integers(1, 4), st.integers(-1, 20)),
    "stop": mostly(TEXT | st.lists(TEXT, max_size=3), JSON_LEAVES),
    "user": TEXT,
    "seed": st.integers(-(2**70), 2**70),
    "logit_bias": mostly(st.dictionaries(TEXT, NUMBERS, max_size=3), JSON_VALUES),
    "metadata": mostly(st.dictionaries(TEXT, TEXT, max_size=3), JSON_VALUES),
    "tools": st.lists(TOOL, min_size=1, max_size=2),
    "tool_choice": mostly(st.sampled_from(["auto", "none", "required"]), JSON_VALUES),
    "response_format": st.dictionaries(TEXT, JSON_VALUES, max_size=2),
    "stream_options": mostly(st.just({"include_usage": True}), JSON_VALUES),
}


@st.composite
def chat_request(draw: st.DrawFn) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": draw(mostly(st.sampled_from(MODELS), TEXT)),
        "messages": draw(mostly(st.lists(message(), min_size=1, max_size=3), JSON_VALUES)),
    }
    stream = draw(st.sampled_from([False, True, None, False, True, None, "yes", 1, "maybe"]))
    if stream is not None:
        body["stream"] = stream
    for name in draw(st.lists(st.sampled_from(sorted(PARAMETERS)), max_size=3, unique=True)):
        body[name] = draw(PARAMETERS[name])
    if draw(rarely(50)):
        body[draw(TEXT)] = draw(JSON_VALUES)  # an unknown parameter: a 422
    return body


def _valid_request() -> st.SearchStrategy[dict[str, Any]]:
    """Requests the schema accepts: the texts, roles and tool calls are what vary."""
    role = st.sampled_from(ROLES)
    text_part = st.fixed_dictionaries({"type": st.just("text"), "text": STRINGS})
    content = STRINGS | st.lists(text_part | PART, max_size=3)
    tool_call = st.fixed_dictionaries(
        {
            "id": TEXT,
            "type": st.just("function"),
            "function": st.fixed_dictionaries({"name": TEXT, "arguments": ARGUMENTS}),
        }
    )
    msg = st.fixed_dictionaries(
        {"role": role, "content": content},
        optional={"tool_calls": st.lists(tool_call, max_size=2), "tool_call_id": TEXT},
    )
    return st.fixed_dictionaries(
        {
            "model": st.sampled_from(["gpt-test", "fast"]),
            "messages": st.lists(msg, min_size=1, max_size=4),
            "stream": st.booleans(),
        },
        optional={"tools": st.lists(TOOL, min_size=1, max_size=2)},
    )


@st.composite
def raw_body(draw: st.DrawFn) -> tuple[bytes, str]:
    """(body, content type): JSON that is not a chat request, broken JSON, or bytes."""
    kind = draw(st.sampled_from(["json", "json", "chat", "truncated", "bytes", "type"]))
    content_type = "application/json"
    if kind == "json":
        body = _json_text(draw(JSON_VALUES)).encode()
    elif kind == "chat":
        body = _json_text(draw(chat_request())).encode()
    elif kind == "truncated":
        text = _json_text(draw(chat_request())).encode()
        body = text[: draw(st.integers(0, max(0, len(text) - 1)))]
    elif kind == "bytes":
        body = draw(st.binary(max_size=300))
    else:
        body = _json_text(draw(chat_request())).encode()
        content_type = draw(st.sampled_from(["text/plain", "", "application/jsonl"]) | HEADER)
    return body, content_type


# ----------------------------------------------------------------------------- the property


def assert_chat_answer(response: httpx.Response) -> None:
    if currently_in_test_context():
        event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
    assert response.status_code < 500, (response.status_code, response.text[:800])
    if response.status_code >= 400:
        assert_openai_error(response, response.status_code, echoes_input=True)
        return
    assert response.status_code == 200, response.text[:800]
    # `stream` is read the pydantic way ("yes" and 1 are true): the answer says which it was.
    if response.headers["content-type"].startswith("application/json"):
        assert response.json()["object"] == "chat.completion"
        return
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    assert events and events[-1] == "[DONE]", response.text[-800:]
    for item in events[:-1]:
        assert isinstance(item, dict) and "error" not in item, item


@FUZZ
@given(request=chat_request())
async def test_any_chat_request(chat: httpx.AsyncClient, request: dict[str, Any]) -> None:
    response = await chat.post("/v1/chat/completions", json=request)
    assert_chat_answer(response)


@FUZZ
@given(request=_valid_request())
async def test_any_valid_chat_request(chat: httpx.AsyncClient, request: dict[str, Any]) -> None:
    """Schema-valid requests go all the way: detectors, policy, rewrite, upstream, output."""
    response = await chat.post("/v1/chat/completions", json=request)
    assert_chat_answer(response)


@FUZZ
@given(body=raw_body())
async def test_any_body(chat: httpx.AsyncClient, body: tuple[bytes, str]) -> None:
    content, content_type = body
    response = await chat.post(
        "/v1/chat/completions", content=content, headers={"content-type": content_type}
    )
    assert_chat_answer(response)


# ----------------------------------------------------------------------------- found by fuzzing


@pytest.mark.parametrize(
    "field", ['"temperature": 1e400', '"top_p": -1e400', '"logit_bias": {"50256": 1e999}']
)
async def test_non_finite_numbers_are_a_4xx(
    chat: httpx.AsyncClient,
    faults: FaultControl,
    upstream: tuple[mock_llm.MockState, int],
    field: str,
) -> None:
    faults.mode = "strict_json"  # what a real OpenAI-compatible upstream does
    body = f'{{"model": "gpt-test", "messages": [{{"role": "user", "content": "hi"}}], {field}}}'
    response = await chat.post(
        "/v1/chat/completions", content=body, headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert_error_shape(response.json()["error"])
    assert upstream[0].received == []


@pytest.mark.parametrize(
    "max_tokens",
    [
        5,
        None,
    ],
)
async def test_a_stream_is_settled_and_recorded_whatever_max_tokens_says(
    chat: httpx.AsyncClient, control: httpx.AsyncClient, max_tokens: int | None
) -> None:
    response = await chat.post(
        "/v1/chat/completions",
        json={
            "model": "gpt-test",
            "messages": [{"role": "user", "content": "hi"}],
            "stream": True,
            "max_tokens": max_tokens,
        },
    )
    assert_chat_answer(response)
    decision_id = response.headers["x-ztai-decision-id"]
    records = (await control.get("/api/v1/audit?action=llm.response")).json()["items"]
    assert [r["target"] for r in records] == [f"Decision::{decision_id}"]
