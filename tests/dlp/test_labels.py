"""Sensitivity labels, obligations, classification and the Presidio result shape."""

from __future__ import annotations

import pytest

from ztai.dlp import (
    Action,
    ActionPolicy,
    ActionRule,
    Classifier,
    DlpConfigError,
    DlpEngine,
    LabelPolicy,
    LabelRule,
    SensitivityLabels,
    analyze_presidio,
    classify,
    mask,
    redact,
    to_presidio,
)
from ztai.domain.finding import Finding


def f(kind: str, score: float = 0.9, start: int = 0, end: int = 1) -> Finding:
    return Finding("test", kind, start, end, score)


@pytest.mark.parametrize(
    ("kinds", "label"),
    [
        ((), "General"),
        (("URL",), "General"),
        (("EMAIL_ADDRESS",), "Confidential"),
        (("EMAIL_ADDRESS", "US_SSN"), "Highly Confidential"),
        (("SECRET_GITHUB_TOKEN",), "Highly Confidential"),
        (("CREDIT_CARD", "URL"), "Highly Confidential"),
    ],
)
def test_default_labels(kinds: tuple[str, ...], label: str) -> None:
    assert LabelPolicy().decide([f(k) for k in kinds]).label == label


def test_label_is_the_highest_and_names_its_rule() -> None:
    decision = LabelPolicy().decide([f("EMAIL_ADDRESS"), f("US_SSN")])
    assert decision.rules == ("label:US_SSN->Highly Confidential",)


def test_custom_scale_and_rules() -> None:
    labels = SensitivityLabels(("Open", "Internal", "Secret"))
    policy = LabelPolicy(
        labels,
        (LabelRule("EMAIL_ADDRESS", "Internal", min_count=3), LabelRule("SECRET_*", "Secret")),
        default_label="Open",
    )
    assert policy.decide([f("EMAIL_ADDRESS")] * 2).label == "Open"
    assert policy.decide([f("EMAIL_ADDRESS")] * 3).label == "Internal"
    assert policy.decide([f("SECRET_JWT", 0.4)]).label == "Secret"


def test_min_score_rule() -> None:
    policy = LabelPolicy(rules=(LabelRule("PERSON", "Confidential", min_score=0.8),))
    assert policy.decide([f("PERSON", 0.5)]).label == "General"
    assert policy.decide([f("PERSON", 0.85)]).label == "Confidential"


@pytest.mark.parametrize(
    "bad",
    [
        lambda: SensitivityLabels(()),
        lambda: SensitivityLabels(("A", "A")),
        lambda: LabelPolicy(rules=(LabelRule("X", "Nope"),)),
        lambda: LabelPolicy(default_label="Nope"),
        lambda: LabelPolicy(rules=(LabelRule("X", "General", min_count=0),)),
    ],
)
def test_bad_label_config_rejected(bad: object) -> None:
    with pytest.raises(DlpConfigError):
        bad()  # type: ignore[operator]


def test_source_label_is_a_floor() -> None:
    decision = LabelPolicy().decide([], floor="Confidential")
    assert decision.label == "Confidential"
    assert decision.rules == ("label:source-floor",)


@pytest.mark.parametrize(
    ("kinds", "action"),
    [
        ((), Action.ALLOW),
        (("EMAIL_ADDRESS",), Action.AUDIT),
        (("US_SSN",), Action.REDACT),
        (("SECRET_JWT", "EMAIL_ADDRESS"), Action.BLOCK),
    ],
)
def test_default_actions(kinds: tuple[str, ...], action: Action) -> None:
    findings = [f(k) for k in kinds]
    obligation = ActionPolicy().decide(LabelPolicy().decide(findings), findings)
    assert obligation.action == action


def test_most_restrictive_action_wins_and_obligation_dict_has_no_values() -> None:
    policy = ActionPolicy(
        (
            ActionRule(Action.PSEUDONYMIZE, entity="EMAIL_ADDRESS"),
            ActionRule(Action.MASK, label="Confidential"),
        )
    )
    findings = [f("EMAIL_ADDRESS")]
    obligation = policy.decide(LabelPolicy().decide(findings), findings)
    assert obligation.action == Action.PSEUDONYMIZE
    assert obligation.to_dict() == {
        "action": "pseudonymize",
        "label": "Confidential",
        "counts": {"EMAIL_ADDRESS": 1},
        "rules": ["action:entity=EMAIL_ADDRESS->pseudonymize"],
    }


def test_redact_and_mask() -> None:
    text = "card 4111-1111-1111-1111 to bob@acme.com"
    findings = [f("CREDIT_CARD", start=5, end=24), f("EMAIL_ADDRESS", start=28, end=40)]
    assert redact(text, findings) == "card <CREDIT_CARD> to <EMAIL_ADDRESS>"
    assert mask(text, findings[:1], keep_last=4) == "card ****-****-****-1111 to bob@acme.com"
    assert redact(text, []) == text


def test_redact_ignores_overlapping_and_out_of_range_spans() -> None:
    text = "abcdef"
    findings = [f("A", start=0, end=3), f("B", start=2, end=5), f("C", start=4, end=99)]
    assert redact(text, findings) == "<A>def"


def test_classify_document(engine: DlpEngine) -> None:
    doc = "Employee SSN 123-45-6788, contact hr@acme.com"
    result = Classifier(engine).classify(doc, {"source": "hr-share", "path": "/hr/x.docx"})
    assert result.label == "Highly Confidential"
    assert result.counts == {"US_SSN": 1, "EMAIL_ADDRESS": 1}
    assert result.source["source"] == "hr-share"
    as_dict = result.to_dict()
    assert "123-45-6788" not in str(as_dict)


def test_classify_function_and_floor() -> None:
    assert classify("nothing to see here").label == "General"
    assert classify("nothing", {"label": "Confidential"}).label == "Confidential"


def test_presidio_shape(engine: DlpEngine) -> None:
    text = "mail bob@acme.com"
    assert analyze_presidio(engine, text, "en") == [
        {"entity_type": "EMAIL_ADDRESS", "start": 5, "end": 17, "score": 0.85}
    ]
    assert to_presidio([]) == []
