"""Detector service routes: Azure Prompt Shields- and Presidio-compatible endpoints.

Existing clients can point at ztai unchanged. They are pure detectors (no data access), so
an agent token is optional unless `gateway.detector_auth` is "required" — but a token that
is presented must be valid.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ztai.gateway.auth import authenticate
from ztai.gateway.context import GatewayContext
from ztai.http.body import read_json

# Texts above this size are scanned off the event loop so other requests keep flowing.
_THREAD_OVER = 64_000
MAX_DOCUMENTS = 64


class ShieldPromptBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    userPrompt: str = ""
    documents: list[str] = Field(default_factory=list, max_length=MAX_DOCUMENTS)


class AnalyzeBody(BaseModel):
    """Presidio's AnalyzerRequest; fields ztai cannot honour are refused, not ignored."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str
    language: Annotated[str, StringConstraints(min_length=2, max_length=8)] = "en"
    entities: list[str] | None = None
    score_threshold: float | None = Field(default=None, ge=0, le=1)
    correlation_id: str | None = None
    return_decision_process: bool = False


async def _off_loop(size: int, func: Any, *args: Any) -> Any:
    if size > _THREAD_OVER:
        return await asyncio.to_thread(func, *args)
    return func(*args)


def routes(ctx: GatewayContext) -> list[Route]:
    async def caller(request: Request) -> None:
        if ctx.detector_auth == "required" or "authorization" in request.headers:
            await authenticate(request, ctx)

    async def shield_prompt(request: Request) -> Response:
        await caller(request)
        body = await read_json(request, ShieldPromptBody, ctx.max_body_bytes)

        def scan_all() -> tuple[bool, list[bool]]:
            user = ctx.shield.scan(body.userPrompt, "user").attack if body.userPrompt else False
            docs = [ctx.shield.scan(d, "document").attack for d in body.documents]
            return user, docs

        size = len(body.userPrompt) + sum(len(d) for d in body.documents)
        user, docs = await _off_loop(size, scan_all)
        return JSONResponse(
            {
                "userPromptAnalysis": {"attackDetected": user},
                "documentsAnalysis": [{"attackDetected": d} for d in docs],
            }
        )

    async def analyze(request: Request) -> Response:
        await caller(request)
        body = await read_json(request, AnalyzeBody, ctx.max_body_bytes)
        findings = await _off_loop(
            len(body.text),
            lambda: ctx.dlp.analyze(
                body.text, entities=body.entities, min_score=body.score_threshold
            ),
        )
        return JSONResponse(
            [
                {"entity_type": f.kind, "start": f.start, "end": f.end, "score": round(f.score, 4)}
                for f in findings
            ]
        )

    return [
        Route("/contentsafety/text:shieldPrompt", shield_prompt, methods=["POST"]),
        Route("/v1/dlp/analyze", analyze, methods=["POST"]),
    ]
