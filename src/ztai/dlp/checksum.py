"""Checksums used by validators: Luhn and ISO 7064 mod 97-10 (IBAN)."""

from __future__ import annotations

# Luhn doubles every second digit from the right and subtracts 9 above 9: as a digit
# substitution, so the whole sum is two C-level `map(int, …)` passes.
_DOUBLED = str.maketrans("0123456789", "0246813579")


def luhn_ok(digits: str) -> bool:
    """ISO/IEC 7812 Luhn check over a string of ASCII digits only."""
    if not digits or not digits.isdigit() or not digits.isascii():
        return False
    kept = digits[-1::-2]
    doubled = digits[-2::-2].translate(_DOUBLED)
    return (sum(map(int, kept)) + sum(map(int, doubled))) % 10 == 0


def mod97_ok(compact: str) -> bool:
    """ISO 13616 IBAN check: move the first four characters to the end, letters to numbers."""
    if len(compact) < 5 or not compact.isascii() or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    remainder = 0
    for ch in rearranged.upper():
        # int(ch, 36) maps 0-9 to 0-9 and A-Z to 10-35, as the standard asks.
        value = int(ch, 36)
        remainder = (remainder * (100 if value > 9 else 10) + value) % 97
    return remainder == 1
