"""Credential validators: JWT structure, PEM blocks, key entropy, placeholders, passwords."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import ClassVar

from .check import Check, rejected
from .entropy import has_digit, is_hex, looks_random, shannon_entropy
from .placeholder import is_placeholder

# A PEM private key larger than this is not a key; stop looking for its END line.
_PEM_MAX = 64 * 1024
# JSON segments of a JWT beyond this are not decoded (bounded work per candidate).
_JWT_SEGMENT_MAX = 8 * 1024


def _b64url_json(segment: str) -> object:
    padded = segment + "=" * (-len(segment) % 4)
    raw = base64.urlsafe_b64decode(padded.encode("ascii"))
    return json.loads(raw.decode("utf-8"))


@dataclass(frozen=True, slots=True)
class JwtValidator:
    """Header and claims must decode to JSON objects; the header must name `alg` or `typ`."""

    name: str = "jwt"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end].rstrip(".")
        parts = value.split(".")
        if len(parts) < 2 or any(len(p) > _JWT_SEGMENT_MAX for p in parts[:2]):
            return rejected("jwt: wrong segment count or size")
        try:
            header = _b64url_json(parts[0])
            claims = _b64url_json(parts[1])
        except (ValueError, UnicodeDecodeError, binascii.Error):
            return rejected("jwt: header or claims not base64url JSON")
        if not isinstance(header, dict) or not isinstance(claims, dict):
            return rejected("jwt: header or claims not a JSON object")
        if "alg" not in header and "typ" not in header:
            return rejected("jwt: header without alg/typ")
        signed = len(parts) >= 3 and len(parts[2]) >= 16
        length = len(value)
        if signed:
            return Check(True, "jwt: JSON header and claims, signed", end=start + length)
        return Check(True, "jwt: JSON header and claims, unsigned", end=start + length, score=0.75)


@dataclass(frozen=True, slots=True)
class PemValidator:
    """Extends a `-----BEGIN … PRIVATE KEY-----` line to its END line when one follows.

    A lone BEGIN line (the key pasted partially) is still reported, with less confidence.
    """

    name: str = "pem"

    def __call__(self, text: str, start: int, end: int) -> Check:
        header = text[start:end]
        kind = header[len("-----BEGIN ") : -len("-----")]
        footer = f"-----END {kind}-----"
        idx = text.find(footer, end, min(len(text), end + _PEM_MAX))
        if idx >= 0:
            return Check(True, "pem: private key block", end=idx + len(footer))
        return Check(True, "pem: private key header only", score=0.8)


@dataclass(frozen=True, slots=True)
class TokenValidator:
    """A vendor-prefixed token: not a placeholder and random enough after its prefix."""

    name: str = "token"
    min_length: int = 16
    entropy_floor: float = 3.0

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        if is_placeholder(value):
            return rejected("token: placeholder")
        if len(value) < self.min_length:
            return rejected("token: too short")
        if shannon_entropy(value) < self.entropy_floor:
            return rejected("token: low entropy")
        return Check(True, "token: vendor format, not a placeholder")


def _strip_quotes(value: str) -> str:
    return value.strip("\"'`")


_SSH_KEY_TYPES = ("ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-")
# How far back to look for an unterminated `-----BEGIN` (a PEM body is not a keyword value).
_PEM_LOOKBACK = 8 * 1024


def in_pem_body(text: str, start: int) -> bool:
    """True inside a PEM block (public keys and certificates are base64, not secrets)."""
    lo = max(0, start - _PEM_LOOKBACK)
    begin = text.rfind("-----BEGIN ", lo, start)
    return begin >= 0 and text.find("-----END ", begin, start) < 0


def after_ssh_key_type(text: str, start: int) -> bool:
    """`ssh-ed25519 AAAA…` is a public key line."""
    head = text[max(0, start - 24) : start].rstrip()
    return head.endswith(_SSH_KEY_TYPES) or any(
        t in head.rsplit(" ", 1)[-1] for t in _SSH_KEY_TYPES
    )


# Key names that say the value is an identifier or a digest, not a credential
# (`cache_key`, `publicKey`, `key_id`, `sha256`, `fingerprint`).
_NOT_SECRET_NAMES = frozenset(
    {"public", "pub", "pubkey", "publickey", "cache", "cachekey", "idempotency", "primary",
     "primarykey", "foreign", "partition", "sort", "sortkey", "hashkey", "hash", "checksum",
     "sha", "sha1", "sha256", "sha512", "md5", "digest", "fingerprint", "keyid", "kid", "id",
     "commit", "etag", "integrity", "publishable", "keyboard", "keyword", "keywords"}
)  # fmt: skip
_NOT_KEY_NAMES = frozenset(
    {"file", "path", "dir", "url", "uri", "endpoint", "name", "type", "size", "length", "ttl",
     "expiry", "expires", "expiration", "count", "header", "prefix", "format", "version",
     "algorithm", "alg", "usage", "limit", "max", "min", "env", "var", "ref", "arn"}
)  # fmt: skip
_STRONG_NAMES = ("secret", "token", "passw", "api", "auth", "credential", "private", "bearer")
_NAME_SEPARATORS = str.maketrans({c: " " for c in "_-.:=\"'`[]{}()/\t"})


def _key_name(text: str, start: int) -> str:
    """What precedes the value on its line and in its statement (the name it is assigned to)."""
    head = text[max(0, start - 64) : start]
    for sep in ("\n", ";", ",", "{", "&", "?"):
        head = head.rsplit(sep, 1)[-1]
    return head


def _uuid_shaped(value: str) -> bool:
    parts = value.split("-")
    return [len(p) for p in parts] == [8, 4, 4, 4, 12] and all(is_hex(p) for p in parts)


def _names_identifier(name: str) -> bool:
    words = set(name.translate(_NAME_SEPARATORS).split())
    if words & _NOT_SECRET_NAMES and not any(w in name for w in ("secret", "token", "passw")):
        return True
    # camelCase names: `publicKey`, `keyId`, `cacheKey`
    return any(w.endswith(("publickey", "keyid", "cachekey", "sortkey")) for w in words)


@dataclass(frozen=True, slots=True)
class KeyValueSecretValidator:
    """`api_key = <value>`: the value must look random and not be a placeholder or a name.

    Hashes, UUIDs and base64 blobs only reach this check when a key-like word precedes
    them; that word is what makes them credentials. PEM bodies and ssh public keys are
    excluded because "PUBLIC KEY" and "authorized_keys" contain the word "key".
    """

    name: str = "keyword_entropy"
    min_length: int = 16
    # The finding is the candidate's span: the engine may skip a candidate whose span a
    # vendor-format secret already holds (see `DlpEngine.analyze`).
    keeps_span: ClassVar[bool] = True

    def __call__(self, text: str, start: int, end: int) -> Check:
        # Cheap positional checks first: a PEM body after "PRIVATE KEY-----" is long.
        if in_pem_body(text, start) or after_ssh_key_type(text, start):
            return rejected("secret: public key material")
        value = _strip_quotes(text[start:end])
        if is_placeholder(value):
            return rejected("secret: placeholder")
        # ENV_VAR_NAMES and dotted.identifiers are references, not values.
        if value.replace("_", "").isupper() and "_" in value:
            return rejected("secret: looks like a variable name")
        if "." in value and (_attribute_path(value) or _host_name(value.split("/", 1)[0])):
            return rejected("secret: an attribute path, a host name or a host/path")
        if value.startswith("//") or text[max(0, start - 3) : start].endswith(("://", ":/")):
            return rejected("secret: the rest of a URL, not a value")
        # Random keys of this length almost always contain a digit; names do not.
        if len(value) < 32 and not has_digit(value):
            return rejected("secret: no digits, looks like a name")
        if not looks_random(value, min_length=self.min_length):
            return rejected("secret: low entropy")
        if value.startswith(("pk_live_", "pk_test_")):
            return rejected("secret: publishable key (public by design)")
        name = _key_name(text, start).lower()
        if _names_identifier(name):
            return rejected("secret: the name says identifier or digest")
        words = _identifier_words(text, start)
        if (words & _NOT_KEY_NAMES and any(w.endswith(_KEY_PARTS) for w in words)) or (
            value.startswith(_PATH_PREFIXES[1:])
        ):
            return rejected("secret: the name describes a setting (file, URL, size…)")
        if _uuid_shaped(value) and not any(w in name for w in _STRONG_NAMES):
            return rejected("secret: UUID under a non-credential name")
        return Check(True, "secret: key-like word and high-entropy value")


_PASSWORD_WORDS = ("pass", "pwd", "secret", "changeit", "admin", "letmein", "qwerty")


_PASSWORD_TOKENS = ("password", "passwd", "pwd", "pass", "pw", "passphrase", "passwort",
                    "kennwort", "passe", "mdp", "contraseña", "contrasena", "clave")  # fmt: skip
# Settings about passwords, not passwords: `password_min_length`, `PASSWORD_FILE`, …
_NOT_PASSWORD_NAMES = frozenset(
    {"file", "path", "dir", "url", "uri", "length", "len", "min", "max", "policy", "hash",
     "hashed", "salt", "expiry", "expires", "expiration", "reset", "hint", "prompt", "field",
     "label", "regex", "pattern", "rule", "rules", "age", "count", "attempts", "strength",
     "required", "enabled", "type", "format", "input", "dialog", "manager", "history",
     "complexity", "validation", "validator", "env", "var", "key", "name", "id"}
)  # fmt: skip
_PATH_PREFIXES = ("/", "./", "../", "~/", "C:\\", "c:\\")


def _attribute_path(value: str) -> bool:
    """`settings.vault.app_secret`: dotted identifiers without digits (base64url token
    segments such as a JWT's `eyJhbGciOi….eyJzdWIi…` are identifiers too, but carry digits)."""
    return _dotted_name(value) and not has_digit(value)


def _host_name(value: str) -> bool:
    """`login.example-idp.com`: lower-case dot-separated labels (mixed case is a token)."""
    labels = value.split(".")
    return (
        len(labels) > 1
        and value.islower()
        and labels[-1].isalpha()
        and all(lab and lab.replace("-", "").isalnum() for lab in labels)
    )


def _dotted_name(value: str) -> bool:
    """`settings.db.password`, `request.form`: an attribute path, not a literal."""
    parts = value.split(".")
    return len(parts) > 1 and all(p.isidentifier() for p in parts)


def _identifier_words(text: str, start: int) -> set[str]:
    """Words of the identifier the value is assigned to: `dbPasswordFile` → db, password, file.

    Only the last token before the operator counts, so prose before it ("the key from the
    .env file: …") does not turn a key into a file name.
    """
    head = _key_name(text, start).rstrip(" \t\"'`:=>")
    if head.lower().endswith(" value"):
        # `<add key="DbPassword" value="…"/>`: the name is the `key`/`name` attribute.
        head = head[: -len("value")].rstrip(" \t\"'")
    token = head.rsplit(None, 1)[-1] if head.strip() else ""
    # `key="DbPassword` → `DbPassword`: an attribute's value is the name.
    # `$cfg['db_password']` → `db_password`: a subscript's closing bracket is not the name.
    token = token.rstrip("]")
    token = token.translate(_ATTRIBUTE_MARKS).rsplit(None, 1)[-1] if token.strip("=\"'") else ""
    token = token.strip("\"'`[]{}()<>$@")
    if token.islower() or token.isupper() or not token:
        spaced = token  # snake_case or SCREAMING_CASE: no camelCase humps to split
    else:
        spaced = "".join(
            f" {ch}" if ch.isupper() and i and token[i - 1].islower() else ch
            for i, ch in enumerate(token)
        )
    return set(spaced.lower().translate(_NAME_SEPARATORS).split())


_KEY_PARTS = ("key", "token", "secret", "auth", "apikey", "credential", "credentials", "bearer")
_ATTRIBUTE_MARKS = str.maketrans({"=": " ", '"': " ", "'": " "})
# Values that name a mechanism or another credential instead of being one: OAuth grant
# types and HTTP auth schemes, and lower-case identifiers ending in a credential noun
# (`x-api-key`, `client_credentials`, `refresh_token`).
_MECHANISMS = frozenset(
    {"oauth", "oauth2", "oidc", "saml", "saml2", "ldap", "ldaps", "kerberos", "ntlm", "basic",
     "digest", "bearer", "implicit", "hmac", "jwt", "mtls", "sso", "scram-sha-256", "md5"}
)  # fmt: skip
_CREDENTIAL_NOUNS = ("key", "token", "secret", "password", "passwd", "credentials", "credential")
_IDENTIFIER_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-.")


def _names_a_mechanism(value: str) -> bool:
    lowered = value.lower()
    if lowered in _MECHANISMS:
        return True
    return (
        value.islower()
        and set(value) <= _IDENTIFIER_CHARS
        and lowered.endswith(_CREDENTIAL_NOUNS)
        and any(sep in value for sep in "_-.")
    )


def _code_expression(value: str) -> bool:
    """`request.headers['Authorization']`, `cfg["db"]["pwd"]`: a subscripted name."""
    head, bracket, _ = value.partition("[")
    return bool(bracket) and value.endswith("]") and _dotted_or_name(head)


def _dotted_or_name(value: str) -> bool:
    return bool(value) and all(p.isidentifier() for p in value.split("."))


def _is_password_word(word: str) -> bool:
    """`password`, `db_pwd` → `pwd`, camelCase `dbPassword` → `dbpassword`."""
    return word in _PASSWORD_TOKENS or word.endswith(("password", "passwd", "pwd", "pass"))


@dataclass(frozen=True, slots=True)
class PasswordValidator:
    """`password = <value>` in config or code: any real-looking value is a secret.

    Passwords need not be random ("Summer2024!"), so there is no entropy bar; template
    values, variable references and empty-ish words are rejected instead.
    """

    name: str = "password"
    keeps_span: ClassVar[bool] = True

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = _strip_quotes(text[start:end])
        if not 6 <= len(value) <= 128 or is_placeholder(value):
            return rejected("password: placeholder or too short")
        lowered = value.lower()
        if any(lowered == w or lowered.startswith("not" + w) for w in _PASSWORD_WORDS):
            return rejected("password: placeholder word")
        # Counts, ports and PINs follow "pass"-like keys too ("passes: 12", "pin = 1234").
        if value.isdigit() and len(value) < 10:
            return rejected("password: short number")
        if value.isalpha() and value.islower() and shannon_entropy(value) < 3.0:
            return rejected("password: plain word")
        if _names_a_mechanism(value):
            return rejected("password: names a mechanism or another credential")
        if _code_expression(value):
            return rejected("password: code reference")
        if (
            "(" in value
            or value.endswith(")")
            or value.startswith(("self.", "settings.", "config."))
        ):
            return rejected("password: code reference")
        quoted = start > 0 and text[start - 1] in "\"'"
        if not quoted and ("[" in value or _dotted_name(value)):
            return rejected("password: code reference")
        if "://" in value or value.startswith(_PATH_PREFIXES):
            return rejected("password: URL or path, not a password")
        words = _identifier_words(text, start)
        if not any(_is_password_word(w) for w in words):
            return rejected("password: the name is not a password field")
        if words & _NOT_PASSWORD_NAMES:
            return rejected("password: the name describes a setting, not a password")
        if not quoted and value.lower().endswith(("password", "passwd", "pwd", "secret")):
            return rejected("password: assigned from another variable")
        score = 0.8 if looks_random(value, min_length=12) else 0.65
        return Check(True, "password: assigned literal value", score=score)


@dataclass(frozen=True, slots=True)
class PasswordLiteralValidator:
    """A password the statement itself marks as one (SQL, CLI flag): literal, not a template."""

    name: str = "password_literal"
    keeps_span: ClassVar[bool] = True

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        if len(value) < 4 or is_placeholder(value) or value.startswith(("$", "%", ":")):
            return rejected("password: placeholder or variable")
        if value.lower() in ("password", "passwd", "secret", "pass"):
            return rejected("password: placeholder word")
        if "(" in value or _dotted_name(value) or _code_expression(value):
            return rejected("password: code reference")
        if _names_a_mechanism(value):
            return rejected("password: names a mechanism or another credential")
        return Check(True, "password: literal in a statement or command")


def _kv_password(value: str) -> str:
    for part in value.split(";"):
        key, _, val = part.partition("=")
        if key.strip().lower() in ("password", "pwd"):
            return val.strip()
    return ""


@dataclass(frozen=True, slots=True)
class ConnectionStringValidator:
    """`scheme://user:password@host` or `Server=…;Password=…`: the password must be literal."""

    name: str = "connection_string"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end].rstrip(".,;:)'\"")
        if "://" in value:
            userinfo = value.split("://", 1)[1].rsplit("@", 1)[0]
            password = userinfo.split(":", 1)[1] if ":" in userinfo else ""
            # `host:8080/?mail=a@b.c` or `host:8080#x@y`: a port and a query, no userinfo.
            port = password.split("?", 1)[0].split("#", 1)[0]
            if port.isdigit() and ("?" in password or "#" in password):
                return rejected("connection: port and query, not a password")
        else:
            password = _kv_password(value)
        if not password or is_placeholder(password):
            return rejected("connection: no literal password")
        return Check(True, "connection: embedded password", end=start + len(value))


@dataclass(frozen=True, slots=True)
class BasicAuthValidator:
    """`Authorization: Basic …` must decode to `user:password`."""

    name: str = "basic_auth"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        try:
            decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        except (ValueError, binascii.Error):
            return rejected("basic_auth: not base64")
        _user, sep, password = decoded.partition(b":")
        if not sep or not password:
            return rejected("basic_auth: no user:password pair")
        return Check(True, "basic_auth: decodes to user:password")


@dataclass(frozen=True, slots=True)
class DiscordValidator:
    """Discord bot token: the first segment is the base64 of a numeric user id."""

    name: str = "discord"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        if is_placeholder(value):
            return rejected("discord: placeholder")
        head = value.split(".", 1)[0]
        try:
            decoded = base64.b64decode(head + "=" * (-len(head) % 4), validate=False)
        except (ValueError, binascii.Error):
            decoded = b""
        if decoded.isdigit():
            return Check(True, "discord: user-id segment decodes to digits")
        if shannon_entropy(value) >= 4.0:
            return Check(True, "discord: token layout, high entropy", score=0.6)
        return rejected("discord: low entropy")


@dataclass(frozen=True, slots=True)
class UserPasswordValidator:
    """`curl -u user:password`: a literal password, not `$VAR`, a prompt or a placeholder."""

    name: str = "user_password"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = _strip_quotes(text[start:end])
        user, _, password = value.partition(":")
        if not user or len(password) < 4 or is_placeholder(password) or is_placeholder(user):
            return rejected("user_password: no literal password")
        if password.lower() in ("password", "passwd", "secret", "pass", "token"):
            return rejected("user_password: placeholder word")
        return Check(True, "user_password: literal user:password credential")
