"""Optional NER recognizer (PERSON, LOCATION, ORGANIZATION) via Presidio + spaCy, lazily.

Install with `pip install 'ztai[ner]'` plus a spaCy model. Off by default: model-based NER
is orders of magnitude slower than the pattern pass and is not needed for credentials or
validated identifiers.
"""

from __future__ import annotations

import importlib
from typing import Any

from ztai.domain.finding import Finding

from .errors import NerUnavailable

NER_ENTITIES = ("PERSON", "LOCATION", "ORGANIZATION")
# spaCy refuses texts above its max_length (1e6 chars by default); NER runs per window.
_WINDOW = 100_000


def _windows(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + _WINDOW)
        if end < len(text):
            cut = text.rfind(" ", pos + _WINDOW // 2, end)
            end = cut if cut > pos else end
        out.append((pos, text[pos:end]))
        pos = end
    return out


class PresidioNerRecognizer:
    """Wraps Presidio's `AnalyzerEngine` restricted to NER entities."""

    id = "dlp.ner.presidio"

    def __init__(
        self,
        *,
        model: str = "en_core_web_lg",
        language: str = "en",
        entities: tuple[str, ...] = NER_ENTITIES,
    ) -> None:
        try:
            # importlib keeps the optional extra out of static imports (and of mypy's view).
            analyzer_module = importlib.import_module("presidio_analyzer")
            nlp_module = importlib.import_module("presidio_analyzer.nlp_engine")
        except ImportError as exc:
            raise NerUnavailable(
                "NER needs the optional extra: pip install 'ztai[ner]' and a spaCy model "
                f"(python -m spacy download {model})"
            ) from exc
        try:
            provider = nlp_module.NlpEngineProvider(
                nlp_configuration={
                    "nlp_engine_name": "spacy",
                    "models": [{"lang_code": language, "model_name": model}],
                }
            )
            self._analyzer: Any = analyzer_module.AnalyzerEngine(
                nlp_engine=provider.create_engine(), supported_languages=[language]
            )
        except (OSError, ValueError) as exc:
            raise NerUnavailable(f"spaCy model {model!r} could not be loaded") from exc
        self._language = language
        self._entities = list(entities)
        self._model = model

    def analyze(self, text: str) -> list[Finding]:
        findings: list[Finding] = []
        for offset, window in _windows(text):
            results = self._analyzer.analyze(
                text=window, entities=self._entities, language=self._language
            )
            for r in results:
                findings.append(
                    Finding(
                        detector=self.id,
                        kind=str(r.entity_type),
                        start=offset + int(r.start),
                        end=offset + int(r.end),
                        score=round(float(r.score), 4),
                        explanation=f"{self.id}: spaCy NER ({self._model})",
                    )
                )
        return findings
