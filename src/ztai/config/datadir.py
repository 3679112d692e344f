"""Secrets kept in the data directory: the admin token and the master key (mode 0600)."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from ztai.config.settings import ConfigError


def _read_or_create(path: Path, make: str) -> tuple[str, bool]:
    if path.exists():
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            raise ConfigError(f"{path} is readable by others (mode {mode:o}); chmod 600 it")
        value = path.read_text(encoding="utf-8").strip()
        if not value:
            raise ConfigError(f"{path} is empty")
        return value, False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(make + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return make, True


def admin_token(data_dir: Path, configured: str | None) -> tuple[str, bool]:
    """(token, newly_created). A configured token wins; otherwise DIR/admin-token."""
    if configured:
        if len(configured) < 16:
            raise ConfigError("ZTAI_ADMIN_TOKEN must be at least 16 characters")
        return configured, False
    return _read_or_create(data_dir / "admin-token", "ztai_admin_" + secrets.token_urlsafe(32))


def master_key(data_dir: Path, configured: str | None) -> bytes:
    """32-byte key that seals signing keys; from ZTAI_MASTER_KEY or DIR/master.key."""
    text = (
        configured
        or _read_or_create(
            data_dir / "master.key", base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        )[0]
    )
    try:
        key = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as exc:
        raise ConfigError("master key is not base64") from exc
    if len(key) != 32:
        raise ConfigError("master key must decode to 32 bytes")
    return key


def existing_admin_token(data_dir: Path, configured: str | None) -> str | None:
    """For clients (the CLI): the configured token, else DIR/admin-token if present."""
    if configured:
        return configured
    path = data_dir / "admin-token"
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def webhook_secret(data_dir: Path, configured: str | None) -> bytes:
    """The HMAC key approver webhooks are signed with: configured, else DIR/webhook-secret."""
    if configured:
        if len(configured) < 16:
            raise ConfigError("approvals.webhooks.secret must be at least 16 characters")
        return configured.encode()
    return _read_or_create(data_dir / "webhook-secret", secrets.token_urlsafe(32))[0].encode()
