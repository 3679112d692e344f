"""Shared fixtures: one shield per test session (construction compiles rules, loads weights)."""

from __future__ import annotations

import pytest

from ztai.shield import PromptShield


@pytest.fixture(scope="session")
def shield() -> PromptShield:
    return PromptShield()
