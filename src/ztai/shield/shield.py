"""PromptShield: turns the evidence for one text into a calibrated, explained verdict."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ztai.domain.finding import Finding
from ztai.shield.categories import (
    INJECTION_DIRECT,
    INJECTION_INDIRECT,
    JAILBREAK_ENCODING,
    JAILBREAK_SUFFIX,
    OBFUSCATION_HOMOGLYPH,
    OBFUSCATION_INVISIBLE,
    SURFACES,
    Surface,
    category_for,
)
from ztai.shield.classifier import LinearModel, load_model, sigmoid
from ztai.shield.evidence import Evidence, EvidenceCollector
from ztai.shield.plugin import PromptClassifier
from ztai.shield.result import ShieldResult
from ztai.shield.rulebook import RULES
from ztai.shield.rulebook_addressed import RULES_ADDRESSED
from ztai.shield.rulebook_indirect import RULES_INDIRECT
from ztai.shield.rulebook_intl import RULES_INTL
from ztai.shield.rulebook_intl_more import RULES_INTL_MORE
from ztai.shield.rulebook_persona import RULES_PERSONA
from ztai.shield.rules import RuleMatcher
from ztai.shield.settings import TAIL_CHARS, ShieldSettings

DETECTOR = "shield"
# A rule must carry at least this much evidence to name its category in a verdict.
CATEGORY_MIN_WEIGHT = 1.0
PAYLOAD_ATTACK_LOGIT = 0.0


class PromptShield:
    """Detects prompt injection, jailbreaks and encoding tricks.

    Build once (loads weights and compiles rules, ~1 s); `scan` is synchronous, keeps no
    per-call state on the instance and is safe to call from many threads.
    """

    def __init__(
        self,
        settings: ShieldSettings | None = None,
        *,
        model: LinearModel | None = None,
        model_path: Path | None = None,
        plugin: PromptClassifier | None = None,
        plugin_weight: float = 0.5,
    ) -> None:
        self.settings = settings or ShieldSettings()
        self.model = model or load_model(model_path)
        self._collector = EvidenceCollector(
            self.model,
            RuleMatcher(
                RULES
                + RULES_INTL
                + RULES_INTL_MORE
                + RULES_ADDRESSED
                + RULES_INDIRECT
                + RULES_PERSONA
            ),
            self.settings.allow_phrases,
        )
        self._plugin = plugin
        self._plugin_weight = plugin_weight
        level = self.settings.sensitivity
        self.threshold = (
            self.settings.threshold
            if self.settings.threshold is not None
            else self.model.thresholds[level]
        )
        # Per-surface operating points when the model has them; an explicit threshold
        # applies to both surfaces.
        self._thresholds: dict[Surface, float] = {
            surface: (
                self.settings.threshold
                if self.settings.threshold is not None
                else self.model.thresholds.get(f"{level}@{surface}", self.threshold)
            )
            for surface in SURFACES
        }

    def threshold_for(self, surface: Surface) -> float:
        return self._thresholds[surface]

    def evidence(self, text: str, surface: Surface = "user") -> Evidence:
        """The raw signals (used by the training and evaluation scripts)."""
        return self._collector.collect(text, surface)

    def logit(self, evidence: Evidence) -> float:
        """Calibrated log-odds: the text's own stack, or a decoded payload's if higher."""
        coef = self.model.calibration
        best = float(np.dot(coef, evidence.vector()))
        for vector in evidence.payload_vectors():
            best = max(best, float(np.dot(coef, vector)))
        return best

    def probability(self, evidence: Evidence) -> float:
        return sigmoid(self.logit(evidence))

    def scan(
        self, text: str, surface: Surface = "user", *, source: str | None = None
    ) -> ShieldResult:
        if surface not in SURFACES:
            raise ValueError(f"surface must be one of {SURFACES}, not {surface!r}")
        if not isinstance(text, str):
            raise TypeError("text must be a str")
        scanned, truncated = self._window(text)
        evidence = self._collector.collect(scanned, surface)
        logit = self.logit(evidence)
        if self._plugin is not None:
            extra = self._plugin.logit(scanned, surface)
            logit = (1 - self._plugin_weight) * logit + self._plugin_weight * extra
        score = sigmoid(logit)
        threshold = self._thresholds[surface]
        detected = score >= threshold
        allowed_source = source is not None and source in self.settings.allow_sources
        enforced = self.settings.mode == "enforce" and not allowed_source
        categories = self._categories(evidence, detected)
        spans = self._spans(evidence, text, scanned, truncated) if detected else ()
        return ShieldResult(
            attack=detected and enforced,
            score=score,
            categories=categories,
            spans=spans,
            explanation=self._explain(evidence, score, threshold, truncated, allowed_source),
            detected=detected,
            threshold=threshold,
            truncated=truncated,
            enforced=enforced,
        )

    def _window(self, text: str) -> tuple[str, bool]:
        cap = self.settings.max_scan_chars
        if len(text) <= cap:
            return text, False
        head = cap - TAIL_CHARS
        return text[:head] + "\n" + text[-TAIL_CHARS:], True

    def _categories(self, evidence: Evidence, detected: bool) -> tuple[str, ...]:
        if not detected:
            return ()
        surface = evidence.surface
        found: list[str] = []
        for hit in evidence.hits:
            if hit.rule.weight(surface) >= CATEGORY_MIN_WEIGHT:
                found.append(category_for(hit.rule.family, surface))
        for payload in evidence.payloads:
            if payload.score > PAYLOAD_ATTACK_LOGIT:
                found.append(JAILBREAK_ENCODING)
                found.extend(category_for(h.rule.family, surface) for h in payload.hits)
        if evidence.hidden_chars:
            found.append(OBFUSCATION_INVISIBLE)
        if evidence.homoglyphs:
            found.append(OBFUSCATION_HOMOGLYPH)
        if evidence.zalgo:
            found.append(JAILBREAK_ENCODING)
        if evidence.suffix_residue:
            found.append(JAILBREAK_SUFFIX)
        if not found:
            found.append(INJECTION_INDIRECT if surface == "document" else INJECTION_DIRECT)
        return tuple(dict.fromkeys(found))

    def _spans(
        self, evidence: Evidence, text: str, scanned: str, truncated: bool
    ) -> tuple[Finding, ...]:
        norm = evidence.normalized
        shift = len(text) - len(scanned) if truncated else 0
        head = len(scanned) - TAIL_CHARS - 1 if truncated else len(scanned)

        def place(start: int, end: int) -> tuple[int, int]:
            # Offsets past the head window belong to the tail of the original text.
            if start > head:
                return start + shift, end + shift
            return start, min(end, head)

        out: list[Finding] = []
        for hit in evidence.hits:
            start, end = place(*norm.to_original(hit.start, hit.end))
            kind = category_for(hit.rule.family, evidence.surface)
            weight = hit.rule.weight(evidence.surface)
            out.append(Finding(DETECTOR, kind, start, end, round(sigmoid(weight), 3), hit.rule.id))
        for payload in evidence.payloads:
            if payload.depth == 1 and payload.score > PAYLOAD_ATTACK_LOGIT:
                start, end = place(payload.payload.start, payload.payload.end)
                out.append(
                    Finding(
                        DETECTOR,
                        JAILBREAK_ENCODING,
                        start,
                        end,
                        round(sigmoid(payload.score), 3),
                        f"decoded.{payload.payload.scheme}",
                    )
                )
        window = evidence.window
        if window.logit > 0 and not out:
            start, end = place(*norm.to_original(window.start, window.end))
            kind = INJECTION_INDIRECT if evidence.surface == "document" else INJECTION_DIRECT
            out.append(
                Finding(DETECTOR, kind, start, end, round(sigmoid(window.logit), 3), "classifier")
            )
        return tuple(out)

    def _explain(
        self,
        evidence: Evidence,
        score: float,
        threshold: float,
        truncated: bool,
        allowed_source: bool,
    ) -> str:
        parts = [
            f"score={score:.3f}",
            f"threshold={threshold:.3f}",
            f"classifier={evidence.window.logit:.2f}",
            f"rules={evidence.rule_score:.1f}",
        ]
        if evidence.hits:
            parts.append("matched=" + ",".join(sorted(h.rule.id for h in evidence.hits)))
        schemes = sorted({p.payload.scheme for p in evidence.payloads})
        if schemes:
            parts.append(f"decoded={','.join(schemes)} payload={evidence.payload_score:.2f}")
        if evidence.hidden_chars:
            parts.append("hidden_characters")
        if evidence.homoglyphs:
            parts.append("mixed_script_words")
        if evidence.zalgo:
            parts.append("combining_mark_flood")
        if evidence.suffix_residue:
            parts.append("adversarial_suffix_residue")
        if truncated:
            parts.append(
                f"truncated: scanned first and last characters up to {self.settings.max_scan_chars}"
            )
        if self.settings.mode == "audit":
            parts.append("mode=audit (not enforced)")
        if allowed_source:
            parts.append("source allow-listed (not enforced)")
        parts.append(f"model={self.model.version}")
        return "; ".join(parts)
