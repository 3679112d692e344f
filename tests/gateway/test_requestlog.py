"""The per-request log record: who, which model, what was decided, how it ended — as one
JSON object with `--log-format json` — and never the prompt, the answer or a secret."""

from __future__ import annotations

import json
import logging
from typing import Any

import openai
import pytest

from tests.gateway import test_llm
from ztai.cli.logs import JsonFormatter

# The LLM tests' fixtures.
database_url = test_llm.database_url
gateway_overrides = test_llm.gateway_overrides
upstream = test_llm.upstream
services = test_llm.services
agent = test_llm.agent
client = test_llm.client

SECRET = "ghp_" + "R8x2Lq9Vt4Zm7Kp1Wn5Hc3Jd6Fs0Ab2Ye8Ug"


def records(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "ztai.requests"]


async def test_an_answered_request_is_one_record(
    client: openai.AsyncOpenAI, agent: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ztai.requests")
    raw = await client.chat.completions.with_raw_response.create(
        model="gpt-test",
        messages=[{"role": "user", "content": "Mail jane.doe@example.org about the damson jam."}],
    )
    raw.parse()
    [line] = records(caplog)
    assert line["event"] == "llm.chat" and line["outcome"] == "ok"
    assert line["agent_id"] == agent["id"] and line["model"] == "gpt-test"
    assert line["decision_id"] == raw.headers["x-ztai-decision-id"]
    assert line["findings"] == ["EMAIL_ADDRESS"] and line["actions"] == {"privacy": "pseudonymized"}
    assert line["tokens"] > 0 and line["duration_ms"] > 0
    text = json.dumps(line)
    assert "damson" not in text and "jane.doe" not in text


async def test_a_refused_request_is_one_record_with_its_code(
    client: openai.AsyncOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ztai.requests")
    with pytest.raises(openai.BadRequestError):
        await client.chat.completions.create(
            model="gpt-test", messages=[{"role": "user", "content": f"deploy with {SECRET}"}]
        )
    [line] = records(caplog)
    assert line["outcome"] == "dlp.blocked" and line["status"] == 400
    assert SECRET not in json.dumps(line) and SECRET[:12] not in caplog.text
