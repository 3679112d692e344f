"""Detect on the way out: secrets in model output are redacted (also across stream chunks,
with a bounded hold-back window) and pseudonyms are restored for the agent."""

from __future__ import annotations

from collections.abc import Callable

from ztai.dlp import DlpEngine, redact
from ztai.dlp.pseudonym import StreamRehydrator
from ztai.domain.finding import Finding
from ztai.gateway.llm.inspect import SECRET_PREFIX


def secrets_in(dlp: DlpEngine, text: str) -> list[Finding]:
    return [f for f in dlp.analyze(text) if f.kind.startswith(SECRET_PREFIX)]


def redact_secrets(dlp: DlpEngine, text: str) -> tuple[str, list[str]]:
    """(text with every secret replaced by `<TYPE>`, the types found)."""
    found = secrets_in(dlp, text)
    return (redact(text, found), [f.kind for f in found]) if found else (text, [])


class OutputGuard:
    """Per choice of a streamed answer: release text only once no secret can still be
    completing at its end; never buffer more than `holdback` characters beyond that."""

    def __init__(
        self,
        dlp: DlpEngine,
        holdback: int,
        rehydrator: StreamRehydrator | None,
        on_secret: Callable[[list[str]], None],
    ) -> None:
        self._dlp = dlp
        self._holdback = holdback
        self._rehydrator = rehydrator
        self._on_secret = on_secret
        self._buffer = ""

    def feed(self, text: str) -> str:
        self._buffer += text
        if len(self._buffer) <= self._holdback:
            return ""
        findings = secrets_in(self._dlp, self._buffer)
        cut = len(self._buffer) - self._holdback
        # Never cut inside a secret: it is released (redacted) whole, or kept whole.
        for finding in findings:
            if finding.start < cut < finding.end:
                cut = finding.start
        done = [f for f in findings if f.end <= cut]
        released = redact(self._buffer[:cut], done) if done else self._buffer[:cut]
        self._buffer = self._buffer[cut:]
        if done:
            self._on_secret([f.kind for f in done])
        return self._restore(released)

    def flush(self) -> str:
        text, kinds = redact_secrets(self._dlp, self._buffer)
        self._buffer = ""
        if kinds:
            self._on_secret(kinds)
        out = self._restore(text)
        if self._rehydrator is not None:
            out += self._rehydrator.flush()
        return out

    def _restore(self, text: str) -> str:
        return self._rehydrator.feed(text) if self._rehydrator is not None and text else text
