"""RecognizerRegistry: the explicit list of recognizers an engine runs (id → recognizer)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .errors import DlpConfigError
from .pii_catalog import pii_recognizers
from .recognizer import Recognizer
from .secret_catalog import secret_recognizers


class RecognizerRegistry:
    """Holds recognizers by id; ids are unique and stable (they appear in explanations)."""

    def __init__(self, recognizers: Iterable[Recognizer] = ()) -> None:
        self._by_id: dict[str, Recognizer] = {}
        for recognizer in recognizers:
            self.add(recognizer)

    def add(self, recognizer: Recognizer) -> None:
        if recognizer.id in self._by_id:
            raise DlpConfigError(f"duplicate recognizer id {recognizer.id!r}")
        self._by_id[recognizer.id] = recognizer

    def remove(self, recognizer_id: str) -> None:
        self._by_id.pop(recognizer_id, None)

    def get(self, recognizer_id: str) -> Recognizer:
        return self._by_id[recognizer_id]

    def __iter__(self) -> Iterator[Recognizer]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(r.entity for r in self._by_id.values())


def default_registry() -> RecognizerRegistry:
    """Every built-in PII and credential recognizer (no NER: that is an opt-in extra)."""
    return RecognizerRegistry([*pii_recognizers(), *secret_recognizers()])
