"""Builds the out-of-distribution prompt-shield set: ids, tune / holdout split, JSONL, counts.

Run `python benchmarks/shield/ood/build.py` to rewrite tune.jsonl and holdout.jsonl, or add
`--table` to print the composition tables that README.md shows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import encoded
import seeds_bipia
import seeds_multilingual
import seeds_pint
import seeds_tools
import seeds_user
from seed import Seed

HERE = Path(__file__).resolve().parent
SPLITS = ("tune", "holdout")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def all_seeds() -> list[Seed]:
    return (
        seeds_user.SEEDS
        + seeds_bipia.SEEDS
        + seeds_tools.SEEDS
        + seeds_pint.SEEDS
        + seeds_multilingual.SEEDS
        + encoded.seeds()
    )


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    seen: set[str] = set()
    for seed in all_seeds():
        # The id hashes the text, so reordering or adding rows never renames (or re-splits) others.
        row_id = f"ood:{seed.style}:{_digest(seed.text)[:12]}"
        if row_id in seen:
            raise SystemExit(f"duplicate row text: {seed.text[:60]!r}")
        seen.add(row_id)
        out.append(
            {
                "id": row_id,
                "text": seed.text,
                "label": seed.label,
                "category": seed.category,
                "source": f"ood:{seed.style}",
                "surface": seed.surface,
                "lang": seed.lang,
            }
        )
    return out


def assign(all_rows: list[dict[str, object]]) -> dict[str, str]:
    """Maps each id to a split: alternate within (style, label), ordered by lang, category, hash.

    A plain hash-parity split would leave small cells (a language with five rows, an encoding with
    three) on one side. Alternating along that order puts every language and category with two or
    more rows of a label into both halves, and the id hash keeps the choice stable.
    """
    cells: dict[tuple[str, int], list[dict[str, object]]] = defaultdict(list)
    for row in all_rows:
        cells[(str(row["source"]), int(str(row["label"])))].append(row)
    split: dict[str, str] = {}
    for (source, label), members in sorted(cells.items()):
        members.sort(key=lambda r: (str(r["lang"]), str(r["category"]), _digest(str(r["id"]))))
        offset = int(_digest(f"{source}|{label}")[0], 16) % 2
        for index, row in enumerate(members):
            split[str(row["id"])] = SPLITS[(index + offset) % 2]
    return split


def write(all_rows: list[dict[str, object]], split: dict[str, str]) -> None:
    for name in SPLITS:
        lines = [json.dumps(r, ensure_ascii=False) for r in all_rows if split[str(r["id"])] == name]
        (HERE / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}.jsonl: {len(lines)} rows", file=sys.stderr)


def table(all_rows: list[dict[str, object]], split: dict[str, str], key: str) -> str:
    counts: Counter[tuple[str, str, int]] = Counter(
        (str(r[key]), split[str(r["id"])], int(str(r["label"]))) for r in all_rows
    )
    values = sorted({value for value, _, _ in counts})
    head = f"| {key} | tune attack | tune benign | holdout attack | holdout benign | total |"
    lines = [head, "|---|---:|---:|---:|---:|---:|"]
    for value in [*values, "**total**"]:
        cells = [
            sum(n for (v, s, lab), n in counts.items() if s == name and lab == label)
            if value == "**total**"
            else counts[(value, name, label)]
            for name in SPLITS
            for label in (1, 0)
        ]
        lines.append(f"| {value} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--table", action="store_true", help="print the composition tables")
    args = parser.parse_args()
    all_rows = rows()
    split = assign(all_rows)
    if args.table:
        for key in ("source", "lang", "surface", "category"):
            print(table(all_rows, split, key) + "\n")
        return
    write(all_rows, split)


if __name__ == "__main__":
    main()
