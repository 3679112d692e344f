"""Signed instruction envelopes from agent code.

    block = instruction_block(key, kid, iss=me, aud=worker, instruction="...", tools=[...])
    instructions, data = verify_instructions(text, gateway_url=..., token=my_token)

Private keys stay in the agent process: only the signed block travels in prompts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from ztai.crypto import jws
from ztai.crypto.jwk import PrivateKey
from ztai.envelopes.blocks import wrap
from ztai.envelopes.signing import sign_instruction


def instruction_block(
    key: PrivateKey,
    kid: str,
    *,
    iss: str,
    aud: str,
    instruction: str,
    tools: Sequence[str] = (),
    actions: Sequence[str] = (),
    parent: str | None = None,
    ttl_seconds: int = 120,
    now: float | None = None,
) -> str:
    """A signed envelope in its in-prompt form, ready to paste into a message."""
    token = sign_instruction(
        key,
        kid,
        iss=iss,
        aud=aud,
        instruction=instruction,
        tools=tools,
        actions=actions,
        parent=parent,
        ttl_seconds=ttl_seconds,
        now=now,
    )
    return wrap(str(jws.peek_claims(token)["jti"]), iss, token)


def verify_instructions(
    text: str, *, gateway_url: str, token: str, client: httpx.Client | None = None
) -> tuple[list[dict[str, Any]], str]:
    """(verified instructions, data) for the agent holding `token`, checked by the gateway
    (keys, issuer state, policy, replay cache) — never by the model."""
    own = client is None
    http = client or httpx.Client(timeout=10)
    try:
        response = http.post(
            f"{gateway_url.rstrip('/')}/v1/envelopes/verify",
            json={"text": text},
            headers={"Authorization": f"Bearer {token}"},
        )
        response.raise_for_status()
        body = response.json()
    finally:
        if own:
            http.close()
    return list(body["instructions"]), str(body["data"])


__all__ = ["instruction_block", "sign_instruction", "verify_instructions"]
