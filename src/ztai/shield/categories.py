"""Categories: the dotted attack kinds a shield verdict can name, and the rule families."""

from __future__ import annotations

from typing import Literal

Surface = Literal["user", "document"]
SURFACES: tuple[Surface, ...] = ("user", "document")

INJECTION_DIRECT = "injection.direct"
INJECTION_INDIRECT = "injection.indirect"
JAILBREAK_ROLEPLAY = "jailbreak.roleplay"
JAILBREAK_ENCODING = "jailbreak.encoding"
JAILBREAK_SUFFIX = "jailbreak.adversarial_suffix"
PROMPT_EXTRACTION = "prompt_extraction"
OBFUSCATION_INVISIBLE = "obfuscation.invisible"
OBFUSCATION_HOMOGLYPH = "obfuscation.homoglyph"
EXFILTRATION = "exfiltration"

ALL_CATEGORIES: tuple[str, ...] = (
    INJECTION_DIRECT,
    INJECTION_INDIRECT,
    JAILBREAK_ROLEPLAY,
    JAILBREAK_ENCODING,
    JAILBREAK_SUFFIX,
    PROMPT_EXTRACTION,
    OBFUSCATION_INVISIBLE,
    OBFUSCATION_HOMOGLYPH,
    EXFILTRATION,
)

# Rule families are surface-independent; `category_for` names the attack per surface,
# because the same "ignore your instructions" is a direct injection when the user types
# it and an indirect one when it arrives inside a document or tool output.
Family = Literal["override", "address_ai", "extraction", "roleplay", "encoding", "exfiltration"]


def category_for(family: Family, surface: Surface) -> str:
    if family in ("override", "address_ai"):
        return INJECTION_INDIRECT if surface == "document" else INJECTION_DIRECT
    return {
        "extraction": PROMPT_EXTRACTION,
        "roleplay": JAILBREAK_ROLEPLAY,
        "encoding": JAILBREAK_ENCODING,
        "exfiltration": EXFILTRATION,
    }[family]
