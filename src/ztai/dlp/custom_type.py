"""Custom sensitive information types and engine settings from config (Purview-style).

Config arrives already parsed (the `config` package reads files); unknown keys, bad
patterns and unknown validators are rejected at load time with `DlpConfigError`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Annotated, Any

import re2
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .card import CardValidator
from .check import Validator, ValueValidator
from .checksum import luhn_ok, mod97_ok
from .context import Context
from .engine import DEFAULT_MIN_SCORE, DlpEngine, TextRecognizer
from .entropy import looks_random
from .errors import DlpConfigError
from .iban import IbanValidator
from .label import DEFAULT_LABELS, DEFAULT_RULES, LabelPolicy, LabelRule, SensitivityLabels
from .national_id import STDNUM_CHECKS, SsnValidator
from .ner import DEFAULT_MODEL as DEFAULT_NER_MODEL
from .network import EmailValidator, Ipv4Validator
from .phone import PhoneValidator
from .placeholder import is_placeholder
from .recognizer import PatternRecognizer
from .registry import RecognizerRegistry, default_registry


def _digits_only(predicate: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda v: predicate("".join(ch for ch in v if ch.isalnum()))


# Named validators a custom type may use (explicit registry: name → validator).
NAMED_VALIDATORS: dict[str, Validator] = {
    "luhn": ValueValidator("luhn", _digits_only(luhn_ok)),
    "mod97": ValueValidator("mod97", _digits_only(mod97_ok)),
    "credit_card": CardValidator(),
    "iban": IbanValidator(),
    "us_ssn": SsnValidator(),
    "email": EmailValidator(),
    "ipv4": Ipv4Validator(),
    "phone": PhoneValidator(),
    "high_entropy": ValueValidator("high_entropy", looks_random),
    "not_placeholder": ValueValidator("not_placeholder", lambda v: not is_placeholder(v)),
    **{name: ValueValidator(name, fn) for name, fn in STDNUM_CHECKS.items()},
}

_Name = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,47}$")]
_Score = Annotated[float, Field(ge=0.0, le=1.0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CustomTypeConfig(_Strict):
    """One custom type: RE2 pattern, optional validator, context words, base score."""

    name: _Name
    pattern: Annotated[str, Field(min_length=1, max_length=4096)]
    validator: str | None = None
    score: _Score = 0.6
    context: tuple[str, ...] = ()
    negative_context: tuple[str, ...] = ()
    context_boost: _Score = 0.3
    context_window: Annotated[int, Field(ge=0, le=512)] = 48
    priority: Annotated[int, Field(ge=0, le=100)] = 20
    description: str = ""


class LabelRuleConfig(_Strict):
    entity: Annotated[str, Field(min_length=1)]
    label: str
    min_score: _Score = 0.0
    min_count: Annotated[int, Field(ge=1)] = 1


class DlpConfig(_Strict):
    """The `dlp:` section of the settings tree."""

    min_score: _Score = DEFAULT_MIN_SCORE
    custom_types: tuple[CustomTypeConfig, ...] = ()
    disabled: tuple[str, ...] = ()
    labels: tuple[str, ...] = DEFAULT_LABELS
    label_rules: tuple[LabelRuleConfig, ...] | None = None
    default_label: str = "General"
    ner: bool = False
    ner_model: str = DEFAULT_NER_MODEL


def _validator(name: str | None) -> Validator | None:
    if name is None:
        return None
    if name in NAMED_VALIDATORS:
        return NAMED_VALIDATORS[name]
    if name.startswith("stdnum:"):
        module_name = name.removeprefix("stdnum:")
        if not module_name or not all(ch.isalnum() or ch in "._" for ch in module_name):
            raise DlpConfigError(f"invalid stdnum validator {name!r}")
        try:
            module = importlib.import_module(f"stdnum.{module_name}")
        except ImportError:
            raise DlpConfigError(f"unknown stdnum module {module_name!r}") from None
        is_valid = getattr(module, "is_valid", None)
        if not callable(is_valid):
            raise DlpConfigError(f"stdnum module {module_name!r} has no is_valid")
        return ValueValidator(name, lambda v: bool(is_valid(v)))
    raise DlpConfigError(f"unknown validator {name!r}")


def custom_recognizer(cfg: CustomTypeConfig) -> PatternRecognizer:
    try:
        re2.compile(cfg.pattern)
    except re2.error:
        raise DlpConfigError(f"custom type {cfg.name}: pattern is not valid RE2") from None
    context = None
    if cfg.context or cfg.negative_context:
        context = Context(
            words=tuple(w.lower() for w in cfg.context),
            negative=tuple(w.lower() for w in cfg.negative_context),
            boost=cfg.context_boost,
            before=cfg.context_window,
            after=cfg.context_window // 2,
        )
    return PatternRecognizer(
        id=f"dlp.custom.{cfg.name.lower()}",
        entity=cfg.name,
        pattern=cfg.pattern,
        score=cfg.score,
        validator=_validator(cfg.validator),
        context=context,
        priority=cfg.priority,
        description=cfg.description,
    )


def load_config(raw: Mapping[str, Any] | DlpConfig) -> DlpConfig:
    if isinstance(raw, DlpConfig):
        return raw
    try:
        return DlpConfig.model_validate(dict(raw))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise DlpConfigError(f"invalid dlp config: {problems}") from None


def build_registry(config: DlpConfig) -> RecognizerRegistry:
    disabled = set(config.disabled)
    registry = RecognizerRegistry(
        r for r in default_registry() if r.id not in disabled and r.entity not in disabled
    )
    for cfg in config.custom_types:
        registry.add(custom_recognizer(cfg))
    return registry


def build_engine(raw: Mapping[str, Any] | DlpConfig) -> DlpEngine:
    """An engine from config; NER is constructed (and fails loudly) only when enabled."""
    config = load_config(raw)
    ner: TextRecognizer | None = None
    if config.ner:
        from .ner import PresidioNerRecognizer  # optional extra: import only when asked

        ner = PresidioNerRecognizer(model=config.ner_model)
    return DlpEngine(build_registry(config), min_score=config.min_score, ner=ner)


def build_label_policy(raw: Mapping[str, Any] | DlpConfig) -> LabelPolicy:
    config = load_config(raw)
    rules = (
        DEFAULT_RULES
        if config.label_rules is None
        else tuple(
            LabelRule(r.entity, r.label, r.min_score, r.min_count) for r in config.label_rules
        )
    )
    return LabelPolicy(SensitivityLabels(config.labels), rules, config.default_label)
