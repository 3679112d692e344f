"""Built-in credential recognizers (`SECRET_*`): vendor formats first, keyword+entropy last."""

from __future__ import annotations

from .context import Context
from .credential import (
    BasicAuthValidator,
    ConnectionStringValidator,
    DiscordValidator,
    JwtValidator,
    KeyValueSecretValidator,
    PasswordValidator,
    PemValidator,
    TokenValidator,
)
from .recognizer import PatternRecognizer

# A vendor format is stronger evidence than a keyword next to a random string.
PRIORITY_VENDOR = 32
PRIORITY_KEYWORD = 30

_KEY_WORDS = (
    r"api[_\-. ]?key|apikey|api[_\-. ]?token|access[_\-. ]?key|access[_\-. ]?token"
    r"|auth[_\-. ]?token|refresh[_\-. ]?token|client[_\-. ]?secret|private[_\-. ]?key"
    r"|secret|token|credentials?|bearer|authorization|auth|keys?"
)
# keyword, then up to 40 characters on the same line, then a separator and the value.
_GENERIC = (
    rf"(?i)(?:^|[^a-z])(?:{_KEY_WORDS})[^\n]{{0,40}}?(?:=>|:=|[:=\s])\s{{0,3}}[\"'`]?"
    r"(?:(?:bearer|token|basic)\s+)?([a-z0-9+/=_\-]{16,})"
)
_PASSWORD = (
    r"(?i)(?:^|[^a-z])(?:passw(?:or)?d|passwd|pwd|pass|pw)[a-z0-9_\-]{0,20}[\"']?\s{0,3}"
    r"(?:=>|:=|[:=])\s{0,3}(?:\"([^\"\s]+)\"|'([^'\s]+)'|([^\s\"',;]+))"
)
_CONNECTION_URL = (
    r"\b([A-Za-z][A-Za-z0-9+.\-]{1,30}://[^\s:/?#@\"'<>]*:[^\s/?#@\"'<>]+@"
    r"[^\s\"'<>]+)"
)
_CONNECTION_KV = (
    r"(?i)((?:server|data source|host|endpoint|address)=[^;\n\"']+;"
    r"(?:[^;\n\"']*;)*?(?:password|pwd)=[^;\n\"']+)"
)


def _vendor(
    rid: str, entity: str, pattern: str, score: float = 0.9, **kw: object
) -> PatternRecognizer:
    validator = kw.pop("validator", None) or TokenValidator()
    assert not kw, kw
    return PatternRecognizer(
        id=f"dlp.secret.{rid}",
        entity=entity,
        pattern=pattern,
        score=score,
        validator=validator,  # type: ignore[arg-type]
        priority=PRIORITY_VENDOR,
    )


def secret_recognizers() -> list[PatternRecognizer]:
    """The default credential recognizers; each rejects placeholders and low entropy."""
    return [
        _vendor(
            "aws_access_key",
            "SECRET_AWS_ACCESS_KEY",
            r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16})\b",
        ),
        _vendor(
            "aws_secret_key",
            "SECRET_AWS_SECRET_KEY",
            r"(?i)(?:aws)?[_\-. ]?secret[_\-. ]?(?:access[_\-. ]?)?key[\"']?\s{0,3}(?:=>|:=|[:=])"
            r"\s{0,3}[\"']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
            validator=KeyValueSecretValidator(min_length=40),
        ),
        _vendor(
            "github_token",
            "SECRET_GITHUB_TOKEN",
            r"\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b",
        ),
        _vendor(
            "gitlab_token",
            "SECRET_GITLAB_TOKEN",
            r"\b((?:glpat|gldt|glptt|glrt|glcbt|glimt|gloas|glsoat|glagent|glft|glffct)"
            r"-[A-Za-z0-9_\-]{20,}|GR1348941[A-Za-z0-9_\-]{20,})",
        ),
        _vendor(
            "slack_token",
            "SECRET_SLACK_TOKEN",
            r"\b(xox[abposre]-(?:\d+-)+[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|xapp-\d-[A-Z0-9]+-\d+-[A-Za-z0-9]+)",
        ),
        _vendor(
            "slack_webhook",
            "SECRET_SLACK_WEBHOOK",
            r"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/\-]{20,})",
        ),
        _vendor(
            "stripe_key",
            "SECRET_STRIPE_KEY",
            r"\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})\b",
        ),
        _vendor(
            "openai_key",
            "SECRET_OPENAI_KEY",
            r"\b(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{16,}T3BlbkFJ[A-Za-z0-9_\-]{16,}"
            r"|sk-[A-Za-z0-9]{48})\b",
        ),
        _vendor(
            "anthropic_key",
            "SECRET_ANTHROPIC_KEY",
            r"\b(sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_\-]{80,})",
        ),
        _vendor(
            "google_api_key",
            "SECRET_GOOGLE_API_KEY",
            r"\b(AIza[0-9A-Za-z_\-]{35})(?:[^0-9A-Za-z_\-]|$)",
        ),
        _vendor("huggingface_token", "SECRET_HUGGINGFACE_TOKEN", r"\b(hf_[A-Za-z]{34})\b"),
        _vendor(
            "private_key",
            "SECRET_PRIVATE_KEY",
            r"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----",
            score=0.95,
            validator=PemValidator(),
        ),
        _vendor(
            "jwt",
            "SECRET_JWT",
            r"\b(eyJ[A-Za-z0-9_\-]{8,}\.ey[A-Za-z0-9_\-]{8,}(?:\.[A-Za-z0-9_\-]*)?)",
            validator=JwtValidator(),
        ),
        _vendor(
            "connection_string",
            "SECRET_CONNECTION_STRING",
            _CONNECTION_URL,
            score=0.85,
            validator=ConnectionStringValidator(),
        ),
        _vendor(
            "connection_string_kv",
            "SECRET_CONNECTION_STRING",
            _CONNECTION_KV,
            score=0.85,
            validator=ConnectionStringValidator(),
        ),
        _vendor(
            "azure_storage_key",
            "SECRET_AZURE_STORAGE_KEY",
            r"AccountKey=([A-Za-z0-9+/]{86}==)",
        ),
        _vendor(
            "basic_auth",
            "SECRET_BASIC_AUTH",
            r"(?i)authorization[\"']?\s{0,3}[:=]\s{0,3}[\"']?basic\s+([a-z0-9+/]{8,}={0,2})",
            score=0.85,
            validator=BasicAuthValidator(),
        ),
        _vendor(
            "artifactory_token",
            "SECRET_ARTIFACTORY_TOKEN",
            r"(?:^|[^A-Za-z0-9])(AKCp[A-Za-z0-9]{60,}|cmVmdGtu[A-Za-z0-9]{56,})\b",
        ),
        _vendor(
            "discord_token",
            "SECRET_DISCORD_TOKEN",
            r"([MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})\b",
            validator=DiscordValidator(),
        ),
        _vendor("mailchimp_key", "SECRET_MAILCHIMP_KEY", r"\b([0-9a-f]{32}-us\d{1,2})\b"),
        _vendor(
            "npm_token",
            "SECRET_NPM_TOKEN",
            r"\b(npm_[A-Za-z0-9]{36})\b|//[^\s:]+/:_authToken=\s*([A-Fa-f0-9\-]{36}|npm_[A-Za-z0-9]{8,})",
        ),
        _vendor("pypi_token", "SECRET_PYPI_TOKEN", r"\b(pypi-AgE[IN][A-Za-z0-9_\-]{70,})"),
        _vendor(
            "sendgrid_key",
            "SECRET_SENDGRID_KEY",
            r"\b(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-.]|$)",
        ),
        _vendor(
            "square_token",
            "SECRET_SQUARE_TOKEN",
            r"\b(sq0csp-[0-9A-Za-z_\-]{43}|sq0atp-[0-9A-Za-z_\-]{22})\b",
        ),
        _vendor(
            "telegram_token",
            "SECRET_TELEGRAM_TOKEN",
            r"(?:^|[^A-Za-z0-9_:])(\d{8,10}:AA[0-9A-Za-z_\-]{33})\b",
        ),
        _vendor("twilio_key", "SECRET_TWILIO_KEY", r"\b((?:AC|SK)[0-9a-f]{32})\b"),
        PatternRecognizer(
            id="dlp.secret.prefixed_token",
            entity="SECRET_GENERIC",
            pattern=r"\b((?:key|api|tok|token|secret|sk|pat|access)_[A-Za-z0-9]{24,})\b",
            score=0.75,
            validator=KeyValueSecretValidator(min_length=24),
            priority=PRIORITY_KEYWORD,
        ),
        PatternRecognizer(
            id="dlp.secret.generic",
            entity="SECRET_GENERIC",
            pattern=_GENERIC,
            score=0.8,
            validator=KeyValueSecretValidator(),
            priority=PRIORITY_KEYWORD,
        ),
        PatternRecognizer(
            id="dlp.secret.password",
            entity="SECRET_PASSWORD",
            pattern=_PASSWORD,
            score=0.7,
            validator=PasswordValidator(),
            context=Context(negative=("example", "placeholder", "e.g"), penalty=0.3),
            priority=PRIORITY_KEYWORD,
        ),
    ]
