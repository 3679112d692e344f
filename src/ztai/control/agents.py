"""Control routes for the registry and per-agent credentials."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.control.admin import require_admin
from ztai.control.context import ControlContext
from ztai.control.schemas import (
    CreateAgentBody,
    CreateCredentialBody,
    ReasonBody,
    SigningKeyBody,
)
from ztai.domain.agent import AgentState, LifecycleAction
from ztai.domain.credential import CredentialType
from ztai.errors import ValidationFailed
from ztai.http.body import read_json
from ztai.registry.service import NewAgent


def routes(ctx: ControlContext) -> list[Route]:
    limit = ctx.max_body_bytes

    async def create_agent(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, CreateAgentBody, limit)
        agent = await ctx.registry.create(
            actor,
            NewAgent(
                name=body.name,
                description=body.description,
                owner=body.owner,
                sponsor=body.sponsor,
                environment=body.environment,
                tags=tuple(body.tags),
            ),
        )
        return JSONResponse(agent.to_public(), status_code=201)

    async def list_agents(request: Request) -> Response:
        await require_admin(request, ctx)
        unknown = set(request.query_params) - {"state", "owner"}
        if unknown:
            raise ValidationFailed(f"unknown query parameters: {sorted(unknown)}")
        state = request.query_params.get("state")
        if state is not None and state not in {s.value for s in AgentState}:
            raise ValidationFailed(f"state must be one of {[s.value for s in AgentState]}")
        agents = await ctx.registry.find(state=state, owner=request.query_params.get("owner"))
        return JSONResponse({"items": [a.to_public() for a in agents]})

    async def get_agent(request: Request) -> Response:
        await require_admin(request, ctx)
        agent = await ctx.registry.get(request.path_params["agent_id"])
        return JSONResponse(agent.to_public())

    def lifecycle(action: LifecycleAction) -> Callable[[Request], Awaitable[Response]]:
        async def move(request: Request) -> Response:
            actor = await require_admin(request, ctx)
            body = await read_json(request, ReasonBody, limit, optional=True)
            agent = await ctx.registry.transition(
                actor, request.path_params["agent_id"], action, body.reason
            )
            return JSONResponse(agent.to_public())

        return move

    async def create_credential(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, CreateCredentialBody, limit)
        issued = await ctx.credentials.create(
            actor, request.path_params["agent_id"], CredentialType(body.type), body.jwk
        )
        return JSONResponse(
            issued.to_public(), status_code=201, headers={"Cache-Control": "no-store"}
        )

    async def list_credentials(request: Request) -> Response:
        await require_admin(request, ctx)
        items = await ctx.credentials.for_agent(request.path_params["agent_id"])
        return JSONResponse({"items": [c.to_public() for c in items]})

    async def delete_credential(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        await ctx.credentials.revoke(
            actor, request.path_params["agent_id"], request.path_params["credential_id"]
        )
        return Response(status_code=204)

    async def add_signing_key(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, SigningKeyBody, limit)
        kid = await ctx.agent_keys.register(actor, request.path_params["agent_id"], body.jwk)
        return JSONResponse({"kid": kid}, status_code=201)

    async def delete_signing_key(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        await ctx.agent_keys.revoke(
            actor, request.path_params["agent_id"], request.path_params["kid"]
        )
        return Response(status_code=204)

    base = "/api/v1/agents"
    return [
        Route(base, create_agent, methods=["POST"]),
        Route(base, list_agents, methods=["GET"]),
        Route(base + "/{agent_id}", get_agent, methods=["GET"]),
        *(
            Route(f"{base}/{{agent_id}}/{a.value}", lifecycle(a), methods=["POST"])
            for a in LifecycleAction
        ),
        Route(base + "/{agent_id}/credentials", create_credential, methods=["POST"]),
        Route(base + "/{agent_id}/credentials", list_credentials, methods=["GET"]),
        Route(
            base + "/{agent_id}/credentials/{credential_id}", delete_credential, methods=["DELETE"]
        ),
        Route(base + "/{agent_id}/signing-keys", add_signing_key, methods=["POST"]),
        Route(base + "/{agent_id}/signing-keys/{kid}", delete_signing_key, methods=["DELETE"]),
    ]
