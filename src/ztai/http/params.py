"""Query and path parameters: strict parsing, and the NUL guard shared by every route."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from ztai.domain.clock import ZonelessTime, iso, parse_zoned
from ztai.errors import BadRequest, ValidationFailed
from ztai.http.problem import problem


def bounded_int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    """ASCII digits only: '²'.isdigit() is True, but int('²') raises."""
    if value is None:
        return default
    if not (value.isascii() and value.isdecimal()) or not low <= int(value) <= high:
        raise ValidationFailed(f"{name} must be an integer in [{low}, {high}]")
    return int(value)


def timestamp(value: str | None, name: str) -> str | None:
    """An ISO-8601 time with a zone, as ztai's fixed-width UTC string."""
    if value is None:
        return None
    return iso(zoned(value, name))


def zoned(value: str, name: str) -> float:
    """`parse_zoned` with the error a client can act on."""
    try:
        return parse_zoned(value)
    except ZonelessTime as exc:
        raise ValidationFailed(f"{name} must carry a time zone (e.g. Z)") from exc
    except ValueError as exc:
        raise ValidationFailed(f"{name} must be an ISO-8601 timestamp") from exc


class RejectNul:
    """U+0000 has no place in ids or text and PostgreSQL cannot store it: refuse it at the
    door (400) instead of letting it fail deep in storage."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
            query = scope.get("query_string", b"")
            if b"\x00" in raw or b"%00" in raw or b"\x00" in query or b"%00" in query:
                response = problem(
                    BadRequest("NUL characters are not accepted", code="request.invalid_character")
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
