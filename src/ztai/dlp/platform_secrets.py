"""Credential formats of developer platforms: registries, hosting, design, docs, vector DBs.

Each pattern is the vendor's published token layout (a fixed prefix, then a random part of
a known length or alphabet). Shapes without a distinctive prefix (JFrog's `AKC…`/`AP…`
keys) need their product's name nearby; the SoftLayer key is recognised where its API URL
carries it.
"""

from __future__ import annotations

from .context import Context
from .credential import TokenValidator
from .recognizer import PatternRecognizer

# Same rank as the other vendor formats in `secret_catalog`.
PRIORITY_VENDOR = 32


def _token(
    rid: str,
    entity: str,
    pattern: str,
    triggers: tuple[str, ...],
    *,
    min_length: int = 16,
    context: Context | None = None,
) -> PatternRecognizer:
    return PatternRecognizer(
        id=f"dlp.secret.{rid}",
        entity=entity,
        pattern=pattern,
        score=0.9,
        validator=TokenValidator(min_length=min_length),
        context=context,
        priority=PRIORITY_VENDOR,
        triggers=triggers,
    )


def platform_recognizers() -> list[PatternRecognizer]:
    return [
        _token(
            "docker_hub_token",
            "SECRET_DOCKER_TOKEN",
            r"\b(dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,})",
            ("dckr_pat_", "dckr_oat_"),
        ),
        _token(
            "bitbucket_app_password",
            "SECRET_BITBUCKET_TOKEN",
            r"\b(ATBB[A-Za-z0-9_=.\-]{28,})",
            ("atbb",),
        ),
        _token(
            "heroku_token",
            "SECRET_HEROKU_TOKEN",
            r"\b(HRKU-[A-Za-z0-9_\-]{20,})",
            ("hrku-",),
        ),
        _token(
            "netlify_token",
            "SECRET_NETLIFY_TOKEN",
            r"\b(nfp_[A-Za-z0-9]{36})\b",
            ("nfp_",),
        ),
        _token(
            "flyio_token",
            "SECRET_FLYIO_TOKEN",
            r"\b(fo1_[A-Za-z0-9_\-]{43})",
            ("fo1_",),
        ),
        _token(
            "figma_token",
            "SECRET_FIGMA_TOKEN",
            r"\b(figd_[A-Za-z0-9_\-]{40,})",
            ("figd_",),
        ),
        _token(
            "notion_token",
            "SECRET_NOTION_TOKEN",
            r"\b(ntn_[0-9]{11}[A-Za-z0-9]{35})\b",
            ("ntn_",),
        ),
        _token(
            "mapbox_secret_token",
            "SECRET_MAPBOX_TOKEN",
            # `sk.` tokens are secret (`pk.` ones are public by design and not matched).
            r"\b(sk\.eyJ[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,})",
            ("sk.eyj",),
        ),
        _token(
            "pinecone_key",
            "SECRET_PINECONE_KEY",
            r"\b(pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,})",
            ("pcsk_",),
        ),
        _token(
            "langsmith_key",
            "SECRET_LANGSMITH_KEY",
            r"\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})\b",
            ("lsv2_",),
        ),
        _token(
            "newrelic_license_key",
            "SECRET_NEWRELIC_KEY",
            r"\b([a-f0-9]{36}NRAL)\b",
            ("nral",),
        ),
        _token(
            "softlayer_api_url",
            "SECRET_SOFTLAYER_KEY",
            r"(?i)api\.softlayer\.com/(?:soap|rest)/v3(?:\.1)?/([a-z0-9]{64})\b",
            ("api.softlayer.com",),
        ),
        _token(
            "jfrog_key",
            "SECRET_ARTIFACTORY_TOKEN",
            # API keys (`AKC…`) and encrypted passwords (`AP` + a hex digit + …) have no
            # distinctive length, so they count only next to the product's name.
            r"(?:^|[\s=:\"'`])(AKC[A-Za-z0-9]{10,}|AP[0-9A-F][A-Za-z0-9]{8,})(?:[\s\"'`,;]|$)",
            (),
            min_length=11,
            context=Context(words=("artifactory", "jfrog", "artif"), required=True),
        ),
    ]
