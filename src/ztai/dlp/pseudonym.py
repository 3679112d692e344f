"""Reversible pseudonymization: stable `<TYPE_n>` placeholders and their rehydration.

One `Pseudonymizer` per conversation: the same value always gets the same placeholder,
so the model can still tell "the two e-mails are the same person". The table travels
only sealed (AEAD, caller's key); it is never logged and its `repr` shows no values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ztai.domain.finding import Finding

from .redaction import replace_spans
from .sealing import check_key, seal, unseal

# `<` + type (≤ 48) + `_` + counter (≤ 9 digits) + `>`; the streaming rehydrator never
# holds back more than this many characters.
MAX_PLACEHOLDER = 64
_TYPE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _safe_type(kind: str) -> str:
    cleaned = "".join(ch if ch in _TYPE_CHARS else "_" for ch in kind.upper())[:48]
    return cleaned or "ENTITY"


@dataclass(frozen=True, slots=True)
class Pseudonymized:
    """Pseudonymized text and the sealed mapping needed to restore it."""

    text: str
    sealed_mapping: str = field(repr=False)
    placeholders: tuple[str, ...]


class Pseudonymizer:
    """Per-conversation placeholder allocator; `context` (e.g. a conversation id) is bound
    into the seal as associated data."""

    __slots__ = ("_by_value", "_context", "_counters", "_key", "_originals")

    def __init__(self, key: bytes, *, context: str = "") -> None:
        check_key(key)
        self._key = bytes(key)
        self._context = context
        self._by_value: dict[tuple[str, str], str] = {}
        self._originals: dict[str, str] = {}
        self._counters: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"Pseudonymizer(placeholders={len(self._originals)})"

    def placeholder(self, kind: str, value: str) -> str:
        key = (kind, value)
        existing = self._by_value.get(key)
        if existing is not None:
            return existing
        safe = _safe_type(kind)
        n = self._counters.get(safe, 0) + 1
        self._counters[safe] = n
        name = f"<{safe}_{n}>"
        self._by_value[key] = name
        self._originals[name] = value
        return name

    def pseudonymize(self, text: str, findings: Iterable[Finding]) -> Pseudonymized:
        used: list[str] = []

        def render(f: Finding) -> str:
            name = self.placeholder(f.kind, text[f.start : f.end])
            used.append(name)
            return name

        out = replace_spans(text, findings, render)
        return Pseudonymized(out, self.sealed_mapping(), tuple(used))

    def sealed_mapping(self) -> str:
        """Every placeholder issued so far in this conversation, sealed."""
        return seal(self._originals, self._key, self._context)


def substitute(text: str, mapping: Mapping[str, str]) -> str:
    """Replace every known `<TYPE_n>` in `text`; unknown ones are left as they are."""
    if not mapping or "<" not in text:
        return text
    parts: list[str] = []
    pos = 0
    while True:
        lt = text.find("<", pos)
        if lt < 0:
            break
        gt = text.find(">", lt + 1, lt + MAX_PLACEHOLDER)
        if gt < 0:
            parts.append(text[pos : lt + 1])
            pos = lt + 1
            continue
        original = mapping.get(text[lt : gt + 1])
        if original is None:
            parts.append(text[pos : lt + 1])
            pos = lt + 1
            continue
        parts.append(text[pos:lt])
        parts.append(original)
        pos = gt + 1
    parts.append(text[pos:])
    return "".join(parts)


def _json_escaped(mapping: Mapping[str, str]) -> dict[str, str]:
    # Inside a JSON string (a tool call's arguments) an original with a quote or a
    # backslash must not end the string early or change the document's structure.
    return {k: json.dumps(v, ensure_ascii=False)[1:-1] for k, v in mapping.items()}


def rehydrate(
    text: str, sealed_mapping: str, key: bytes, *, context: str = "", json_string: bool = False
) -> str:
    """Restore originals in a (model) response; raises `SealedMappingError` if tampered.
    `json_string`: `text` is JSON (tool-call arguments), so originals go in escaped."""
    mapping = unseal(sealed_mapping, key, context)
    return substitute(text, _json_escaped(mapping) if json_string else mapping)


def _partial_start(buffer: str) -> int:
    """Index where a possibly unfinished placeholder starts, or len(buffer) if none."""
    lt = buffer.rfind("<", max(0, len(buffer) - MAX_PLACEHOLDER))
    if lt < 0 or ">" in buffer[lt:]:
        return len(buffer)
    tail = buffer[lt + 1 :]
    if all(ch in _TYPE_CHARS for ch in tail):
        return lt
    return len(buffer)


class StreamRehydrator:
    """Rehydrates a streamed response chunk by chunk.

    A placeholder can be split across chunks (`"<EMAIL_AD"`, `"DRESS_1>"`); the tail that
    could still become one is held back — never more than `MAX_PLACEHOLDER - 1` characters
    — and released as soon as it completes or cannot be a placeholder any more.
    """

    __slots__ = ("_mapping", "_pending")

    def __init__(
        self, sealed_mapping: str, key: bytes, *, context: str = "", json_string: bool = False
    ) -> None:
        mapping = unseal(sealed_mapping, key, context)
        self._mapping = _json_escaped(mapping) if json_string else mapping
        self._pending = ""

    def __repr__(self) -> str:
        return f"StreamRehydrator(pending={len(self._pending)})"

    @property
    def pending(self) -> int:
        return len(self._pending)

    def feed(self, chunk: str) -> str:
        buffer = self._pending + chunk
        cut = _partial_start(buffer)
        self._pending = buffer[cut:]
        return substitute(buffer[:cut], self._mapping)

    def flush(self) -> str:
        rest, self._pending = self._pending, ""
        return substitute(rest, self._mapping)
