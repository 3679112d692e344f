"""Control routes for policies, grants, decisions, access review and data sources."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.control.admin import require_admin
from ztai.control.context import ControlContext
from ztai.control.schemas import (
    ClassifyBody,
    DataSourceBody,
    DecisionBody,
    GrantBody,
    UpdateAgentBody,
)
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import iso
from ztai.domain.decision import AuthzRequest, EntityRef
from ztai.errors import BadRequest
from ztai.http.body import media_type, read_body, read_json
from ztai.http.params import bounded_int
from ztai.policy.service import MAX_POLICY_BYTES, PolicyNotFound


def _now_iso(ctx: ControlContext) -> str:
    return iso(ctx.clock())


def routes(ctx: ControlContext) -> list[Route]:
    limit = ctx.max_body_bytes

    async def put_policy(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        raw = await read_body(request, MAX_POLICY_BYTES)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRequest("policy text must be UTF-8", code="request.invalid_encoding") from exc
        result = await ctx.policies.put(
            actor, request.path_params["name"], text, media_type(request)
        )
        return JSONResponse(result)

    async def list_policies(request: Request) -> Response:
        await require_admin(request, ctx)
        active = await ctx.policies.repository.active()
        return JSONResponse(
            {
                "items": [p.to_public() for p in active],
                "policy_version": ctx.policies.engine.version,
                "roles": sorted(ctx.policies.engine.roles),
            }
        )

    async def get_policy(request: Request) -> Response:
        await require_admin(request, ctx)
        versions = await ctx.policies.repository.versions(request.path_params["name"])
        if not versions:
            raise PolicyNotFound("no such policy")
        current = next((v for v in versions if v.active), versions[0])
        return JSONResponse(
            {**current.to_public(with_source=True), "versions": [v.to_public() for v in versions]}
        )

    async def delete_policy(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        await ctx.policies.delete(actor, request.path_params["name"])
        return Response(status_code=204)

    async def create_grant(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, GrantBody, limit)
        grant = await ctx.grants.create(
            actor, request.path_params["agent_id"], body.role, body.justification, body.expires_at
        )
        out = grant.to_public(_now_iso(ctx))
        if grant.expires_at is None:
            out["warnings"] = ctx.grants.open_grant_warnings(grant.role)
        return JSONResponse(out, status_code=201)

    async def list_grants(request: Request) -> Response:
        await require_admin(request, ctx)
        grants = await ctx.grants.for_agent(request.path_params["agent_id"])
        now = _now_iso(ctx)
        return JSONResponse({"items": [g.to_public(now) for g in grants]})

    async def delete_grant(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        await ctx.grants.revoke(
            actor, request.path_params["agent_id"], request.path_params["grant_id"]
        )
        return Response(status_code=204)

    async def decide(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, DecisionBody, limit)
        decision = await ctx.decisions.decide(
            actor,
            AuthzRequest(
                EntityRef(body.principal.type, body.principal.id),
                body.action,
                EntityRef(body.resource.type, body.resource.id),
                body.context,
            ),
            approved=body.approved,
        )
        out = decision.to_public()
        if request.query_params.get("explain") == "true":
            meta = ctx.policies.engine.meta
            out["explanation"] = [
                {
                    "policy": r,
                    "effect": meta[r].effect,
                    "bundle": meta[r].bundle,
                    "line": meta[r].line,
                    "role": meta[r].role,
                    "obligations": list(meta[r].obligations),
                }
                for r in decision.reasons
                if r in meta
            ]
        return JSONResponse(out)

    async def access_review(request: Request) -> Response:
        await require_admin(request, ctx)
        days = bounded_int(request.query_params.get("unused_days"), "unused_days", 30, 1, 3650)
        items = await ctx.review.run(days)
        return JSONResponse({"items": [i.to_public() for i in items]})

    async def update_agent(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, UpdateAgentBody, limit)
        agent = await ctx.registry.set_attributes(
            actor,
            request.path_params["agent_id"],
            risk_level=body.risk_level,
            clearance=body.clearance,
        )
        return JSONResponse(agent.to_public())

    async def put_data_source(request: Request) -> Response:
        actor = await require_admin(request, ctx)
        body = await read_json(request, DataSourceBody, limit)
        source = await ctx.data_sources.put(
            actor, request.path_params["source_id"], body.label, body.owner, body.description
        )
        return JSONResponse(source.to_public())

    async def list_data_sources(request: Request) -> Response:
        await require_admin(request, ctx)
        return JSONResponse({"items": [s.to_public() for s in await ctx.data_sources.all()]})

    async def classify(request: Request) -> Response:
        """Label a document before it enters a RAG store; the label travels as metadata."""
        actor = await require_admin(request, ctx)
        body = await read_json(request, ClassifyBody, limit)
        result = await asyncio.to_thread(ctx.classifier.classify, body.text, body.source)
        await ctx.audit.append(
            AuditEvent(
                actor=actor,
                action="data.classify",
                target=f"Document::{body.source.get('id', 'unnamed')[:200]}",
                decision="info",
                data={"label": result.label, "counts": dict(result.counts)},
            )
        )
        return JSONResponse(result.to_dict())

    agent = "/api/v1/agents/{agent_id}"
    return [
        Route("/api/v1/policies", list_policies, methods=["GET"]),
        Route("/api/v1/policies/{name}", put_policy, methods=["PUT"]),
        Route("/api/v1/policies/{name}", get_policy, methods=["GET"]),
        Route("/api/v1/policies/{name}", delete_policy, methods=["DELETE"]),
        Route(agent + "/grants", create_grant, methods=["POST"]),
        Route(agent + "/grants", list_grants, methods=["GET"]),
        Route(agent + "/grants/{grant_id}", delete_grant, methods=["DELETE"]),
        Route(agent, update_agent, methods=["PATCH"]),
        Route("/api/v1/decisions", decide, methods=["POST"]),
        Route("/api/v1/access-review", access_review, methods=["GET"]),
        Route("/api/v1/data-sources", list_data_sources, methods=["GET"]),
        Route("/api/v1/data-sources/{source_id}", put_data_source, methods=["PUT"]),
        Route("/api/v1/classify", classify, methods=["POST"]),
    ]
