"""Settings: the operator's controls over the shield (sensitivity, allow-lists, audit mode)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Sensitivity = Literal["low", "medium", "high"]
Mode = Literal["enforce", "audit"]

# Hard ceiling on characters scanned per call (G11): longer inputs are scanned as a head
# and a tail window and the verdict says so. Injections cluster at the start and the end
# of documents, which is where an attacker's text survives truncation by the model too.
MAX_SCAN_CHARS = 262_144
TAIL_CHARS = 65_536


@dataclass(frozen=True, slots=True)
class ShieldSettings:
    """Operator controls.

    - `sensitivity`: which calibrated threshold applies (`high` flags more).
    - `threshold`: an explicit probability threshold, overriding `sensitivity`.
    - `mode`: `enforce` sets `attack` from the verdict; `audit` reports the verdict in
      `detected` but leaves `attack` False, so traffic is observed, never blocked.
    - `allow_phrases`: known-benign phrases (case- and accent-insensitive) that are blanked
      out before detection, e.g. a template that legitimately says "ignore the above".
    - `allow_sources`: source ids whose content is never enforced (verdict still reported).
    - `max_scan_chars`: input cap; must be at least twice `TAIL_CHARS`.
    """

    sensitivity: Sensitivity = "medium"
    threshold: float | None = None
    mode: Mode = "enforce"
    allow_phrases: tuple[str, ...] = ()
    allow_sources: frozenset[str] = field(default_factory=frozenset)
    max_scan_chars: int = MAX_SCAN_CHARS

    def __post_init__(self) -> None:
        if self.sensitivity not in ("low", "medium", "high"):
            raise ValueError(f"unknown sensitivity {self.sensitivity!r}")
        if self.mode not in ("enforce", "audit"):
            raise ValueError(f"unknown mode {self.mode!r}")
        if self.threshold is not None and not 0.0 < self.threshold < 1.0:
            raise ValueError("threshold must lie strictly between 0 and 1")
        if self.max_scan_chars < 2 * TAIL_CHARS:
            raise ValueError(f"max_scan_chars must be at least {2 * TAIL_CHARS}")
