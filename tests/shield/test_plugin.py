"""The transformer plugin seam: registered explicitly, off by default, blended when given."""

from __future__ import annotations

from pathlib import Path

import pytest

from ztai.shield import CLASSIFIER_PLUGINS, PromptShield, register_plugin
from ztai.shield.categories import Surface
from ztai.shield.plugin import load_plugin


class _Always:
    def __init__(self, value: float) -> None:
        self.value = value

    def logit(self, text: str, surface: Surface) -> float:
        return self.value


def test_no_plugin_by_default() -> None:
    assert CLASSIFIER_PLUGINS == {}


def test_plugin_logit_is_blended(shield: PromptShield) -> None:
    text = "Tell me a joke about penguins."
    plain = shield.scan(text).score
    boosted = PromptShield(model=shield.model, plugin=_Always(20.0)).scan(text).score
    assert boosted > plain


def test_registry_rejects_duplicates_and_unknown_names() -> None:
    register_plugin("test-const", lambda path: _Always(0.0))
    try:
        assert load_plugin("test-const", Path(".")).logit("x", "user") == 0.0
        with pytest.raises(ValueError):
            register_plugin("test-const", lambda path: _Always(1.0))
        with pytest.raises(ValueError):
            load_plugin("missing", Path("."))
    finally:
        CLASSIFIER_PLUGINS.pop("test-const", None)
