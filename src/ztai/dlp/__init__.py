"""Sensitive-data detection: recognizers → registry → engine, labels, redaction, pseudonyms."""

from ztai.domain.finding import Finding

from .engine import DlpEngine
from .redaction import mask, redact
from .registry import RecognizerRegistry, default_registry

DlpFinding = Finding

__all__ = [
    "DlpEngine",
    "DlpFinding",
    "Finding",
    "RecognizerRegistry",
    "default_registry",
    "mask",
    "redact",
]
