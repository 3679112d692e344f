"""Compact JWS: round trips for both algorithms and strict refusal of everything else."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.jwt import b64, raw_jwt
from ztai.crypto import jws
from ztai.crypto.b64 import b64url_decode, b64url_encode
from ztai.crypto.jwk import JwkError, jwk_from_public_key, public_key_from_jwk, thumbprint

ED = ed25519.Ed25519PrivateKey.generate()
P256 = ec.generate_private_key(ec.SECP256R1())


def _verify(token: str, key: jws.PublicKey, algs: tuple[str, ...] = ("EdDSA", "ES256")) -> dict:
    return jws.verify(token, lambda _h: key, algorithms=algs).claims


@pytest.mark.parametrize(("key", "alg"), [(ED, "EdDSA"), (P256, "ES256")])
def test_round_trip(key: jws.PrivateKey, alg: str) -> None:
    token = jws.sign({"alg": alg, "typ": "JWT"}, {"sub": "a", "n": 1}, key)
    assert _verify(token, key.public_key()) == {"sub": "a", "n": 1}


def test_algorithm_must_match_the_key() -> None:
    # An EdDSA key with a header claiming ES256 (and vice versa) is refused.
    token = jws.sign({"alg": "EdDSA"}, {"x": 1}, ED)
    header, h, p, s = jws.split(token)
    relabelled = raw_jwt({"alg": "ES256"}, {"x": 1}).rsplit(".", 1)[0] + "." + s
    with pytest.raises(jws.JwsError):
        _verify(relabelled, ED.public_key())
    with pytest.raises(jws.JwsError):
        _verify(token, P256.public_key())
    del header, h, p


@pytest.mark.parametrize(
    "token",
    [
        raw_jwt({"alg": "none"}, {"x": 1}),
        raw_jwt({"alg": "HS256"}, {"x": 1}, b"k" * 32),
        raw_jwt({"alg": "RS256"}, {"x": 1}, b"k" * 256),
        raw_jwt({"alg": "EdDSA", "crit": ["exp"]}, {"x": 1}, b"k" * 64),
        "a.b",
        "a.b.c.d",
        "",
        "....",
        b64(b"[]") + "." + b64(b"{}") + ".",
        b64(b"{") + "." + b64(b"{}") + ".",
        "x" * 10_000,
    ],
)
def test_refused_tokens(token: str) -> None:
    with pytest.raises(jws.JwsError):
        _verify(token, ED.public_key())


def test_tampering_breaks_the_signature() -> None:
    token = jws.sign({"alg": "EdDSA"}, {"amount": 10}, ED)
    h, _, s = token.split(".")
    payload = b64(b'{"amount":10000}')
    forged = f"{h}.{payload}.{s}"
    with pytest.raises(jws.JwsError):
        _verify(forged, ED.public_key())


def test_es256_signature_length_is_checked() -> None:
    token = jws.sign({"alg": "ES256"}, {"x": 1}, P256)
    h, p, _ = token.split(".")
    with pytest.raises(jws.JwsError):
        _verify(f"{h}.{p}.{b64(b'x' * 70)}", P256.public_key())


def test_base64url_is_strict() -> None:
    assert b64url_decode(b64url_encode(b"\x00\xff")) == b"\x00\xff"
    for bad in ("a", "ab=", "a+b/", "ab c", "AB"):  # "AB" has non-zero trailing bits
        with pytest.raises(ValueError):
            b64url_decode(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_arbitrary_text_never_crashes_the_parser(text: str) -> None:
    try:
        _verify(text, ED.public_key())
    except jws.JwsError:
        return
    raise AssertionError("random text verified")


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=20), st.integers()), max_size=6)
)
def test_random_jwk_dicts_are_refused_cleanly(jwk: dict[str, object]) -> None:
    try:
        public_key_from_jwk(jwk)
    except JwkError:
        return


@pytest.mark.parametrize("key", [ED, P256])
def test_jwk_round_trip_and_thumbprint(key: jws.PrivateKey) -> None:
    jwk = jwk_from_public_key(key.public_key())
    parsed, _alg = public_key_from_jwk(jwk)
    assert jwk_from_public_key(parsed) == jwk
    assert thumbprint(jwk) == thumbprint({**jwk, "kid": "ignored", "use": "sig"})


def test_rfc8037_thumbprint_vector() -> None:
    # RFC 8037 Appendix A.3.
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
    assert thumbprint(jwk) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
