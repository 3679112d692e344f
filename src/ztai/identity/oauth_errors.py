"""OAuth 2.0 token-endpoint errors (RFC 6749 §5.2) as ztai errors with stable codes."""

from __future__ import annotations

from ztai.errors import BadRequest


class OAuthError(BadRequest):
    """`error` is the RFC 6749 value; `code` the ztai id used in audit and docs."""

    def __init__(self, error: str, description: str, *, status: int = 400) -> None:
        super().__init__(description, code=f"oauth.{error}")
        self.error = error
        self.status = status


def invalid_client(description: str) -> OAuthError:
    # RFC 6749 §5.2: 401 for a failed client authentication.
    return OAuthError("invalid_client", description, status=401)


def invalid_request(description: str) -> OAuthError:
    return OAuthError("invalid_request", description)


def unsupported_grant_type(description: str) -> OAuthError:
    return OAuthError("unsupported_grant_type", description)


def invalid_scope(description: str) -> OAuthError:
    return OAuthError("invalid_scope", description)


def invalid_target(description: str) -> OAuthError:
    # RFC 8707 §2: a `resource` this server does not serve.
    return OAuthError("invalid_target", description)
