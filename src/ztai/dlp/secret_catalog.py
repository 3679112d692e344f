"""Built-in credential recognizers (`SECRET_*`): vendor formats first, keyword+entropy last."""

from __future__ import annotations

from .check import Validator
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
    UserPasswordValidator,
)
from .layout_secrets import layout_recognizers
from .platform_secrets import platform_recognizers
from .recognizer import PatternRecognizer
from .statement_secrets import statement_recognizers

# A vendor format is stronger evidence than a keyword next to a random string.
PRIORITY_VENDOR = 32
PRIORITY_KEYWORD = 30

_KEY_WORDS = (
    r"api[_\-. ]?key|apikey|api[_\-. ]?token|access[_\-. ]?key|access[_\-. ]?token"
    r"|auth[_\-. ]?token|refresh[_\-. ]?token|client[_\-. ]?secret|private[_\-. ]?key"
    r"|secret|token|credentials?|bearer|authorization|auth|keys?"
)
# Characters of a GitLab token's random part.
_GL = "[A-Za-z0-9_\\-]"
# keyword, then up to 40 characters on the same line, then a separator and the value.
# Names that end in a key word glued to a prefix (`SERVICEAPIKEY=`, `githubToken:`); bare
# `key` is left out here because `monkey = …` and `hotkey: …` end in it too.
_GLUED_KEY_WORDS = (
    r"api[_\-.]?key|api[_\-.]?token|access[_\-.]?key|secret[_\-.]?key|auth[_\-.]?token|secret"
    r"|token"
)
# What separates a name from its value: `=`, `:`, `=>`, `:=`, an XML element's `>`, the
# `" value="` of `<add key="…" value="…"/>` pairs, or (Dockerfile `ENV`, CLI flags) spaces.
_ATTRIBUTE_VALUE = r"[\"']?\s+value\s*="
_GENERIC = (
    rf"(?i)(?:(?:^|[^a-z])(?:{_KEY_WORDS})[^\n]{{0,40}}?(?:=>|:=|[:=\s>])"
    rf"|[a-z](?:{_GLUED_KEY_WORDS})(?:[\"']?\]?\s{{0,3}}(?:=>|:=|[:=>])|{_ATTRIBUTE_VALUE}|\s{{1,3}}))"
    r"\s{0,3}[\"'`]?(?:(?:bearer|token|basic)\s+)?([a-z0-9+/=_\-.~]{16,})"
)
_GENERIC_TRIGGERS = ("key", "token", "secret", "credential", "bearer", "auth")
# English, German, French and Spanish words for "password" (`mdp`: mot de passe).
_PASSWORD = (
    r"(?i)(?:(?:^|[^a-z])(?:passw(?:or)?d|passwd|pwd|pass|pw|passwort|kennwort"
    r"|mot[_\-. ]de[_\-. ]passe|mdp|contrase(?:ñ|n)a|clave)|[a-z](?:password|passwd|pwd))"
    rf"[a-z0-9_\-]{{0,20}}(?:[\"']?\]?\s{{0,3}}(?:=>|:=|[:=>])|{_ATTRIBUTE_VALUE})"
    r"\s{0,3}(?:\"([^\"\s]+)\"|'([^'\s]+)'|([^\s\"',;<]+))"
)
_PASSWORD_TRIGGERS = ("pass", "pw", "kennwort", "mdp", "contrase", "clave")
# Passwords in URLs should be percent-encoded, but `?` and `#` are often written raw;
# the validator rejects a "password" that is really a port followed by a query.
_CONNECTION_URL = (
    r"\b([A-Za-z][A-Za-z0-9+.\-]{1,30}://[^\s:/?#@\"'<>]*:[^\s/@\"'<>]+@"
    r"[^\s\"'<>]+)"
)
# Bounded so that a match starts within the scanner's reach of its `password` trigger.
_CONNECTION_KV = (
    r"(?i)((?:server|data source|host|endpoint|address)=[^;\n\"']{1,64};"
    r"(?:[^;\n\"']{0,40};){0,5}?(?:password|pwd)=[^;\n\"']+)"
)


def _vendor(
    rid: str,
    entity: str,
    pattern: str,
    triggers: tuple[str, ...],
    score: float = 0.9,
    validator: Validator | None = None,
) -> PatternRecognizer:
    return PatternRecognizer(
        id=f"dlp.secret.{rid}",
        entity=entity,
        pattern=pattern,
        score=score,
        validator=validator or TokenValidator(),
        priority=PRIORITY_VENDOR,
        triggers=triggers,
    )


def secret_recognizers() -> list[PatternRecognizer]:
    """The default credential recognizers; each rejects placeholders and low entropy."""
    return [
        *_cloud(),
        *_developer(),
        *_saas(),
        *platform_recognizers(),
        *_structural(),
        *_keyword(),
        *statement_recognizers(),
        *layout_recognizers(),
    ]


def _cloud() -> list[PatternRecognizer]:
    return [
        _vendor(
            "aws_access_key",
            "SECRET_AWS_ACCESS_KEY",
            r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16})\b",
            (
                "akia",
                "asia",
                "abia",
                "acca",
                "agpa",
                "aida",
                "aroa",
                "aipa",
                "anpa",
                "anva",
                "apka",
                "a3t",
            ),
        ),
        _vendor(
            "aws_secret_key",
            "SECRET_AWS_SECRET_KEY",
            r"(?i)(?:aws)?[_\-. ]?secret[_\-. ]?(?:access[_\-. ]?)?key[\"']?\s{0,3}(?:=>|:=|[:=])"
            r"\s{0,3}[\"']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
            ("secret",),
            validator=KeyValueSecretValidator(min_length=40),
        ),
        _vendor(
            "google_api_key",
            "SECRET_GOOGLE_API_KEY",
            r"\b(AIza[0-9A-Za-z_\-]{35})(?:[^0-9A-Za-z_\-]|$)",
            ("aiza",),
        ),
        _vendor(
            "google_oauth",
            "SECRET_GOOGLE_OAUTH",
            r"\b(GOCSPX-[A-Za-z0-9_\-]{28}|ya29\.[0-9A-Za-z_\-]{30,})",
            ("gocspx-", "ya29."),
        ),
        _vendor(
            "azure_storage_key",
            "SECRET_AZURE_STORAGE_KEY",
            r"(?i)AccountKey\s{0,2}=\s{0,2}([A-Za-z0-9+/]{86}==)",
            ("accountkey",),
        ),
        _vendor(
            "azure_shared_access_key",
            "SECRET_AZURE_KEY",
            r"(?i)SharedAccessKey\s{0,2}=\s{0,2}([A-Za-z0-9+/]{42,44}=)",
            ("sharedaccesskey",),
        ),
        _vendor(
            "azure_sas_signature",
            "SECRET_AZURE_KEY",
            r"[?&]sig=((?:[A-Za-z0-9+/]|%2[Bb]|%2[Ff]){40,}(?:=|%3[Dd]){0,2})",
            ("sig=",),
            score=0.85,
        ),
        _vendor(
            "azure_ad_client_secret",
            "SECRET_AZURE_KEY",
            r"(?:^|[^A-Za-z0-9_~.\-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})(?:[^A-Za-z0-9_~.\-]|$)",
            ("q~",),
        ),
        _vendor(
            "azure_devops_pat",
            "SECRET_AZURE_KEY",
            r"\b([A-Za-z0-9]{52}AZDO[A-Za-z0-9]{4}|[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})\b",
            ("azdo",),
        ),
        _vendor(
            "alibaba_access_key",
            "SECRET_ALIBABA_ACCESS_KEY",
            r"\b(LTAI[A-Za-z0-9]{12,20})\b",
            ("ltai",),
        ),
        _vendor(
            "digitalocean_token",
            "SECRET_DIGITALOCEAN_TOKEN",
            r"\b(do[opr]_v1_[a-f0-9]{64})\b",
            ("_v1_",),
        ),
        _vendor(
            "databricks_token",
            "SECRET_DATABRICKS_TOKEN",
            r"\b(dapi[a-f0-9]{32}(?:-\d)?)\b",
            ("dapi",),
        ),
        _vendor(
            "vault_token",
            "SECRET_VAULT_TOKEN",
            r"\b(hv[sbr]\.[A-Za-z0-9_\-]{24,}|[a-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70})",
            ("hvs.", "hvb.", "hvr.", ".atlasv1."),
        ),
    ]


def _developer() -> list[PatternRecognizer]:
    return [
        _vendor(
            "github_token",
            "SECRET_GITHUB_TOKEN",
            r"\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b",
            ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        ),
        _vendor(
            "gitlab_token",
            "SECRET_GITLAB_TOKEN",
            # GitLab's lengths per prefix: fixed where the format is fixed (a longer run is
            # another string that starts with the prefix), 20 to 50 where GitLab has
            # lengthened tokens before; `glpat-….01.xxxxxxx` is the routable form.
            rf"\b((?:glpat|gldt|glrt|glft|glffct|glsoat)-{_GL}{{20,50}}|glimt-{_GL}{{25}}"
            rf"|glptt-{_GL}{{40}}|gloas-{_GL}{{64}}|glagent-{_GL}{{50,}}"
            rf"|glcbt-(?:[0-9A-Za-z]{{1,5}}_)?{_GL}{{20,50}}|GR1348941{_GL}{{20,50}}"
            rf"|(?:glpat|glrt)-{_GL}{{27,300}}\.[0-9a-z]{{2}}\.?[0-9a-z]{{7,9}})"
            r"(?:[^A-Za-z0-9_\-]|$)",
            (
                "glpat-",
                "gldt-",
                "glptt-",
                "glrt-",
                "glcbt-",
                "glimt-",
                "gloas-",
                "glsoat-",
                "glagent-",
                "glft-",
                "glffct-",
                "gr1348941",
            ),
        ),
        _vendor(
            "npm_token",
            "SECRET_NPM_TOKEN",
            r"\b(npm_[A-Za-z0-9]{36})\b|//[^\s:]+/:_authToken=\s*([A-Fa-f0-9\-]{36}|npm_[A-Za-z0-9]{8,})",
            ("npm_", ":_authtoken"),
        ),
        _vendor(
            "pypi_token",
            "SECRET_PYPI_TOKEN",
            # A macaroon whose location is pypi.org or test.pypi.org (base64 in the prefix).
            r"\b(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{70,})",
            ("pypi-",),
        ),
        _vendor(
            "huggingface_token",
            "SECRET_HUGGINGFACE_TOKEN",
            r"\b((?:hf|api_org)_[A-Za-z0-9]{30,40})\b",
            ("hf_", "api_org_"),
        ),
        _vendor(
            "artifactory_token",
            "SECRET_ARTIFACTORY_TOKEN",
            r"(?:^|[^A-Za-z0-9])(AKCp[A-Za-z0-9]{60,}|cmVmdGtu[A-Za-z0-9]{56,})\b",
            ("akcp", "cmvmdgtu"),
        ),
        _vendor(
            "atlassian_token",
            "SECRET_ATLASSIAN_TOKEN",
            r"\b(ATATT3[A-Za-z0-9_\-=]{150,}|ATCTT3[A-Za-z0-9_\-=]{150,})",
            ("atatt3", "atctt3"),
        ),
        _vendor(
            "postman_key",
            "SECRET_POSTMAN_KEY",
            r"\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b",
            ("pmak-",),
        ),
        _vendor(
            "sentry_token",
            "SECRET_SENTRY_TOKEN",
            r"\b(sntry[su]_[A-Za-z0-9+/=_\-]{40,})",
            ("sntrys_", "sntryu_"),
        ),
        _vendor(
            "grafana_token",
            "SECRET_GRAFANA_TOKEN",
            r"\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})",
            ("glsa_", "glc_"),
        ),
        _vendor("pulumi_token", "SECRET_PULUMI_TOKEN", r"\b(pul-[a-f0-9]{40})\b", ("pul-",)),
        _vendor("supabase_token", "SECRET_SUPABASE_TOKEN", r"\b(sbp_[a-f0-9]{40})\b", ("sbp_",)),
        _vendor(
            "doppler_token",
            "SECRET_DOPPLER_TOKEN",
            r"\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b",
            ("dp.",),
        ),
        _vendor("linear_key", "SECRET_LINEAR_KEY", r"\b(lin_api_[A-Za-z0-9]{40})\b", ("lin_api_",)),
        _vendor(
            "newrelic_key",
            "SECRET_NEWRELIC_KEY",
            r"\b(NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_\-]{32}|NRJS-[a-f0-9]{19})\b",
            ("nrak-", "nrii-", "nrjs-"),
        ),
    ]


def _saas() -> list[PatternRecognizer]:
    return [
        _vendor(
            "slack_token",
            "SECRET_SLACK_TOKEN",
            r"\b(xox[abposre]-(?:\d+-)+[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|xapp-\d-[A-Z0-9]+-\d+-[A-Za-z0-9]+)",
            ("xox", "xapp-"),
        ),
        _vendor(
            "slack_webhook",
            "SECRET_SLACK_WEBHOOK",
            r"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/\-]{20,})",
            ("hooks.slack.com",),
        ),
        _vendor(
            "webhook_url",
            "SECRET_WEBHOOK_URL",
            r"(https://(?:(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{5,}/[A-Za-z0-9_\-]{40,}"
            r"|[a-z0-9\-]+\.webhook\.office\.com/webhookb2/[A-Za-z0-9@/\-]{60,}"
            r"|[a-z0-9\-]+\.logic\.azure\.com[^\s\"'<>]*[?&]sig=[A-Za-z0-9_%\-]{30,}))",
            ("/api/webhooks/", ".webhook.office.com", ".logic.azure.com"),
        ),
        _vendor(
            "stripe_key",
            "SECRET_STRIPE_KEY",
            r"\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})\b",
            ("sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"),
        ),
        _vendor(
            "openai_key",
            "SECRET_OPENAI_KEY",
            r"\b(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{16,}T3BlbkFJ[A-Za-z0-9_\-]{16,}"
            r"|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{74,}|sk-[A-Za-z0-9]{48})\b",
            ("sk-",),
        ),
        _vendor(
            "anthropic_key",
            "SECRET_ANTHROPIC_KEY",
            r"\b(sk-ant-[a-z]{3,6}\d{2}-[A-Za-z0-9_\-]{80,})",
            ("sk-ant-",),
        ),
        _vendor(
            "llm_provider_key",
            "SECRET_LLM_API_KEY",
            r"\b(gsk_[A-Za-z0-9]{48,56}|xai-[A-Za-z0-9]{70,90}|pplx-[A-Za-z0-9]{48}"
            r"|r8_[A-Za-z0-9]{37}|nvapi-[A-Za-z0-9_\-]{60,70})\b",
            ("gsk_", "xai-", "pplx-", "r8_", "nvapi-"),
        ),
        _vendor(
            "discord_token",
            "SECRET_DISCORD_TOKEN",
            r"([MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})\b",
            (),
            validator=DiscordValidator(),
        ),
        _vendor("mailchimp_key", "SECRET_MAILCHIMP_KEY", r"\b([0-9a-f]{32}-us\d{1,2})\b", ("-us",)),
        _vendor("mailgun_key", "SECRET_MAILGUN_KEY", r"\b(key-[0-9a-f]{32})\b", ("key-",)),
        _vendor(
            "sendgrid_key",
            "SECRET_SENDGRID_KEY",
            r"\b(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-.]|$)",
            ("sg.",),
        ),
        _vendor(
            "square_token",
            "SECRET_SQUARE_TOKEN",
            r"\b(sq0csp-[0-9A-Za-z_\-]{43}|sq0atp-[0-9A-Za-z_\-]{22}|EAAA[A-Za-z0-9_\-]{60})\b",
            ("sq0", "eaaa"),
        ),
        _vendor(
            "shopify_token",
            "SECRET_SHOPIFY_TOKEN",
            r"\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b",
            ("shpat_", "shpca_", "shppa_", "shpss_"),
        ),
        _vendor(
            "telegram_token",
            "SECRET_TELEGRAM_TOKEN",
            r"(?:^|[^A-Za-z0-9_:])(\d{8,10}:AA[0-9A-Za-z_\-]{33})\b",
            (":aa",),
        ),
        _vendor("twilio_key", "SECRET_TWILIO_KEY", r"\b((?:AC|SK)[0-9a-f]{32})\b", ()),
        _vendor(
            "datadog_key",
            "SECRET_DATADOG_KEY",
            r"(?i)(?:datadog|dd)[_\-. ]?(?:api|app(?:lication)?)[_\-. ]?key[\"']?\s{0,3}"
            r"(?:=>|:=|[:=])\s{0,3}[\"']?([a-f0-9]{40}|[a-f0-9]{32})\b",
            ("key",),
            validator=KeyValueSecretValidator(min_length=32),
        ),
    ]


def _structural() -> list[PatternRecognizer]:
    return [
        _vendor(
            "private_key",
            "SECRET_PRIVATE_KEY",
            r"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----",
            ("-----begin ",),
            score=0.95,
            validator=PemValidator(),
        ),
        _vendor(
            "private_key_other",
            "SECRET_PRIVATE_KEY",
            r"(PuTTY-User-Key-File-\d: [a-z0-9\-]+|AGE-SECRET-KEY-1[0-9A-Z]{58})",
            ("putty-user-key-file-", "age-secret-key-1"),
            score=0.9,
            validator=TokenValidator(min_length=20),
        ),
        _vendor(
            "jwt",
            "SECRET_JWT",
            r"\b(eyJ[A-Za-z0-9_\-]{8,}\.ey[A-Za-z0-9_\-]{8,}(?:\.[A-Za-z0-9_\-]*)?)",
            ("eyj",),
            validator=JwtValidator(),
        ),
        _vendor(
            "connection_string",
            "SECRET_CONNECTION_STRING",
            _CONNECTION_URL,
            ("@",),
            score=0.85,
            validator=ConnectionStringValidator(),
        ),
        _vendor(
            "connection_string_kv",
            "SECRET_CONNECTION_STRING",
            _CONNECTION_KV,
            ("password", "pwd"),
            score=0.85,
            validator=ConnectionStringValidator(),
        ),
        _vendor(
            "basic_auth",
            "SECRET_BASIC_AUTH",
            r"(?i)authorization[\"']?\s{0,3}[:=]\s{0,3}[\"']?basic\s+([a-z0-9+/]{8,}={0,2})",
            ("authorization",),
            score=0.85,
            validator=BasicAuthValidator(),
        ),
        _vendor(
            "curl_user",
            "SECRET_BASIC_AUTH",
            r"(?:^|\s)(?:-u|--user)(?:\s+|=)[\"']?([^\s:\"'@/]{1,64}:[^\s\"']{4,128})",
            ("-u", "--user"),
            score=0.85,
            validator=UserPasswordValidator(),
        ),
    ]


def _keyword() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            id="dlp.secret.prefixed_token",
            entity="SECRET_GENERIC",
            pattern=r"\b((?:key|api|tok|token|secret|sk|pat|access)_[A-Za-z0-9]{24,})\b",
            score=0.75,
            validator=KeyValueSecretValidator(min_length=24),
            priority=PRIORITY_KEYWORD,
            triggers=("key_", "api_", "tok_", "token_", "secret_", "sk_", "pat_", "access_"),
        ),
        PatternRecognizer(
            id="dlp.secret.generic",
            entity="SECRET_GENERIC",
            pattern=_GENERIC,
            score=0.8,
            validator=KeyValueSecretValidator(),
            priority=PRIORITY_KEYWORD,
            triggers=_GENERIC_TRIGGERS,
        ),
        PatternRecognizer(
            id="dlp.secret.password",
            entity="SECRET_PASSWORD",
            pattern=_PASSWORD,
            score=0.7,
            validator=PasswordValidator(),
            context=Context(negative=("example", "placeholder", "e.g"), penalty=0.3),
            priority=PRIORITY_KEYWORD,
            triggers=_PASSWORD_TRIGGERS,
        ),
    ]
