"""Credential recognizers: vendor formats, keyword + entropy, and placeholder look-alikes."""

from __future__ import annotations

import base64
import json

import pytest

from ztai.dlp import DlpEngine

from .conftest import found

# Fake, generated here: random-looking bodies that match each vendor's published layout.
B62 = "q7Wm2ZrX9kLp4TvB8nYc3HsJ6dFg1RxA5eUo0iKa"
HEX = "9f86d081884c7d659a2feaa0c55ad015"


def jwt(claims: dict[str, object], signed: bool = True) -> str:
    def seg(obj: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    parts = [seg({"alg": "HS256", "typ": "JWT"}), seg(claims)]
    if signed:
        parts.append("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    return ".".join(parts)


JWT = jwt({"sub": "42", "iat": 1700000000})
PEM = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEAq7Wm2ZrX9kLp4TvB8nYc3HsJ6dFg1RxA5eUo0iKaQ7Wm2ZrX\n"
    "9kLp4TvB8nYc3HsJ6dFg1RxA5eUo0iKa==\n"
    "-----END RSA PRIVATE KEY-----"
)

POSITIVE = [
    ("AWS_ACCESS_KEY_ID=AKIAQ7WM2ZRX9KLP4TVB", "SECRET_AWS_ACCESS_KEY", "AKIAQ7WM2ZRX9KLP4TVB"),
    (
        'aws_secret_access_key = "q7Wm2ZrX9kLp4TvB8nYc/3HsJ6dFg1RxA5eUo0iK"',
        "SECRET_AWS_SECRET_KEY",
        "q7Wm2ZrX9kLp4TvB8nYc/3HsJ6dFg1RxA5eUo0iK",
    ),
    (f"token ghp_{B62[:36]} expired", "SECRET_GITHUB_TOKEN", f"ghp_{B62[:36]}"),
    (f"github_pat_{B62[:22]}_{B62}abc", "SECRET_GITHUB_TOKEN", f"github_pat_{B62[:22]}_{B62}abc"),
    ("glpat-Q7Wm2ZrX9kLp4TvB8nYc", "SECRET_GITLAB_TOKEN", "glpat-Q7Wm2ZrX9kLp4TvB8nYc"),
    (
        "xoxb-123456789012-1234567890123-q7Wm2ZrX9kLp4TvB8nYc3HsJ",
        "SECRET_SLACK_TOKEN",
        "xoxb-123456789012-1234567890123-q7Wm2ZrX9kLp4TvB8nYc3HsJ",
    ),
    (f"stripe sk_live_{B62[:24]}", "SECRET_STRIPE_KEY", f"sk_live_{B62[:24]}"),
    (
        f"OPENAI_API_KEY=sk-proj-{B62[:20]}T3BlbkFJ{B62[:20]}",
        "SECRET_OPENAI_KEY",
        f"sk-proj-{B62[:20]}T3BlbkFJ{B62[:20]}",
    ),
    (f"key:\n{PEM}\nthanks", "SECRET_PRIVATE_KEY", PEM),
    (
        "starts with -----BEGIN OPENSSH PRIVATE KEY----- ok?",
        "SECRET_PRIVATE_KEY",
        "-----BEGIN OPENSSH PRIVATE KEY-----",
    ),
    (f"Authorization: Bearer {JWT}", "SECRET_JWT", JWT),
    (
        "DATABASE_URL=postgres://app:S3cr3t-pa55@db.internal:5432/app",
        "SECRET_CONNECTION_STRING",
        "postgres://app:S3cr3t-pa55@db.internal:5432/app",
    ),
    (f"API_KEY={B62}", "SECRET_GENERIC", B62),
    (f'requests.get(u, headers={{"X-Api-Key": "{HEX}"}})', "SECRET_GENERIC", HEX),
    (f'export SERVICE_TOKEN="{B62[:32]}"', "SECRET_GENERIC", B62[:32]),
    (f"api_{B62[:32]} leaked", "SECRET_GENERIC", f"api_{B62[:32]}"),
    ('db_password: "Winter2024!x"', "SECRET_PASSWORD", "Winter2024!x"),
    (
        "SG." + B62[:22] + "." + B62 + "abc",
        "SECRET_SENDGRID_KEY",
        "SG." + B62[:22] + "." + B62 + "abc",
    ),
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVE)
def test_positive(engine: DlpEngine, text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(engine, text)


NEGATIVE = [
    "token: AKIAXXXXXXXXXXXXXXXX  # filled in by CI",
    "Replace <YOUR_API_KEY> with the real one",
    "GITHUB_TOKEN=${GITHUB_TOKEN}",
    "token = ghp_" + "x" * 36,
    "SLACK_TOKEN=xoxb-your-bot-token",
    "api_key: sk-REDACTED",
    "password = changeme",
    "password: ********",
    'password = os.environ["DB_PASSWORD"]',
    "secret: {{ secrets.DEPLOY_KEY }}",
    "commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b merged",
    "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  file.tgz",
    "request_id=4998e76f-6253-4e56-8451-7e1e2788f900 status=200",
    "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq7Wm2ZrX9kLp4TvB8nY\n"
    "-----END PUBLIC KEY-----",
    "Add to authorized_keys: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIq7Wm2ZrX9kLp4TvB8nYc3HsJ6dFg1Rx "
    "deploy",
    "stripe publishable pk_live_" + B62[:24],
    "the key insight is understandingTheArchitecture",
    "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJlc2lnbmF0dXJl",
    "passes: 12",
    "postgres://app:${DB_PASSWORD}@db/app",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(engine: DlpEngine, text: str) -> None:
    assert not [k for k, _ in found(engine, text) if k.startswith("SECRET_")]


def test_pem_block_span_is_whole_block(engine: DlpEngine) -> None:
    text = f"before\n{PEM}\nafter"
    (finding,) = [f for f in engine.analyze(text) if f.kind == "SECRET_PRIVATE_KEY"]
    assert text[finding.start : finding.end] == PEM


def test_vendor_format_beats_generic_on_same_span(engine: DlpEngine) -> None:
    text = f"token = ghp_{B62[:36]}"
    kinds = [f.kind for f in engine.analyze(text)]
    assert kinds == ["SECRET_GITHUB_TOKEN"]


def test_unsigned_jwt_scores_lower(engine: DlpEngine) -> None:
    unsigned = jwt({"sub": "1"}, signed=False)
    (f1,) = engine.analyze(f"t {JWT}")
    (f2,) = engine.analyze(f"t {unsigned}")
    assert f2.score < f1.score
