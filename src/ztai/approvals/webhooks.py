"""WebhookNotifier: tell approvers about approval requests and decisions by signed POSTs.

The body is JSON; `X-Ztai-Signature: v1=<hex>` is HMAC-SHA256 with the shared secret over
`<X-Ztai-Timestamp>.<body>`, so a receiver can check both origin and freshness (the scheme
Stripe and GitHub use). Delivery runs in the background with a timeout and a few retries with
exponential backoff: it never blocks or fails the tool call. Argument values are never sent:
only their digest, their DLP label and, at most, a preview with the findings redacted.
Each delivery's outcome is audited.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import uuid
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from ztai.audit.log import AuditLog
from ztai.config.settings import WebhookSettings
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, system_clock
from ztai.errors import ZtaiError
from ztai.storage.approvals import Approval

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Ztai-Signature"
TIMESTAMP_HEADER = "X-Ztai-Timestamp"


def signature(secret: bytes, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def _where(url: str) -> str:
    """The URL without query or credentials: enough to audit, nothing secret."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or ''}{parts.path}"


def payload(event: str, approval: Approval, preview: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "event": event,
        "approval": {
            "id": approval.id,
            "agent_id": approval.agent_id,
            "tool": approval.tool,
            "arguments_sha256": approval.arguments_sha256,
            "label": approval.label,
            "policy_version": approval.policy_version,
            "decision_id": approval.decision_id,
            "state": approval.state,
            "requested_at": approval.requested_at,
            "expires_at": approval.expires_at,
            "decided_by": approval.decided_by,
            "decided_at": approval.decided_at,
        },
    }
    if preview is not None:
        body["arguments_preview"] = preview
    return body


class WebhookNotifier:
    def __init__(
        self,
        settings: WebhookSettings,
        secret: bytes,
        audit: AuditLog,
        clock: Clock = system_clock,
    ) -> None:
        self._settings = settings
        self._secret = secret
        self._audit = audit
        self._clock = clock
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None

    def notify(self, event: str, approval: Approval, preview: str | None = None) -> None:
        """Schedule delivery to every configured URL and return at once."""
        if not self._settings.urls:
            return
        body = json.dumps(payload(event, approval, preview), separators=(",", ":")).encode()
        for url in self._settings.urls:
            task = asyncio.create_task(self._deliver(url, event, approval, body))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait for deliveries in flight (tests, orderly shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            timeout = aiohttp.ClientTimeout(total=self._settings.timeout_seconds)
            self._session = aiohttp.ClientSession(timeout=timeout)
        return self._session

    async def _deliver(self, url: str, event: str, approval: Approval, body: bytes) -> None:
        status: int | None = None
        error = ""
        attempt = 0
        for attempt in range(1, self._settings.attempts + 1):
            timestamp = str(int(self._clock()))
            headers = {
                "Content-Type": "application/json",
                TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: signature(self._secret, timestamp, body),
                "X-Ztai-Delivery": uuid.uuid4().hex,
                "X-Ztai-Event": event,
            }
            try:
                # No redirects: a notification goes to the configured URL or nowhere.
                async with self._client().post(
                    url, data=body, headers=headers, allow_redirects=False
                ) as response:
                    status = response.status
                    await response.read()
                if 200 <= status < 300:
                    error = ""
                    break
                error = f"http_{status}"
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                status, error = None, type(exc).__name__
            if attempt < self._settings.attempts:
                await asyncio.sleep(self._settings.backoff_seconds * 2 ** (attempt - 1))
        delivered = not error
        if not delivered:
            log.warning("approval webhook to %s failed: %s", _where(url), error)
        with contextlib.suppress(ZtaiError):
            await self._audit.append(
                AuditEvent(
                    actor="system:webhooks",
                    action="approval.webhook",
                    target=f"Approval::{approval.id}",
                    decision="info",
                    reasons=() if delivered else (f"webhook.{error}",),
                    agent_id=approval.agent_id,
                    data={
                        "event": event,
                        "url": _where(url),
                        "delivered": delivered,
                        "status": status,
                        "attempts": attempt,
                    },
                )
            )
