"""National identifiers: US SSN rules, UK NINO prefixes, and python-stdnum checksums."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from stdnum.br import cpf
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.in_ import aadhaar, pan
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.pl import pesel

from .check import Check, rejected

# Never issued or publicly burned (advertising, Woolworth wallet card): SSA guidance.
_BURNED_SSNS = frozenset({"123456789", "078051120", "219099999", "457555462"})


# SSN candidates hold ASCII digits and at most one kind of separator (space or dash).
_NO_DIGITS = str.maketrans("", "", "0123456789")
_ONLY_SEPARATORS = str.maketrans("", "", " -")


@dataclass(frozen=True, slots=True)
class SsnValidator:
    """US SSN: area not 000/666/9xx, group not 00, serial not 0000, one separator style.

    Unseparated nine digits are scored low here and need a context word, because
    passports, order numbers and ZIP+4 codes look the same.
    """

    name: str = "ssn"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        seps = set(value.translate(_NO_DIGITS))
        if len(seps) > 1:
            return rejected("ssn: mixed separators")
        digits = value.translate(_ONLY_SEPARATORS)
        if len(digits) != 9:
            return rejected("ssn: not nine digits")
        area, group, serial = digits[:3], digits[3:5], digits[5:]
        if area in ("000", "666") or area[0] == "9":
            return rejected("ssn: area never issued")
        if group == "00" or serial == "0000":
            return rejected("ssn: group or serial never issued")
        if digits in _BURNED_SSNS or len(set(digits)) == 1:
            return rejected("ssn: known invalid number")
        if not seps:
            return Check(True, "ssn: valid area/group/serial, no separators", score=0.3)
        score = 0.75 if "-" in seps else 0.6
        return Check(True, "ssn: valid area/group/serial", score=score)


_NINO_FIRST = frozenset("ABCEGHJKLMNOPRSTWXYZ")
_NINO_SECOND = frozenset("ABCEGHJKLMNPRSTWXYZ")
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def nino_ok(value: str) -> bool:
    """UK National Insurance number (HMRC NIM39110): prefix rules and A–D suffix."""
    compact = value.replace(" ", "").upper()
    if len(compact) != 9 or not compact[2:8].isdigit() or compact[8] not in "ABCD":
        return False
    prefix = compact[:2]
    return (
        prefix[0] in _NINO_FIRST and prefix[1] in _NINO_SECOND and prefix not in _NINO_BAD_PREFIXES
    )


def _spanish_id_ok(value: str) -> bool:
    compact = value.replace("-", "").upper()
    return bool(dni.is_valid(compact) or nie.is_valid(compact))


# Checksum-bearing identifiers, validated by python-stdnum (no homemade arithmetic).
STDNUM_CHECKS: dict[str, Callable[[str], bool]] = {
    "uk_nino": nino_ok,
    "de_idnr": lambda v: bool(idnr.is_valid(v)),
    "fr_nir": lambda v: bool(nir.is_valid(v)),
    "es_dni": _spanish_id_ok,
    "in_aadhaar": lambda v: bool(aadhaar.is_valid(v)),
    "in_pan": lambda v: bool(pan.is_valid(v)),
    "it_fiscal_code": lambda v: bool(codicefiscale.is_valid(v)),
    "nl_bsn": lambda v: bool(bsn.is_valid(v)),
    "pl_pesel": lambda v: bool(pesel.is_valid(v)),
    "br_cpf": lambda v: bool(cpf.is_valid(v)),
}
