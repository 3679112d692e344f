"""National-id recognizers for Europe and Brazil (python-stdnum checksums)."""

from __future__ import annotations

from .check import ValueValidator
from .context import Context
from .national_id import STDNUM_CHECKS
from .recognizer import PatternRecognizer


def european_and_brazilian_ids(priority: int) -> list[PatternRecognizer]:
    """Checksummed national ids (python-stdnum); weak checksums need a context word."""
    return [
        PatternRecognizer(
            id="dlp.pii.it_fiscal_code",
            entity="IT_FISCAL_CODE",
            # Surname/name letters, year, month letter, day (+40 for women), place, check
            # letter; digits may be replaced by letters (omocodia) when codes collide.
            pattern=(
                r"\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}"
                r"[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b"
            ),
            score=0.65,
            validator=ValueValidator("it_fiscal_code", STDNUM_CHECKS["it_fiscal_code"]),
            context=Context(
                words=("codice fiscale", "cod fisc", "cf", "fiscal code", "tax code", "c f"),
                boost=0.25,
            ),
            priority=priority,
        ),
        PatternRecognizer(
            id="dlp.pii.nl_bsn",
            entity="NL_BSN",
            pattern=r"\b(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})\b",
            score=0.3,
            validator=ValueValidator(
                "nl_bsn", lambda v: STDNUM_CHECKS["nl_bsn"](v.replace(".", "").replace(" ", ""))
            ),
            context=Context(
                words=(
                    "bsn",
                    "burgerservicenummer",
                    "burger service nummer",
                    "sofinummer",
                    "sofi nummer",
                    "citizen service number",
                ),
                boost=0.5,
                required=True,
            ),
            priority=priority,
        ),
        PatternRecognizer(
            id="dlp.pii.pl_pesel",
            entity="PL_PESEL",
            pattern=r"\b\d{11}\b",
            score=0.3,
            validator=ValueValidator("pl_pesel", STDNUM_CHECKS["pl_pesel"]),
            context=Context(words=("pesel",), boost=0.5, required=True),
            priority=priority,
        ),
        PatternRecognizer(
            id="dlp.pii.br_cpf",
            entity="BR_CPF",
            pattern=r"\b\d{3}\.\d{3}\.\d{3}-\d{2}\b",
            score=0.65,
            validator=ValueValidator("br_cpf", STDNUM_CHECKS["br_cpf"]),
            context=Context(words=_CPF_WORDS, boost=0.25),
            priority=priority,
        ),
        PatternRecognizer(
            id="dlp.pii.br_cpf_bare",
            entity="BR_CPF",
            pattern=r"\b\d{11}\b",
            score=0.3,
            validator=ValueValidator("br_cpf", STDNUM_CHECKS["br_cpf"]),
            context=Context(words=_CPF_WORDS, boost=0.5, required=True),
            priority=priority,
        ),
    ]


_CPF_WORDS = ("cpf", "cadastro de pessoas", "cadastro de pessoa física", "contribuinte")
