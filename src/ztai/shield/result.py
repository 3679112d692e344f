"""ShieldResult: the verdict of one scan, safe to log (no prompt text in it)."""

from __future__ import annotations

from dataclasses import dataclass

from ztai.domain.finding import Finding


@dataclass(frozen=True, slots=True)
class ShieldResult:
    """Verdict for one text.

    `attack` is the enforced verdict; `detected` is the verdict before enforcement (they
    differ only in audit mode or for allow-listed sources). `score` is a calibrated
    probability of attack; `threshold` the one applied. `spans` point into the original
    text; `explanation` names rule ids, decoders and numbers only, never text.
    `truncated` says the input exceeded the scan cap and only head and tail were read.
    """

    attack: bool
    score: float
    categories: tuple[str, ...]
    spans: tuple[Finding, ...]
    explanation: str
    detected: bool = False
    threshold: float = 0.5
    truncated: bool = False
    enforced: bool = True

    def to_dict(self) -> dict[str, object]:
        """The wire shape used by the CLI and the gateway."""
        return {
            "attack": self.attack,
            "score": round(self.score, 4),
            "categories": list(self.categories),
        }
