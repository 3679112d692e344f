"""Phone numbers: candidates shaped like numbers, judged by libphonenumber's metadata."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import phonenumbers
import re2
from phonenumbers import PhoneMetadata

from .check import Check, rejected

# libphonenumber compiles its metadata patterns with `re.compile`, whose cache holds 512
# patterns for the whole process: once the rest of the process has pushed them out, each
# parse re-compiles a few (tens of µs each). Its own unbounded cache keeps them (9.0+).
_keep_patterns = getattr(phonenumbers, "enable_pattern_cache", None)
if _keep_patterns is not None:
    _keep_patterns()

# Regions tried for numbers written without a country code (national format).
_NATIONAL_REGIONS = ("US", "GB", "DE", "FR", "IN")
# Deleting digits, separators and `+` leaves nothing for a well-formed number.
_DELETE_PHONE_CHARS = str.maketrans("", "", "0123456789 .-()+")


def _digits(value: str) -> str:
    return "".join(filter(str.isdigit, value))  # C-level filter, no generator frame


def _is_us_layout(value: str) -> bool:
    """(201) 555-0123, 201-555-0123, 201.555.0123, 201 555 0123: strong evidence alone."""
    d = _digits(value)
    if len(d) != 10:
        return False
    if value[:1] == "(":
        return True
    return value[3:4] in "-. " and value[7:8] == value[3:4] and len(value) == 12


def _without_extension(value: str) -> str:
    lowered = value.lower()
    for marker in ("extension", "ext.", "ext", "x"):
        idx = lowered.rfind(marker)
        if idx > 0 and lowered[idx + len(marker) :].strip().isdigit():
            return value[:idx].rstrip()
    return value


def _nanp_ok(digits: str) -> bool:
    """NANP plan: NXX-NXX-XXXX (N = 2–9), area code not N11, not the 555-01XX fictional block.

    555-0100…0199 are reserved for fiction, yet forms and test data use them as real
    numbers, so they only lose the "valid" wording (score 0.6), not the finding.
    """
    if len(digits) != 10:
        return False
    area, exchange = digits[:3], digits[3:6]
    if area[0] in "01" or exchange[0] in "01" or area[1:] == "11" or exchange[1:] == "11":
        return False
    return not (exchange == "555" and digits[6:8] == "01")


_ANCHOR_BOTH = re2._Anchor.ANCHOR_BOTH


@cache
def _national_pattern(code: int) -> re2._Regexp | None:
    """The country's general national-number pattern from libphonenumber's metadata."""
    region = phonenumbers.region_code_for_country_code(code)
    if region == "ZZ":
        return None
    if region == "001":
        metadata = PhoneMetadata.metadata_for_nongeo_region(code)
    else:
        metadata = PhoneMetadata.metadata_for_region(region)
    desc = metadata.general_desc if metadata is not None else None
    if desc is None or not desc.national_number_pattern:
        return None
    return re2.compile(desc.national_number_pattern)._regexp


def _in_number_plan(digits: str) -> bool:
    """Country code + national number against the country's number plan, without `parse`.

    `phonenumbers.parse` + `is_valid_number` normalise the text and then try a dozen
    number-type patterns (≈ 50 µs); a "+CC NNN…" candidate is already digits, so split off
    the country code (E.164 codes are prefix-free) and match the country's general
    pattern once (one RE2 call). Numbers with a trunk `0`, with `(0)`, or not matched
    here take the full `parse` path.
    """
    for size in (1, 2, 3):
        code = int(digits[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            national = digits[size:]
            if not national or national[0] == "0":
                return False
            pattern = _national_pattern(code)
            if pattern is None:
                return False
            data = national.encode("ascii")
            return bool(pattern.Match(_ANCHOR_BOTH, data, 0, len(data))[0][0] >= 0)
    return False


@dataclass(frozen=True, slots=True)
class PhoneValidator:
    """Valid per libphonenumber → strong; possible with a telling layout → weaker.

    Generated test data (and real forms) often carry numbers from unassigned ranges; a
    "+CC …" or "(NNN) NNN-NNNN" layout is still a phone number to a human reader.
    """

    name: str = "phone"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = _without_extension(text[start:end].strip())
        if value.startswith("00"):
            # The written-out call prefix is a weaker signal than "+": valid numbers only.
            check = self._international("+" + value[2:], _digits(value[2:]), strict=True)
            if check.valid and check.score is not None and check.score >= 0.8:
                return check
            return rejected("phone: 00-prefixed digits that are no valid number")
        elif value[:2] in ("1-", "1 ", "1.", "1("):
            value = value[1:].lstrip(" .-")  # NANP trunk prefix
        if not value or value.translate(_DELETE_PHONE_CHARS):
            return rejected("phone: unexpected characters")
        digits = _digits(value)
        if not 7 <= len(digits) <= 15:
            return rejected("phone: digit count outside E.164")
        if value.startswith("(0"):
            return self._national(value)
        if value.startswith("+"):
            return self._international(value, digits)
        if _is_us_layout(value):
            # The layout already says NANP; its numbering rules need no metadata lookup.
            if _nanp_ok(digits):
                return Check(True, "phone: valid NANP number", score=0.7)
            return Check(True, "phone: NANP layout", score=0.6)
        return self._national(value)

    @staticmethod
    def _national(value: str) -> Check:
        for region in _NATIONAL_REGIONS:
            try:
                number = phonenumbers.parse(value, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return Check(True, f"phone: valid national number ({region})", score=0.7)
        return rejected("phone: not a valid number")

    @staticmethod
    def _international(value: str, digits: str, *, strict: bool = False) -> Check:
        if digits[0] == "1" and len(digits) == 11:
            # +1 is shared by 25 regions; libphonenumber would try each one in turn.
            if _nanp_ok(digits[1:]):
                return Check(True, "phone: valid international number", score=0.8)
            return Check(True, "phone: country code and E.164 length", score=0.6)
        if not strict and "(" not in value and _in_number_plan(digits):
            return Check(True, "phone: country code and national number plan", score=0.75)
        try:
            number = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            return rejected("phone: unparseable international number")
        if phonenumbers.is_valid_number(number):
            return Check(True, "phone: valid international number", score=0.8)
        region = phonenumbers.region_code_for_country_code(number.country_code or 0)
        if region != "ZZ" and 8 <= len(digits) <= 15:
            return Check(True, "phone: country code and E.164 length", score=0.6)
        return rejected("phone: unknown country code")


@dataclass(frozen=True, slots=True)
class NationalPhoneValidator:
    """Trunk-prefixed national numbers (`020 7946 0958`): weak alone, so context decides."""

    name: str = "phone_national"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        for region in _NATIONAL_REGIONS[1:]:
            try:
                number = phonenumbers.parse(value, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return Check(True, f"phone: valid national number ({region})")
        return rejected("phone: not a valid national number")
