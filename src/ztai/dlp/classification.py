"""Classification at ingestion: label a document (e.g. before it enters a RAG store)."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ztai.domain.finding import Finding

from .engine import DlpEngine
from .label import LabelPolicy

# Metadata keys under which a source system may already carry a label (a minimum).
_SOURCE_LABEL_KEYS = ("label", "sensitivity", "sensitivity_label")


@dataclass(frozen=True, slots=True)
class Classification:
    """A document's label, the findings behind it, and the rules that set it.

    `to_dict` is safe to store or log: types, counts and spans, never matched values.
    """

    label: str
    findings: tuple[Finding, ...]
    counts: Mapping[str, int]
    rules: tuple[str, ...]
    source: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "counts": dict(self.counts),
            "rules": list(self.rules),
            "findings": [
                {"type": f.kind, "start": f.start, "end": f.end, "score": f.score}
                for f in self.findings
            ],
            "source": dict(self.source),
        }


class Classifier:
    """Engine + label policy; reuse one instance (compiling the engine is the costly part)."""

    def __init__(self, engine: DlpEngine | None = None, policy: LabelPolicy | None = None):
        self._engine = engine or DlpEngine()
        self._policy = policy or LabelPolicy()

    def classify(
        self, text: str, source_metadata: Mapping[str, object] | None = None
    ) -> Classification:
        source = {str(k): str(v) for k, v in (source_metadata or {}).items()}
        floor = next((source[k] for k in _SOURCE_LABEL_KEYS if k in source), None)
        findings = self._engine.analyze(text)
        decision = self._policy.decide(findings, floor=floor)
        counts = dict(Counter(f.kind for f in findings))
        return Classification(decision.label, findings, counts, decision.rules, source)


@functools.cache
def _default_classifier() -> Classifier:
    return Classifier()


def classify(
    text: str,
    source_metadata: Mapping[str, object] | None = None,
    *,
    classifier: Classifier | None = None,
) -> Classification:
    """Label `text` with the default engine and policy (or the given classifier)."""
    return (classifier or _default_classifier()).classify(text, source_metadata)
