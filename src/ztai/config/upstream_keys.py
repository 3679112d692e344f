"""Upstream API keys: read from the environment variables the config names, once."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ztai.config.settings import ConfigError, Settings


def upstream_keys(settings: Settings, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """name → key for every upstream that names a key variable; a missing variable is a
    configuration error (start-up stops), never a silent unauthenticated call."""
    env = os.environ if environ is None else environ
    keys: dict[str, str] = {}
    for upstream in settings.upstreams:
        if upstream.api_key_env is None:
            continue
        value = env.get(upstream.api_key_env)
        if not value:
            raise ConfigError(
                f"upstream {upstream.name!r}: environment variable {upstream.api_key_env} is unset"
            )
        keys[upstream.name] = value
    return keys
