"""Reading request bodies: size limit, content type, JSON syntax, then the schema."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from ztai.errors import BadRequest, MalformedJson, TooLarge, UnsupportedMediaType, ValidationFailed

M = TypeVar("M", bound=BaseModel)


async def read_body(request: Request, max_bytes: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
        raise TooLarge(f"body exceeds {max_bytes} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"body exceeds {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("number out of range")  # 1e400 would become Infinity: not JSON
    return value


def parse_json(raw: bytes) -> Any:
    if b"\\u0000" in raw or b"\x00" in raw:
        raise BadRequest("NUL characters are not accepted", code="request.invalid_character")
    try:
        # NaN/Infinity are not JSON (RFC 8259); refuse them rather than store them.
        return json.loads(raw, parse_constant=_reject_constant, parse_float=_finite_float)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise MalformedJson("request body is not valid JSON") from exc


def validate(model: type[M], data: Any) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [
            {"loc": [str(p) for p in err["loc"]], "msg": err["msg"], "type": err["type"]}
            for err in exc.errors(include_url=False, include_input=False, include_context=False)
        ]
        raise ValidationFailed(
            "request body does not match the schema", extra={"errors": problems}
        ) from exc


async def read_json(
    request: Request, model: type[M], max_bytes: int, *, optional: bool = False
) -> M:
    raw = await read_body(request, max_bytes)
    if optional and not raw.strip():
        return validate(model, {})
    if media_type(request) != "application/json":
        raise UnsupportedMediaType("send application/json")
    return validate(model, parse_json(raw))
