"""CatalogService: submit MCP servers, review them with evidence, pin tools, detect drift."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Literal

from ztai.audit.log import AUDIT_LOCK, AuditLog
from ztai.catalog.definitions import ToolSource, pin
from ztai.catalog.poisoning import scan
from ztai.dlp.label import DEFAULT_LABELS
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, iso, system_clock
from ztai.domain.mcp_target import StdioCommand
from ztai.errors import Conflict, NotFound, Unavailable, ValidationFailed
from ztai.shield import PromptShield
from ztai.storage.catalog import CatalogRepository, ServerRecord, ToolRecord
from ztai.storage.database import Database, DuplicateKey

log = logging.getLogger(__name__)

Tier = Literal["vendor", "internal", "external"]
# External tools start as high risk: the most restrictive defaults until someone decides.
DEFAULT_RISK = {"vendor": "low", "internal": "medium", "external": "high"}
RISKS = ("low", "medium", "high")
# Per-tool settings that fall back to the tier's default (settings) when None.
GOVERNANCE = ("max_label", "calls_per_minute", "calls_per_day", "approval_wait_seconds")


class ServerNotFound(NotFound):
    code = "catalog.server_not_found"
    title = "MCP server not found"


class ToolNotFound(NotFound):
    code = "catalog.tool_not_found"
    title = "Tool not found"


class ServerUnreachable(Unavailable):
    code = "catalog.server_unreachable"
    title = "MCP server unreachable"


class CatalogService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        shield: PromptShield,
        source: ToolSource,
        clock: Clock = system_clock,
        labels: tuple[str, ...] = DEFAULT_LABELS,
    ) -> None:
        self._labels = labels
        self._db = db
        self._repo = CatalogRepository(db)
        self._audit = audit
        self._shield = shield
        self._source = source
        self._clock = clock

    @property
    def repository(self) -> CatalogRepository:
        return self._repo

    async def submit(
        self,
        actor: str,
        *,
        name: str,
        tier: Tier,
        owner: str,
        version: str,
        url: str | None = None,
        stdio: StdioCommand | None = None,
        description: str = "",
        source: str | None = None,
    ) -> ServerRecord:
        """A new server waits for review; it is either a URL or a stdio command."""
        if (url is None) == (stdio is None):
            raise ValidationFailed("give exactly one of url and stdio")
        now = iso(self._clock())
        server = ServerRecord(
            name, tier, url or "", owner, version, description, "submitted", now, now, stdio=stdio
        )
        try:
            async with self._db.transaction(lock=AUDIT_LOCK) as tx:
                await self._repo.insert_server(tx, server)
                await self._audit.append_in(
                    tx,
                    AuditEvent(
                        actor=actor,
                        action="catalog.submit",
                        target=f"McpServer::{name}",
                        decision="info",
                        data={
                            "tier": tier,
                            "transport": server.target.transport,
                            "url": url,
                            "stdio": stdio.to_public() if stdio is not None else None,
                            "version": version,
                            "source": source,
                        },
                    ),
                )
        except DuplicateKey as exc:
            raise Conflict(f"server {name!r} exists", code="catalog.duplicate") from exc
        return server

    async def get(self, name: str) -> ServerRecord:
        server = await self._repo.server(name)
        if server is None:
            raise ServerNotFound(f"no MCP server {name!r}")
        return server

    async def _fetch(self, server: ServerRecord) -> list[dict[str, Any]]:
        try:
            return await self._source.definitions(server.target)
        except Exception as exc:
            log.warning("cannot list tools of %s: %s", server.name, type(exc).__name__)
            if server.review_state != "approved":
                await self._source.release(server.target)
            raise ServerUnreachable(f"cannot read the tools of {server.name!r}") from exc

    async def review(
        self, actor: str, name: str, decision: Literal["approved", "rejected"], note: str | None
    ) -> tuple[ServerRecord, list[ToolRecord]]:
        server = await self.get(name)
        now = iso(self._clock())
        tools: list[ToolRecord] = []
        if decision == "approved":
            every = await self._repo.tools()
            others = {t.name for t in every if t.server != name}
            # A re-review re-pins definitions but keeps what people decided about each tool:
            # a rug pull must not silently drop its approval flag or its limits.
            previous = {t.name: t for t in every if t.server == name}
            for definition in await self._fetch(server):
                tool_name = str(definition.get("name", ""))
                if not tool_name or "." in tool_name or len(tool_name) > 128:
                    raise ValidationFailed(
                        f"server offers a tool with an unusable name {tool_name!r}"
                    )
                before = previous.get(tool_name)
                fresh = ToolRecord(
                    server=name,
                    name=tool_name,
                    definition=definition,
                    pin=pin(definition),
                    risk=DEFAULT_RISK[server.tier],
                    requires_approval=False,
                    state="pinned",
                    updated_at=now,
                    findings=scan(self._shield, definition, others),
                )
                if before is not None:
                    fresh = replace(
                        fresh,
                        risk=before.risk,
                        requires_approval=before.requires_approval,
                        **{k: getattr(before, k) for k in GOVERNANCE},
                    )
                tools.append(fresh)
        if decision == "rejected":
            await self._source.release(server.target)
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            await self._repo.replace_tools(tx, name, tools)
            await self._repo.set_review(tx, name, decision, note, actor, now)
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=actor,
                    action="catalog.review",
                    target=f"McpServer::{name}",
                    decision="allow" if decision == "approved" else "deny",
                    data={
                        "decision": decision,
                        "pins": {t.name: t.pin for t in tools},
                        "findings": sum(len(t.findings) for t in tools),
                    },
                ),
            )
        return await self.get(name), tools

    async def set_tool(
        self,
        actor: str,
        server: str,
        tool: str,
        *,
        risk: str | None,
        requires_approval: bool | None,
        governance: Mapping[str, Any] | None = None,
    ) -> ToolRecord:
        """`governance` holds the GOVERNANCE keys to change; a None value restores the
        tier's default."""
        current = next((t for t in await self._repo.tools(server) if t.name == tool), None)
        if current is None:
            raise ToolNotFound(f"no tool {tool!r} on {server!r}")
        if risk is not None and risk not in RISKS:
            raise ValidationFailed(f"risk must be one of {list(RISKS)}")
        changes = dict(governance or {})
        if unknown := set(changes) - set(GOVERNANCE):
            raise ValidationFailed(f"unknown tool settings {sorted(unknown)}")
        label = changes.get("max_label")
        if label is not None and label not in self._labels:
            raise ValidationFailed(f"max_label must be one of {list(self._labels)}")
        updated = replace(current, **changes)
        new_risk = risk or current.risk
        approval = current.requires_approval if requires_approval is None else requires_approval
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            await self._repo.update_tool(
                tx,
                server,
                tool,
                risk=new_risk,
                requires_approval=approval,
                state=current.state,
                at=iso(self._clock()),
            )
            await self._repo.set_governance(tx, updated, iso(self._clock()))
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=actor,
                    action="catalog.tool_update",
                    target=f"Tool::{server}.{tool}",
                    decision="info",
                    data={
                        "risk": new_risk,
                        "requires_approval": approval,
                        **{k: getattr(updated, k) for k in GOVERNANCE},
                    },
                ),
            )
        return next(t for t in await self._repo.tools(server) if t.name == tool)

    async def check_drift(self, actor: str, name: str) -> list[dict[str, str]]:
        """Compare live definitions with the pins; a changed or vanished tool is disabled
        (it leaves tools/list and its calls fail) until the server is reviewed again."""
        server = await self.get(name)
        if server.review_state != "approved":
            return []
        live = {str(d.get("name")): d for d in await self._fetch(server)}
        changes: list[dict[str, str]] = []
        now = iso(self._clock())
        pinned = await self._repo.tools(name)
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            for tool in pinned:
                if tool.state != "pinned":
                    continue
                definition = live.get(tool.name)
                state = (
                    "removed"
                    if definition is None
                    else ("changed" if pin(definition) != tool.pin else "pinned")
                )
                if state == "pinned":
                    continue
                await self._repo.update_tool(
                    tx,
                    name,
                    tool.name,
                    risk=tool.risk,
                    requires_approval=tool.requires_approval,
                    state=state,
                    at=now,
                )
                changes.append(
                    {
                        "tool": tool.name,
                        "state": state,
                        "live_pin": pin(definition) if definition else "",
                    }
                )
            if changes:
                await self._audit.append_in(
                    tx,
                    AuditEvent(
                        actor=actor,
                        action="catalog.drift",
                        target=f"McpServer::{name}",
                        decision="deny",
                        reasons=("catalog.tool_changed",),
                        data={"changes": changes},
                    ),
                )
        return changes
