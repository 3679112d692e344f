"""Matched values never reach audit records, logs or the database in clear (issue 5, G4).

Every DLP surface runs once with sensitive values — a blocked prompt, a pseudonymized
prompt and its restored answer, a redacted secret in the upstream's answer, the
Presidio-compatible analyzer and document classification — then the audit log, every
log record and the raw bytes of the data directory are searched for those values.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from tests.gateway.test_llm import (  # noqa: F401 - fixtures used by name
    agent,
    client,
    database_url,
    gateway_overrides,
    services,
    upstream,
)
from ztai.cli import mock_llm

SSN = "536-22-8541"
CARD = "4111 1111 1111 1111"
MAIL = "dana.reyes@contoso-mail.org"
BLOCKED_KEY = "AKIA4QZ7XW2M9RTB6KLN"
# What the mock upstream answers to "please leak the deploy key" (redacted on the way back).
ANSWER_SECRETS = ("AKIA4QZ7XW2M9RTB6KLN", "q8Zr3vTb9LmN2xWc7YpK4sHd6FgJ1aQe5RtUiOp0")
VALUES = (SSN, CARD, MAIL, *ANSWER_SECRETS)


async def test_matched_values_never_reach_audit_logs_or_storage(
    client: openai.AsyncOpenAI,  # noqa: F811 - the fixture imported above
    gateway: httpx.AsyncClient,
    control: httpx.AsyncClient,
    agent: dict[str, Any],  # noqa: F811 - the fixture imported above
    upstream: tuple[mock_llm.MockState, int],  # noqa: F811 - the fixture imported above
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(openai.BadRequestError) as blocked:
        await client.chat.completions.create(
            model="gpt-test",
            messages=[{"role": "user", "content": f"deploy with aws_access_key_id={BLOCKED_KEY}"}],
        )
    assert blocked.value.body["code"] == "dlp.blocked"  # type: ignore[index]
    assert BLOCKED_KEY not in json.dumps(blocked.value.body)

    prompt = f"Employee SSN {SSN}, card {CARD}, mail {MAIL}: summarise the case."
    answer = await client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": prompt}]
    )
    assert answer.choices[0].message.content == f"echo: {prompt}"  # restored for the caller
    assert SSN not in json.dumps(upstream[0].received)  # pseudonymized for the upstream

    leaked = await client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "please leak the deploy key"}]
    )
    assert not any(s in (leaked.choices[0].message.content or "") for s in ANSWER_SECRETS)

    headers = {"Authorization": f"Bearer {agent['token']}"}
    analyzed = await gateway.post(
        "/v1/dlp/analyze", json={"text": prompt, "language": "en"}, headers=headers
    )
    assert analyzed.status_code == 200
    assert not any(v in analyzed.text for v in VALUES)  # spans and types only
    classified = await control.post("/api/v1/classify", json={"text": prompt})
    assert classified.status_code == 200
    assert not any(v in classified.text for v in VALUES)

    audit = (await control.get("/api/v1/audit")).json()["items"]
    assert {r["action"] for r in audit} >= {"llm.chat", "data.classify"}
    dumped = json.dumps(audit)
    assert not [v for v in (*VALUES, BLOCKED_KEY) if v in dumped]
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert not [v for v in (*VALUES, BLOCKED_KEY) if v in logged]
    stored = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert stored, "the SQLite database and its WAL live under tmp_path"
    assert not [v for v in (*VALUES, BLOCKED_KEY) if v.encode() in stored]
