"""OpenAI's error shape, with ztai's stable codes: the one wire form of the LLM routes."""

from __future__ import annotations

from starlette.responses import JSONResponse

from ztai.errors import Forbidden, ZtaiError

# OpenAI's `type` values by HTTP status; clients branch on these.
_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_denied_error",
    404: "not_found_error",
    409: "conflict_error",
    413: "invalid_request_error",
    415: "invalid_request_error",
    422: "invalid_request_error",
    429: "rate_limit_exceeded",
    502: "api_error",
    503: "api_error",
    504: "timeout_error",
}


class EnvelopeScope(Forbidden):
    code = "envelope.scope"
    title = "Outside the verified scope"


class UpstreamFailed(ZtaiError):
    code = "upstream.failed"
    status = 502
    title = "Upstream failed"


class UpstreamTimeout(ZtaiError):
    code = "upstream.timeout"
    status = 504
    title = "Upstream timed out"


class ModelNotFound(ZtaiError):
    code = "llm.model_not_found"
    status = 404
    title = "Model not found"


class RateLimited(ZtaiError):
    code = "limits.exceeded"
    status = 429
    title = "Rate limit exceeded"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class Blocked(ZtaiError):
    """A detector's finding refused the request (prompt attack, secret, label)."""

    status = 400
    title = "Request blocked"


def openai_error_body(error: ZtaiError) -> dict[str, object]:
    return {
        "error": {
            "message": error.detail,
            "type": _TYPES.get(error.status, "api_error"),
            "code": error.code,
            "param": None,
        }
    }


def openai_error(error: ZtaiError) -> JSONResponse:
    headers = {}
    if isinstance(error, RateLimited):
        headers["Retry-After"] = str(error.retry_after)
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return JSONResponse(
        openai_error_body(error),
        status_code=error.status,
        headers=headers,
    )
