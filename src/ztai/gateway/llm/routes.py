"""OpenAI-compatible routes: chat completions and the models this agent may use."""

from __future__ import annotations

import time

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.domain.decision import AuthzRequest, EntityRef
from ztai.errors import ZtaiError
from ztai.gateway.auth import authenticate
from ztai.gateway.context import GatewayContext
from ztai.gateway.llm.errors import openai_error
from ztai.gateway.llm.pipeline import ChatPipeline


def routes(ctx: GatewayContext) -> list[Route]:
    if ctx.llm is None:
        return []
    llm = ctx.llm
    pipeline = ChatPipeline(ctx)

    async def chat(request: Request) -> Response:
        return await pipeline.handle(request)

    async def models(request: Request) -> Response:
        """Only the models policy lets this agent chat with (checked, not recorded)."""
        try:
            principal = await authenticate(request, ctx)
            allowed = []
            for model in llm.upstreams.models():
                decision = await llm.decisions.decide(
                    f"agent:{principal.agent_id}",
                    AuthzRequest(
                        EntityRef("Agent", principal.agent_id),
                        "llm.chat",
                        EntityRef("Model", llm.upstreams.resolve(model).model),
                        {},
                    ),
                    record=False,
                )
                if decision.allowed:
                    allowed.append(model)
        except ZtaiError as exc:
            return openai_error(exc)
        now = int(time.time())
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {"id": m, "object": "model", "created": now, "owned_by": "ztai"}
                    for m in allowed
                ],
            }
        )

    return [
        Route("/v1/chat/completions", chat, methods=["POST"]),
        Route("/v1/models", models, methods=["GET"]),
    ]
