"""POST /v1/envelopes/verify: the receiving agent learns which blocks are instructions."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.domain.audit_event import AuditEvent
from ztai.gateway.auth import authenticate
from ztai.gateway.context import GatewayContext
from ztai.http.body import read_json


class VerifyBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(max_length=1_048_576)


def routes(ctx: GatewayContext) -> list[Route]:
    if ctx.envelopes is None:
        return []
    verifier = ctx.envelopes

    async def verify(request: Request) -> Response:
        principal = await authenticate(request, ctx)
        body = await read_json(request, VerifyBody, ctx.max_body_bytes)
        result = await verifier.verify(body.text, principal.agent_id)
        if result.instructions or result.rejected:
            await ctx.audit.append(
                AuditEvent(
                    actor=f"agent:{principal.agent_id}",
                    action="envelope.verify",
                    target=f"Agent::{principal.agent_id}",
                    decision="deny" if result.rejected else "allow",
                    reasons=tuple(r.reason for r in result.rejected),
                    agent_id=principal.agent_id,
                    data={
                        "accepted": [i.id for i in result.instructions],
                        "issuers": sorted({i.iss for i in result.instructions}),
                        "rejected": [r.to_public() for r in result.rejected],
                    },
                )
            )
        return JSONResponse(
            {
                "instructions": [i.to_public() for i in result.instructions],
                "rejected": [r.to_public() for r in result.rejected],
                "data": result.data,
            }
        )

    return [Route("/v1/envelopes/verify", verify, methods=["POST"])]
