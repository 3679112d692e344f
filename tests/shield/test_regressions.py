"""Regression corpus: misses and false alarms fixed during development stay fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ztai.shield import PromptShield

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "regressions.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_regression(shield: PromptShield, case: dict[str, object]) -> None:
    result = shield.scan(str(case["text"]), case["surface"])  # type: ignore[arg-type]
    assert result.attack is case["attack"], result.explanation


def test_one_giant_token_is_decoded_from_a_bounded_prefix(shield: PromptShield) -> None:
    # Was: base64-decoding a 256K-character run dominated the time budget.
    result = shield.scan("A" * 300_000)
    assert not result.attack
