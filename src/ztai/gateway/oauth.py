"""OAuth 2.0 routes: token endpoint (client_credentials), JWKS, server metadata."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qsl, unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.errors import TooLarge, Unavailable
from ztai.gateway.context import GatewayContext
from ztai.http.body import media_type, read_body
from ztai.identity.issuer import ASSERTION_TYPE
from ztai.identity.oauth_errors import (
    OAuthError,
    invalid_client,
    invalid_request,
    unsupported_grant_type,
)

MAX_FORM_BYTES = 16_384
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}  # RFC 6749 §5.1
_KNOWN_PARAMS = frozenset(
    {
        "grant_type",
        "client_id",
        "client_secret",
        "client_assertion_type",
        "client_assertion",
        "scope",
        "resource",
    }
)


def oauth_error_response(error: OAuthError) -> Response:
    headers = dict(_NO_STORE)
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="ztai"'
    return JSONResponse(
        {"error": error.error, "error_description": error.detail, "code": error.code},
        status_code=error.status,
        headers=headers,
    )


def _form(raw: bytes) -> dict[str, str]:
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(
            text, keep_blank_values=True, strict_parsing=bool(text), max_num_fields=16
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise invalid_request("body is not a valid form") from exc
    form: dict[str, str] = {}
    for name, value in pairs:
        if "\x00" in name or "\x00" in value:
            raise invalid_request("NUL characters are not accepted")
        if name in form:  # RFC 6749 §3.2: parameters must not repeat
            raise invalid_request(f"parameter {name!r} is repeated")
        if name in _KNOWN_PARAMS and not value:
            raise invalid_request(f"parameter {name!r} is empty")
        form[name] = value
    return form


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        raise invalid_client("only HTTP Basic client authentication is accepted here")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise invalid_client("malformed Basic credentials") from exc
    client_id, sep, secret = decoded.partition(":")
    if not sep or not client_id or not secret:
        raise invalid_client("malformed Basic credentials")
    # RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
    return unquote(client_id), unquote(secret)


def routes(ctx: GatewayContext) -> list[Route]:
    async def token(request: Request) -> Response:
        try:
            if media_type(request) != "application/x-www-form-urlencoded":
                raise invalid_request("send application/x-www-form-urlencoded")
            try:
                raw = await read_body(request, MAX_FORM_BYTES)
            except TooLarge as exc:
                raise invalid_request("form too large") from exc
            form = _form(raw)
            if form.get("grant_type") != "client_credentials":
                if "grant_type" not in form:
                    raise invalid_request("grant_type is required")
                raise unsupported_grant_type("only client_credentials is supported")
            scope, resource = form.get("scope"), form.get("resource")
            basic = _basic_credentials(request)
            if "client_assertion" in form or "client_assertion_type" in form:
                if form.get("client_assertion_type") != ASSERTION_TYPE:
                    raise invalid_request("unsupported client_assertion_type")
                if basic is not None or "client_secret" in form or "client_assertion" not in form:
                    raise invalid_request("use exactly one client authentication method")
                issued = await ctx.issuer.by_assertion(
                    form["client_assertion"], form.get("client_id"), scope, resource
                )
            else:
                if basic is not None:
                    if "client_secret" in form:
                        raise invalid_request("use exactly one client authentication method")
                    if form.get("client_id", basic[0]) != basic[0]:
                        raise invalid_request("client_id differs from the Basic credentials")
                    client_id, secret = basic
                elif "client_id" in form and "client_secret" in form:
                    client_id, secret = form["client_id"], form["client_secret"]
                else:
                    raise invalid_client("client authentication is required")
                issued = await ctx.issuer.by_secret(client_id, secret, scope, resource)
        except OAuthError as exc:
            return oauth_error_response(exc)
        except Unavailable as exc:  # a control could not run: refuse, in the OAuth shape
            return JSONResponse(
                {
                    "error": "temporarily_unavailable",
                    "error_description": exc.detail,
                    "code": exc.code,
                },
                status_code=503,
                headers=_NO_STORE,
            )
        return JSONResponse(issued.to_public(), headers=_NO_STORE)

    async def jwks(request: Request) -> Response:
        return JSONResponse(ctx.token_keys.jwks(), headers={"Cache-Control": "max-age=60"})

    async def metadata(request: Request) -> Response:
        cfg = ctx.issuer_config
        base = cfg.issuer.rstrip("/")
        return JSONResponse(
            {
                "issuer": cfg.issuer,
                "token_endpoint": cfg.token_endpoint,
                "jwks_uri": f"{base}/.well-known/jwks.json",
                "grant_types_supported": ["client_credentials"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_post",
                    "client_secret_basic",
                    "private_key_jwt",
                ],
                "token_endpoint_auth_signing_alg_values_supported": ["EdDSA", "ES256"],
                "response_types_supported": [],
                "scopes_supported": [],
            }
        )

    return [
        Route("/oauth2/token", token, methods=["POST"]),
        Route("/.well-known/jwks.json", jwks, methods=["GET"]),
        Route("/.well-known/oauth-authorization-server", metadata, methods=["GET"]),
    ]
