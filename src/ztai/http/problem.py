"""The one place a ZtaiError becomes an RFC 9457 problem+json response."""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ztai.errors import ZtaiError

log = logging.getLogger(__name__)

PROBLEM_TYPE_BASE = "urn:ztai:error:"  # RFC 9457 §3.1.1: any URI; a URN never dereferences


class ProblemResponse(JSONResponse):
    media_type = "application/problem+json"


def problem(error: ZtaiError, headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + error.code,
        "title": error.title,
        "status": error.status,
        "detail": error.detail,
        "code": error.code,
    }
    body.update(error.extra)
    return ProblemResponse(body, status_code=error.status, headers=headers)


async def ztai_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ZtaiError)
    return problem(exc)


async def unexpected_error_handler(request: Request, exc: Exception) -> Response:
    # Never a stack trace on the wire; the log keeps the type and the route only.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(ZtaiError("an internal error occurred; the request was refused"))


async def http_exception_handler(request: Request, exc: Exception) -> Response:
    """Routing errors (404, 405) in the same problem+json shape as everything else."""
    from starlette.exceptions import HTTPException

    assert isinstance(exc, HTTPException)
    codes = {404: "request.not_found", 405: "request.method_not_allowed"}
    error = ZtaiError(str(exc.detail), code=codes.get(exc.status_code, "request.invalid"))
    error.status = exc.status_code
    error.title = "Not found" if exc.status_code == 404 else "Request refused"
    return problem(error, dict(exc.headers) if exc.headers else None)
