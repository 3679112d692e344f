"""Settings: file < environment < flags; unknown keys and bad values stop start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from ztai.config import load_settings
from ztai.config.datadir import admin_token, master_key
from ztai.config.settings import ConfigError


def test_defaults_work_without_any_file() -> None:
    settings = load_settings(environ={})
    assert settings.gateway_port == 8700 and settings.control_port == 8701
    assert settings.effective_database_url == "sqlite:///.ztai/ztai.db"
    assert settings.identity.token_ttl_seconds <= 900


def test_file_then_env_then_flags(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "gateway_port: 9000\nredis_url: redis://file\nidentity:\n  token_ttl_seconds: 300\n"
    )
    settings = load_settings(
        path, {"gateway_port": 9100}, {"ZTAI_REDIS_URL": "redis://env", "ZTAI_DATABASE_URL": ""}
    )
    assert settings.gateway_port == 9100
    assert settings.redis_url == "redis://env"
    assert settings.identity.token_ttl_seconds == 300


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("gatway_port: 1\n", "gatway_port"),
        ("identity:\n  token_ttl_seconds: 3600\n", "token_ttl_seconds"),
        ("identity:\n  unknown: 1\n", "unknown"),
        ("- a\n- b\n", "mapping"),
        ("a: [\n", "cannot read"),
        ("upstreams:\n  - name: x\n    base_url: http://x\n    trust: maybe\n", "trust"),
        ("database_url: mysql://x\n", "database_url"),
    ],
)
def test_bad_files_are_refused(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_settings(path, environ={})
    assert fragment in info.value.detail


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(tmp_path / "nope.yaml", environ={})


def test_admin_token_is_created_once_with_mode_600(tmp_path: Path) -> None:
    token, created = admin_token(tmp_path, None)
    assert created and len(token) > 32
    assert (tmp_path / "admin-token").stat().st_mode & 0o777 == 0o600
    assert admin_token(tmp_path, None) == (token, False)
    assert admin_token(tmp_path, "configured-token-123456") == ("configured-token-123456", False)
    with pytest.raises(ConfigError):
        admin_token(tmp_path, "short")


def test_world_readable_secret_files_are_refused(tmp_path: Path) -> None:
    admin_token(tmp_path, None)
    (tmp_path / "admin-token").chmod(0o644)
    with pytest.raises(ConfigError):
        admin_token(tmp_path, None)


def test_master_key(tmp_path: Path) -> None:
    key = master_key(tmp_path, None)
    assert len(key) == 32 and master_key(tmp_path, None) == key
    with pytest.raises(ConfigError):
        master_key(tmp_path, "dG9vIHNob3J0")
