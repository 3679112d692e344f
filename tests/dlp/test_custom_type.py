"""Custom sensitive information types from config (pattern + validator + context words)."""

from __future__ import annotations

import importlib.util

import pytest

from ztai.dlp import DlpConfigError, NerUnavailable, build_engine, build_label_policy

EMPLOYEE = {
    "name": "EMPLOYEE_ID",
    "pattern": r"\bEMP-\d{6}\b",
    "score": 0.4,
    "context": ["employee", "staff id"],
    "context_boost": 0.3,
}


def test_custom_type_with_context() -> None:
    engine = build_engine({"custom_types": [EMPLOYEE]})
    assert engine.analyze("ticket EMP-123456") == ()
    (finding,) = engine.analyze("employee EMP-123456 joined")
    assert finding.kind == "EMPLOYEE_ID"
    assert finding.detector == "dlp.custom.employee_id"
    assert "context word 'employee'" in finding.explanation


def test_custom_type_with_named_validator() -> None:
    cfg = {"name": "LOYALTY_CARD", "pattern": r"\b\d{12}\b", "validator": "luhn", "score": 0.7}
    engine = build_engine({"custom_types": [cfg], "disabled": ["IN_AADHAAR"]})
    assert [f.kind for f in engine.analyze("card 123456789015")] == ["LOYALTY_CARD"]
    assert engine.analyze("card 123456789012") == ()


def test_custom_type_with_stdnum_validator() -> None:
    cfg = {"name": "NL_BSN", "pattern": r"\b\d{9}\b", "validator": "stdnum:nl.bsn", "score": 0.7}
    engine = build_engine({"custom_types": [cfg]})
    assert any(f.kind == "NL_BSN" for f in engine.analyze("bsn 111222333"))
    assert not any(f.kind == "NL_BSN" for f in engine.analyze("bsn 111222334"))


@pytest.mark.parametrize(
    "config",
    [
        {"custom_types": [{**EMPLOYEE, "pattern": "(?<=x)EMP"}]},
        {"custom_types": [{**EMPLOYEE, "pattern": "(unclosed"}]},
        {"custom_types": [{**EMPLOYEE, "validator": "nope"}]},
        {"custom_types": [{**EMPLOYEE, "validator": "stdnum:does.not.exist"}]},
        {"custom_types": [{**EMPLOYEE, "validator": "stdnum:../os"}]},
        {"custom_types": [{**EMPLOYEE, "name": "lower"}]},
        {"custom_types": [{**EMPLOYEE, "score": 2}]},
        {"custom_types": [{**EMPLOYEE, "unknown": 1}]},
        {"custom_types": [EMPLOYEE, EMPLOYEE]},
        {"min_score": -1},
        {"surprise": True},
    ],
)
def test_bad_config_rejected(config: dict[str, object]) -> None:
    with pytest.raises(DlpConfigError):
        build_engine(config)


def test_disable_by_entity_and_min_score() -> None:
    engine = build_engine({"disabled": ["EMAIL_ADDRESS"], "min_score": 0.9})
    assert engine.analyze("a@acme.com") == ()
    assert engine.min_score == 0.9


def test_label_policy_from_config() -> None:
    policy = build_label_policy(
        {
            "labels": ["Open", "Restricted"],
            "default_label": "Open",
            "label_rules": [{"entity": "EMPLOYEE_ID", "label": "Restricted"}],
        }
    )
    assert policy.labels.names == ("Open", "Restricted")
    with pytest.raises(DlpConfigError):
        build_label_policy({"labels": ["A"], "default_label": "B"})


def test_ner_extra_missing_is_a_clear_error() -> None:
    # find_spec, not import: importing Presidio loads spaCy, which takes seconds.
    if importlib.util.find_spec("presidio_analyzer") is not None:
        pytest.skip("presidio installed; the missing-extra path cannot be exercised")
    with pytest.raises(NerUnavailable, match="ztai\\[ner\\]"):
        build_engine({"ner": True})


def test_ner_import_failure_raises_ner_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    import ztai.dlp.ner as ner

    def missing(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(ner.importlib, "import_module", missing)
    with pytest.raises(NerUnavailable) as info:
        ner.PresidioNerRecognizer(model="en_core_web_sm")
    assert info.value.code == "dlp.ner_unavailable"
