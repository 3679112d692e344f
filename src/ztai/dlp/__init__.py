"""Sensitive-data detection: recognizers → registry → engine, labels, redaction, pseudonyms.

engine = DlpEngine()
findings = engine.analyze(text)                  # detect (never edits text)
label = LabelPolicy().decide(findings).label     # label: highest rule reached
safe = redact(text, findings)                    # enforce, as a separate step
"""

from ztai.domain.finding import Finding

from .action import Action, ActionPolicy, ActionRule, Obligation
from .analyzer_result import analyze_presidio, to_presidio
from .check import Check, Validator, ValueValidator
from .classification import Classification, Classifier, classify
from .context import Context
from .custom_type import CustomTypeConfig, DlpConfig, build_engine, build_label_policy
from .engine import DlpEngine, TextRecognizer
from .errors import DlpBlocked, DlpConfigError, NerUnavailable, SealedMappingError
from .label import DEFAULT_LABELS, LabelDecision, LabelPolicy, LabelRule, SensitivityLabels
from .pseudonym import Pseudonymized, Pseudonymizer, StreamRehydrator, rehydrate
from .recognizer import PatternRecognizer, Recognizer
from .redaction import mask, redact
from .registry import RecognizerRegistry, default_registry

DlpFinding = Finding

__all__ = [
    "DEFAULT_LABELS",
    "Action",
    "ActionPolicy",
    "ActionRule",
    "Check",
    "Classification",
    "Classifier",
    "Context",
    "CustomTypeConfig",
    "DlpBlocked",
    "DlpConfig",
    "DlpConfigError",
    "DlpEngine",
    "DlpFinding",
    "Finding",
    "LabelDecision",
    "LabelPolicy",
    "LabelRule",
    "NerUnavailable",
    "Obligation",
    "PatternRecognizer",
    "Pseudonymized",
    "Pseudonymizer",
    "Recognizer",
    "RecognizerRegistry",
    "SealedMappingError",
    "SensitivityLabels",
    "StreamRehydrator",
    "TextRecognizer",
    "Validator",
    "ValueValidator",
    "analyze_presidio",
    "build_engine",
    "build_label_policy",
    "classify",
    "default_registry",
    "mask",
    "redact",
    "rehydrate",
    "to_presidio",
]
