"""Evidence: everything the shield observed in one text, before any verdict is drawn."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ztai.shield.adversarial_suffix import optimizer_residue
from ztai.shield.categories import Family, Surface
from ztai.shield.classifier import LinearModel, WindowScore
from ztai.shield.decoder import MAX_DEPTH, MAX_PAYLOAD_CHARS, Payload, decode_payloads
from ztai.shield.normalizer import NormalizedText, collapse_spaces, normalize
from ztai.shield.quotation import drop_discussed
from ztai.shield.rules import RuleHit, RuleMatcher

MAX_PAYLOADS = 16
RULE_CAP = 6.0
FAMILY_CAP = 3.5
# Zalgo: many stacked combining marks relative to letters.
ZALGO_MARK_SHARE = 0.15
HOMOGLYPH_WORDS = 2
INVISIBLE_RUN = 4

# Transport encodings leave the text readable and are everywhere in ordinary documents
# (percent-encoded links, HTML entities, e-mail bodies): having used one is no evidence,
# so their payloads are scored on what they say only.
TRANSPARENT_SCHEMES = frozenset({"url", "html", "quoted-printable", "mime", "mime-base64"})

FEATURE_NAMES = (
    "bias",
    "classifier",
    "rules",
    "payload",
    "obfuscation",
    "document",
    "classifier_document",
)


@dataclass(frozen=True, slots=True)
class PayloadEvidence:
    """A decoded payload and how suspicious its content is (logit units)."""

    payload: Payload
    depth: int
    classifier: float
    rules: float
    hits: tuple[RuleHit, ...]

    @property
    def score(self) -> float:
        return self.classifier + self.rules


@dataclass(frozen=True, slots=True, eq=False)
class Evidence:
    """Signals for one text: rule hits, classifier window, payloads, obfuscation."""

    normalized: NormalizedText
    surface: Surface
    hits: tuple[RuleHit, ...]
    window: WindowScore
    payloads: tuple[PayloadEvidence, ...]
    hidden_chars: bool
    homoglyphs: bool
    zalgo: bool
    suffix_residue: bool

    @property
    def rule_score(self) -> float:
        return rule_evidence(self.hits, self.surface)

    @property
    def payload_score(self) -> float:
        return max((p.score for p in self.payloads), default=0.0)

    @property
    def obfuscation(self) -> float:
        return (
            float(self.hidden_chars)
            + float(self.homoglyphs)
            + float(self.zalgo)
            + float(self.suffix_residue)
        )

    def payload_vectors(self) -> list[npt.NDArray[np.float64]]:
        """Each decoded payload scored as if it were the text itself. Having been hidden
        (by an encoding that makes text unreadable) counts as one unit of obfuscation. In
        documents it counts only when what was hidden reads like an order, or the text asks
        for decoding: tool outputs carry base64 attachments and mail bodies all day, and a
        hidden shopping list is no attack there."""
        doc = 1.0 if self.surface == "document" else 0.0
        asked = self.surface == "user" or any(hit.rule.family == "encoding" for hit in self.hits)
        return [
            np.array(
                [
                    1.0,
                    p.classifier,
                    p.rules,
                    0.0,
                    _hidden(p.payload.scheme) * _says(p, asked),
                    doc,
                    p.classifier * doc,
                ]
            )
            for p in self.payloads
        ]

    def vector(self) -> npt.NDArray[np.float64]:
        """Stacking features in `FEATURE_NAMES` order."""
        doc = 1.0 if self.surface == "document" else 0.0
        logit = self.window.logit
        return np.array(
            [
                1.0,
                logit,
                self.rule_score,
                max(self.payload_score, 0.0),
                self.obfuscation,
                doc,
                logit * doc,
            ]
        )


def _hidden(scheme: str) -> float:
    return 0.0 if scheme in TRANSPARENT_SCHEMES else 1.0


def _says(payload: PayloadEvidence, asked: bool) -> float:
    return 1.0 if asked or payload.rules > 0.0 or payload.classifier > 0.0 else 0.0


def rule_evidence(hits: tuple[RuleHit, ...], surface: Surface) -> float:
    per_family: dict[Family, float] = {}
    for hit in hits:
        family = hit.rule.family
        per_family[family] = per_family.get(family, 0.0) + hit.rule.weight(surface)
    return min(RULE_CAP, sum(min(v, FAMILY_CAP) for v in per_family.values()))


def clean_surrogates(text: str) -> str:
    """Replace lone surrogates (possible in str from JSON escapes) with U+FFFD; RE2 and
    UTF-8 encoders reject them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _logit(window: WindowScore) -> float:
    return window.logit


def _blank(view: str, phrases: tuple[str, ...]) -> str:
    # Same-length replacement keeps view offsets aligned with the original text.
    for phrase in phrases:
        if phrase and phrase in view:
            view = view.replace(phrase, " " * len(phrase))
    return view


class EvidenceCollector:
    """Runs normalizer, decoders, rules and classifier over one text, within budgets."""

    def __init__(
        self, model: LinearModel, matcher: RuleMatcher, allow_phrases: tuple[str, ...] = ()
    ) -> None:
        self._model = model
        self._matcher = matcher
        self._allow = tuple(normalize(p).skeleton.strip() for p in allow_phrases)

    def collect(self, text: str, surface: Surface) -> Evidence:
        text = clean_surrogates(text)
        norm = normalize(text)
        views = tuple(_blank(v, self._allow) for v in norm.views())
        hits = drop_discussed(tuple(self._matcher.match(views)), views[0])
        # The classifier reads the look-alike-folded view and, when digits stand in for
        # letters, the de-leeted one; the unmapped base view only matters to rules.
        scored = [views[0]] + ([views[-1]] if norm.leet is not None else [])
        window = max((self._model.score(collapse_spaces(v)) for v in scored), key=_logit)
        budget = [MAX_PAYLOAD_CHARS]
        payloads: list[PayloadEvidence] = []
        sources = [Payload("hidden", 0, len(text), h) for h in norm.hidden]
        sources.extend(decode_payloads(text))
        self._payloads(sources, surface, 1, budget, payloads)
        letters = max(1, len(norm.base))
        return Evidence(
            normalized=norm,
            surface=surface,
            hits=hits,
            window=window,
            payloads=tuple(payloads),
            hidden_chars=bool(norm.hidden) or norm.invisible >= INVISIBLE_RUN or norm.controls > 0,
            homoglyphs=norm.mixed_script_words >= HOMOGLYPH_WORDS,
            zalgo=norm.marks >= 8 and norm.marks / letters >= ZALGO_MARK_SHARE,
            suffix_residue=optimizer_residue(text),
        )

    def _payloads(
        self,
        found: list[Payload],
        surface: Surface,
        depth: int,
        budget: list[int],
        out: list[PayloadEvidence],
    ) -> None:
        for payload in found:
            if len(out) >= MAX_PAYLOADS or budget[0] <= 0:
                return
            text = payload.text[: budget[0]]
            budget[0] -= len(text)
            norm = normalize(text)
            hits = tuple(self._matcher.match(norm.views()))
            window = self._model.score(collapse_spaces(norm.skeleton))
            rules = rule_evidence(hits, surface)
            out.append(PayloadEvidence(payload, depth, window.logit, rules, hits))
            if depth < MAX_DEPTH:
                inner = [Payload("hidden", 0, len(text), h) for h in norm.hidden]
                inner.extend(decode_payloads(text))
                self._payloads(inner, surface, depth + 1, budget, out)
