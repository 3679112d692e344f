"""Engine behaviour: overlaps, offsets on non-ASCII text, bad input, explanations."""

from __future__ import annotations

import itertools

import pytest

from ztai.dlp import DlpEngine, RecognizerRegistry, default_registry
from ztai.domain.finding import Finding

from .conftest import found, luhn_complete

VISA = luhn_complete("4539", 16)


def test_empty_and_whitespace(engine: DlpEngine) -> None:
    assert engine.analyze("") == ()
    assert engine.analyze(" \n\t ") == ()


def test_offsets_are_str_indices_with_non_ascii(engine: DlpEngine) -> None:
    text = f"Ünïcødé 👋🏽 — café card {VISA} ✓ mail zoë@example.org 日本 8.8.4.4"
    for f in engine.analyze(text):
        assert text[f.start : f.end] in {VISA, "8.8.4.4"} or "@" in text[f.start : f.end]
    assert ("CREDIT_CARD", VISA) in found(engine, text)
    assert ("IP_ADDRESS", "8.8.4.4") in found(engine, text)


def test_lone_surrogates_do_not_crash(engine: DlpEngine) -> None:
    text = f"\ud800 bad \udfff card {VISA} \udcff"
    assert ("CREDIT_CARD", VISA) in found(engine, text)


def test_findings_are_sorted_and_disjoint(engine: DlpEngine) -> None:
    text = "mail bob@acme.com at https://acme.com/u/bob@acme.com from 1.2.3.4 " * 3
    findings = engine.analyze(text)
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start


def test_secret_inside_url_wins_over_url(engine: DlpEngine) -> None:
    token = "ghp_" + "q7Wm2ZrX9kLp4TvB8nYc3HsJ6dFg1RxA5eUo"
    text = f"https://api.acme.com/repos?access={token}"
    kinds = {f.kind for f in engine.analyze(text)}
    assert "SECRET_GITHUB_TOKEN" in kinds


def test_nearest_context_decides_between_same_span_types(engine: DlpEngine) -> None:
    text = "Applicant SSN 123-45-6788, passport 512345678."
    assert ("US_PASSPORT", "512345678") in found(engine, text)
    assert ("US_SSN", "123-45-6788") in found(engine, text)


def test_negative_context_lowers_score(engine: DlpEngine) -> None:
    with_card = engine.analyze(f"card {VISA}", min_score=0.0)
    with_order = engine.analyze(f"order {VISA}", min_score=0.0)
    assert with_card[0].score > with_order[0].score


def test_min_score_and_entity_filter(engine: DlpEngine) -> None:
    text = f"card {VISA} mail a@acme.com"
    assert {f.kind for f in engine.analyze(text, entities={"EMAIL_ADDRESS"})} == {"EMAIL_ADDRESS"}
    assert engine.analyze(text, min_score=1.01) == ()
    # Nine bare digits: only weak (context-less) candidates, visible below the threshold.
    assert engine.analyze("id 512345678") == ()
    weak = engine.analyze("id 512345678", min_score=0.0)
    assert weak and all(f.score < engine.min_score for f in weak)


def test_explanations_name_rule_never_value(engine: DlpEngine) -> None:
    text = f"card {VISA} ssn 123-45-6788 key AKIAQ7WM2ZRX9KLP4TVB pw: 'Winter2024!x'"
    findings = engine.analyze(text)
    assert findings
    for f in findings:
        assert f.explanation.startswith(f.detector)
        assert text[f.start : f.end] not in f.explanation
        assert isinstance(f, Finding)


def test_detection_never_rewrites_text(engine: DlpEngine) -> None:
    text = f"card {VISA}"
    before = str(text)
    engine.analyze(text)
    assert text == before


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200_000,
        "1" * 200_000,
        "1." * 100_000,
        "@" * 100_000,
        "a@" * 50_000,
        "key=" * 50_000,
        ":" * 100_000,
        "-----BEGIN PRIVATE KEY-----" * 2_000,
        "eyJ" * 50_000,
        "4111 " * 40_000,
        "https://" * 20_000,
        "\x00\xff" * 50_000,
        "githubtoken " * 20_000,
        '<add key="ApiKey" value=' * 10_000,
        "IDENTIFIED BY '" * 20_000,
        "mysql -p" * 30_000,
        "docker login -p " * 15_000,
        "amqp://u:1?@" * 20_000,
        "<token>" * 30_000,
    ],
)
def test_pathological_inputs_complete(engine: DlpEngine, text: str) -> None:
    findings = engine.analyze(text)
    assert all(0 <= f.start < f.end <= len(text) for f in findings)


def test_large_input_finds_needle_at_the_end(engine: DlpEngine) -> None:
    text = "lorem ipsum dolor sit amet " * 400_000 + f" card {VISA}"
    assert len(text) > 10_000_000
    assert ("CREDIT_CARD", VISA) in found(engine, text)


def test_registry_can_drop_recognizers() -> None:
    registry = RecognizerRegistry(r for r in default_registry() if r.entity != "EMAIL_ADDRESS")
    engine = DlpEngine(registry)
    assert "EMAIL_ADDRESS" not in engine.entities
    assert engine.analyze("mail a@acme.com") == ()


def _every_candidate_verified() -> DlpEngine:
    engine = DlpEngine()
    engine._deferrable = [False] * len(engine._deferrable)  # the plain, unskipped path
    return engine


_KEYWORD_TEXTS = (
    "api_key = 'AKIAQ3EGRTWPLX7M2DHN'  # vendor token under a key word",
    'token: "ghp_q7Wm2ZrX9kLp4TvB8nYc3HsJ6dFg1RxA5eUo" and secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    "password=Tr0ub4dor&3 ssn 123-45-6788 auth_token=xoxb-2048-4096-Zq8Wm2ZrX9kLp4TvB8nYc3Hs",
    "SERVICEAPIKEY=k3Jd9sLq0Pz8Xv7Bn6Mc5Nb4Vx3Cz2Aq card 4539 1488 0343 6467 "
    "key_9c8b7a6f5e4d3c2b1a0f9e8d",
)


@pytest.mark.parametrize("text", _KEYWORD_TEXTS)
def test_skipping_keyword_candidates_under_vendor_secrets_changes_nothing(
    engine: DlpEngine, text: str
) -> None:
    # Keyword candidates overlapping a vendor-format secret are not verified at all; the
    # result must equal the one where every candidate is verified and resolved.
    assert engine.analyze(text) == _every_candidate_verified().analyze(text)
    assert engine.analyze(text, min_score=0.0) == _every_candidate_verified().analyze(
        text, min_score=0.0
    )


def test_vendor_secret_keeps_its_span_against_context_words(engine: DlpEngine) -> None:
    token = "AKIAQ3EGRTWPLX7M2DHN"
    text = f"passport number {token}"
    assert ("SECRET_AWS_ACCESS_KEY", token) in found(engine, text)
