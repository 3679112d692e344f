"""Instruction envelopes: what verifies, and every way a block must be dropped."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from tests.conftest import make_settings
from tests.policy.conftest import put_policy
from tests.support.agents import agent_with_token
from tests.support.clock import FakeClock
from tests.support.jwt import public_jwk, raw_jwt
from ztai.bootstrap import Services, build_services
from ztai.crypto import jws
from ztai.envelopes import find_blocks, sign_instruction, wrap
from ztai.sdk import instruction_block


@pytest.fixture
async def world(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, services: Services, clock: FakeClock
) -> dict[str, Any]:
    orch, _, orch_token = await agent_with_token(control, gateway, "orchestrator")
    worker, _, worker_token = await agent_with_token(control, gateway, "worker")
    other, _, _ = await agent_with_token(control, gateway, "other-agent")
    keys = {
        "orch": ed25519.Ed25519PrivateKey.generate(),
        "other": ec.generate_private_key(ec.SECP256R1()),
    }
    kids = {}
    for name, agent in (("orch", orch), ("other", other)):
        response = await control.post(
            f"/api/v1/agents/{agent['id']}/signing-keys", json={"jwk": public_jwk(keys[name])}
        )
        assert response.status_code == 201, response.text
        kids[name] = response.json()["kid"]
    policy = (
        f'@id("orch-to-worker") permit (principal == Agent::"{orch["id"]}", '
        f'action == Action::"agent.instruct", resource == Agent::"{worker["id"]}");\n'
        f'@id("worker-to-other") permit (principal == Agent::"{worker["id"]}", '
        f'action == Action::"agent.instruct", resource == Agent::"{other["id"]}");\n'
    )
    assert (await put_policy(control, "a2a", policy, "text/x-cedar")).status_code == 200
    return {
        "orch": orch["id"],
        "worker": worker["id"],
        "other": other["id"],
        "keys": keys,
        "kids": kids,
        "worker_token": worker_token,
        "orch_token": orch_token,
        "now": clock(),
    }


def _sign(world: dict[str, Any], **kw: Any) -> str:
    args: dict[str, Any] = {
        "iss": world["orch"],
        "aud": world["worker"],
        "instruction": "summarise invoice 17",
        "tools": ["erp.read_invoice"],
        "now": world["now"],
    }
    args.update(kw)
    return sign_instruction(world["keys"]["orch"], world["kids"]["orch"], **args)


def _block(token: str, src: str | None = None) -> str:
    claims = jws.peek_claims(token)
    return wrap(claims["jti"], src or claims["iss"], token)


async def _verify(
    gateway: httpx.AsyncClient, world: dict[str, Any], text: str, token_key: str = "worker_token"
) -> dict[str, Any]:
    response = await gateway.post(
        "/v1/envelopes/verify",
        json={"text": text},
        headers={"Authorization": f"Bearer {world[token_key]}"},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_a_signed_instruction_verifies_once(
    gateway: httpx.AsyncClient, world: dict[str, Any], control: httpx.AsyncClient
) -> None:
    block = _block(_sign(world))
    body = await _verify(gateway, world, f"Please help.\n{block}\nThanks.")
    assert [i["instruction"] for i in body["instructions"]] == ["summarise invoice 17"]
    assert body["instructions"][0]["iss"] == world["orch"]
    assert body["instructions"][0]["scope"] == {"tools": ["erp.read_invoice"], "actions": []}
    assert body["data"] == "Please help.\n\nThanks."
    again = await _verify(gateway, world, block)
    assert again["instructions"] == [] and again["rejected"][0]["reason"] == "replayed"
    records = (await control.get("/api/v1/audit?action=envelope.verify")).json()["items"]
    assert [r["decision"] for r in records] == ["deny", "allow"]


async def test_sdk_block_form(gateway: httpx.AsyncClient, world: dict[str, Any]) -> None:
    block = instruction_block(
        world["keys"]["orch"],
        world["kids"]["orch"],
        iss=world["orch"],
        aud=world["worker"],
        instruction="do X",
        now=world["now"],
    )
    assert (await _verify(gateway, world, block))["instructions"][0]["instruction"] == "do X"


async def test_every_single_bit_flip_is_rejected(services: Services, world: dict[str, Any]) -> None:
    token = _sign(world)
    block = _block(token)
    variants = 0
    for position in range(len(token)):
        flipped_char = chr(ord(token[position]) ^ (1 << (position % 7)))
        tampered = token[:position] + flipped_char + token[position + 1 :]
        result = await services.envelopes.verify(
            _block(token, world["orch"]).replace(token, tampered), world["worker"]
        )
        assert result.instructions == [], position
        variants += 1
    assert variants >= 300
    # The untouched envelope still verifies: the flips did not burn its id.
    assert (await services.envelopes.verify(block, world["worker"])).instructions


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("expired", "expired"),
        ("not_yet_valid", "not_yet_valid"),
        ("wrong_audience", "wrong_audience"),
        ("too_long", "lifetime_too_long"),
        ("wrong_src", "source_mismatch"),
        ("wrong_id", "id_mismatch"),
        ("alg_none", "unknown_key"),
        ("hmac", "bad_signature"),
        ("other_agents_key", "issuer_key_mismatch"),
        ("policy", "policy_denied"),
    ],
)
async def test_refusals(services: Services, world: dict[str, Any], case: str, reason: str) -> None:
    now = world["now"]
    if case == "expired":
        text = _block(_sign(world, now=now - 400, ttl_seconds=60))
    elif case == "not_yet_valid":
        text = _block(_sign(world, now=now + 400))
    elif case == "wrong_audience":
        text = _block(_sign(world, aud=world["other"]))
    elif case == "too_long":
        claims = {**jws.peek_claims(_sign(world)), "exp": int(now) + 3600}
        token = jws.sign(
            {"alg": "EdDSA", "typ": "ztai-instruction+jwt", "kid": world["kids"]["orch"]},
            claims,
            world["keys"]["orch"],
        )
        text = _block(token)
    elif case == "wrong_src":
        text = _block(_sign(world), src=world["other"])
    elif case == "wrong_id":
        token = _sign(world)
        text = wrap("env_forged_identifier", world["orch"], token)
    elif case == "alg_none":
        claims = jws.peek_claims(_sign(world))
        text = _block(raw_jwt({"alg": "none", "typ": "ztai-instruction+jwt"}, claims, b"x"))
    elif case == "hmac":
        claims = jws.peek_claims(_sign(world))
        header = {"alg": "HS256", "typ": "ztai-instruction+jwt", "kid": world["kids"]["orch"]}
        text = _block(raw_jwt(header, claims, b"s" * 32))
    elif case == "other_agents_key":
        token = sign_instruction(
            world["keys"]["other"],
            world["kids"]["other"],
            iss=world["orch"],
            aud=world["worker"],
            instruction="x",
            now=now,
        )
        text = _block(token)
    else:  # the worker may instruct `other`, but `other` may not instruct the worker
        token = sign_instruction(
            world["keys"]["other"],
            world["kids"]["other"],
            iss=world["other"],
            aud=world["worker"],
            instruction="x",
            now=now,
        )
        text = _block(token)
    result = await services.envelopes.verify(text, world["worker"])
    assert result.instructions == []
    assert [r.reason for r in result.rejected] == [reason]
    assert "ztai:instruction" not in result.data


async def test_suspended_issuer_and_revoked_key(
    services: Services, world: dict[str, Any], control: httpx.AsyncClient
) -> None:
    await control.post(f"/api/v1/agents/{world['orch']}/suspend", json={"reason": "incident"})
    result = await services.envelopes.verify(_block(_sign(world)), world["worker"])
    assert [r.reason for r in result.rejected] == ["issuer_not_active"]
    await control.post(f"/api/v1/agents/{world['orch']}/activate")
    path = f"/api/v1/agents/{world['orch']}/signing-keys/{world['kids']['orch']}"
    assert (await control.delete(path)).status_code == 204
    result = await services.envelopes.verify(_block(_sign(world)), world["worker"])
    assert [r.reason for r in result.rejected] == ["unknown_key"]


async def test_delegation_can_only_narrow(
    services: Services,
    world: dict[str, Any],
    control: httpx.AsyncClient,
    gateway: httpx.AsyncClient,
) -> None:
    worker_key = ed25519.Ed25519PrivateKey.generate()
    kid = (
        await control.post(
            f"/api/v1/agents/{world['worker']}/signing-keys", json={"jwk": public_jwk(worker_key)}
        )
    ).json()["kid"]
    parent = _sign(world, tools=["erp.read_invoice", "erp.list_invoices"], txn="task-9")

    def child(tools: list[str]) -> str:
        return sign_instruction(
            worker_key,
            kid,
            iss=world["worker"],
            aud=world["other"],
            instruction="read one invoice",
            tools=tools,
            parent=parent,
            now=world["now"],
        )

    narrowed = await services.envelopes.verify(_block(child(["erp.read_invoice"])), world["other"])
    assert [i.instruction for i in narrowed.instructions] == ["read one invoice"]
    assert narrowed.instructions[0].txn == "task-9"
    widened = await services.envelopes.verify(_block(child(["erp.pay"])), world["other"])
    assert [r.reason for r in widened.rejected] == ["scope_widened"]
    # A parent addressed to someone else cannot be borrowed.
    stolen = sign_instruction(
        world["keys"]["orch"],
        world["kids"]["orch"],
        iss=world["orch"],
        aud=world["other"],
        instruction="x",
        tools=["erp.pay"],
        now=world["now"],
    )
    borrowed = sign_instruction(
        worker_key,
        kid,
        iss=world["worker"],
        aud=world["other"],
        instruction="x",
        tools=["erp.pay"],
        parent=stolen,
        now=world["now"],
    )
    result = await services.envelopes.verify(_block(borrowed), world["other"])
    assert [r.reason for r in result.rejected] == ["parent_wrong_audience"]


async def test_blocks_in_data_tool_outputs_and_hostile_shapes(
    services: Services, world: dict[str, Any]
) -> None:
    token = _sign(world)
    escaped = json.dumps({"note": _block(token)})  # nested inside JSON data: quotes escaped
    result = await services.envelopes.verify(escaped, world["worker"])
    assert result.instructions == [] and result.rejected[0].reason == "malformed"
    tool = await services.envelopes.verify(_block(_sign(world)), world["worker"], accept=False)
    assert tool.instructions == [] and tool.rejected[0].reason == "not_accepted_here"
    oversized = wrap("env_x", world["orch"], "a" * 20_000 + ".b.c")
    assert (await services.envelopes.verify(oversized, world["worker"])).rejected[
        0
    ].reason == "malformed_or_oversized"
    bomb = (
        '<!DOCTYPE z [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        + '<ztai:instruction id="e" src="s">' * 5000
        + "&b;" * 1000
    )
    result = await services.envelopes.verify(bomb, world["worker"])
    assert result.instructions == [] and len(result.rejected) <= 65
    assert "&b;" in result.data  # entities are plain text: never expanded


def test_parser_is_linear_and_bounded() -> None:
    text = "<ztai:instruction" * 200_000
    blocks = find_blocks(text)
    assert len(blocks) <= 65


@pytest.fixture
async def second_replica(
    services: Services, tmp_path: Path, database_url: str, clock: FakeClock
) -> AsyncIterator[Services]:
    replica = await build_services(make_settings(database_url, tmp_path / "replica"), clock=clock)
    try:
        yield replica
    finally:
        await replica.close()


async def test_replay_across_replicas(
    services: Services, second_replica: Services, world: dict[str, Any]
) -> None:
    block = _block(_sign(world))
    await second_replica.view.sync(force=True)
    await second_replica.authz_view.sync(force=True)
    first = await services.envelopes.verify(block, world["worker"])
    second = await second_replica.envelopes.verify(block, world["worker"])
    assert len(first.instructions) == 1
    assert [r.reason for r in second.rejected] == ["replayed"]
