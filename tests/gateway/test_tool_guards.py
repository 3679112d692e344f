"""ToolGuards on their own: argument labels, ceilings (fail closed), tier fallbacks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ztai.config.settings import McpSettings
from ztai.dlp import Classifier, DlpEngine
from ztai.gateway.llm.limits import MemoryRateLimiter
from ztai.gateway.mcp.guards import ToolGuards
from ztai.storage.catalog import ToolRecord

LABELS = ("Public", "General", "Confidential", "Highly Confidential")
TOOL = ToolRecord("search", "web", {}, "pin", "high", False, "pinned", "now")


@pytest.fixture(scope="module")
def guards() -> ToolGuards:
    return ToolGuards(Classifier(DlpEngine()), LABELS, McpSettings(), MemoryRateLimiter())


@pytest.mark.parametrize(
    ("arguments", "label", "types"),
    [
        ({"query": "weather in Oslo"}, "General", ()),
        ({"to": {"email": ["jane.doe@example.com"]}}, "Confidential", ("EMAIL_ADDRESS",)),
        ({"card": "4111 1111 1111 1111", "n": 3}, "Highly Confidential", ("CREDIT_CARD",)),
        ({"nested": [{"key": "AKIAZ7Q4WXN2LMB5KT3R"}]}, "Highly Confidential", None),
    ],
)
def test_arguments_are_labelled_and_previews_redacted(
    guards: ToolGuards, arguments: dict[str, object], label: str, types: tuple[str, ...] | None
) -> None:
    result = guards.classify(arguments)
    assert result.label == label and result.rank == LABELS.index(label)
    if types is not None:
        assert result.types == types
    for secret in ("jane.doe", "4111 1111", "AKIAZ7Q4WXN2LMB5KT3R"):
        assert secret not in result.preview


def test_ceilings_by_tool_tier_and_off_scale(guards: ToolGuards) -> None:
    confidential = guards.classify({"to": "jane.doe@example.com"})
    general = guards.classify({"query": "weather"})
    assert guards.exceeds(confidential, TOOL, "external")  # external default: General
    assert not guards.exceeds(general, TOOL, "external")
    assert not guards.exceeds(confidential, TOOL, "internal")  # no ceiling by default
    assert guards.exceeds(general, replace(TOOL, max_label="Public"), "internal")
    assert guards.exceeds(general, replace(TOOL, max_label="Renamed"), "internal")
    assert guards.exceeds(confidential, TOOL, "unknown-tier")  # the strictest defaults


def test_hold_time_falls_back_to_the_tier(guards: ToolGuards) -> None:
    assert guards.wait_seconds(TOOL, "external") == 0
    assert guards.wait_seconds(replace(TOOL, approval_wait_seconds=30), "external") == 30
