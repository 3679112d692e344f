"""POST /oauth2/token: client_credentials by secret and by private_key_jwt, and refusals."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from tests.support.agents import active_agent, secret_credential
from tests.support.clock import FakeClock
from tests.support.jwt import TOKEN_ENDPOINT, assertion, new_key, public_jwk
from ztai.bootstrap import Services
from ztai.crypto import jws

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


async def _token(gateway: httpx.AsyncClient, **form: str) -> httpx.Response:
    return await gateway.post("/oauth2/token", data={"grant_type": "client_credentials", **form})


def _claims(token: str) -> dict[str, Any]:
    return jws.peek_claims(token)


async def test_client_secret_post_issues_short_lived_eddsa_token(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, services: Services
) -> None:
    agent = await active_agent(control)
    cred = await secret_credential(control, agent["id"])
    response = await _token(
        gateway, client_id=cred["client_id"], client_secret=cred["client_secret"]
    )
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer" and 0 < body["expires_in"] <= 900
    header, *_ = jws.split(body["access_token"])
    assert header["alg"] == "EdDSA" and header["typ"] == "at+jwt"
    claims = _claims(body["access_token"])
    assert {"iss", "sub", "aud", "exp", "iat", "jti"} <= set(claims)
    assert claims["sub"] == agent["id"] and claims["exp"] - claims["iat"] <= 900
    issued = (await control.get(f"/api/v1/audit?agent_id={agent['id']}&action=token.issue")).json()
    assert issued["items"][0]["decision"] == "allow"
    assert cred["client_secret"] not in str(issued)


async def test_client_secret_basic(control: httpx.AsyncClient, gateway: httpx.AsyncClient) -> None:
    agent = await active_agent(control)
    cred = await secret_credential(control, agent["id"])
    basic = base64.b64encode(f"{cred['client_id']}:{cred['client_secret']}".encode()).decode()
    response = await gateway.post(
        "/oauth2/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200, response.text


async def test_secret_is_stored_hashed_only(control: httpx.AsyncClient, services: Services) -> None:
    agent = await active_agent(control)
    cred = await secret_credential(control, agent["id"])
    rows = await services.db.fetch("SELECT secret_hash FROM credentials")
    assert rows and cred["client_secret"] not in str(rows)
    listed = (await control.get(f"/api/v1/agents/{agent['id']}/credentials")).json()
    assert cred["client_secret"] not in str(listed) and "hash" not in str(listed)
    assert "client_secret" not in listed["items"][0]


@pytest.mark.parametrize("kind", ["EdDSA", "ES256"])
async def test_private_key_jwt(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, clock: FakeClock, kind: str
) -> None:
    agent = await active_agent(control)
    key = new_key(kind)
    created = await control.post(
        f"/api/v1/agents/{agent['id']}/credentials",
        json={"type": "private_key_jwt", "jwk": public_jwk(key)},
    )
    assert created.status_code == 201 and "client_secret" not in created.json()
    client_id = created.json()["client_id"]
    signed = assertion(key, client_id, clock())
    form = {"client_assertion_type": ASSERTION_TYPE, "client_assertion": signed}
    first = await _token(gateway, **form)
    assert first.status_code == 200, first.text
    replay = await _token(gateway, **form)
    assert replay.status_code == 401 and replay.json()["error"] == "invalid_client"
    denied = (await control.get(f"/api/v1/audit?agent_id={agent['id']}&decision=deny")).json()
    assert "oauth.invalid_client:assertion_replayed" in denied["items"][0]["reasons"]


BAD_ASSERTIONS: list[tuple[str, dict[str, Any]]] = [
    ("expired", {"exp": -120, "iat": -200}),
    ("too long-lived", {"exp": 3600}),
    ("wrong audience", {"aud": "https://elsewhere.example/token"}),
    ("wrong subject", {"sub": "someone-else"}),
    ("no jti", {"jti": None}),
    ("future iat", {"iat": 600, "exp": 660}),
]


@pytest.mark.parametrize(("why", "override"), BAD_ASSERTIONS)
async def test_bad_assertions_refused(
    control: httpx.AsyncClient,
    gateway: httpx.AsyncClient,
    clock: FakeClock,
    why: str,
    override: dict[str, Any],
) -> None:
    agent = await active_agent(control)
    key = new_key("EdDSA")
    created = await control.post(
        f"/api/v1/agents/{agent['id']}/credentials",
        json={"type": "private_key_jwt", "jwk": public_jwk(key)},
    )
    client_id = created.json()["client_id"]
    now = int(clock())
    relative = {k: (now + v if k in {"exp", "iat"} else v) for k, v in override.items()}
    signed = assertion(key, client_id, clock(), **relative)
    response = await _token(gateway, client_assertion_type=ASSERTION_TYPE, client_assertion=signed)
    assert response.status_code == 401, why
    assert response.json()["error"] == "invalid_client"


async def test_assertion_signed_by_another_key_refused(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, clock: FakeClock
) -> None:
    agent = await active_agent(control)
    registered, attacker = new_key("EdDSA"), new_key("EdDSA")
    created = await control.post(
        f"/api/v1/agents/{agent['id']}/credentials",
        json={"type": "private_key_jwt", "jwk": public_jwk(registered)},
    )
    forged = assertion(attacker, created.json()["client_id"], clock())
    response = await _token(gateway, client_assertion_type=ASSERTION_TYPE, client_assertion=forged)
    assert response.status_code == 401


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "RSA", "n": "abc", "e": "AQAB"},
        {"kty": "OKP", "crv": "X25519", "x": "AAAA"},
        {"kty": "OKP", "crv": "Ed25519", "x": "short"},
        {"kty": "EC", "crv": "P-256", "x": "A" * 43, "y": "A" * 43},  # not on the curve
        {"kty": "OKP", "crv": "Ed25519", "x": "A" * 43, "d": "A" * 43},  # private key sent
        {"kty": "oct", "k": "secret"},
    ],
)
async def test_bad_jwks_rejected(control: httpx.AsyncClient, jwk: dict[str, str]) -> None:
    agent = await active_agent(control)
    response = await control.post(
        f"/api/v1/agents/{agent['id']}/credentials", json={"type": "private_key_jwt", "jwk": jwk}
    )
    assert response.status_code == 422
    listed = await control.get(f"/api/v1/agents/{agent['id']}/credentials")
    assert listed.json()["items"] == []


async def test_inactive_agents_get_no_tokens(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient
) -> None:
    created = await control.post("/api/v1/agents", json={"name": "p", "owner": "o", "sponsor": "s"})
    agent_id = created.json()["id"]
    cred = await secret_credential(control, agent_id)
    form = {"client_id": cred["client_id"], "client_secret": cred["client_secret"]}
    assert (await _token(gateway, **form)).status_code == 401  # provisioned
    await control.post(f"/api/v1/agents/{agent_id}/activate")
    assert (await _token(gateway, **form)).status_code == 200
    await control.post(f"/api/v1/agents/{agent_id}/suspend", json={"reason": "r"})
    assert (await _token(gateway, **form)).status_code == 401
    await control.post(f"/api/v1/agents/{agent_id}/retire", json={"reason": "r"})
    assert (await _token(gateway, **form)).status_code == 401
    again = await control.post(
        f"/api/v1/agents/{agent_id}/credentials", json={"type": "client_secret"}
    )
    assert again.status_code == 409 and again.json()["code"] == "registry.agent_retired"


async def test_deleted_credential_gets_no_tokens(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient
) -> None:
    agent = await active_agent(control)
    cred = await secret_credential(control, agent["id"])
    path = f"/api/v1/agents/{agent['id']}/credentials/{cred['credential_id']}"
    assert (await control.delete(path)).status_code == 204
    assert (await control.delete(path)).status_code == 404
    response = await _token(
        gateway, client_id=cred["client_id"], client_secret=cred["client_secret"]
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("form", "content_type", "error", "status"),
    [
        ({"grant_type": "password"}, None, "unsupported_grant_type", 400),
        ({}, None, "invalid_request", 400),
        ({"grant_type": "client_credentials"}, None, "invalid_client", 401),
        (
            {"grant_type": "client_credentials", "client_id": "nope", "client_secret": "x"},
            None,
            "invalid_client",
            401,
        ),
        (
            {"grant_type": "client_credentials", "client_id": "", "client_secret": "x"},
            None,
            "invalid_request",
            400,
        ),
        (
            {
                "grant_type": "client_credentials",
                "client_assertion_type": "urn:other",
                "client_assertion": "a.b.c",
            },
            None,
            "invalid_request",
            400,
        ),
        (
            {
                "grant_type": "client_credentials",
                "client_assertion_type": ASSERTION_TYPE,
                "client_assertion": "not-a-jwt",
            },
            None,
            "invalid_client",
            401,
        ),
        ({"grant_type": "client_credentials"}, "application/json", "invalid_request", 400),
    ],
)
async def test_bad_token_requests(
    gateway: httpx.AsyncClient,
    form: dict[str, str],
    content_type: str | None,
    error: str,
    status: int,
) -> None:
    if content_type:
        response = await gateway.post(
            "/oauth2/token",
            content=b'{"grant_type":"client_credentials"}',
            headers={"content-type": content_type},
        )
    else:
        response = await gateway.post("/oauth2/token", data=form)
    assert response.status_code == status, response.text
    assert response.json()["error"] == error


async def test_repeated_parameters_and_oversize_forms_refused(gateway: httpx.AsyncClient) -> None:
    twice = await gateway.post(
        "/oauth2/token",
        content=b"grant_type=client_credentials&client_id=a&client_id=b&client_secret=x",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert twice.status_code == 400 and twice.json()["error"] == "invalid_request"
    huge = await gateway.post(
        "/oauth2/token",
        content=b"grant_type=client_credentials&client_id=" + b"a" * 100_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert huge.status_code == 400


async def test_scope_and_resource(control: httpx.AsyncClient, gateway: httpx.AsyncClient) -> None:
    agent = await active_agent(control)
    cred = await secret_credential(control, agent["id"])
    auth = {"client_id": cred["client_id"], "client_secret": cred["client_secret"]}
    scoped = await _token(gateway, **auth, scope="llm.chat mcp.tools.call", resource="ztai-gateway")
    assert scoped.status_code == 200 and scoped.json()["scope"] == "llm.chat mcp.tools.call"
    other = await _token(gateway, **auth, resource="https://other.example")
    assert other.status_code == 400 and other.json()["error"] == "invalid_target"
    bad_scope = await _token(gateway, **auth, scope='a"b')
    assert bad_scope.status_code == 400 and bad_scope.json()["error"] == "invalid_scope"


async def test_metadata_and_jwks(gateway: httpx.AsyncClient) -> None:
    meta = (await gateway.get("/.well-known/oauth-authorization-server")).json()
    assert meta["token_endpoint"] == TOKEN_ENDPOINT
    assert "private_key_jwt" in meta["token_endpoint_auth_methods_supported"]
    keys = (await gateway.get("/.well-known/jwks.json")).json()["keys"]
    assert keys and all(k["kty"] == "OKP" and "d" not in k for k in keys)
