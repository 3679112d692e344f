"""Built-in PII recognizers (Presidio entity names), each validated beyond its pattern."""

from __future__ import annotations

from .card import CardValidator
from .check import ValueValidator
from .context import Context
from .date import DateValidator
from .iban import IbanValidator
from .national_catalog import european_and_brazilian_ids
from .national_id import STDNUM_CHECKS, SsnValidator
from .network import EmailValidator, Ipv4Validator, Ipv6Validator, UrlValidator
from .phone import NationalPhoneValidator, PhoneValidator
from .recognizer import PatternRecognizer

# Priorities decide overlaps: a validated identifier beats a URL that contains it.
PRIORITY_VALIDATED = 20
PRIORITY_NETWORK = 15
PRIORITY_CONTEXTUAL = 12
PRIORITY_URL = 10
PRIORITY_DATE = 5

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )"
_TIME = r"(?:,? (?:at )?\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\b\.?)?)?"
_DATE_PATTERN = "|".join(
    (
        r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+\-]\d{2}:?\d{2})?)?",
        r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b",
        r"\b\d{1,2}[.\-]\d{1,2}[.\-]\d{4}\b",
        rf"\b{_WEEKDAY}?{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}}\b)?{_TIME}",
        rf"\b{_WEEKDAY}?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH}\b\.?(?:,? \d{{4}}\b)?{_TIME}",
        rf"\b{_MONTH} \d{{4}}\b",
        r"\b\d{1,2}:\d{2}(?::\d{2})? ?[AaPp]\.?[Mm]\b",
    )
)

_PHONE_WORDS = (
    "phone",
    "tel",
    "telephone",
    "call",
    "mobile",
    "cell",
    "fax",
    "whatsapp",
    "sms",
    # de, fr, es
    "telefon",
    "telefonnummer",
    "rufnummer",
    "handy",
    "mobil",
    "anrufen",
    "téléphone",
    "tél",
    "portable",
    "appeler",
    "teléfono",
    "telefono",
    "móvil",
    "movil",
    "celular",
    "llamar",
)
_VERSION_WORDS = (
    "version",
    "ver",
    "v",
    "firmware",
    "build",
    "release",
    "upgrade",
    "update",
    "sdk",
    "package",
    "pip",
    "npm",
    "==",
    ">=",
    "<=",
    "~=",
    "patch",
    "revision",
    "rev",
    "kernel",
    "oid",
)


_DL_TRIGGERS = (
    "driv",
    "licen",
    "führerschein",
    "fuehrerschein",
    "permis",
    "carnet",
    "patente",
    "dln",
    *(f"dl{c}" for c in " \t\n:#-._/,;)\"'="),
    *(f"{c}dl" for c in " \t\n(_\"'"),
)


# An optional extension ("x123", "ext. 45"), part of the number as written.
_EXT = r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,6})?"


def pii_recognizers() -> list[PatternRecognizer]:
    """The default PII recognizers; NER types (PERSON, …) live in `ner.py`."""
    return [
        PatternRecognizer(
            id="dlp.pii.credit_card",
            entity="CREDIT_CARD",
            pattern=r"\b\d(?:[ \-]?\d){12,18}\b",
            score=0.85,
            validator=CardValidator(),
            context=Context(
                words=(
                    "card",
                    "credit",
                    "debit",
                    "visa",
                    "mastercard",
                    "amex",
                    "cc",
                    "payment",
                    "charged",
                    "billing",
                    "cardholder",
                    "pan",
                    "discover",
                    "jcb",
                    # de, fr, es
                    "kreditkarte",
                    "karte",
                    "kartennummer",
                    "zahlung",
                    "carte",
                    "bancaire",
                    "paiement",
                    "tarjeta",
                    "crédito",
                    "credito",
                    "débito",
                    "debito",
                    "pago",
                ),
                negative=(
                    "order",
                    "tracking",
                    "reference",
                    "ref",
                    "invoice",
                    "isbn",
                    "account",
                    "serial",
                    "imei",
                    "part",
                    "bestellung",
                    "bestellnummer",
                    "rechnung",
                    "auftrag",
                    "sendungsnummer",
                    "commande",
                    "facture",
                    "référence",
                    "pedido",
                    "factura",
                    "referencia",
                    "seguimiento",
                ),
                boost=0.1,
                penalty=0.45,
            ),
            priority=PRIORITY_VALIDATED,
        ),
        PatternRecognizer(
            id="dlp.pii.us_ssn",
            entity="US_SSN",
            pattern=r"\b(?:\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}|\d{9})\b",
            score=0.75,
            validator=SsnValidator(),
            context=Context(
                words=("ssn", "ssns", "social security", "social sec", "ss#", "ssa", "taxpayer"),
                negative=("passport", "phone", "order", "invoice", "routing", "zip"),
                boost=0.35,
                penalty=0.4,
                before=32,
                after=48,
            ),
            priority=PRIORITY_VALIDATED,
        ),
        PatternRecognizer(
            id="dlp.pii.iban",
            entity="IBAN_CODE",
            pattern=r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b",
            score=0.9,
            validator=IbanValidator(),
            priority=PRIORITY_VALIDATED,
        ),
        PatternRecognizer(
            id="dlp.pii.email",
            entity="EMAIL_ADDRESS",
            pattern=(
                r"\b[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@"
                r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b"
            ),
            score=0.85,
            validator=EmailValidator(),
            priority=PRIORITY_VALIDATED,
            triggers=("@",),
        ),
        PatternRecognizer(
            id="dlp.pii.phone",
            entity="PHONE_NUMBER",
            pattern="|".join(
                (
                    rf"(?:^|[^\w+])(\+\d{{1,3}}(?:[ .\-]?\(\d{{1,4}}\))?"
                    rf"(?:[ .\-]?\d{{1,5}}){{1,5}}{_EXT})\b",
                    # "0044 20 …": the international call prefix written as 00
                    rf"(?:^|[\s(:;,])(00[1-9]\d{{0,2}}(?:[ .\-]?\d{{1,5}}){{2,5}}{_EXT})\b",
                    rf"((?:\b1[ .\-]?)?\(\d{{3}}\)[ .\-]?\d{{3}}[ .\-]\d{{4}}{_EXT})\b",
                    rf"\b((?:1[.\-])?\d{{3}}[.\-]\d{{3}}[.\-]\d{{4}}{_EXT})\b",
                    rf"\b(\d{{3}} \d{{3}} \d{{4}}{_EXT})\b",
                    # "(020) 7946 0321": a bracketed trunk code is a telling layout
                    r"(\(0\d{1,4}\)[ .\-]?\d{3,4}[ .\-]?\d{3,4})\b",
                )
            ),
            score=0.7,
            validator=PhoneValidator(),
            context=Context(words=_PHONE_WORDS, boost=0.15),
            priority=PRIORITY_NETWORK,
        ),
        PatternRecognizer(
            id="dlp.pii.phone_national",
            entity="PHONE_NUMBER",
            pattern=r"\b(0\d{1,4}(?:[ .\-]?\d{2,4}){2,4})\b",
            score=0.3,
            validator=NationalPhoneValidator(),
            context=Context(words=_PHONE_WORDS, boost=0.4, required=True),
            priority=PRIORITY_NETWORK - 1,
        ),
        PatternRecognizer(
            id="dlp.pii.ipv4",
            entity="IP_ADDRESS",
            pattern=r"\b\d{1,3}(?:\.\d{1,3}){3}\b",
            score=0.7,
            validator=Ipv4Validator(),
            context=Context(
                words=(
                    "ip",
                    "address",
                    "host",
                    "server",
                    "client",
                    "from",
                    "src",
                    "dst",
                    "addr",
                    "adresse",
                    "serveur",
                    "dirección",
                    "direccion",
                    "servidor",
                ),
                negative=_VERSION_WORDS,
                boost=0.15,
                penalty=0.6,
                before=24,
                after=8,
            ),
            priority=PRIORITY_NETWORK,
        ),
        PatternRecognizer(
            id="dlp.pii.ipv6",
            entity="IP_ADDRESS",
            pattern=r"(?i)[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}",
            score=0.7,
            validator=Ipv6Validator(),
            priority=PRIORITY_NETWORK,
        ),
        PatternRecognizer(
            id="dlp.pii.url",
            entity="URL",
            pattern=(
                r"\b(?:https?|ftp|wss?)://[^\s<>\"'`{}|\\^\[\]]+"
                r"|\bwww\.[A-Za-z0-9\-]+\.[^\s<>\"'`{}|\\^\[\]]+"
            ),
            score=0.6,
            validator=UrlValidator(),
            priority=PRIORITY_URL,
            triggers=("://", "www."),
        ),
        PatternRecognizer(
            id="dlp.pii.date_time",
            entity="DATE_TIME",
            pattern=_DATE_PATTERN,
            score=0.6,
            validator=DateValidator(),
            context=Context(negative=_VERSION_WORDS, penalty=0.5, before=16, after=0),
            priority=PRIORITY_DATE,
        ),
        PatternRecognizer(
            id="dlp.pii.us_passport",
            entity="US_PASSPORT",
            pattern=r"\b(?:[A-Z]\d{8}|\d{9})\b",
            score=0.1,
            context=Context(
                words=(
                    "passport",
                    "passports",
                    "travel document",
                    "reisepass",
                    "passeport",
                    "pasaporte",
                    "passaporto",
                ),
                boost=0.65,
                required=True,
            ),
            priority=PRIORITY_CONTEXTUAL,
        ),
        PatternRecognizer(
            id="dlp.pii.us_driver_license",
            entity="US_DRIVER_LICENSE",
            pattern=(
                r"\b(?:[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d|[A-Z]\d{3,14}|[A-Z]{2}\d{3,12}|\d{7,12})\b"
            ),
            score=0.05,
            context=Context(
                words=(
                    "driver",
                    "drivers",
                    "driver's",
                    "license",
                    "licence",
                    "dl",
                    "dln",
                    "driving",
                    "dl#",
                    "führerschein",
                    "fuehrerschein",
                    "permis de conduire",
                    "permis",
                    "licencia de conducir",
                    "carnet de conducir",
                    "patente",
                ),
                negative=("passport",),
                boost=0.6,
                required=True,
            ),
            # The context words, with `dl` only as a word (not inside "handle").
            triggers=_DL_TRIGGERS,
            priority=PRIORITY_CONTEXTUAL,
        ),
        PatternRecognizer(
            id="dlp.pii.uk_nino",
            entity="UK_NINO",
            pattern=r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
            score=0.6,
            validator=ValueValidator("uk_nino", STDNUM_CHECKS["uk_nino"]),
            context=Context(words=("national insurance", "nino", "ni number", "ni no"), boost=0.3),
            priority=PRIORITY_VALIDATED,
        ),
        PatternRecognizer(
            id="dlp.pii.de_tax_id",
            entity="DE_TAX_ID",
            pattern=r"\b\d{2} ?\d{3} ?\d{3} ?\d{3}\b",
            score=0.3,
            validator=ValueValidator(
                "de_idnr", lambda v: STDNUM_CHECKS["de_idnr"](v.replace(" ", ""))
            ),
            context=Context(
                words=(
                    "steuer",
                    "steuerid",
                    "steuer id",
                    "idnr",
                    "identifikationsnummer",
                    "steueridentifikationsnummer",
                    "tax id",
                    "tin",
                    "tax identification",
                ),
                boost=0.4,
                required=True,
            ),
            priority=PRIORITY_VALIDATED,
        ),
        PatternRecognizer(
            id="dlp.pii.fr_nir",
            entity="FR_NIR",
            pattern=r"\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b",
            score=0.6,
            validator=ValueValidator("fr_nir", STDNUM_CHECKS["fr_nir"]),
            context=Context(
                words=("nir", "insee", "sécurité sociale", "securite sociale", "social security"),
                boost=0.3,
            ),
            priority=PRIORITY_VALIDATED,
        ),
        PatternRecognizer(
            id="dlp.pii.es_nif",
            entity="ES_NIF",
            pattern=r"\b(?:\d{8}-?[A-Z]|[XYZ]-?\d{7}-?[A-Z])\b",
            score=0.55,
            validator=ValueValidator("es_dni", STDNUM_CHECKS["es_dni"]),
            context=Context(words=("dni", "nif", "nie", "documento"), boost=0.3),
            priority=PRIORITY_VALIDATED,
        ),
        PatternRecognizer(
            id="dlp.pii.in_aadhaar",
            entity="IN_AADHAAR",
            pattern=r"\b[2-9]\d{3} ?\d{4} ?\d{4}\b",
            score=0.35,
            validator=ValueValidator("in_aadhaar", STDNUM_CHECKS["in_aadhaar"]),
            # 0.35 alone is below any sensible threshold: without a word, skip the work.
            context=Context(words=("aadhaar", "aadhar", "uidai", "uid"), boost=0.45, required=True),
            priority=PRIORITY_VALIDATED,
        ),
        PatternRecognizer(
            id="dlp.pii.in_pan",
            entity="IN_PAN",
            pattern=r"\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b",
            score=0.5,
            validator=ValueValidator("in_pan", STDNUM_CHECKS["in_pan"]),
            context=Context(words=("pan", "permanent account number", "income tax"), boost=0.35),
            priority=PRIORITY_VALIDATED,
        ),
        *european_and_brazilian_ids(PRIORITY_VALIDATED),
    ]
