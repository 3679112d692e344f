"""Prompt shield: detects direct and indirect prompt injection, jailbreaks and encoding tricks."""

from __future__ import annotations

from ztai.shield.categories import (
    ALL_CATEGORIES,
    EXFILTRATION,
    INJECTION_DIRECT,
    INJECTION_INDIRECT,
    JAILBREAK_ENCODING,
    JAILBREAK_ROLEPLAY,
    OBFUSCATION_HOMOGLYPH,
    OBFUSCATION_INVISIBLE,
    PROMPT_EXTRACTION,
    Surface,
)
from ztai.shield.plugin import CLASSIFIER_PLUGINS, PromptClassifier, register_plugin
from ztai.shield.result import ShieldResult
from ztai.shield.settings import ShieldSettings
from ztai.shield.shield import PromptShield
from ztai.shield.spotlight import SPOTLIGHT_MODES, Spotlighted, spotlight, unspotlight

__all__ = [
    "ALL_CATEGORIES",
    "CLASSIFIER_PLUGINS",
    "EXFILTRATION",
    "INJECTION_DIRECT",
    "INJECTION_INDIRECT",
    "JAILBREAK_ENCODING",
    "JAILBREAK_ROLEPLAY",
    "OBFUSCATION_HOMOGLYPH",
    "OBFUSCATION_INVISIBLE",
    "PROMPT_EXTRACTION",
    "SPOTLIGHT_MODES",
    "PromptClassifier",
    "PromptShield",
    "ShieldResult",
    "ShieldSettings",
    "Spotlighted",
    "Surface",
    "register_plugin",
    "spotlight",
    "unspotlight",
]
