"""Actions as obligations: what the caller must do with a text, decided from label and types."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ztai.domain.finding import Finding

from .label import LabelDecision, entity_matches


class Action(StrEnum):
    """Ordered from least to most restrictive; the most restrictive matching rule wins."""

    ALLOW = "allow"
    AUDIT = "audit"
    MASK = "mask"
    PSEUDONYMIZE = "pseudonymize"
    REDACT = "redact"
    BLOCK = "block"

    @property
    def severity(self) -> int:
        return list(Action).index(self)


@dataclass(frozen=True, slots=True)
class ActionRule:
    """Match on a label *or* on an entity pattern (`SECRET_*`), never both."""

    action: Action
    label: str | None = None
    entity: str | None = None

    @property
    def id(self) -> str:
        target = f"label={self.label}" if self.label is not None else f"entity={self.entity}"
        return f"action:{target}->{self.action.value}"


@dataclass(frozen=True, slots=True)
class Obligation:
    """What the caller must apply. `findings` are the spans the action covers.

    Safe to log: `to_dict` carries types, counts and rule ids, never matched values.
    """

    action: Action
    label: str
    findings: tuple[Finding, ...]
    rules: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "action": self.action.value,
            "label": self.label,
            "counts": dict(Counter(f.kind for f in self.findings)),
            "rules": list(self.rules),
        }


DEFAULT_ACTION_RULES: tuple[ActionRule, ...] = (
    ActionRule(Action.AUDIT, label="Confidential"),
    ActionRule(Action.REDACT, label="Highly Confidential"),
    ActionRule(Action.BLOCK, entity="SECRET_*"),
)


@dataclass(frozen=True, slots=True)
class ActionPolicy:
    """Maps a label decision and findings to one obligation (default: allow)."""

    rules: tuple[ActionRule, ...] = DEFAULT_ACTION_RULES
    default: Action = Action.ALLOW

    def decide(self, decision: LabelDecision, findings: Sequence[Finding]) -> Obligation:
        action, matched = self.default, ["action:default"]
        for rule in self.rules:
            if rule.label is not None:
                hit = rule.label == decision.label
            else:
                hit = any(entity_matches(rule.entity or "", f.kind) for f in findings)
            if not hit:
                continue
            if rule.action.severity > action.severity:
                action, matched = rule.action, [rule.id]
            elif rule.action == action:
                matched.append(rule.id)
        return Obligation(action, decision.label, tuple(findings), tuple(matched))
