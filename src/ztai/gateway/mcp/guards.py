"""ToolGuards: the per-tool checks around a call — argument label, usage limits, hold time.

Each tool may set its own `max_label`, calls per minute and per day, and approval hold; what
it leaves unset comes from its tier's defaults (`gateway.mcp.<tier>`), external being the
strictest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ztai.config.settings import McpSettings
from ztai.dlp import Classifier, redact
from ztai.gateway.llm.limits import RateLimiter
from ztai.storage.catalog import ToolRecord

_MAX_FLAT_DEPTH = 8


@dataclass(frozen=True, slots=True)
class ArgumentLabel:
    """The arguments' DLP label, its rank on the configured scale, and a redacted preview.
    `types` are entity types only; values never leave this object in clear."""

    label: str
    rank: int
    types: tuple[str, ...]
    preview: str


def _flatten(value: Any, key: str, out: list[str], depth: int = 0) -> None:
    # "key: value" lines keep the context words recognizers look for ("ssn", "iban", …).
    if depth > _MAX_FLAT_DEPTH:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(v, f"{key}.{k}" if key else str(k), out, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _flatten(item, key, out, depth + 1)
    elif value is not None and not isinstance(value, bool):
        out.append(f"{key}: {value}")


class ToolGuards:
    def __init__(
        self,
        classifier: Classifier,
        labels: tuple[str, ...],
        tiers: McpSettings,
        limiter: RateLimiter,
        preview_chars: int = 160,
    ) -> None:
        self._classifier = classifier
        self._labels = labels
        self._tiers = tiers
        self._limiter = limiter
        self._preview = preview_chars

    def rank(self, label: str) -> int:
        # A label off the configured scale counts as above all of it (fail closed).
        return self._labels.index(label) if label in self._labels else len(self._labels)

    def classify(self, arguments: dict[str, Any]) -> ArgumentLabel:
        lines: list[str] = []
        _flatten(arguments, "", lines)
        text = "\n".join(lines)
        result = self._classifier.classify(text)
        preview = redact(text, result.findings)[: self._preview]
        return ArgumentLabel(
            result.label, self.rank(result.label), tuple(sorted(result.counts)), preview
        )

    def max_label(self, tool: ToolRecord, tier: str) -> str | None:
        return tool.max_label or self._tiers.tier(tier).max_label

    def exceeds(self, label: ArgumentLabel, tool: ToolRecord, tier: str) -> bool:
        ceiling = self.max_label(tool, tier)
        if ceiling is None:
            return False
        # A ceiling no longer on the scale (labels renamed in settings) lets nothing through.
        limit = self._labels.index(ceiling) if ceiling in self._labels else -1
        return label.rank > limit

    def wait_seconds(self, tool: ToolRecord, tier: str) -> int:
        if tool.approval_wait_seconds is not None:
            return tool.approval_wait_seconds
        return self._tiers.tier(tier).approval_wait_seconds

    async def reserve(self, agent_id: str, tool: ToolRecord, tier: str) -> None:
        """Count the call before it goes upstream; raises RateLimited or LimitsUnavailable."""
        defaults = self._tiers.tier(tier)
        await self._limiter.reserve_calls(
            f"{agent_id}|tool:{tool.qualified}",
            tool.calls_per_minute or defaults.calls_per_minute,
            tool.calls_per_day or defaults.calls_per_day,
        )
