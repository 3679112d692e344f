"""Settings for MCP tiers and approvals: strict external defaults that partial overrides keep,
labels checked against the scale, webhook URLs and secret validated at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from ztai.config.datadir import webhook_secret
from ztai.config.settings import ConfigError, Settings, load_settings


def _load(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "ztai.yaml"
    path.write_text(text)
    return load_settings(path, environ={})


def test_external_tier_is_strictest_and_partial_overrides_keep_it(tmp_path: Path) -> None:
    settings = load_settings(None, environ={})
    mcp = settings.gateway.mcp
    assert mcp.external.max_label == "General"
    assert mcp.external.calls_per_minute < mcp.internal.calls_per_minute
    assert mcp.tier("unknown-tier") == mcp.external  # fail closed
    loaded = _load(tmp_path, "gateway:\n  mcp:\n    external: {calls_per_minute: 5}\n")
    external = loaded.gateway.mcp.external
    assert (external.calls_per_minute, external.max_label) == (5, "General")


@pytest.mark.parametrize(
    "text",
    [
        "gateway:\n  mcp:\n    external: {max_label: Secret}\n",
        "gateway:\n  mcp:\n    internal: {approval_wait_seconds: 3600}\n",
        "approvals:\n  webhooks: {urls: [ftp://example.com/x]}\n",
        "approvals:\n  max_held_per_agent: -1\n",
        "approvals:\n  unknown: 1\n",
    ],
)
def test_bad_settings_stop_start_up(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError):
        _load(tmp_path, text)


def test_webhook_secret_from_settings_or_data_dir(tmp_path: Path) -> None:
    assert (
        webhook_secret(tmp_path, "a-configured-secret-of-length")
        == b"a-configured-secret-of-length"
    )
    with pytest.raises(ConfigError):
        webhook_secret(tmp_path, "short")
    created = webhook_secret(tmp_path, None)
    assert len(created) >= 32 and (tmp_path / "webhook-secret").stat().st_mode & 0o077 == 0
    assert webhook_secret(tmp_path, None) == created
