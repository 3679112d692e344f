"""Property tests: whatever arrives at the control plane, the answer is a 2xx/3xx/4xx, and
every refusal is an RFC 9457 problem+json with a stable dotted code — never a 5xx.

The regression tests at the end pin inputs this fuzzing found that once produced a 5xx
(NUL characters on PostgreSQL, Unicode non-decimal digits, timestamps at the edge of the
calendar).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, timedelta, timezone
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from ztai.crypto.b64 import b64url_encode
from ztai.crypto.jwk import jwk_from_public_key

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI failures reproduce locally
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
ERROR_STATUSES = {400, 401, 403, 404, 405, 409, 413, 415, 422}


def assert_problem(response: httpx.Response, allowed: set[int]) -> None:
    """The response is one of `allowed`; if it is an error, a complete problem document."""
    if currently_in_test_context():
        event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
    assert response.status_code < 500, response.text
    assert response.status_code in allowed, (response.status_code, response.text)
    assert "Traceback" not in response.text
    if response.status_code < 400:
        return
    assert response.status_code in ERROR_STATUSES
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert isinstance(problem, dict)
    assert {"type", "title", "status", "detail", "code"} <= set(problem), problem
    assert problem["status"] == response.status_code
    assert isinstance(problem["code"], str) and CODE.match(problem["code"]), problem
    assert problem["type"] == f"urn:ztai:error:{problem['code']}"
    assert isinstance(problem["title"], str) and problem["title"]
    assert isinstance(problem["detail"], str)


# ----------------------------------------------------------------------------- strategies

CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.text(CHARS, max_size=40)
ASCII = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)

JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | TEXT
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)

NAMES = st.from_regex(r"\A[\w][\w .:@/-]{0,20}\Z", fullmatch=True)
AGENT_FIELDS = {
    "name": NAMES | JSON_LEAVES,
    "description": TEXT | JSON_LEAVES,
    "owner": TEXT | st.just("o@example.com") | JSON_LEAVES,
    "sponsor": TEXT | st.just("s@example.com") | JSON_LEAVES,
    "environment": TEXT | st.sampled_from(["production", "staging"]) | JSON_LEAVES,
    "tags": st.lists(TEXT | st.from_regex(r"\A[\w.:=/-]{1,10}\Z"), max_size=40) | JSON_VALUES,
}


def pick(draw: st.DrawFn, *choices: tuple[int, st.SearchStrategy[Any]]) -> Any:
    """Draw from one of `choices`, each (weight, strategy): keeps the fuzzer near valid input."""
    ticket = draw(st.integers(0, sum(weight for weight, _ in choices) - 1))
    for weight, strategy in choices:
        if ticket < weight:
            return draw(strategy)
        ticket -= weight
    raise AssertionError("unreachable")


VALID_AGENT = st.fixed_dictionaries(
    {"name": NAMES, "owner": st.just("o@example.com"), "sponsor": st.just("s@example.com")},
    optional={
        "description": TEXT,
        "environment": st.sampled_from(["production", "staging"]),
        "tags": st.lists(st.from_regex(r"\A[\w.:=/-]{1,10}\Z"), max_size=3),
    },
)


@st.composite
def agent_like(draw: st.DrawFn) -> dict[str, Any]:
    """A valid body with 0-3 mutations, so the fuzzer gets past the first schema check."""
    body = dict(draw(VALID_AGENT))
    for _ in range(draw(st.integers(0, 3))):
        mutation = draw(st.sampled_from(["drop", "replace", "add"]))
        if mutation == "drop" and body:
            body.pop(draw(st.sampled_from(sorted(body))))
        elif mutation == "replace":
            field = draw(st.sampled_from(sorted(AGENT_FIELDS)))
            body[field] = draw(AGENT_FIELDS[field])
        else:
            body[draw(TEXT)] = draw(JSON_VALUES)
    return body


CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/problem+json",
        "application/x-www-form-urlencoded",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/yaml",
        "",
        ";",
    ]
) | ASCII.filter(lambda s: s == s.strip())


@st.composite
def json_request(draw: st.DrawFn, values: st.SearchStrategy[Any]) -> tuple[bytes, str | None]:
    """(body, content type): valid JSON in several encodings, or arbitrary bytes."""
    kind = pick(draw, (7, st.just("json")), (2, st.just("bytes")), (1, st.just("empty")))
    if kind == "bytes":
        body = draw(st.binary(max_size=300))
    elif kind == "empty":
        body = draw(st.sampled_from([b"", b" ", b"\n\t "]))
    else:
        text = json.dumps(draw(values), ensure_ascii=draw(st.booleans()))
        body = text.encode(draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "utf-32"])))
    content_type = pick(draw, (6, st.just("application/json")), (3, CONTENT_TYPES), (1, st.none()))
    return body, content_type


def send(body: bytes, content_type: str | None) -> dict[str, Any]:
    headers = {} if content_type is None else {"content-type": content_type}
    return {"content": body, "headers": headers}


RANDOM_IDS = (
    TEXT
    | st.builds(lambda h: f"agt_{h}", st.text("0123456789abcdef", min_size=0, max_size=40))
    | st.builds(lambda h: f"crd_{h}", st.text("0123456789abcdef", min_size=0, max_size=40))
    | st.sampled_from(["..", ".", "%", "%00", "agt_", "' OR 1=1 --", "a" * 300])
)


def path_segment(value: str) -> str:
    return quote(value, safe="") or "%20"


@dataclass
class Pool:
    """Agents in every state, each with a live credential, for ids the fuzzer can hit."""

    control: httpx.AsyncClient
    agents: list[str] = field(default_factory=list)
    credentials: list[str] = field(default_factory=list)

    async def add(self, moves: tuple[str, ...] = ()) -> str:
        created = await self.control.post(
            "/api/v1/agents",
            json={"name": f"pool-{len(self.agents)}", "owner": "o@x.org", "sponsor": "s@x.org"},
        )
        assert created.status_code == 201, created.text
        agent_id = str(created.json()["id"])
        issued = await self.control.post(
            f"/api/v1/agents/{agent_id}/credentials", json={"type": "client_secret"}
        )
        self.credentials.append(issued.json()["credential_id"])
        for move in moves:
            assert (await self.control.post(f"/api/v1/agents/{agent_id}/{move}")).status_code == 200
        self.agents.append(agent_id)
        return agent_id


@pytest.fixture
async def pool(control: httpx.AsyncClient) -> Pool:
    made = Pool(control)
    for moves in [(), ("activate",), ("activate", "suspend"), ("retire",)] * 2:
        await made.add(moves)
    return made


async def agent_ref(data: st.DataObject, pool: Pool) -> str:
    """A pool agent, a new one (so terminal moves keep finding live agents), or junk."""
    kind = data.draw(st.sampled_from(["pool"] * 5 + ["new"] + ["random"] * 4))
    if kind == "pool":
        # An index, not sampled_from(pool.agents): the pool grows during the run.
        return pool.agents[data.draw(st.integers(0, 63)) % len(pool.agents)]
    if kind == "new":
        return await pool.add(data.draw(st.sampled_from([(), ("activate",)])))
    return data.draw(RANDOM_IDS)


# ----------------------------------------------------------------------- POST /agents


@FUZZ
@given(body=st.one_of(agent_like(), JSON_VALUES), ensure_ascii=st.booleans())
async def test_create_agent_any_json(
    control: httpx.AsyncClient, body: Any, ensure_ascii: bool
) -> None:
    response = await control.post(
        "/api/v1/agents",
        content=json.dumps(body, ensure_ascii=ensure_ascii).encode(),
        headers={"content-type": "application/json"},
    )
    # Infinity is not JSON (RFC 8259): Python writes it, the server refuses it with 400.
    assert_problem(response, {201, 400, 409, 422})
    if response.status_code == 201:
        assert response.json()["state"] == "provisioned"


@FUZZ
@given(request=json_request(st.one_of(agent_like(), JSON_VALUES)))
async def test_create_agent_any_bytes_and_content_type(
    control: httpx.AsyncClient, request: tuple[bytes, str | None]
) -> None:
    response = await control.post("/api/v1/agents", **send(*request))
    assert_problem(response, {201, 400, 409, 415, 422})


# ------------------------------------------------------------ POST /agents/{id}/<move>

REASONS = st.one_of(
    st.fixed_dictionaries({}, optional={"reason": TEXT | JSON_LEAVES}),
    JSON_VALUES,
    st.builds(lambda n: {"reason": "r" * n}, st.integers(1990, 2010)),
)


@pytest.mark.parametrize("move", ["activate", "suspend", "retire"])
@FUZZ
@given(data=st.data())
async def test_lifecycle_any_body_and_id(
    control: httpx.AsyncClient, pool: Pool, move: str, data: st.DataObject
) -> None:
    agent_id = await agent_ref(data, pool)
    body, content_type = data.draw(json_request(REASONS))
    response = await control.post(
        f"/api/v1/agents/{path_segment(agent_id)}/{move}", **send(body, content_type)
    )
    assert_problem(response, {200, 307, 400, 404, 405, 409, 415, 422})
    if response.status_code == 200:
        assert response.json()["id"] == agent_id


# ------------------------------------------------------------ credentials


def _b64(size: int) -> st.SearchStrategy[str]:
    return st.binary(min_size=size, max_size=size).map(b64url_encode)


@st.composite
def valid_public_jwk(draw: st.DrawFn) -> dict[str, Any]:
    seed = draw(st.binary(min_size=32, max_size=32))
    if draw(st.booleans()):
        key = ed25519.Ed25519PrivateKey.from_private_bytes(seed).public_key()
    else:
        scalar = int.from_bytes(seed, "big") % (2**255) + 1  # below the P-256 group order
        key = ec.derive_private_key(scalar, ec.SECP256R1()).public_key()
    jwk: dict[str, Any] = dict(jwk_from_public_key(key))
    if jwk["kty"] == "EC" and draw(st.booleans()):
        jwk["y"] = draw(_b64(32))  # almost certainly off the curve (invalid-curve attack)
    return jwk


RANDOM_JWKS = st.fixed_dictionaries(
    {},
    optional={
        "kty": st.sampled_from(["OKP", "EC", "RSA", "oct", ""]) | TEXT | JSON_LEAVES,
        "crv": st.sampled_from(["Ed25519", "P-256", "P-384", "X25519", "secp256k1"])
        | TEXT
        | JSON_LEAVES,
        "x": st.sampled_from([31, 32, 33, 0, 64]).flatmap(_b64) | TEXT | JSON_VALUES,
        "y": st.sampled_from([31, 32, 33]).flatmap(_b64) | TEXT | JSON_LEAVES,
        "d": _b64(32) | JSON_LEAVES,
        "kid": TEXT | JSON_VALUES,
        "alg": st.sampled_from(["EdDSA", "ES256", "none", "HS256"]) | TEXT,
        "n": TEXT,
        "e": TEXT,
    },
)
ANY_JWK = (
    valid_public_jwk()
    | RANDOM_JWKS
    | st.builds(lambda jwk, extra: {**jwk, **extra}, valid_public_jwk(), RANDOM_JWKS)
    | JSON_VALUES
)
CREDENTIAL_TYPES = st.sampled_from(["client_secret", "private_key_jwt", "CLIENT_SECRET", ""])


@st.composite
def credential_body(draw: st.DrawFn) -> Any:
    return pick(
        draw,
        (2, st.just({"type": "client_secret"})),
        (3, st.builds(lambda jwk: {"type": "private_key_jwt", "jwk": jwk}, valid_public_jwk())),
        (4, st.builds(lambda jwk: {"type": "private_key_jwt", "jwk": jwk}, ANY_JWK)),
        (
            3,
            st.fixed_dictionaries(
                {}, optional={"type": CREDENTIAL_TYPES | TEXT | JSON_LEAVES, "jwk": ANY_JWK}
            ),
        ),
        (1, st.dictionaries(TEXT, JSON_VALUES, max_size=3)),
        (1, JSON_VALUES),
    )


@FUZZ
@given(data=st.data())
async def test_create_credential_any_body(
    control: httpx.AsyncClient, pool: Pool, data: st.DataObject
) -> None:
    agent_id = await agent_ref(data, pool)
    body, content_type = data.draw(json_request(credential_body()))
    response = await control.post(
        f"/api/v1/agents/{path_segment(agent_id)}/credentials", **send(body, content_type)
    )
    assert_problem(response, {201, 307, 400, 404, 405, 409, 415, 422})
    if response.status_code == 201:
        issued = response.json()
        assert issued["credential_id"].startswith("crd_") and issued["client_id"]
        assert response.headers["cache-control"] == "no-store"
        assert ("client_secret" in issued) == (issued["type"] == "client_secret")


@FUZZ
@given(data=st.data())
async def test_delete_credential_any_ids(
    control: httpx.AsyncClient, pool: Pool, data: st.DataObject
) -> None:
    agent_id = await agent_ref(data, pool)
    if data.draw(st.booleans()):
        credential_id = pool.credentials[data.draw(st.integers(0, 63)) % len(pool.credentials)]
    else:
        credential_id = data.draw(RANDOM_IDS)
    response = await control.delete(
        f"/api/v1/agents/{path_segment(agent_id)}/credentials/{path_segment(credential_id)}"
    )
    assert_problem(response, {204, 307, 400, 404, 405})


# ------------------------------------------------------------ GET /audit

QUERY_TEXT = st.text(CHARS, max_size=30)
# Digits beyond ASCII ("²" is a digit to str.isdigit() but not to int()) and numbers.
NUMBERS = st.one_of(
    st.integers(-5, 2**64).map(str),
    st.text("0123456789²³¹٣۴߂१৪੦૧୨௩౪೫൬๗໘༢၃႖០᠑", max_size=6),
    st.sampled_from(["²", "12³", "١٢", "٣", "0x10", "1e3", "-1", "+5", " 5", "5 ", "0" * 400]),
    st.sampled_from(["²", "³", "¹", "12²"]),
)
OFFSETS = st.builds(
    lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-23 * 60, 23 * 60)
)
# The whole calendar; at its edges an offset moves the time outside it in UTC.
EDGE_TIMES = st.sampled_from(
    [
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999Z",
        "1969-12-31T23:59:59Z",
        "2038-01-19T03:14:08Z",
        "2024-02-30T00:00:00Z",
    ]
)
SINCE = st.one_of(
    st.datetimes(timezones=OFFSETS | st.none()).map(lambda d: d.isoformat()),
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat().replace("+00:00", "Z")),
    EDGE_TIMES,
)
QUERY_VALUES = {
    "agent_id": RANDOM_IDS,
    "decision": st.sampled_from(["allow", "deny", "info", "ALLOW", ""]) | QUERY_TEXT,
    "since": SINCE | QUERY_TEXT,
    "action": st.sampled_from(["agent.create", "token.issue", "auth.verify"]) | QUERY_TEXT,
    "limit": st.one_of(NUMBERS, NUMBERS, QUERY_TEXT),
    "before": st.one_of(NUMBERS, NUMBERS, QUERY_TEXT),
}
KNOWN_KEYS = st.sampled_from(sorted(QUERY_VALUES))


@st.composite
def audit_query(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:  # a raw, possibly malformed, query string
        return draw(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=60))
    pairs = []
    keys = draw(st.lists(KNOWN_KEYS, max_size=4))
    if draw(st.integers(0, 5)) == 0:
        keys.insert(draw(st.integers(0, len(keys))), draw(QUERY_TEXT))
    for key in keys:
        value = QUERY_VALUES.get(key, QUERY_TEXT)
        pairs.append((key, draw(value)))
    return urlencode(pairs)


@FUZZ
@given(query=audit_query())
async def test_audit_query_any_query_string(control: httpx.AsyncClient, query: str) -> None:
    response = await control.get(f"/api/v1/audit?{query}")
    assert_problem(response, {200, 400, 422})
    if response.status_code == 200:
        body = response.json()
        assert isinstance(body["items"], list)


# ------------------------------------------------------------ found by fuzzing
# Each of these once answered 5xx; the fix is in the product, the test keeps it fixed.


@pytest.mark.parametrize("param", ["limit", "before"])
@pytest.mark.parametrize("value", ["²", "١٢", "12³"])
async def test_audit_paging_with_unicode_digits_is_422(
    control: httpx.AsyncClient, param: str, value: str
) -> None:
    response = await control.get("/api/v1/audit", params={param: value})
    assert_problem(response, {422})


@pytest.mark.parametrize("since", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00"])
async def test_audit_since_at_the_edge_of_time_is_not_a_5xx(
    control: httpx.AsyncClient, since: str
) -> None:
    response = await control.get("/api/v1/audit", params={"since": since})
    assert_problem(response, {200, 422})


NUL_REQUESTS = [
    ("GET", "/api/v1/audit?agent_id=%00", None),
    ("GET", "/api/v1/agents?owner=%00", None),
    ("POST", "/api/v1/agents", {"name": "nul", "owner": "o", "sponsor": "s", "description": "\0"}),
    ("POST", "/api/v1/agents/%00/activate", None),
    ("DELETE", "/api/v1/agents/agt_x/credentials/%00", None),
]


@pytest.mark.parametrize(("method", "path", "body"), NUL_REQUESTS)
async def test_nul_in_input_is_a_4xx_on_every_backend(
    control: httpx.AsyncClient, method: str, path: str, body: dict[str, str] | None
) -> None:
    # PostgreSQL cannot store U+0000: it once surfaced as 503 storage.unavailable.
    response = await control.request(method, path, json=body)
    assert_problem(response, {400, 404, 422})
    assert (await control.get("/api/v1/agents")).json()["items"] == []
