"""CatalogRepository: MCP servers, their review state, and pinned tool definitions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ztai.domain.mcp_target import McpTarget, StdioCommand
from ztai.storage.database import Executor, Row


@dataclass(frozen=True, slots=True)
class ServerRecord:
    name: str
    tier: str
    url: str
    owner: str
    version: str
    description: str
    review_state: str
    created_at: str
    updated_at: str
    review_note: str | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    stdio: StdioCommand | None = None

    @property
    def target(self) -> McpTarget:
        if self.stdio is not None:
            return McpTarget(stdio=self.stdio)
        return McpTarget(url=self.url)

    def to_public(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "tier": self.tier,
            "transport": self.target.transport,
            "url": self.url or None,
            "stdio": self.stdio.to_public() if self.stdio is not None else None,
            "owner": self.owner,
            "version": self.version,
            "description": self.description,
            "review_state": self.review_state,
            "review_note": self.review_note,
            "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True, slots=True)
class ToolRecord:
    server: str
    name: str
    definition: dict[str, Any]
    pin: str
    risk: str
    requires_approval: bool
    state: str  # pinned | changed | removed
    updated_at: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    # None: the tier's default from settings (gateway.mcp.<tier>).
    max_label: str | None = None
    calls_per_minute: int | None = None
    calls_per_day: int | None = None
    approval_wait_seconds: int | None = None

    @property
    def qualified(self) -> str:
        return f"{self.server}.{self.name}"

    def to_public(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "qualified_name": self.qualified,
            "pin": self.pin,
            "state": self.state,
            "risk": self.risk,
            "requires_approval": self.requires_approval,
            "findings": self.findings,
            "max_label": self.max_label,
            "calls_per_minute": self.calls_per_minute,
            "calls_per_day": self.calls_per_day,
            "approval_wait_seconds": self.approval_wait_seconds,
            "definition": self.definition,
            "updated_at": self.updated_at,
        }


_SERVER = (
    "name, tier, url, owner, version, description, review_state, review_note, reviewed_by, "
    "reviewed_at, created_at, updated_at, stdio"
)
_TOOL = (
    "server, name, definition, pin, findings, risk, requires_approval, state, updated_at, "
    "max_label, calls_per_minute, calls_per_day, approval_wait_seconds"
)


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _server(row: Row) -> ServerRecord:
    values = dict(row)
    stdio = values.pop("stdio")
    return ServerRecord(**values, stdio=StdioCommand.from_json(stdio) if stdio else None)


def _tool(row: Row) -> ToolRecord:
    return ToolRecord(
        server=row["server"],
        name=row["name"],
        definition=json.loads(row["definition"]),
        pin=row["pin"],
        findings=json.loads(row["findings"]),
        risk=row["risk"],
        requires_approval=bool(row["requires_approval"]),
        state=row["state"],
        updated_at=row["updated_at"],
        max_label=row["max_label"],
        calls_per_minute=_int_or_none(row["calls_per_minute"]),
        calls_per_day=_int_or_none(row["calls_per_day"]),
        approval_wait_seconds=_int_or_none(row["approval_wait_seconds"]),
    )


class CatalogRepository:
    def __init__(self, db: Executor) -> None:
        self._db = db

    async def insert_server(self, tx: Executor, server: ServerRecord) -> None:
        await tx.execute(
            f"INSERT INTO mcp_servers ({_SERVER}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            server.name,
            server.tier,
            server.url,
            server.owner,
            server.version,
            server.description,
            server.review_state,
            server.review_note,
            server.reviewed_by,
            server.reviewed_at,
            server.created_at,
            server.updated_at,
            server.stdio.to_json() if server.stdio is not None else None,
        )

    async def server(self, name: str) -> ServerRecord | None:
        row = await self._db.fetchrow(f"SELECT {_SERVER} FROM mcp_servers WHERE name = ?", name)
        return _server(row) if row else None

    async def server_and_tool(
        self, server: str, tool: str
    ) -> tuple[ServerRecord | None, ToolRecord | None]:
        """One round trip for the tools/call path: the server and one of its tools."""
        server_columns = [c.strip() for c in _SERVER.split(",")]
        tool_columns = [c.strip() for c in _TOOL.split(",")]
        selected = [f"s.{c}" for c in server_columns]
        selected += [f"t.{c} AS tool_{c}" for c in tool_columns]
        row = await self._db.fetchrow(
            f"SELECT {', '.join(selected)} "
            "FROM mcp_servers s LEFT JOIN mcp_tools t ON t.server = s.name AND t.name = ? "
            "WHERE s.name = ?",
            tool,
            server,
        )
        if row is None:
            return None, None
        values = dict(row)
        tool_row = {c: values.pop(f"tool_{c}") for c in tool_columns}
        values = {c: values[c] for c in server_columns}
        return _server(values), _tool(tool_row) if tool_row["name"] is not None else None

    async def servers(self) -> list[ServerRecord]:
        rows = await self._db.fetch(f"SELECT {_SERVER} FROM mcp_servers ORDER BY name")
        return [_server(r) for r in rows]

    async def set_review(
        self, tx: Executor, name: str, state: str, note: str | None, by: str | None, at: str
    ) -> None:
        await tx.execute(
            "UPDATE mcp_servers SET review_state = ?, review_note = ?, reviewed_by = ?, "
            "reviewed_at = ?, updated_at = ? WHERE name = ?",
            state,
            note,
            by,
            at,
            at,
            name,
        )

    async def tools(self, server: str | None = None) -> list[ToolRecord]:
        if server is None:
            rows = await self._db.fetch(f"SELECT {_TOOL} FROM mcp_tools ORDER BY server, name")
        else:
            rows = await self._db.fetch(
                f"SELECT {_TOOL} FROM mcp_tools WHERE server = ? ORDER BY name", server
            )
        return [_tool(r) for r in rows]

    async def replace_tools(self, tx: Executor, server: str, tools: list[ToolRecord]) -> None:
        await tx.execute("DELETE FROM mcp_tools WHERE server = ?", server)
        for t in tools:
            await tx.execute(
                f"INSERT INTO mcp_tools ({_TOOL}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.server,
                t.name,
                json.dumps(t.definition, sort_keys=True),
                t.pin,
                json.dumps(t.findings),
                t.risk,
                int(t.requires_approval),
                t.state,
                t.updated_at,
                t.max_label,
                t.calls_per_minute,
                t.calls_per_day,
                t.approval_wait_seconds,
            )

    async def update_tool(
        self,
        tx: Executor,
        server: str,
        name: str,
        *,
        risk: str,
        requires_approval: bool,
        state: str,
        at: str,
    ) -> bool:
        count = await tx.execute(
            "UPDATE mcp_tools SET risk = ?, requires_approval = ?, state = ?, updated_at = ? "
            "WHERE server = ? AND name = ?",
            risk,
            int(requires_approval),
            state,
            at,
            server,
            name,
        )
        return count == 1

    async def set_governance(self, tx: Executor, tool: ToolRecord, at: str) -> None:
        """The tool's label ceiling, usage limits and approval hold (None: tier default)."""
        await tx.execute(
            "UPDATE mcp_tools SET max_label = ?, calls_per_minute = ?, calls_per_day = ?, "
            "approval_wait_seconds = ?, updated_at = ? WHERE server = ? AND name = ?",
            tool.max_label,
            tool.calls_per_minute,
            tool.calls_per_day,
            tool.approval_wait_seconds,
            at,
            tool.server,
            tool.name,
        )
