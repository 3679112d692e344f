"""Writes the over-defense set (benign texts full of attack vocabulary) as tune / holdout JSONL.

Every row is label 0: a prompt-injection detector that flags one of them is over-defending.
The texts live as Python data in the five sibling modules; this script validates them, splits
them and prints the composition table that README.md quotes.

Split: rows are dealt in sha256(id) order, each to the file that so far holds fewer rows of
its language, category (the style) and surface, so both files cover every language and style
about half each. The split depends on nothing but the ids (no seed, no clock). Adding a row can
move rows dealt after it, so once the holdout has been used to report a figure, rows are not
added here: a later version is a new set.

    .venv/bin/python benchmarks/shield/overdefense/build.py          # write both files
    .venv/bin/python benchmarks/shield/overdefense/build.py --check  # verify they are current
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import documents_mail  # noqa: E402
import documents_web  # noqa: E402
import prompts_daily  # noqa: E402
import prompts_steering  # noqa: E402
import prompts_tech  # noqa: E402

MODULES = (prompts_tech, prompts_daily, prompts_steering, documents_mail, documents_web)
SPLITS = ("tune", "holdout")
ID_SHAPE = re.compile(r"od-(?P<category>[a-z_]+)-(?P<lang>[a-z]{2})-\d{2}")
# The languages the set is written in (ISO 639-1); any other code in an id is a typo.
LANGS = frozenset(
    ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "ar", "hi", "zh")
) | frozenset(("ja", "ko", "vi", "id", "sv", "cs", "el", "he", "th"))


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    label: int
    category: str
    source: str
    surface: str
    lang: str


def load_rows() -> list[Row]:
    rows: list[Row] = []
    for module in MODULES:
        for row_id, text in module.ROWS.items():
            shape = ID_SHAPE.fullmatch(row_id)
            if shape is None:
                raise ValueError(f"{module.__name__}: id {row_id!r} is not od-<category>-<lang>-NN")
            lang = shape["lang"]
            if lang not in LANGS:
                raise ValueError(f"{row_id}: unknown language {lang!r}")
            category = shape["category"]
            rows.append(
                Row(
                    id=row_id,
                    text=text,
                    label=0,
                    category=category,
                    source=f"overdefense:{category}",
                    surface=module.SURFACE,
                    lang=lang,
                )
            )
    ids = Counter(row.id for row in rows)
    duplicates = sorted(row_id for row_id, n in ids.items() if n > 1)
    if duplicates:
        raise ValueError(f"duplicate ids: {duplicates}")
    return rows


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def split(rows: list[Row]) -> dict[str, list[Row]]:
    """Deal rows so each language, category and surface falls about half into each file.

    Rows are taken in sha256(id) order; each goes to the file that so far holds fewer rows of
    its language, category and surface together, ties going by the hash. A greedy deal rather
    than a per-stratum one, because most (category, language) cells hold a single row.
    """
    out: dict[str, list[Row]] = {name: [] for name in SPLITS}
    seen: dict[str, Counter[str]] = {name: Counter() for name in SPLITS}
    for row in sorted(rows, key=lambda r: _digest(r.id)):
        keys = (f"lang:{row.lang}", f"category:{row.category}", f"surface:{row.surface}")
        load = [sum(seen[name][key] for key in keys) for name in SPLITS]
        pick = int(_digest(row.id), 16) % 2 if load[0] == load[1] else load.index(min(load))
        out[SPLITS[pick]].append(row)
        seen[SPLITS[pick]].update(keys)
    for name in SPLITS:
        out[name].sort(key=lambda r: r.id)
    return out


def render(rows: list[Row]) -> str:
    return "".join(json.dumps(asdict(row), ensure_ascii=False) + "\n" for row in rows)


def _table(title: str, counts: dict[str, Counter[str]], keys: list[str]) -> list[str]:
    lines = [f"| {title} | " + " | ".join(SPLITS) + " | total |", "|---|" + "---:|" * 3]
    for key in keys:
        per = [counts[name][key] for name in SPLITS]
        lines.append(f"| {key} | " + " | ".join(map(str, per)) + f" | {sum(per)} |")
    totals = [sum(counts[name].values()) for name in SPLITS]
    lines.append("| **all** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    return lines


def composition(halves: dict[str, list[Row]]) -> str:
    """Markdown tables: rows per surface, category and language in each split."""
    lines: list[str] = []
    for title, field in (("surface", "surface"), ("category", "category"), ("lang", "lang")):
        counts = {name: Counter(getattr(row, field) for row in halves[name]) for name in SPLITS}
        keys = sorted(
            set().union(*counts.values()), key=lambda k: (-sum(c[k] for c in counts.values()), k)
        )
        lines += [*_table(title, counts, keys), ""]
    every = [row for name in SPLITS for row in halves[name]]
    other = sum(row.lang != "en" for row in every)
    sizes = sorted(len(row.text) for row in every)
    lines.append(
        f"Non-English rows: {other} of {len(every)} ({100 * other / len(every):.0f} %). "
        f"Text length: {sizes[0]}–{sizes[-1]} characters, median {sizes[len(sizes) // 2]}."
    )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args()
    halves = split(load_rows())
    stale = []
    for name in SPLITS:
        path = HERE / f"{name}.jsonl"
        body = render(halves[name])
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != body:
                stale.append(path.name)
        else:
            path.write_text(body, encoding="utf-8")
    print(composition(halves), end="")
    if stale:
        print(f"stale: {', '.join(stale)} (run without --check)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
