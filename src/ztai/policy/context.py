"""Turning request context into Cedar values: typed, bounded, and never trusted for facts
ztai knows better (risk, clearance, environment, time)."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime
from typing import Any

from ztai.errors import ValidationFailed

MAX_DEPTH = 8
MAX_ITEMS = 256
MAX_STRING = 4096
_LONG = 2**63


def cedar_value(value: Any, depth: int = 0) -> Any:
    """JSON → Cedar JSON. Non-integral numbers become strings, so a numeric comparison on
    them is a type error that denies, never a silent rounding."""
    if depth > MAX_DEPTH:
        raise ValidationFailed("context nests too deeply")
    if isinstance(value, bool) or value is None:
        return value if value is not None else ""
    if isinstance(value, int):
        if not -_LONG <= value < _LONG:
            raise ValidationFailed("integer in context out of 64-bit range")
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < _LONG else repr(value)
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            raise ValidationFailed("string in context too long")
        return value
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise ValidationFailed("list in context too long")
        return [cedar_value(v, depth + 1) for v in value]
    if isinstance(value, dict):
        if len(value) > MAX_ITEMS:
            raise ValidationFailed("object in context too large")
        return {str(k): cedar_value(v, depth + 1) for k, v in value.items()}
    raise ValidationFailed(f"unsupported context value type {type(value).__name__}")


def ip_value(text: str) -> dict[str, Any]:
    try:
        ipaddress.ip_address(text)
    except ValueError as exc:
        raise ValidationFailed("context.source_ip is not an IP address") from exc
    return {"__extn": {"fn": "ip", "arg": text}}


def build_context(
    supplied: dict[str, Any],
    *,
    risk: int,
    clearance: int,
    environment: str,
    now: float,
    label: int | None = None,
) -> dict[str, Any]:
    """The caller's context, with the facts ztai owns overwritten by ztai's values."""
    context = {k: cedar_value(v) for k, v in supplied.items() if k != "source_ip"}
    if "source_ip" in supplied:
        if not isinstance(supplied["source_ip"], str):
            raise ValidationFailed("context.source_ip must be a string")
        context["source_ip"] = ip_value(supplied["source_ip"])
    moment = datetime.fromtimestamp(now, UTC)
    context.update(
        risk=risk,
        clearance=clearance,
        environment=environment,
        hour=moment.hour,
        weekday=moment.isoweekday(),
    )
    if label is not None:
        context["label"] = label
    return context
