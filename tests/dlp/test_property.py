"""Property tests: arbitrary text never crashes; spans are in bounds, sorted and disjoint."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ztai.dlp import DlpEngine, Pseudonymizer, redact, rehydrate
from ztai.dlp.engine import _greedy, resolve_overlaps
from ztai.dlp.recognizer import Verdict
from ztai.domain.finding import Finding

# Fragments that steer random text towards the recognizers' shapes.
FRAGMENTS = st.sampled_from(
    [
        "4111 1111 1111 1111",
        "123-45-6788",
        "@",
        ".",
        ":",
        "::",
        "-----BEGIN PRIVATE KEY-----",
        "-----END PRIVATE KEY-----",
        "eyJ",
        "key=",
        "password: ",
        "ghp_",
        "AKIA",
        "https://",
        "+44 ",
        "DE89",
        "\ud800",
        "é",
        "👋",
        "\n",
        "0",
        "9",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), FRAGMENTS), max_size=25).map("".join)

SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=TEXT)
def test_spans_in_bounds_sorted_disjoint(engine: DlpEngine, text: str) -> None:
    findings = engine.analyze(text)
    last_end = 0
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= last_end
        assert 0.0 <= f.score <= 1.0
        assert f.kind and f.detector and f.explanation
        last_end = f.end


@SETTINGS
@given(text=TEXT)
def test_deterministic(engine: DlpEngine, text: str) -> None:
    assert engine.analyze(text) == engine.analyze(text)


@SETTINGS
@given(text=TEXT)
def test_redaction_removes_every_finding(engine: DlpEngine, text: str) -> None:
    findings = engine.analyze(text)
    redacted = redact(text, findings, placeholder=lambda _kind: "\x00")
    outside, pos = [], 0
    for f in findings:
        outside.append(text[pos : f.start])
        pos = f.end
    outside.append(text[pos:])
    assert redacted == "\x00".join(outside)
    for f in findings:
        value = text[f.start : f.end]
        if "\x00" not in value and not any(value in piece for piece in outside):
            assert value not in redacted


@SETTINGS
@given(text=TEXT)
def test_pseudonymize_round_trip(engine: DlpEngine, text: str) -> None:
    key = bytes(32)
    findings = engine.analyze(text)
    result = Pseudonymizer(key).pseudonymize(text, findings)
    if "<" not in text:
        assert rehydrate(result.text, result.sealed_mapping, key) == text


# Verdicts on a short line, so that spans overlap, nest, touch and repeat.
VERDICT = st.builds(
    lambda start, length, priority, score, distance: Verdict(
        Finding("t", "T", start, start + length, score), priority, distance
    ),
    st.integers(0, 40),
    st.integers(1, 12),
    st.sampled_from([3, 10, 32]),
    st.sampled_from([0.4, 0.6, 0.8]),
    st.integers(0, 3),
)


@given(st.lists(VERDICT, max_size=30))
def test_overlaps_resolved_per_cluster_as_one_greedy_pass(verdicts: list[Verdict]) -> None:
    # Clusters of overlapping verdicts are resolved separately; the result must be the
    # single greedy pass over all of them, ties broken by input order.
    assert resolve_overlaps(verdicts) == _greedy(verdicts)
