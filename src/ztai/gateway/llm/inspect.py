"""Detect on the way in: the prompt shield on what users and tools say, DLP on everything.

Detectors only observe; this module collects their findings per text so the pipeline can
decide and then rewrite (redact, pseudonymize, spotlight) in a separate step.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ztai.dlp import DlpEngine
from ztai.dlp.label import LabelPolicy
from ztai.domain.finding import Finding
from ztai.gateway.llm.schema import ChatRequest, message_texts, unscanned_parts
from ztai.shield import PromptShield, Surface

# Who wrote the text decides how the shield reads it (user prompt vs grounded content).
SURFACE_BY_ROLE: dict[str, Surface] = {"user": "user", "tool": "document", "function": "document"}
SECRET_PREFIX = "SECRET_"


@dataclass(frozen=True, slots=True)
class ShieldHit:
    message: int
    surface: str
    categories: tuple[str, ...]
    score: float


@dataclass
class Inspection:
    shield_hits: list[ShieldHit] = field(default_factory=list)
    findings: dict[str, tuple[Finding, ...]] = field(default_factory=dict)  # text → findings
    label: str = "General"
    label_rank: int = 1
    unscanned_parts: int = 0  # images, audio, files: forwarded or refused, never read

    def kinds(self) -> set[str]:
        return {f.kind for fs in self.findings.values() for f in fs}

    @property
    def secrets(self) -> set[str]:
        return {k for k in self.kinds() if k.startswith(SECRET_PREFIX)}

    @property
    def attack(self) -> bool:
        return bool(self.shield_hits)

    def context_findings(self) -> list[str]:
        """`context.findings` for policy: shield categories and DLP entity types."""
        shield = {f"shield.{c}" for hit in self.shield_hits for c in hit.categories}
        return sorted(shield | self.kinds())


class _Memo:
    """Verdicts by exact text: chat clients resend the whole history every turn, so most
    texts of a request were already inspected. Bounded in entries and in text size."""

    def __init__(self, entries: int = 4096, max_chars: int = 65_536) -> None:
        self._entries = entries
        self._max_chars = max_chars
        self._data: OrderedDict[tuple[str, str], Any] = OrderedDict()

    def get(self, key: tuple[str, str], compute: Callable[[], Any]) -> Any:
        if len(key[1]) > self._max_chars:
            return compute()
        hit = self._data.get(key)
        if hit is not None:
            self._data.move_to_end(key)
            return hit
        value = compute()
        self._data[key] = value
        if len(self._data) > self._entries:
            self._data.popitem(last=False)
        return value


class Inspector:
    def __init__(
        self, shield: PromptShield, dlp: DlpEngine, labels: tuple[str, ...], policy: LabelPolicy
    ) -> None:
        self._shield = shield
        self._dlp = dlp
        self._labels = labels
        self._label_policy = policy
        self._memo = _Memo()

    def inspect(self, request: ChatRequest) -> Inspection:
        result = Inspection()
        all_findings: list[Finding] = []
        for index, message in enumerate(request.messages):
            result.unscanned_parts += unscanned_parts(message)
            surface = SURFACE_BY_ROLE.get(message.role)
            for text in message_texts(message):
                if not text:
                    continue
                if surface is not None:
                    verdict = self._memo.get(
                        (surface, text), functools.partial(self._shield.scan, text, surface)
                    )
                    if verdict.attack:
                        result.shield_hits.append(
                            ShieldHit(index, surface, verdict.categories, verdict.score)
                        )
                if text not in result.findings:
                    found = self._memo.get(
                        ("dlp", text), functools.partial(self._dlp.analyze, text)
                    )
                    result.findings[text] = found
                    all_findings.extend(found)
        decision = self._label_policy.decide(all_findings)
        result.label = decision.label
        result.label_rank = (
            self._labels.index(decision.label)
            if decision.label in self._labels
            else len(self._labels)
        )
        return result


def rewrite_messages(
    messages: list[dict[str, Any]], rewrite: Callable[[str, str], str]
) -> list[dict[str, Any]]:
    """Apply `rewrite(text, role)` to every text a model or tool reads; other parts as-is."""
    out = []
    for message in messages:
        role = str(message.get("role"))
        copy = dict(message)
        content = copy.get("content")
        if isinstance(content, str):
            copy["content"] = rewrite(content, role)
        elif isinstance(content, list):
            copy["content"] = [
                {**part, "text": rewrite(str(part.get("text", "")), role)}
                if isinstance(part, dict) and part.get("type") == "text"
                else part
                for part in content
            ]
        if copy.get("tool_calls"):
            calls = []
            for original in copy["tool_calls"]:
                call = original
                function = call.get("function") if isinstance(call, dict) else None
                if isinstance(function, dict) and isinstance(function.get("arguments"), str):
                    call = {
                        **call,
                        "function": {**function, "arguments": rewrite(function["arguments"], role)},
                    }
                calls.append(call)
            copy["tool_calls"] = calls
        out.append(copy)
    return out
