"""Sensitivity labels: an ordered, configurable scale and rules that map findings onto it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ztai.domain.finding import Finding

from .errors import DlpConfigError

DEFAULT_LABELS: tuple[str, ...] = ("Public", "General", "Confidential", "Highly Confidential")


@dataclass(frozen=True, slots=True)
class SensitivityLabels:
    """Label names from least to most sensitive (Purview-style); order is the semantics."""

    names: tuple[str, ...] = DEFAULT_LABELS

    def __post_init__(self) -> None:
        if not self.names or len(set(self.names)) != len(self.names):
            raise DlpConfigError("labels must be a non-empty list of unique names")
        if any(not isinstance(n, str) or not n.strip() for n in self.names):
            raise DlpConfigError("label names must be non-empty strings")

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def rank(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise DlpConfigError(f"unknown sensitivity label {name!r}") from None

    @property
    def lowest(self) -> str:
        return self.names[0]

    @property
    def highest_label(self) -> str:
        return self.names[-1]

    def highest(self, names: Iterable[str], default: str) -> str:
        best = default
        for name in names:
            if self.rank(name) > self.rank(best):
                best = name
        return best


def entity_matches(pattern: str, kind: str) -> bool:
    """`SECRET_*` matches by prefix, `*` matches all, anything else must be equal."""
    if pattern == "*":
        return True
    if pattern.endswith("*"):
        return kind.startswith(pattern[:-1])
    return kind == pattern


@dataclass(frozen=True, slots=True)
class LabelRule:
    """ "At least `min_count` findings of `entity` with score ≥ `min_score` → `label`"."""

    entity: str
    label: str
    min_score: float = 0.0
    min_count: int = 1

    @property
    def id(self) -> str:
        suffix = f">={self.min_count}" if self.min_count > 1 else ""
        return f"label:{self.entity}{suffix}->{self.label}"

    def applies(self, findings: Sequence[Finding]) -> bool:
        hits = sum(
            1 for f in findings if entity_matches(self.entity, f.kind) and f.score >= self.min_score
        )
        return hits >= self.min_count


@dataclass(frozen=True, slots=True)
class LabelDecision:
    """The text's label (the highest any rule reached) and the rules that reached it."""

    label: str
    rules: tuple[str, ...]


HIGHLY = "Highly Confidential"
DEFAULT_RULES: tuple[LabelRule, ...] = (
    LabelRule("SECRET_*", HIGHLY),
    LabelRule("US_SSN", HIGHLY),
    LabelRule("CREDIT_CARD", HIGHLY),
    LabelRule("IBAN_CODE", HIGHLY),
    LabelRule("US_PASSPORT", HIGHLY),
    LabelRule("US_DRIVER_LICENSE", HIGHLY),
    LabelRule("UK_NINO", HIGHLY),
    LabelRule("DE_TAX_ID", HIGHLY),
    LabelRule("FR_NIR", HIGHLY),
    LabelRule("ES_NIF", HIGHLY),
    LabelRule("IN_AADHAAR", HIGHLY),
    LabelRule("IT_FISCAL_CODE", HIGHLY),
    LabelRule("NL_BSN", HIGHLY),
    LabelRule("PL_PESEL", HIGHLY),
    LabelRule("BR_CPF", HIGHLY),
    LabelRule("IN_PAN", HIGHLY),
    LabelRule("EMAIL_ADDRESS", "Confidential"),
    LabelRule("PHONE_NUMBER", "Confidential"),
    LabelRule("PERSON", "Confidential"),
    LabelRule("IP_ADDRESS", "Confidential"),
    LabelRule("LOCATION", "General"),
    LabelRule("ORGANIZATION", "General"),
    LabelRule("DATE_TIME", "General"),
    LabelRule("URL", "General"),
)


@dataclass(frozen=True, slots=True)
class LabelPolicy:
    """Rules over one label scale; a text with no matching rule gets `default_label`."""

    labels: SensitivityLabels = field(default_factory=SensitivityLabels)
    rules: tuple[LabelRule, ...] = DEFAULT_RULES
    default_label: str = "General"

    def __post_init__(self) -> None:
        self.labels.rank(self.default_label)
        for rule in self.rules:
            self.labels.rank(rule.label)
            if rule.min_count < 1 or not 0.0 <= rule.min_score <= 1.0:
                raise DlpConfigError(f"rule {rule.id}: min_count ≥ 1 and 0 ≤ min_score ≤ 1")

    def decide(self, findings: Sequence[Finding], *, floor: str | None = None) -> LabelDecision:
        """Highest label reached; `floor` (a label the source already carries) is a minimum."""
        start = floor if floor is not None and floor in self.labels else self.default_label
        reached = [(rule.label, rule.id) for rule in self.rules if rule.applies(findings)]
        label = self.labels.highest((name for name, _ in reached), start)
        rules = tuple(rid for name, rid in reached if name == label)
        if floor is not None and label == floor and not rules:
            rules = ("label:source-floor",)
        return LabelDecision(label, rules)

    def counts(self, findings: Iterable[Finding]) -> dict[str, int]:
        return dict(Counter(f.kind for f in findings))
