"""Control routes for the MCP catalog: submit, review with evidence, tool settings, drift."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.catalog.server_json import ServerJson, imported
from ztai.catalog.service import GOVERNANCE
from ztai.control.admin import require_admin
from ztai.control.context import ControlContext
from ztai.domain.mcp_target import StdioCommand
from ztai.http.body import read_json, validate

ServerName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
ServerUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]{1,2000}$")]
# argv items go to execve as they are: no shell, so no quoting rules; NUL cannot be passed.
Argument = Annotated[str, StringConstraints(min_length=1, max_length=4096, pattern=r"^[^\x00]+$")]
EnvName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")]


class StdioBody(BaseModel):
    """A local server: an argv list (never a shell string), a working directory, and the
    names of the gateway's environment variables the child may see."""

    model_config = ConfigDict(extra="forbid", strict=True)

    command: Annotated[list[Argument], Field(min_length=1, max_length=128)]
    cwd: Annotated[str, StringConstraints(pattern=r"^/[^\x00]{0,1023}$")] | None = None
    env: Annotated[list[EnvName], Field(max_length=64)] = []

    def record(self) -> StdioCommand:
        return StdioCommand(tuple(self.command), self.cwd, tuple(dict.fromkeys(self.env)))


class SubmitBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: ServerName
    tier: Literal["vendor", "internal", "external"]
    url: ServerUrl | None = None
    stdio: StdioBody | None = None
    owner: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    description: Annotated[str, StringConstraints(max_length=2000)] = ""


class ImportQuery(BaseModel):
    """What server.json does not say: our tier and owner, and optionally the catalog name
    and which of its transports to use."""

    model_config = ConfigDict(extra="forbid", strict=True)

    tier: Literal["vendor", "internal", "external"] = "external"
    owner: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    name: ServerName | None = None
    transport: Literal["streamable-http", "stdio"] | None = None


class ReviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    decision: Literal["approved", "rejected"]
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


class ToolBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    risk: Literal["low", "medium", "high"] | None = None
    requires_approval: bool | None = None
    # Sent as null: back to the tier's default. Left out: unchanged.
    max_label: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    calls_per_minute: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    calls_per_day: Annotated[int, Field(ge=1, le=100_000_000)] | None = None
    approval_wait_seconds: Annotated[int, Field(ge=0, le=600)] | None = None


def routes(ctx: ControlContext) -> list[Route]:
    catalog = ctx.catalog
    limit = ctx.max_body_bytes

    async def submit(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, SubmitBody, limit)
        server = await catalog.submit(
            actor,
            name=body.name,
            tier=body.tier,
            owner=body.owner,
            version=body.version,
            url=body.url,
            stdio=body.stdio.record() if body.stdio is not None else None,
            description=body.description,
        )
        return JSONResponse(server.to_public(), status_code=201)

    async def import_server(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        query = validate(ImportQuery, dict(request.query_params))
        entry = imported(
            await read_json(request, ServerJson, limit), name=query.name, transport=query.transport
        )
        server = await catalog.submit(
            actor,
            name=entry.name,
            tier=query.tier,
            owner=query.owner,
            version=entry.version,
            url=entry.url,
            stdio=entry.stdio,
            description=entry.description,
            source=entry.source,
        )
        return JSONResponse({**server.to_public(), "source": entry.source}, status_code=201)

    async def list_servers(request: Request) -> Response:
        await require_admin(request, ctx)
        return JSONResponse({"items": [s.to_public() for s in await catalog.repository.servers()]})

    async def get_server(request: Request) -> Response:
        await require_admin(request, ctx)
        server = await catalog.get(request.path_params["name"])
        tools = await catalog.repository.tools(server.name)
        return JSONResponse({**server.to_public(), "tools": [t.to_public() for t in tools]})

    async def review(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, ReviewBody, limit)
        server, tools = await catalog.review(
            actor, request.path_params["name"], body.decision, body.note
        )
        return JSONResponse({**server.to_public(), "tools": [t.to_public() for t in tools]})

    async def set_tool(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, ToolBody, limit)
        tool = await catalog.set_tool(
            actor,
            request.path_params["name"],
            request.path_params["tool"],
            risk=body.risk,
            requires_approval=body.requires_approval,
            governance={k: getattr(body, k) for k in GOVERNANCE if k in body.model_fields_set},
        )
        return JSONResponse(tool.to_public())

    async def check(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        changes = await catalog.check_drift(actor, request.path_params["name"])
        return JSONResponse({"changes": changes})

    base = "/api/v1/mcp-servers"
    return [
        Route(base, submit, methods=["POST"]),
        Route(base, list_servers, methods=["GET"]),
        Route(base + "/import", import_server, methods=["POST"]),
        Route(base + "/{name}", get_server, methods=["GET"]),
        Route(base + "/{name}/review", review, methods=["POST"]),
        Route(base + "/{name}/check", check, methods=["POST"]),
        Route(base + "/{name}/tools/{tool}", set_tool, methods=["PATCH"]),
    ]
