"""GET /v1/whoami and TokenVerifier: every way a token must stop working."""

from __future__ import annotations

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from tests.support.agents import agent_with_token
from tests.support.clock import FakeClock
from tests.support.jwt import raw_jwt
from ztai.bootstrap import Services
from ztai.crypto import jws


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_whoami_names_the_agent(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient
) -> None:
    agent, _, token = await agent_with_token(control, gateway)
    response = await gateway.get("/v1/whoami", headers=_bearer(token))
    assert response.status_code == 200
    body = response.json()
    assert (body["agent_id"], body["name"], body["state"]) == (agent["id"], agent["name"], "active")


def _resign(token: str, services: Services, **changes: object) -> str:
    header, _, _, _ = jws.split(token)
    claims = {**jws.peek_claims(token), **changes}
    return jws.sign(header, claims, services.token_keys.current().private)


async def test_hostile_tokens_are_401(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, services: Services
) -> None:
    _, _, token = await agent_with_token(control, gateway)
    header, h64, _p64, s64 = jws.split(token)
    claims = jws.peek_claims(token)
    stranger = ed25519.Ed25519PrivateKey.generate()
    hostile = {
        "missing": None,
        "garbage": "not.a.token",
        "alg none": raw_jwt({"alg": "none", "typ": "at+jwt", "kid": header["kid"]}, claims),
        "HS256": raw_jwt(
            {"alg": "HS256", "typ": "at+jwt", "kid": header["kid"]}, claims, b"x" * 32
        ),
        "other key": jws.sign(header, claims, stranger),
        "unknown kid": jws.sign({**header, "kid": "nope"}, claims, stranger),
        "tampered payload": f"{h64}.{raw_jwt({}, {**claims, 'sub': 'agt_x'}).split('.')[1]}.{s64}",
        "wrong audience": _resign(token, services, aud="someone-else"),
        "wrong issuer": _resign(token, services, iss="https://evil.example"),
        "wrong typ": jws.sign(
            {**header, "typ": "JWT"}, claims, services.token_keys.current().private
        ),
        "no cid": _resign(token, services, cid=None),
        "string exp": _resign(token, services, exp="9999999999"),
        "expired": _resign(token, services, exp=claims["iat"] - 1),
        "unknown agent": _resign(token, services, sub="agt_unknown"),
        "truncated": token[:-5],
        "padded": token + "==",
    }
    for why, bad in hostile.items():
        headers = _bearer(bad) if bad else {}
        response = await gateway.get("/v1/whoami", headers=headers)
        assert response.status_code == 401, why
        assert response.headers["content-type"] == "application/problem+json", why
        assert response.json()["code"] in {"auth.invalid_token", "auth.missing_token"}, why
        assert "www-authenticate" in response.headers, why
    refusals = (await control.get("/api/v1/audit?action=auth.verify")).json()["items"]
    assert len(refusals) == len(hostile)  # every refusal is audited, a missing token too
    assert token not in str(refusals)


async def test_expiry_uses_the_clock(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, services: Services, clock: FakeClock
) -> None:
    _, _, token = await agent_with_token(control, gateway)
    assert (await gateway.get("/v1/whoami", headers=_bearer(token))).status_code == 200
    clock.advance(services.settings.identity.token_ttl_seconds + 1)
    await services.view.sync()
    response = await gateway.get("/v1/whoami", headers=_bearer(token))
    assert response.status_code == 401 and "expired" in response.json()["detail"]


@pytest.mark.parametrize("change", ["suspend", "retire", "delete_credential"])
async def test_revocation_applies_to_cached_tokens(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, change: str
) -> None:
    agent, cred, token = await agent_with_token(control, gateway)
    for _ in range(3):  # warm the verified-token cache
        assert (await gateway.get("/v1/whoami", headers=_bearer(token))).status_code == 200
    if change == "delete_credential":
        path = f"/api/v1/agents/{agent['id']}/credentials/{cred['credential_id']}"
        assert (await control.delete(path)).status_code == 204
    else:
        moved = await control.post(f"/api/v1/agents/{agent['id']}/{change}", json={"reason": "t"})
        assert moved.status_code == 200
    assert (await gateway.get("/v1/whoami", headers=_bearer(token))).status_code == 401


async def test_reactivation_restores_the_same_token(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient
) -> None:
    agent, _, token = await agent_with_token(control, gateway)
    await control.post(f"/api/v1/agents/{agent['id']}/suspend", json={"reason": "t"})
    assert (await gateway.get("/v1/whoami", headers=_bearer(token))).status_code == 401
    await control.post(f"/api/v1/agents/{agent['id']}/activate")
    assert (await gateway.get("/v1/whoami", headers=_bearer(token))).status_code == 200


async def test_stale_revocation_view_refuses_everything(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, services: Services, clock: FakeClock
) -> None:
    _, _, token = await agent_with_token(control, gateway)
    clock.advance(services.settings.identity.max_staleness_seconds + 0.5)  # no sync happened
    response = await gateway.get("/v1/whoami", headers=_bearer(token))
    assert response.status_code == 503 and response.json()["code"] == "identity.unavailable"
    assert (await gateway.get("/healthz")).status_code == 503
    await services.view.sync()
    assert (await gateway.get("/v1/whoami", headers=_bearer(token))).status_code == 200


async def test_key_rotation_keeps_old_tokens_during_overlap(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, services: Services, clock: FakeClock
) -> None:
    agent, cred, old_token = await agent_with_token(control, gateway)
    rotated = await control.post("/api/v1/signing-keys/rotate")
    assert rotated.status_code == 200
    kids = {k["kid"] for k in (await gateway.get("/.well-known/jwks.json")).json()["keys"]}
    assert kids == {rotated.json()["kid"], rotated.json()["previous_kid"]}
    from tests.support.agents import token_for

    new_token = await token_for(gateway, cred)
    assert jws.split(new_token)[0]["kid"] == rotated.json()["kid"]
    for token in (old_token, new_token):
        assert (await gateway.get("/v1/whoami", headers=_bearer(token))).status_code == 200
    # After the overlap the old key leaves the JWKS and its tokens stop verifying.
    clock.advance(rotated.json()["overlap_seconds"] + 1)
    await services.view.sync(force=True)
    kids = {k["kid"] for k in (await gateway.get("/.well-known/jwks.json")).json()["keys"]}
    assert kids == {rotated.json()["kid"]}
    assert (await gateway.get("/v1/whoami", headers=_bearer(old_token))).status_code == 401
    fresh = await token_for(gateway, cred)
    assert (await gateway.get("/v1/whoami", headers=_bearer(fresh))).status_code == 200
    del agent
