"""One log record per gateway request, for operations (the audit log is the record of
truth): who, which model or tool, what was decided, how it ended, how long it took. Built
from ids, names, codes and counts only, so it can go to any log pipeline."""

from __future__ import annotations

import logging
import time
from typing import Any

from ztai.gateway.tracing import TraceSpan

log = logging.getLogger("ztai.requests")


class _Summary:
    """`key=value …` for text logs, built only if a handler formats the record (a JSON
    handler reads the fields instead): this runs once per request."""

    __slots__ = ("_fields",)

    def __init__(self, fields: dict[str, Any]) -> None:
        self._fields = fields

    def __str__(self) -> str:
        return " ".join(
            f"{k}={v}" for k, v in self._fields.items() if not isinstance(v, dict | list)
        )


def log_request(event: str, **fields: Any) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    shown = {k: v for k, v in fields.items() if v is not None}
    log.info("%s %s", event, _Summary(shown), extra={"ztai": {"event": event, **shown}})


class RequestRecord:
    """A request's span and log fields, closed once: on the answer's end or on refusal."""

    def __init__(self, span: TraceSpan, event: str) -> None:
        self.span = span
        self._event = event
        self._started = time.perf_counter()
        self._fields: dict[str, Any] = {}
        self._closed = False

    def note(self, **fields: Any) -> None:
        self._fields.update(fields)

    def close(self, error: str | None = None, **fields: Any) -> None:
        if self._closed:
            return
        self._closed = True
        self.span.end(error)
        log_request(
            self._event,
            **self._fields,
            **fields,
            outcome=error or "ok",
            duration_ms=round((time.perf_counter() - self._started) * 1000, 2),
        )
