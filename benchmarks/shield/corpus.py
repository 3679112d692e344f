"""Corpus: reads prompt-shield JSONL rows and turns them into hashed training examples."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ztai.shield.classifier import WINDOW
from ztai.shield.features import FeatureSpec, extract
from ztai.shield.normalizer import collapse_spaces, normalize

DATA = Path("/work/shared/data/dev/prompt_shield")
HARD_NEGATIVE_SOURCES = ("awesome-chatgpt-prompts",)


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    text: str
    label: int
    category: str
    source: str
    surface: str

    @property
    def hard_negative(self) -> bool:
        return self.label == 0 and (
            self.category.startswith("hard_negative")
            or self.source in HARD_NEGATIVE_SOURCES
            or (self.source == "gpteacher" and self.category.startswith("roleplay"))
        )


def read_rows(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            rows.append(
                Row(
                    id=str(r.get("id", len(rows))),
                    text=r["text"],
                    label=int(r["label"]),
                    category=str(r.get("category", "")),
                    source=str(r.get("source", "unknown")),
                    surface=str(r.get("surface", "user")),
                )
            )
    return rows


@dataclass(frozen=True, slots=True, eq=False)
class Design:
    """A sparse design matrix in coordinate form plus per-example label, weight, row."""

    example: npt.NDArray[np.int64]
    column: npt.NDArray[np.int64]
    value: npt.NDArray[np.float32]
    label: npt.NDArray[np.float64]
    weight: npt.NDArray[np.float64]
    row: npt.NDArray[np.int64]

    @property
    def size(self) -> int:
        return len(self.label)


def design(rows: list[Row], spec: FeatureSpec) -> Design:
    """One example per classifier window of each row, weighted so each row counts once.

    Features are the same as at run time: folded skeleton view, spaces collapsed, counts
    scaled by 1/sqrt(number of features in the window).
    """
    ex, col, val, lab, wts, src = [], [], [], [], [], []
    n_examples = 0
    for index, row in enumerate(rows):
        view = collapse_spaces(normalize(row.text[:200_000]).skeleton)
        chunks = [view[i : i + WINDOW] for i in range(0, max(len(view), 1), WINDOW)][:16]
        for chunk in chunks:
            feats = extract(chunk, spec)
            ids, counts = np.unique(feats.ids, return_counts=True)
            norm = np.sqrt(max(len(feats.ids), 1))
            ex.append(np.full(len(ids), n_examples, dtype=np.int64))
            col.append(ids)
            val.append((counts / norm).astype(np.float32))
            lab.append(row.label)
            wts.append(1.0 / len(chunks))
            src.append(index)
            n_examples += 1
    return Design(
        example=np.concatenate(ex),
        column=np.concatenate(col),
        value=np.concatenate(val),
        label=np.array(lab, dtype=np.float64),
        weight=np.array(wts, dtype=np.float64),
        row=np.array(src, dtype=np.int64),
    )
