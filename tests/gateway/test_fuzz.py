"""Property tests for the data plane: the token endpoint answers 200 or an RFC 6749 error,
`/v1/whoami` answers 200 or a 401 problem, and the token verifier raises nothing but
`InvalidToken`/`AuthError` — whatever is sent.

The regression tests at the end pin inputs this fuzzing found that once produced a 5xx or
a token (non-ASCII JWS payload segments, NaN or huge `exp` in client assertions, NUL
characters on PostgreSQL).
"""

from __future__ import annotations

import base64
import itertools
import json
import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from tests.support.agents import active_agent, secret_credential, token_for
from tests.support.clock import FakeClock
from tests.support.jwt import TOKEN_ENDPOINT, public_jwk
from ztai.bootstrap import Services
from ztai.crypto import jws
from ztai.crypto.b64 import b64url_encode
from ztai.errors import AuthError, InvalidToken

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI failures reproduce locally
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ISSUER = "http://127.0.0.1:8700"
# RFC 6749 §5.2, RFC 8707 §2 (invalid_target)
OAUTH_ERRORS = {
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
    "invalid_target",
}


def _event(status: int) -> None:
    if currently_in_test_context():
        event(f"status {status}")  # shown by --hypothesis-show-statistics


def assert_oauth_answer(response: httpx.Response) -> None:
    _event(response.status_code)
    assert response.status_code in {200, 400, 401}, (response.status_code, response.text)
    assert response.headers["content-type"] == "application/json"
    assert "no-store" in response.headers["cache-control"]
    body = response.json()
    if response.status_code == 200:
        assert body["token_type"] == "Bearer" and 0 < body["expires_in"] <= 900
        assert isinstance(body["access_token"], str)
        return
    assert body["error"] in OAUTH_ERRORS, body
    assert isinstance(body["error_description"], str)
    assert body["code"] == f"oauth.{body['error']}"
    assert "Traceback" not in response.text
    if response.status_code == 401:
        assert "www-authenticate" in response.headers


def assert_whoami_answer(response: httpx.Response, agent_name: str) -> None:
    _event(response.status_code)
    assert response.status_code in {200, 401}, (response.status_code, response.text)
    body = response.json()
    if response.status_code == 200:
        assert body["name"] == agent_name and body["state"] == "active"
        return
    assert response.headers["content-type"] == "application/problem+json"
    assert {"type", "title", "status", "detail", "code"} <= set(body)
    assert body["status"] == 401
    assert body["code"] in {"auth.missing_token", "auth.invalid_token"}
    assert body["type"] == f"urn:ztai:error:{body['code']}"
    assert "www-authenticate" in response.headers
    assert "Traceback" not in response.text


# ----------------------------------------------------------------------------- fixtures


def fixed_key(seed: int) -> ed25519.Ed25519PrivateKey:
    """Deterministic keys: no unseeded randomness in tests."""
    return ed25519.Ed25519PrivateKey.from_private_bytes(seed.to_bytes(32, "big"))


JTI_COUNTER = itertools.count()
CLIENT_KEY = fixed_key(1)
STRANGER_KEY = fixed_key(2)


@dataclass(frozen=True)
class World:
    agent_name: str
    client_id: str  # client_secret credential
    client_secret: str
    jwt_client_id: str  # private_key_jwt credential, signed by CLIENT_KEY
    suspended_client_id: str
    token: str
    now: int
    services: Services


@pytest.fixture
async def world(
    control: httpx.AsyncClient, gateway: httpx.AsyncClient, services: Services, clock: FakeClock
) -> World:
    agent = await active_agent(control, "fuzz-agent")
    cred = await secret_credential(control, agent["id"])
    jwt_cred = await control.post(
        f"/api/v1/agents/{agent['id']}/credentials",
        json={"type": "private_key_jwt", "jwk": public_jwk(CLIENT_KEY)},
    )
    assert jwt_cred.status_code == 201
    other = await active_agent(control, "fuzz-suspended")
    other_cred = await secret_credential(control, other["id"])
    await control.post(f"/api/v1/agents/{other['id']}/suspend", json={"reason": "fuzz"})
    return World(
        agent_name="fuzz-agent",
        client_id=cred["client_id"],
        client_secret=cred["client_secret"],
        jwt_client_id=jwt_cred.json()["client_id"],
        suspended_client_id=other_cred["client_id"],
        token=await token_for(gateway, cred),
        now=int(clock()),
        services=services,
    )


# ----------------------------------------------------------------------------- strategies

CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.text(CHARS, max_size=40)
ASCII = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)
B64URL = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", max_size=60)
# JSON numbers Python's parser accepts but no clock can hold: NaN, ±Infinity, 10**400.
INTS = st.integers() | st.sampled_from([2**53 + 1, 2**63, 10**400, -(10**400)])
JSON_LEAVES = st.none() | st.booleans() | INTS | st.floats() | TEXT
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)


def pick(draw: st.DrawFn, *choices: tuple[int, st.SearchStrategy[Any]]) -> Any:
    """Draw from one of `choices`, each (weight, strategy): keeps the fuzzer near valid input."""
    ticket = draw(st.integers(0, sum(weight for weight, _ in choices) - 1))
    for weight, strategy in choices:
        if ticket < weight:
            return draw(strategy)
        ticket -= weight
    raise AssertionError("unreachable")


def segment(value: dict[str, Any] | Any) -> str:
    return b64url_encode(json.dumps(value).encode())


def mutate(draw: st.DrawFn, base: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """`base` with 0-3 fields dropped, replaced from `fields`, or added at random."""
    out = dict(base)
    count = pick(draw, (4, st.just(0)), (4, st.just(1)), (2, st.just(2)), (1, st.just(3)))
    for _ in range(count):
        mutation = draw(st.sampled_from(["drop", "replace", "add"]))
        if mutation == "drop" and out:
            out.pop(draw(st.sampled_from(sorted(out))))
        elif mutation == "replace":
            name = draw(st.sampled_from(sorted(fields)))
            out[name] = draw(fields[name])
        else:
            out[draw(TEXT)] = draw(JSON_VALUES)
    return out


# Times no clock can compare sensibly; each once slipped past a check or crashed one.
IMPOSSIBLE_TIMES = st.sampled_from(
    [math.nan, math.inf, -math.inf, 10**400, -(10**400), 2**63, 2**40, 1e308, -0.0, True, None]
)


def times(now: int) -> st.SearchStrategy[Any]:
    near = st.integers(-1000, 1000).map(lambda d: now + d)
    return st.one_of(near, near, IMPOSSIBLE_TIMES, JSON_LEAVES, st.just(str(now)))


def retime(draw: st.DrawFn, claims: dict[str, Any], now: int) -> dict[str, Any]:
    """Often, one of exp/iat/nbf set to an odd time: the checks most worth attacking."""
    if draw(st.integers(0, 2)) == 0:
        claims = {**claims, draw(st.sampled_from(["exp", "iat", "nbf"])): draw(times(now))}
    return claims


@st.composite
def client_assertion(draw: st.DrawFn, world: World) -> str:
    kind = pick(draw, (1, st.just("text")), (2, st.just("dotted")), (7, st.just("jws")))
    if kind == "text":
        return str(draw(TEXT | ASCII))
    if kind == "dotted":
        parts = draw(
            st.lists(
                B64URL | JSON_VALUES.map(segment) | ASCII.filter(lambda s: "&" not in s),
                min_size=1,
                max_size=5,
            )
        )
        return ".".join(parts)
    header_fields = {
        "alg": st.sampled_from(["EdDSA", "ES256", "none", "None", "HS256", "RS256", ""])
        | JSON_LEAVES,
        "typ": st.sampled_from(["JWT", "at+jwt"]) | JSON_LEAVES,
        "kid": TEXT | JSON_VALUES,
        "crit": JSON_VALUES,
        "jwk": st.just(public_jwk(STRANGER_KEY)) | JSON_VALUES,
    }
    header = mutate(draw, {"alg": "EdDSA", "typ": "JWT"}, header_fields)
    client = st.sampled_from([world.jwt_client_id, world.client_id, world.suspended_client_id])
    claim_fields = {
        "iss": client | TEXT | JSON_LEAVES,
        "sub": client | TEXT | JSON_LEAVES,
        "aud": st.sampled_from([TOKEN_ENDPOINT, ISSUER, [TOKEN_ENDPOINT], [], "ztai-gateway"])
        | JSON_VALUES,
        "exp": times(world.now),
        "iat": times(world.now),
        "nbf": times(world.now),
        "jti": st.text("0123456789abcdef", max_size=300) | JSON_LEAVES,
    }
    valid = {
        "iss": world.jwt_client_id,
        "sub": world.jwt_client_id,
        "aud": TOKEN_ENDPOINT,
        "iat": world.now,
        "exp": world.now + 60,
        # A counter keeps most jtis fresh; replays still come from mutated `jti` fields.
        "jti": f"{next(JTI_COUNTER):08x}{draw(st.text('0123456789abcdef', max_size=24))}",
    }
    claims = retime(draw, mutate(draw, valid, claim_fields), world.now)
    # Most assertions carry a real signature, so the claim checks behind it get exercised.
    signing_input = f"{segment(header)}.{segment(claims)}"
    signer = pick(draw, (6, st.just(CLIENT_KEY)), (1, st.just(STRANGER_KEY)), (2, st.none()))
    if signer is None:
        signature = draw(B64URL | st.binary(max_size=80).map(b64url_encode))
    else:
        signature = b64url_encode(signer.sign(signing_input.encode()))
    return f"{signing_input}.{signature}"


@st.composite
def token_request(draw: st.DrawFn, world: World) -> dict[str, Any]:
    """Keyword arguments for `gateway.post("/oauth2/token", ...)`."""
    fields = {
        "grant_type": st.sampled_from(["client_credentials", "password", "refresh_token", ""])
        | TEXT,
        "client_id": st.sampled_from([world.client_id, world.jwt_client_id]) | TEXT,
        "client_secret": st.sampled_from([world.client_secret, world.client_secret[:-1]]) | TEXT,
        "client_assertion_type": st.just(ASSERTION_TYPE) | TEXT,
        "client_assertion": client_assertion(world),
        "scope": st.from_regex(r"\A[a-z:.]{1,12}( [a-z:.]{1,12}){0,2}\Z") | TEXT,
        "resource": st.sampled_from(["ztai-gateway", ISSUER, "https://elsewhere.example"]) | TEXT,
    }
    base = pick(
        draw,
        (
            3,
            st.just(
                {
                    "grant_type": "client_credentials",
                    "client_id": world.client_id,
                    "client_secret": world.client_secret,
                }
            ),
        ),
        (
            4,
            st.builds(
                lambda a: {
                    "grant_type": "client_credentials",
                    "client_assertion_type": ASSERTION_TYPE,
                    "client_assertion": a,
                },
                client_assertion(world),
            ),
        ),
        (1, st.just({"grant_type": "client_credentials"})),
        (1, st.dictionaries(TEXT, TEXT, max_size=4)),
    )
    pairs = list(mutate(draw, base, fields).items())
    if draw(st.integers(0, 19)) == 0 and pairs:  # RFC 6749 §3.2: repeats must be refused
        pairs.append(draw(st.sampled_from(pairs)))
    encoding = pick(
        draw,
        (6, st.just("urlencode")),
        (1, st.just("latin-1")),
        (1, st.just("raw")),
        (1, st.just("bytes")),
        (1, st.just("oversize")),
    )
    if encoding == "urlencode":
        body = urlencode(pairs).encode()
    elif encoding == "latin-1":
        body = urlencode(pairs, encoding="latin-1", errors="replace").encode()
    elif encoding == "raw":  # unescaped, as a careless client would send it
        body = "&".join(f"{k}={v}" for k, v in pairs).encode("utf-8", "surrogatepass")
    elif encoding == "bytes":
        body = draw(st.binary(max_size=200))
    else:
        body = urlencode([*pairs, ("pad", "x" * 17_000)]).encode()
    headers: dict[str, str] = {}
    content_type = pick(
        draw,
        (12, st.just("application/x-www-form-urlencoded")),
        (
            2,
            st.sampled_from(
                [
                    "application/x-www-form-urlencoded; charset=utf-8",
                    "Application/X-WWW-Form-Urlencoded",
                    "application/json",
                    "multipart/form-data; boundary=x",
                    "text/plain",
                ]
            )
            | ASCII,
        ),
        (1, st.none()),
    )
    if content_type is not None:
        headers["content-type"] = content_type
    if draw(st.integers(0, 7)) == 0:
        user = draw(st.sampled_from([world.client_id, world.jwt_client_id]) | TEXT)
        password = draw(st.sampled_from([world.client_secret]) | TEXT)
        credentials = base64.b64encode(f"{user}:{password}".encode()).decode()
        headers["authorization"] = draw(
            st.sampled_from([f"Basic {credentials}", f"basic  {credentials}", "Basic", "Basic ==="])
            | st.builds(lambda text: f"Basic {text}", ASCII)
            | st.builds(lambda text: f"Bearer {text}", ASCII)
        )
    return {"content": body, "headers": headers}


def resigned(world: World, header: dict[str, Any], claims: dict[str, Any]) -> str:
    key = world.services.token_keys.current().private
    return jws.sign(header, claims, key)


@st.composite
def hostile_token(draw: st.DrawFn, world: World) -> str:
    """Tokens derived from a real one: alg none, HS256, wrong kid, tampered, re-signed."""
    header, h64, _, s64 = jws.split(world.token)
    claims = jws.peek_claims(world.token)
    claim_fields = {
        "sub": st.just("agt_unknown") | TEXT | JSON_LEAVES,
        "iss": st.just("https://evil.example") | JSON_LEAVES,
        "aud": st.just(["ztai-gateway"]) | JSON_VALUES,
        "exp": times(world.now),
        "nbf": times(world.now),
        "cid": st.just("crd_unknown") | JSON_LEAVES,
        "client_id": JSON_LEAVES,
        "jti": JSON_LEAVES,
        "scope": JSON_VALUES,
    }
    header_fields = {
        "alg": st.sampled_from(["none", "HS256", "ES256", "EdDSA", "RS256"]) | JSON_LEAVES,
        "typ": st.sampled_from(["at+jwt", "JWT", "AT+JWT"]) | JSON_LEAVES,
        "kid": st.just("token-unknown") | TEXT | JSON_VALUES,
        "crit": JSON_VALUES,
    }
    kind = draw(
        st.sampled_from(
            ["valid", "none", "hs256", "tampered", "resigned", "stranger", "cut", "segments"]
        )
    )
    if kind == "valid":
        return world.token
    if kind == "none":
        return f"{segment({**header, 'alg': 'none'})}.{segment(claims)}."
    if kind == "hs256":
        sig = draw(st.binary(max_size=40).map(b64url_encode))
        return f"{segment({**header, 'alg': 'HS256'})}.{segment(claims)}.{sig}"
    if kind == "tampered":  # original signature over changed claims
        return f"{h64}.{segment(mutate(draw, claims, claim_fields))}.{s64}"
    if kind == "resigned":  # a real signature over hostile claims and headers
        hostile = retime(draw, mutate(draw, claims, claim_fields), world.now)
        return resigned(world, mutate(draw, header, header_fields), hostile)
    if kind == "stranger":
        return jws.sign(mutate(draw, header, header_fields), claims, STRANGER_KEY)
    if kind == "cut":
        start = draw(st.integers(0, len(world.token)))
        return world.token[: draw(st.integers(0, len(world.token)))] + world.token[start:]
    # The real header (a known kid) with junk after it, non-ASCII included.
    parts = draw(
        st.lists(
            B64URL | ASCII | st.text(st.characters(max_codepoint=0xFF)), min_size=1, max_size=4
        )
    )
    return ".".join([h64, *parts])


@st.composite
def authorization(draw: st.DrawFn, world: World) -> bytes | None:
    kind = pick(
        draw,
        (1, st.just("absent")),
        (1, st.just("bytes")),
        (1, st.just("ascii")),
        (7, st.just("bearer")),
    )
    if kind == "absent":
        return None
    if kind == "bytes":
        return bytes(draw(st.binary(max_size=120).filter(lambda b: not set(b) & {10, 13})))
    if kind == "ascii":
        return str(draw(ASCII)).encode()
    scheme = draw(st.sampled_from(["Bearer", "Bearer", "bearer", "BEARER", "Basic", "Token", ""]))
    gap = draw(st.sampled_from([" ", " ", "  ", "\t"]))
    return f"{scheme}{gap}{draw(hostile_token(world))}".encode()


# ----------------------------------------------------------------------------- properties


@FUZZ
@given(data=st.data())
async def test_token_endpoint_any_form(
    gateway: httpx.AsyncClient, world: World, data: st.DataObject
) -> None:
    request = data.draw(token_request(world))
    response = await gateway.post("/oauth2/token", **request)
    assert_oauth_answer(response)


@FUZZ
@given(data=st.data())
async def test_token_endpoint_any_client_assertion(
    gateway: httpx.AsyncClient, world: World, data: st.DataObject
) -> None:
    form = {"grant_type": "client_credentials", "client_assertion_type": ASSERTION_TYPE}
    if data.draw(st.booleans()):
        form["client_id"] = data.draw(st.sampled_from([world.jwt_client_id, world.client_id]))
    form["client_assertion"] = data.draw(client_assertion(world))
    response = await gateway.post("/oauth2/token", data=form)
    assert_oauth_answer(response)


@FUZZ
@given(data=st.data())
async def test_whoami_any_authorization(
    gateway: httpx.AsyncClient, world: World, data: st.DataObject
) -> None:
    header = data.draw(authorization(world))
    headers = [] if header is None else [(b"authorization", header)]
    response = await gateway.get("/v1/whoami", headers=headers)
    assert_whoami_answer(response, world.agent_name)


@settings(FUZZ, max_examples=400)
@given(data=st.data())
async def test_verifier_raises_only_auth_errors(world: World, data: st.DataObject) -> None:
    token = data.draw(st.text(max_size=200) | hostile_token(world))
    try:
        principal = world.services.verifier.verify(token)
    except (InvalidToken, AuthError):
        return
    assert principal.name == world.agent_name


# ----------------------------------------------------------------------------- found by fuzzing
# Each of these once answered 5xx (or issued a token); the tests keep them fixed.


async def test_non_ascii_payload_segment_is_an_invalid_token(
    gateway: httpx.AsyncClient, world: World
) -> None:
    # jws.verify() once encoded the unverified payload as ASCII: UnicodeEncodeError -> 500.
    h64 = world.token.split(".")[0]
    token = f"{h64}.\u00e9.{'A' * 86}"
    with pytest.raises(InvalidToken):
        world.services.verifier.verify(token)
    response = await gateway.get(
        "/v1/whoami", headers=[(b"authorization", b"Bearer " + token.encode("latin-1"))]
    )
    assert_whoami_answer(response, world.agent_name)
    assert response.status_code == 401


def _raw_assertion(world: World, exp: str) -> str:
    """An assertion whose `exp` is written verbatim into the JSON (NaN, huge ints)."""
    header = segment({"alg": "EdDSA", "typ": "JWT"})
    payload = (
        f'{{"iss":"{world.jwt_client_id}","sub":"{world.jwt_client_id}",'
        f'"aud":"{TOKEN_ENDPOINT}","iat":{world.now},"exp":{exp},"jti":"{"ab" * 8}"}}'
    )
    signing_input = f"{header}.{b64url_encode(payload.encode())}"
    return f"{signing_input}.{b64url_encode(CLIENT_KEY.sign(signing_input.encode()))}"


@pytest.mark.parametrize(
    "exp",
    [
        "NaN",  # every comparison False: once accepted (PostgreSQL) or 500 (SQLite)
        "1" + "0" * 400,  # exp - now overflowed a float: 500
        "Infinity",
        "-Infinity",
        "1e400",
    ],
)
async def test_assertion_with_an_impossible_exp_is_refused(
    gateway: httpx.AsyncClient, world: World, exp: str
) -> None:
    response = await gateway.post(
        "/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": _raw_assertion(world, exp),
        },
    )
    assert_oauth_answer(response)
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


async def test_nul_in_the_form_is_a_4xx_on_every_backend(gateway: httpx.AsyncClient) -> None:
    # PostgreSQL cannot store U+0000: the client_id lookup once answered 503.
    response = await gateway.post(
        "/oauth2/token",
        data={"grant_type": "client_credentials", "client_id": "\0", "client_secret": "x"},
    )
    assert_oauth_answer(response)
    assert response.status_code in {400, 401}
