"""Plugin: the seam for an optional local transformer classifier (none ships; off by default)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ztai.shield.categories import Surface


class PromptClassifier(Protocol):
    """A model the operator has on disk, e.g. a fine-tuned DeBERTa prompt-injection model.

    `logit` returns log-odds of attack; the shield blends it with its own calibrated logit.
    Implementations must be thread-safe and must not download anything at run time.
    """

    def logit(self, text: str, surface: Surface) -> float: ...


PluginFactory = Callable[[Path], PromptClassifier]

# Registered explicitly by id; the shield never imports a heavy ML stack by itself.
CLASSIFIER_PLUGINS: dict[str, PluginFactory] = {}


def register_plugin(name: str, factory: PluginFactory) -> None:
    if name in CLASSIFIER_PLUGINS:
        raise ValueError(f"classifier plugin {name!r} is already registered")
    CLASSIFIER_PLUGINS[name] = factory


def load_plugin(name: str, path: Path) -> PromptClassifier:
    try:
        factory = CLASSIFIER_PLUGINS[name]
    except KeyError:
        raise ValueError(f"no classifier plugin named {name!r}") from None
    return factory(path)
