"""Table-driven PII recognizer tests: fake positives and look-alike negatives per type."""

from __future__ import annotations

import pytest

from ztai.dlp import DlpEngine

from .conftest import found, luhn_complete, make_iban

VISA = luhn_complete("4539", 16)
MASTERCARD = luhn_complete("5425", 16)
AMEX = luhn_complete("3714", 15)
DISCOVER = luhn_complete("6011", 16)
VISA13 = luhn_complete("4222", 13)
IBAN_DE = make_iban("DE", "370400440532013000")
IBAN_GB = make_iban("GB", "WEST12345698765432")
IBAN_FR = make_iban("FR", "20041010050500013M02606")
IBAN_NL = make_iban("NL", "ABNA0417164300")


def grouped(value: str, size: int = 4, sep: str = " ") -> str:
    return sep.join(value[i : i + size] for i in range(0, len(value), size))


def bad_luhn(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


POSITIVE = [
    # (text, expected type, expected value)
    (f"My card {VISA} was charged twice", "CREDIT_CARD", VISA),
    (f"card: {grouped(MASTERCARD)}", "CREDIT_CARD", grouped(MASTERCARD)),
    (
        f"amex {AMEX[:4]}-{AMEX[4:10]}-{AMEX[10:]} ok",
        "CREDIT_CARD",
        f"{AMEX[:4]}-{AMEX[4:10]}-{AMEX[10:]}",
    ),
    (f"{grouped(DISCOVER, sep='-')}", "CREDIT_CARD", grouped(DISCOVER, sep="-")),
    (f"old visa {grouped(VISA13)}.", "CREDIT_CARD", grouped(VISA13)),
    ("SSN: 123-45-6788", "US_SSN", "123-45-6788"),
    ("ssn 234 56 7890 on file", "US_SSN", "234 56 7890"),
    ("social security number 345678901", "US_SSN", "345678901"),
    (f"wire to {IBAN_DE} today", "IBAN_CODE", IBAN_DE),
    (f"IBAN {grouped(IBAN_GB)} (GB)", "IBAN_CODE", grouped(IBAN_GB)),
    (f"pay {grouped(IBAN_FR)} now", "IBAN_CODE", grouped(IBAN_FR)),
    (f"{IBAN_NL}", "IBAN_CODE", IBAN_NL),
    (
        "write to jane.doe+news@mail.example.org please",
        "EMAIL_ADDRESS",
        "jane.doe+news@mail.example.org",
    ),
    ("<o.brien@firm.co.uk>", "EMAIL_ADDRESS", "o.brien@firm.co.uk"),
    ("call (415) 555-0132 today", "PHONE_NUMBER", "(415) 555-0132"),
    ("phone: 212-555-0187", "PHONE_NUMBER", "212-555-0187"),
    ("+44 20 7946 0958 is the office", "PHONE_NUMBER", "+44 20 7946 0958"),
    ("Tel +49 30 901820", "PHONE_NUMBER", "+49 30 901820"),
    ("ring +33 1 42 68 53 00", "PHONE_NUMBER", "+33 1 42 68 53 00"),
    ("login from 203.0.113.7 failed", "IP_ADDRESS", "203.0.113.7"),
    ("host 10.1.2.3:8080", "IP_ADDRESS", "10.1.2.3"),
    ("v6 peer 2001:db8:85a3::8a2e:370:7334 up", "IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334"),
    (
        "see https://shop.acme-corp.com/orders?id=7 now",
        "URL",
        "https://shop.acme-corp.com/orders?id=7",
    ),
    ("(https://acme.io/docs).", "URL", "https://acme.io/docs"),
    ("passport number C03005988 expires", "US_PASSPORT", "C03005988"),
    ("US passport no. 512345678", "US_PASSPORT", "512345678"),
    ("driver's license D1234567 issued", "US_DRIVER_LICENSE", "D1234567"),
    ("born 1984-07-21", "DATE_TIME", "1984-07-21"),
    ("on March 3, 2024 we met", "DATE_TIME", "March 3, 2024"),
    ("meet Tuesday, March 5 at noon", "DATE_TIME", "Tuesday, March 5"),
    ("at 2024-03-03T14:30:00Z exactly", "DATE_TIME", "2024-03-03T14:30:00Z"),
    ("due 03/04/2025", "DATE_TIME", "03/04/2025"),
    ("on 3 Mar 2024 at 14:30 sharp", "DATE_TIME", "3 Mar 2024 at 14:30"),
    ("NI number AB 12 34 56 C", "UK_NINO", "AB 12 34 56 C"),
    ("Steuer-ID 36574261809", "DE_TAX_ID", "36574261809"),
    ("NIR 2 95 10 99 126 111 93", "FR_NIR", "2 95 10 99 126 111 93"),
    ("DNI 54362315K", "ES_NIF", "54362315K"),
    ("Aadhaar 2341 2341 2346", "IN_AADHAAR", "2341 2341 2346"),
    ("PAN ABCPD1234E", "IN_PAN", "ABCPD1234E"),
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVE)
def test_positive(engine: DlpEngine, text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(engine, text)


NEGATIVE = [
    # (text, type that must not be reported)
    (f"Order {bad_luhn(VISA)} shipped", "CREDIT_CARD"),
    (f"card {grouped(bad_luhn(MASTERCARD))} declined", "CREDIT_CARD"),
    ("1234567890123456 is just a number", "CREDIT_CARD"),
    ("0000 0000 0000 0000", "CREDIT_CARD"),
    (f"reference number {VISA} for the parcel", "CREDIT_CARD"),
    ("ISBN 978-3-16-148410-0", "CREDIT_CARD"),
    ("never issued: 000-12-3456", "US_SSN"),
    ("never issued: 666-12-3456", "US_SSN"),
    ("never issued: 912-34-5678", "US_SSN"),
    ("group zero 123-00-4567", "US_SSN"),
    ("serial zero 123-45-0000", "US_SSN"),
    ("the number 345678901 appears", "US_SSN"),
    (f"{IBAN_DE[:2]}00{IBAN_DE[4:]} wrong check digits", "IBAN_CODE"),
    ("XX12 3456 7890 1234 5678 90 unknown country", "IBAN_CODE"),
    ("icon@2x.png and logo@3x.jpg", "EMAIL_ADDRESS"),
    ("a..b@corp.com", "EMAIL_ADDRESS"),
    ("upgrade to version 4.2.10.1 now", "IP_ADDRESS"),
    ("pip install pkg==1.2.3.4", "IP_ADDRESS"),
    ("firmware 10.0.19045.3803", "IP_ADDRESS"),
    ("OID 1.3.6.1.4.1.311", "IP_ADDRESS"),
    ("256.1.1.1 is not an address", "IP_ADDRESS"),
    ("leading zero 1.2.3.04", "IP_ADDRESS"),
    ("std::vector<int> a::b", "IP_ADDRESS"),
    ("the time is 12:30:45", "IP_ADDRESS"),
    ("mac aa:bb:cc:dd:ee:ff", "IP_ADDRESS"),
    ("the id 123456789 on the form", "US_PASSPORT"),
    ("part D1234567 in stock", "US_DRIVER_LICENSE"),
    ("build 1.2.2020 released", "DATE_TIME"),
    ("99/99/2024", "DATE_TIME"),
    ("see example.com", "URL"),
    ("ftp:// nothing", "URL"),
    ("Tracking 1Z999AA10123456784 ok", "PHONE_NUMBER"),
    ("the total is 12345", "PHONE_NUMBER"),
    ("uuid 4998e76f-6253-4e56-8451-7e1e2788f900", "PHONE_NUMBER"),
]


@pytest.mark.parametrize(("text", "kind"), NEGATIVE)
def test_negative(engine: DlpEngine, text: str, kind: str) -> None:
    assert kind not in {k for k, _ in found(engine, text)}


def test_clean_prose_has_no_findings(engine: DlpEngine) -> None:
    text = (
        "The quarterly report covers revenue growth of 12% across three regions. "
        "Version 2.4 of the handbook replaces section 7, and the meeting notes are attached."
    )
    assert engine.analyze(text) == ()


def test_phone_metadata_patterns_stay_compiled() -> None:
    # Without its own cache, libphonenumber re-compiles metadata patterns whenever the
    # process-wide `re` cache has evicted them (a parse then costs tens of µs more).
    import phonenumbers.re_util

    import ztai.dlp.phone  # noqa: F401 - importing it turns the cache on

    assert phonenumbers.re_util._COMPILED_PATTERNS is not None
