"""Time as an injectable dependency, so expiry is testable without sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]

system_clock: Clock = time.time


def iso(ts: float) -> str:
    """Fixed-width UTC timestamp: sorts the same as a string and as a time."""
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(value: str) -> float:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()


class ZonelessTime(ValueError):
    """A timestamp without a zone: ambiguous, so never guessed."""


def parse_zoned(value: str) -> float:
    """Epoch seconds of an ISO-8601 time that names its zone (`Z` or an offset).
    Raises ZonelessTime without a zone, ValueError for anything else unusable."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError("not an ISO-8601 timestamp") from exc
    if parsed.tzinfo is None:
        raise ZonelessTime("timestamp has no time zone")
    try:
        parsed.astimezone(UTC)  # must still be a date once made UTC (year 1 … 9999)
        return parsed.timestamp()
    except (OverflowError, OSError, ValueError) as exc:  # the calendar's edges
        raise ValueError("timestamp out of range") from exc
