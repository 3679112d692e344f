"""NER on Faker-generated sentences in ten locales, dictionaries off and on (side by side).

Run (needs the `ner` extra and Faker, the build-time dependency of the dictionaries):

    .venv/bin/pip install 'faker==40.63.0'
    .venv/bin/python benchmarks/dlp/ner_faker_sentences.py

Synthetic PII sets (presidio-research's generator among them) fill sentence templates
with Faker names and cities. This does the same with 12 templates written here, seeded,
30 sentences per locale: `first_name() last_name()` for a person (titles are not part of
a name in this project's spans) and `city()` for a place. It is circular for the
dictionaries — they are built from the same Faker lists — so read the "on" column as an
upper bound on such data, and the gap as what the dictionaries can add there; the Faker
`en_US`-style invented towns (`Lake Jennifer`, `Port Dustinborough`) are not in any list.
"""

from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

# Faker's it_IT cities come out of a set, whose order follows str hashing: one hash seed
# makes the sentences the same on every run.
if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from evaluate import _fmt  # noqa: E402
from evaluate_ner import score  # noqa: E402
from faker import Faker  # noqa: E402

from ztai.dlp import DlpEngine  # noqa: E402
from ztai.dlp.ner import PresidioNerRecognizer  # noqa: E402

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES", "nl_NL", "pl_PL", "pt_BR", "sv_SE")
TEMPLATES = (
    "My name is {P} and I live in {C}.",
    "Please send the package to {P} in {C}.",
    "{P} was born in {C}.",
    "What is the weather like in {C} today?",
    "Can {P} call me back?",
    "{P} moved from {C} to {D} last year.",
    "The invoice for {P} goes to the {C} office.",
    "I met {P} yesterday.",
    "Our team in {C} will contact {P}.",
    "Contact {P} for details.",
    "Is {P} still working from {C}?",
    "We are hiring in {C} and {D}.",
)
_SLOT = re.compile(r"\{([PCD])\}")
PER_LOCALE = 30
SEED = 20251127


def rows() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    out: list[dict[str, object]] = []
    for locale in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(SEED)
        for _ in range(PER_LOCALE):
            template = rng.choice(TEMPLATES)
            values = {"P": f"{fake.first_name()} {fake.last_name()}", "C": fake.city()}
            values["D"] = fake.city()
            text, spans, pos = "", [], 0
            for m in _SLOT.finditer(template):
                text += template[pos : m.start()]
                value = values[m.group(1)]
                kind = "PERSON" if m.group(1) == "P" else "LOCATION"
                spans.append({"type": kind, "start": len(text), "end": len(text) + len(value)})
                text += value
                pos = m.end()
            out.append({"text": text + template[pos:], "spans": spans})
    return out


def main() -> int:
    data = rows()
    print(f"{len(data)} sentences, {len(LOCALES)} locales; span-exact\n")
    print("| dictionaries | type | P | R | F1 | F2 | n |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for on in (False, True):
        counts = score(DlpEngine(ner=PresidioNerRecognizer(dictionaries=on)), data)
        for kind in ("PERSON", "LOCATION"):
            print(f"| {'on' if on else 'off'} | {kind} | {_fmt(counts['strict'][kind])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
