"""Redaction and masking: apply findings to text as a separate step (detectors never edit)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ztai.domain.finding import Finding


def typed_placeholder(kind: str) -> str:
    return f"<{kind}>"


def _ordered(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """Findings sorted by start, overlaps and out-of-range spans dropped (defensive)."""
    kept: list[Finding] = []
    last_end = 0
    for f in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if f.start < last_end or f.start < 0 or f.end > len(text) or f.end <= f.start:
            continue
        kept.append(f)
        last_end = f.end
    return kept


def replace_spans(text: str, findings: Iterable[Finding], render: Callable[[Finding], str]) -> str:
    parts: list[str] = []
    pos = 0
    for f in _ordered(text, findings):
        parts.append(text[pos : f.start])
        parts.append(render(f))
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def redact(
    text: str,
    findings: Iterable[Finding],
    placeholder: Callable[[str], str] = typed_placeholder,
) -> str:
    """Each finding's span becomes `<ENTITY_TYPE>` (or what `placeholder(kind)` returns)."""
    return replace_spans(text, findings, lambda f: placeholder(f.kind))


def mask(text: str, findings: Iterable[Finding], *, char: str = "*", keep_last: int = 0) -> str:
    """Each finding's characters become `char`, keeping the last `keep_last` alphanumerics.

    Separators survive so the shape stays readable ("****-****-****-1111").
    """

    def render(f: Finding) -> str:
        value = text[f.start : f.end]
        keep = keep_last
        out: list[str] = []
        for ch in reversed(value):
            if ch.isalnum():
                out.append(ch if keep > 0 else char)
                keep -= 1
            else:
                out.append(ch)
        return "".join(reversed(out))

    return replace_spans(text, findings, render)
