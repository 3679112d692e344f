"""International PII: SEPA IBANs, card layouts, phone formats, national ids, de/fr/es context.

Identifiers are generated here (seeded) with their check digits computed by python-stdnum
or the helpers in conftest; none belongs to anyone.
"""

from __future__ import annotations

import random
import re

import pytest
from stdnum import iban as stdnum_iban
from stdnum import numdb
from stdnum.br import cpf
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.pl import pesel

from ztai.dlp import DlpEngine

from .conftest import found, luhn_complete, make_iban

_RNG = random.Random(7)
# SEPA members (EU/EEA, CH, GB, MC, SM, VA, AD, GI): each gets a generated IBAN.
SEPA = ["AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB",
        "GI", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MT", "NL",
        "NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA"]  # fmt: skip


_CLASSES = {
    "n": "0123456789",
    "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
}


def _sepa_iban(country: str) -> str:
    """A random IBAN in the registry's BBAN layout that python-stdnum accepts."""
    layout = numdb.get("iban").info(country)[0][1]["bban"]  # e.g. "4!a6!n8!n"
    segments = [(int(n), kind) for n, kind in re.findall(r"(\d+)!([nac])", layout)]
    for _ in range(5000):
        bban = "".join(
            "".join(_RNG.choice(_CLASSES[kind]) for _ in range(n)) for n, kind in segments
        )
        candidate = make_iban(country, bban)
        if stdnum_iban.is_valid(candidate):  # national check digits (BE, ES, FR, NO, …)
            return candidate
    pytest.skip(f"could not generate a valid {country} IBAN")


def _grouped(value: str, sep: str = " ") -> str:
    return sep.join(value[i : i + 4] for i in range(0, len(value), 4))


@pytest.mark.parametrize("country", SEPA)
def test_sepa_ibans_grouped_and_compact(engine: DlpEngine, country: str) -> None:
    value = _sepa_iban(country)
    for shown in (value, _grouped(value)):
        assert ("IBAN_CODE", shown) in found(engine, f"Please pay to IBAN {shown}, thanks."), shown
    broken = value[:2] + f"{(int(value[2:4]) + 1) % 100:02d}" + value[4:]
    assert not [k for k, _ in found(engine, f"IBAN {broken}") if k == "IBAN_CODE"]


CARDS = [
    ("visa", luhn_complete("4539", 16)),
    ("mastercard 2-series", luhn_complete("2720", 16)),
    ("mastercard", luhn_complete("5425", 16)),
    ("amex", luhn_complete("3782", 15)),
    ("discover", luhn_complete("6011", 16)),
    ("jcb", luhn_complete("3530", 16)),
    ("unionpay 19", luhn_complete("6212", 19)),
    ("diners 14", luhn_complete("3056", 14)),
]


def _layouts(number: str) -> list[str]:
    if len(number) in (14, 15):
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = [number[i : i + 4] for i in range(0, len(number), 4)]
    return [number, " ".join(groups), "-".join(groups)]


@pytest.mark.parametrize(("issuer", "number"), CARDS)
def test_cards_with_separators(engine: DlpEngine, issuer: str, number: str) -> None:
    for shown in _layouts(number):
        text = f"Tarjeta de crédito: {shown} (exp 12/27)"
        assert ("CREDIT_CARD", shown) in found(engine, text), (issuer, shown)


def test_card_luhn_failure_is_not_a_card(engine: DlpEngine) -> None:
    number = luhn_complete("4539", 16)
    bad = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not [k for k, _ in found(engine, f"card {bad}") if k == "CREDIT_CARD"]


def test_order_number_in_german_lowers_card_score(engine: DlpEngine) -> None:
    number = luhn_complete("4539", 16)
    plain = [f.score for f in engine.analyze(f"Nummer {number}") if f.kind == "CREDIT_CARD"]
    order = engine.analyze(f"Bestellnummer {number}", min_score=0.0)
    order_scores = [f.score for f in order if f.kind == "CREDIT_CARD"]
    assert plain and order_scores and order_scores[0] < plain[0]


PHONES = [
    "+44 20 7946 0321",
    "+49 30 901820",
    "+49 (0)30 9018 2000",
    "+33 1 42 68 53 00",
    "+34 912 34 56 78",
    "+39 06 6982 1234",
    "+31 20 624 1111",
    "+48 22 123 45 67",
    "+55 11 91234-5678",
    "+91 98765 43210",
    "+81 3-1234-5678",
    "+61 2 9876 5432",
    "+1 (415) 867-5309",
    "+1-212-736-0101",
    "+1-212-736-0101x9876",
    "(415)867-5309",
    "415-867-5309 ext. 45",
    "1-800-275-2273",
    "001-212-736-0101",
    "0044 20 7946 0321",
    "(020) 7946 0321",
]


@pytest.mark.parametrize("phone", PHONES)
def test_international_phone_formats(engine: DlpEngine, phone: str) -> None:
    assert ("PHONE_NUMBER", phone) in found(engine, f"Reach me on {phone} after 5pm."), phone


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Telefon: 030 9018 2000", "030 9018 2000"),
        ("téléphone : 01 42 68 53 00", "01 42 68 53 00"),
        ("Móvil 0044 20 7946 0321", "0044 20 7946 0321"),
    ],
)
def test_national_phone_with_foreign_context_word(engine: DlpEngine, text: str, value: str) -> None:
    assert ("PHONE_NUMBER", value) in found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ref 030 9018 2000",
        "Order ID: 6473-0046-2731-7207",
        "IBAN ES14 6518 0024 0604 4186 15 is not valid",
        "build 2024.01.15 step 0012 3456 7890",
    ],
)
def test_phone_lookalikes(engine: DlpEngine, text: str) -> None:
    assert not [k for k, _ in found(engine, text) if k == "PHONE_NUMBER"], text


def _cpf() -> str:
    body = "".join(_RNG.choice("0123456789") for _ in range(9))
    return next(body + f"{c:02d}" for c in range(100) if cpf.is_valid(body + f"{c:02d}"))


def _bsn() -> str:
    while True:
        body = "".join(_RNG.choice("0123456789") for _ in range(9))
        if bsn.is_valid(body) and body[0] != "0":
            return body


def _pesel() -> str:
    # 1990-07-15, serial 0123 (even: female), check digit from stdnum
    body = "9007150123"
    return body + str(pesel.calc_check_digit(body))


def _fiscal_code() -> str:
    body = "BNCGNN85M52F205"
    return body + codicefiscale.calc_check_digit(body)


CPF = _cpf()
BSN = _bsn()
PESEL = _pesel()
FISCAL = _fiscal_code()

NATIONAL = [
    (f"Codice fiscale: {FISCAL}", "IT_FISCAL_CODE", FISCAL),
    (f"CF {FISCAL} del cliente", "IT_FISCAL_CODE", FISCAL),
    (f"BSN: {BSN}", "NL_BSN", BSN),
    (
        f"burgerservicenummer {BSN[:4]}.{BSN[4:6]}.{BSN[6:]}",
        "NL_BSN",
        f"{BSN[:4]}.{BSN[4:6]}.{BSN[6:]}",
    ),
    (f"numer PESEL: {PESEL}", "PL_PESEL", PESEL),
    (f"CPF: {cpf.format(CPF)}", "BR_CPF", cpf.format(CPF)),
    (f"meu cpf é {CPF}", "BR_CPF", CPF),
]


@pytest.mark.parametrize(("text", "kind", "value"), NATIONAL)
def test_national_ids(engine: DlpEngine, text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(engine, text)


NATIONAL_NEGATIVE = [
    # right shape, no context word (weak checksums need one)
    f"reference {BSN}",
    f"order {PESEL}",
    f"tracking {CPF}",
    # context word, wrong check digit
    f"BSN {BSN[:-1]}{(int(BSN[-1]) + 1) % 10}",
    f"PESEL {PESEL[:-1]}{(int(PESEL[-1]) + 1) % 10}",
    f"CPF {CPF[:-1]}{(int(CPF[-1]) + 1) % 10}",
    f"codice fiscale {FISCAL[:-1]}{'A' if FISCAL[-1] != 'A' else 'B'}",
]


@pytest.mark.parametrize("text", NATIONAL_NEGATIVE)
def test_national_id_lookalikes(engine: DlpEngine, text: str) -> None:
    kinds = {k for k, _ in found(engine, text)}
    assert not kinds & {"NL_BSN", "PL_PESEL", "BR_CPF", "IT_FISCAL_CODE"}, kinds


@pytest.mark.parametrize(
    "text",
    [
        "Reisepass: 512345678",
        "numéro de passeport 512345678",
        "pasaporte 512345678",
    ],
)
def test_passport_context_in_other_languages(engine: DlpEngine, text: str) -> None:
    assert ("US_PASSPORT", "512345678") in found(engine, text)


def test_driver_license_context_in_german(engine: DlpEngine) -> None:
    assert ("US_DRIVER_LICENSE", "D1234567") in found(engine, "Führerschein Nr. D1234567")
