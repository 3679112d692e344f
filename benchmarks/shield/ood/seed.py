"""Seed: one hand-written evaluation row before it gets its id and split."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Seed:
    style: str
    lang: str
    surface: str
    label: int
    category: str
    text: str
