"""The one error tree of ztai; every class carries a stable dotted code.

    ZtaiError                         (500 internal)
    ├── BadRequest                    request.*        400 / 413 / 415 / 422
    │   ├── MalformedJson             request.malformed_json      400
    │   ├── ValidationFailed          request.validation          422
    │   ├── TooLarge                  request.too_large           413
    │   └── UnsupportedMediaType      request.unsupported_media   415
    ├── AuthError                     auth.*           401
    │   └── InvalidToken              auth.invalid_token          401
    ├── Forbidden                     auth.forbidden              403
    ├── NotFound                      *.not_found                 404
    ├── Conflict                      *.conflict / invalid_transition 409
    └── Unavailable                   *.unavailable               503 (a control could not run)

The wire layers (control problem+json, OpenAI error body, JSON-RPC) map these in one place
each; nothing else chooses a status code.
"""

from __future__ import annotations

from typing import Any


class ZtaiError(Exception):
    code = "internal.error"
    status = 500
    title = "Internal error"

    def __init__(
        self, detail: str = "", *, code: str | None = None, extra: dict[str, Any] | None = None
    ):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        if code is not None:
            self.code = code
        self.extra = extra or {}


class BadRequest(ZtaiError):
    code = "request.invalid"
    status = 400
    title = "Bad request"


class MalformedJson(BadRequest):
    code = "request.malformed_json"
    title = "Malformed JSON"


class ValidationFailed(BadRequest):
    code = "request.validation"
    status = 422
    title = "Validation failed"


class TooLarge(BadRequest):
    code = "request.too_large"
    status = 413
    title = "Request body too large"


class UnsupportedMediaType(BadRequest):
    code = "request.unsupported_media"
    status = 415
    title = "Unsupported media type"


class AuthError(ZtaiError):
    code = "auth.unauthenticated"
    status = 401
    title = "Unauthenticated"


class InvalidToken(AuthError):
    code = "auth.invalid_token"
    title = "Invalid token"


class Forbidden(ZtaiError):
    code = "auth.forbidden"
    status = 403
    title = "Forbidden"


class NotFound(ZtaiError):
    code = "request.not_found"
    status = 404
    title = "Not found"


class Conflict(ZtaiError):
    code = "request.conflict"
    status = 409
    title = "Conflict"


class Unavailable(ZtaiError):
    """A control (storage, audit, revocation feed, signer) could not run: fail closed."""

    code = "service.unavailable"
    status = 503
    title = "Service unavailable"
