"""Detection quality of the default DLP pipeline on the span-labelled dev data.

Run: `make eval-dlp` (or `.venv/bin/python benchmarks/dlp/evaluate.py [--errors tune|holdout]`).

* pii_secrets.jsonl: each row is assigned to `tune` (70 %) or `holdout` (30 %) by a
  seeded shuffle within its template family (`category`), so both parts see every family.
  Rules were tuned on `tune` only; `holdout` is reported separately.
* code and config lines (`code_lines.py`, generated): a line with a credential must get
  a `SECRET_*` finding overlapping it, a look-alike line none; templates split per family
  into tuning and held-out parts.
* detect-secrets plugin cases: per plugin, label 1 must be flagged with a mapped type,
  label 0 must not be. Split the same way (seeded, within each plugin) into a tuning part
  and a held-out part; only the tuning part's errors were studied. Some label-1 cases are
  format test vectors (`AKIAZZZZZZZZZZZZZZZZ`, `AP6xxxxxxxxxx`, AWS's `…EXAMPLEKEY`,
  `user:password@`) that ztai rejects on purpose; a second score counts them as label 0
  (see `placeholder_case`), and a third leaves out `ip_public` (an address, not a secret).

Scores are span-exact per type (`strict`) and overlap-based (`overlap`: same type and the
spans intersect). NER types (PERSON, LOCATION, ORGANIZATION) are off in the default
pipeline and are listed for completeness only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from ztai.dlp import DlpEngine  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import code_lines  # noqa: E402

DATA = Path("/work/shared/data/dev")
PII_FILE = DATA / "pii-secrets" / "pii_secrets.jsonl"
DS_FILE = DATA / "detect-secrets" / "normalized.jsonl"
SEED = 20251126
TUNE_SHARE = 0.7

# Dev-set type → our entity type. API_KEY covers generic keys *and* AWS secret keys, so
# every SECRET_* type without its own dev label counts as API_KEY.
DEV_TO_OURS = {
    "API_KEY": "SECRET_API_KEY",
    "AWS_ACCESS_KEY_ID": "SECRET_AWS_ACCESS_KEY",
    "GITHUB_TOKEN": "SECRET_GITHUB_TOKEN",
    "JWT": "SECRET_JWT",
    "SLACK_TOKEN": "SECRET_SLACK_TOKEN",
    "PRIVATE_KEY": "SECRET_PRIVATE_KEY",
}
_OWN_SECRET_TYPES = frozenset(DEV_TO_OURS.values())
NER_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
VALIDATED = ("CREDIT_CARD", "US_SSN", "IBAN_CODE", "EMAIL_ADDRESS", "IP_ADDRESS", "PHONE_NUMBER")

# detect-secrets plugin → the entity types that count as "flagged by that plugin".
PLUGIN_TYPES: dict[str, frozenset[str]] = {
    "artifactory": frozenset({"SECRET_ARTIFACTORY_TOKEN", "SECRET_GENERIC", "SECRET_PASSWORD"}),
    "aws_key": frozenset({"SECRET_AWS_ACCESS_KEY", "SECRET_AWS_SECRET_KEY", "SECRET_GENERIC"}),
    "azure_storage_key": frozenset({"SECRET_AZURE_STORAGE_KEY", "SECRET_CONNECTION_STRING"}),
    "basic_auth": frozenset({"SECRET_CONNECTION_STRING", "SECRET_BASIC_AUTH"}),
    "cloudant": frozenset({"SECRET_CONNECTION_STRING", "SECRET_GENERIC", "SECRET_PASSWORD"}),
    "discord": frozenset({"SECRET_DISCORD_TOKEN"}),
    "github_token": frozenset({"SECRET_GITHUB_TOKEN"}),
    "gitlab_token": frozenset({"SECRET_GITLAB_TOKEN"}),
    "ibm_cloud_iam": frozenset({"SECRET_GENERIC", "SECRET_PASSWORD"}),
    "ibm_cos_hmac": frozenset({"SECRET_GENERIC", "SECRET_AWS_SECRET_KEY"}),
    "ip_public": frozenset({"IP_ADDRESS"}),
    "jwt": frozenset({"SECRET_JWT"}),
    "mailchimp_key": frozenset({"SECRET_MAILCHIMP_KEY"}),
    "npm": frozenset({"SECRET_NPM_TOKEN"}),
    "openai": frozenset({"SECRET_OPENAI_KEY"}),
    "pypi_token": frozenset({"SECRET_PYPI_TOKEN"}),
    "sendgrid": frozenset({"SECRET_SENDGRID_KEY"}),
    "softlayer": frozenset({"SECRET_GENERIC", "SECRET_PASSWORD", "SECRET_SOFTLAYER_KEY"}),
    "stripe_key": frozenset({"SECRET_STRIPE_KEY"}),
    "telegram_token": frozenset({"SECRET_TELEGRAM_TOKEN"}),
    "twilio": frozenset({"SECRET_TWILIO_KEY"}),
}


def eval_type(entity: str) -> str:
    """Our entity → the dev-set bucket it is scored in."""
    if entity.startswith("SECRET_") and entity not in _OWN_SECRET_TYPES:
        return "SECRET_API_KEY"
    return entity


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f(self, beta: float) -> float:
        p, r = self.precision, self.recall
        b2 = beta * beta
        return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


@dataclass
class Report:
    strict: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    overlap: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    secret_any: Counts = field(default_factory=Counts)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)


def split(rows: list[dict[str, object]]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    by_family: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        by_family[str(row["category"])].append(row)
    tune: list[dict[str, object]] = []
    hold: list[dict[str, object]] = []
    for family in sorted(by_family):
        members = sorted(by_family[family], key=lambda r: str(r["id"]))
        random.Random(f"{SEED}|{family}").shuffle(members)
        cut = round(len(members) * TUNE_SHARE)
        tune.extend(members[:cut])
        hold.extend(members[cut:])
    return tune, hold


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_rows(engine: DlpEngine, rows: Iterable[dict[str, object]]) -> Report:
    report = Report()
    for row in rows:
        text = str(row["text"])
        gold = [
            (DEV_TO_OURS.get(s["type"], s["type"]), s["start"], s["end"])
            for s in row["spans"]  # type: ignore[attr-defined]
        ]
        pred = [(eval_type(f.kind), f.start, f.end) for f in engine.analyze(text)]
        types = {t for t, _, _ in gold} | {t for t, _, _ in pred}
        for t in types:
            g = {(s, e) for tt, s, e in gold if tt == t}
            p = {(s, e) for tt, s, e in pred if tt == t}
            c = report.strict[t]
            c.tp += len(g & p)
            c.fp += len(p - g)
            c.fn += len(g - p)
            o = report.overlap[t]
            o.tp += sum(1 for span in g if any(_overlaps(span, q) for q in p))
            o.fn += sum(1 for span in g if not any(_overlaps(span, q) for q in p))
            o.fp += sum(1 for q in p if not any(_overlaps(span, q) for span in g))
            for s, e in sorted(g - p):
                report.errors.append(("FN", t, str(row["id"]), text[s:e]))
            for s, e in sorted(p - g):
                report.errors.append(("FP", t, str(row["id"]), text[s:e]))
        gs = [(s, e) for t, s, e in gold if t.startswith("SECRET_")]
        ps = [(s, e) for t, s, e in pred if t.startswith("SECRET_")]
        report.secret_any.tp += sum(1 for span in gs if any(_overlaps(span, q) for q in ps))
        report.secret_any.fn += sum(1 for span in gs if not any(_overlaps(span, q) for q in ps))
        report.secret_any.fp += sum(1 for q in ps if not any(_overlaps(span, q) for span in gs))
    return report


# A filler run (`xxxxxx`, `ZZZZZZ`), AWS's documented example marker, or a literal word
# standing where the credential goes: what documentation writes instead of a secret.
_FILLER_RUN = 6
_PLACEHOLDER_WORDS = frozenset({"password", "username", "secret", "token"})


def placeholder_case(text: str) -> bool:
    """True when the case's credential is a template, not a plausible secret."""
    for token in re.split(r"[\s\"'=:@/,;]+", text):
        low = token.lower()
        if low in _PLACEHOLDER_WORDS or "example" in low:
            return True
        if any(ch * _FILLER_RUN in token for ch in set(token)):
            return True
    return False


def engineer_labels(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The same rows with placeholder test vectors labelled 0 (they must not be flagged)."""
    return [
        {**row, "label": 0} if row["label"] == 1 and placeholder_case(str(row["text"])) else row
        for row in rows
    ]


def detect_secrets_rows() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    rows = [json.loads(line) for line in DS_FILE.read_text(encoding="utf-8").splitlines()]
    return split(rows)


def detect_secrets_table(
    engine: DlpEngine, rows: list[dict[str, object]], errors: list[str] | None = None
) -> dict[str, Counts]:
    table: dict[str, Counts] = defaultdict(Counts)
    for row in rows:
        plugin = str(row["category"]).split(":", 1)[1]
        wanted = PLUGIN_TYPES[plugin]
        findings = engine.analyze(str(row["text"]))
        flagged = any(f.kind in wanted for f in findings)
        c = table[plugin]
        if row["label"] == 1:
            c.tp += flagged
            c.fn += not flagged
        else:
            c.fp += flagged
        if errors is not None and flagged != (row["label"] == 1):
            kinds = ",".join(sorted({f.kind for f in findings})) or "-"
            kind = "FN" if row["label"] == 1 else "FP"
            errors.append(f"{kind} {plugin} [{kinds}] {str(row['text'])[:140]!r}")
    return table


def code_lines_table(
    engine: DlpEngine, lines: list[code_lines.Line], errors: list[str] | None = None
) -> dict[str, Counts]:
    table: dict[str, Counts] = defaultdict(Counts)
    for line in lines:
        spans = [
            (f.start, f.end) for f in engine.analyze(line.text) if f.kind.startswith("SECRET_")
        ]
        c = table[line.family.split(":", 1)[0]]
        if line.secret is not None:
            hit = any(_overlaps(line.secret, s) for s in spans)
            c.tp += hit
            c.fn += not hit
            wrong = not hit
        else:
            c.fp += bool(spans)
            wrong = bool(spans)
        if errors is not None and wrong:
            kind = "FN" if line.secret is not None else "FP"
            errors.append(f"{kind} {line.family} {line.text[:140]!r}")
    return table


def _fmt(c: Counts) -> str:
    return f"{c.precision:.3f} | {c.recall:.3f} | {c.f(1):.3f} | {c.f(2):.3f} | {c.tp + c.fn}"


HEADER = (
    "| type | P tune | R tune | F1 tune | F2 tune | n | P held | R held | F1 held | F2 held | n |"
)


def print_tables(
    tune: Report, hold: Report, ds: dict[str, Counts], ds_hold: dict[str, Counts]
) -> None:
    types = sorted(set(tune.strict) | set(hold.strict))
    print("### pii-secrets, span-exact (tune 70 % | held-out 30 %)\n")
    print(HEADER)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t in types:
        note = " (NER off)" if t in NER_TYPES else ""
        print(f"| {t}{note} | {_fmt(tune.strict[t])} | {_fmt(hold.strict[t])} |")
    for name, keys in (
        ("validated PII", VALIDATED),
        ("all secrets", tuple(sorted(_OWN_SECRET_TYPES | {"SECRET_API_KEY"}))),
    ):
        a, b = Counts(), Counts()
        for k in keys:
            a.add(tune.strict[k])
            b.add(hold.strict[k])
        print(f"| **{name} (micro)** | {_fmt(a)} | {_fmt(b)} |")
    print("\n### pii-secrets, overlap match (tune | held-out)\n")
    print(HEADER)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t in types:
        if t not in NER_TYPES:
            print(f"| {t} | {_fmt(tune.overlap[t])} | {_fmt(hold.overlap[t])} |")
    label = "**any SECRET_* vs any secret span**"
    print(f"| {label} | {_fmt(tune.secret_any)} | {_fmt(hold.secret_any)} |")
    print("\n### detect-secrets plugin cases (tune 70 % | held-out 30 %)\n")
    _print_groups("plugin", ds, ds_hold)


def print_engineer_view(views: dict[str, tuple[dict[str, Counts], dict[str, Counts]]]) -> None:
    """Totals under the placeholder relabelling, with and without `ip_public`."""
    for label, (tune, hold) in views.items():
        for name, skip in (("all", ()), ("secrets (no ip_public)", ("ip_public",))):
            a, b = Counts(), Counts()
            for plugin in set(tune) | set(hold):
                if plugin not in skip:
                    a.add(tune[plugin])
                    b.add(hold[plugin])
            print(f"| **{name}, {label}** | {_fmt(a)} | {_fmt(b)} |")


def print_code_lines(
    tune: dict[str, Counts], hold: dict[str, Counts], title: str = "code and config lines"
) -> None:
    print(f"\n### {title} (generated; tune templates | held-out templates)\n")
    _print_groups("lines", tune, hold)


def _print_groups(column: str, tune: dict[str, Counts], hold: dict[str, Counts]) -> None:
    """One row per group (tune | held-out) and the totals."""
    print(HEADER.replace("type", column))
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    total, total_hold = Counts(), Counts()
    for group in sorted(set(tune) | set(hold)):
        total.add(tune[group])
        total_hold.add(hold[group])
        print(f"| {group} | {_fmt(tune[group])} | {_fmt(hold[group])} |")
    print(f"| **all** | {_fmt(total)} | {_fmt(total_hold)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=("tune", "holdout"), help="list misses and false hits")
    args = parser.parse_args(argv)
    if not PII_FILE.exists():
        print(f"dev data not found at {DATA}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in PII_FILE.read_text(encoding="utf-8").splitlines()]
    tune_rows, hold_rows = split(rows)
    engine = DlpEngine()
    tune, hold = score_rows(engine, tune_rows), score_rows(engine, hold_rows)
    ds_tune_rows, ds_hold_rows = detect_secrets_rows()
    ds_errors: dict[str, list[str]] = {"tune": [], "holdout": []}
    ds_tune = detect_secrets_table(engine, ds_tune_rows, ds_errors["tune"])
    ds_hold = detect_secrets_table(engine, ds_hold_rows, ds_errors["holdout"])
    print(f"rows: tune {len(tune_rows)}, held-out {len(hold_rows)} (seed {SEED})\n")
    print_tables(tune, hold, ds_tune, ds_hold)
    print_engineer_view(
        {
            "dev labels": (ds_tune, ds_hold),
            "placeholders as label 0": (
                detect_secrets_table(engine, engineer_labels(ds_tune_rows)),
                detect_secrets_table(engine, engineer_labels(ds_hold_rows)),
            ),
        }
    )
    lines = code_lines.build()
    cl_errors: dict[str, list[str]] = {"tune": [], "holdout": []}
    print_code_lines(
        code_lines_table(engine, lines["tune"], cl_errors["tune"]),
        code_lines_table(engine, lines["holdout"], cl_errors["holdout"]),
    )
    layouts = code_lines.build_layouts()
    print_code_lines(
        code_lines_table(engine, layouts["tune"], cl_errors["tune"]),
        code_lines_table(engine, layouts["holdout"], cl_errors["holdout"]),
        "more layouts: PHP, call arguments, Terraform, properties, k8s, .netrc, sshpass",
    )
    if args.errors:
        report = tune if args.errors == "tune" else hold
        print()
        for kind, t, rid, value in report.errors:
            if t not in NER_TYPES:
                print(kind, t, rid, repr(value[:120]))
        for line in ds_errors[args.errors] + cl_errors[args.errors]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
