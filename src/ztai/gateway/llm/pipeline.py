"""One chat request through the gateway, in order:

identify → normalize → detect (in) → decide → apply obligations → reserve usage → audit →
forward → detect (out) → restore pseudonyms → settle usage and record the outcome.

Every refusal leaves through `_refuse`, which audits it and writes OpenAI's error shape.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from ztai.config.settings import LimitSettings
from ztai.dlp.pseudonym import StreamRehydrator, rehydrate
from ztai.domain.audit_event import AuditEvent
from ztai.domain.decision import AuthzRequest, Decision, EntityRef
from ztai.errors import Forbidden, Unavailable, ZtaiError
from ztai.gateway.auth import authenticate
from ztai.gateway.context import GatewayContext, LlmContext
from ztai.gateway.llm.errors import EnvelopeScope, openai_error, openai_error_body
from ztai.gateway.llm.inspect import Inspection
from ztai.gateway.llm.instructions import Envelopes, apply_envelopes, calls_outside
from ztai.gateway.llm.limits import Reservation
from ztai.gateway.llm.output import OutputGuard, redact_secrets
from ztai.gateway.llm.plan import PSEUDONYM_CONTEXT, Plan, make_plan
from ztai.gateway.llm.relay import StreamStats, relay
from ztai.gateway.llm.schema import ChatRequest, message_texts
from ztai.gateway.requestlog import RequestRecord
from ztai.gateway.tracing import (
    CHAT_SPAN,
    decision_attributes,
    request_attributes,
    response_attributes,
)
from ztai.http.body import read_json
from ztai.identity.verifier import AgentPrincipal

log = logging.getLogger(__name__)

_INLINE_LIMIT = 32_000  # inspect larger prompts off the event loop


class DetectorUnavailable(Unavailable):
    code = "detector.unavailable"
    title = "Detector unavailable"


class DetectorTimeout(Unavailable):
    code = "detector.timeout"
    title = "Detector timed out"


class PolicyDenied(Forbidden):
    code = "policy.denied"
    title = "Denied by policy"


def _estimate_tokens(body: ChatRequest) -> int:
    chars = sum(len(t) for m in body.messages for t in message_texts(m))
    return chars // 4 + 16 * len(body.messages) + body.output_budget


class ChatPipeline:
    def __init__(self, gateway: GatewayContext) -> None:
        assert gateway.llm is not None
        self._ctx: LlmContext = gateway.llm
        self._auth = gateway

    async def handle(self, request: Request) -> Response:
        started = time.perf_counter()
        principal: AgentPrincipal | None = None
        ctx = self._ctx
        record = request.state.record = RequestRecord(
            ctx.tracing.chat(request.headers, CHAT_SPAN), "llm.chat"
        )
        span = record.span
        try:
            principal = await authenticate(request, self._auth)
            span.set({"ztai.agent.id": principal.agent_id, "ztai.agent.name": principal.name})
            record.note(agent_id=principal.agent_id, agent=principal.name)
            body = await read_json(request, ChatRequest, ctx.max_body_bytes)
            envelopes = Envelopes()
            if self._auth.envelopes is not None:
                body, envelopes = await apply_envelopes(
                    self._auth.envelopes, body, principal.agent_id
                )
            route = ctx.upstreams.resolve(body.model)
            span.name(route.model)
            span.set(request_attributes(body, route.model, route.upstream.name))
            record.note(model=route.model, stream=body.stream)
            inspection = await self._inspect(body)
            decision = await ctx.decisions.decide(
                f"agent:{principal.agent_id}",
                AuthzRequest(
                    EntityRef("Agent", principal.agent_id),
                    "llm.chat",
                    EntityRef("Model", route.model),
                    {
                        "findings": inspection.context_findings(),
                        "label": inspection.label_rank,
                        "unscanned_parts": inspection.unscanned_parts,
                    },
                ),
                record=False,
            )
            if not decision.allowed:
                raise PolicyDenied(
                    f"llm.chat on {route.model} is not allowed for this agent",
                    extra={"decision_id": decision.decision_id},
                )
            messages = [m.model_dump(exclude_none=True) for m in body.messages]
            plan = make_plan(ctx.settings, ctx.upstreams, route, messages, inspection)
            reservation = await ctx.limiter.reserve(
                principal.agent_id, _estimate_tokens(body), self._limits(principal)
            )
            if envelopes.rejected:
                plan.actions["envelopes_dropped"] = ",".join(sorted(set(envelopes.rejected)))
            if envelopes.instructions:
                plan.actions["envelopes"] = str(len(envelopes.instructions))
            await self._record(principal, decision, plan, inspection, body.stream)
            span.set(decision_attributes(decision, inspection.label, plan.actions))
            record.note(
                decision_id=decision.decision_id,
                upstream=plan.route.upstream.name,
                label=inspection.label,
                findings=sorted(inspection.kinds()) or None,
                actions=dict(plan.actions) or None,
            )
        except ZtaiError as exc:
            return await self._refuse(request, principal, exc, started)
        ctx.metrics.observe(
            "ztai_stage_seconds",
            "Time per pipeline stage",
            time.perf_counter() - started,
            stage="before_upstream",
        )
        upstream_body = body.model_dump(exclude_unset=True)
        upstream_body["messages"] = plan.messages
        upstream_body["model"] = plan.route.model
        headers = {"x-ztai-decision-id": decision.decision_id}
        if plan.actions:
            headers["x-ztai-actions"] = ";".join(
                f"{k}={v}" for k, v in sorted(plan.actions.items())
            )
        if body.stream:
            return self._stream(
                principal,
                decision,
                plan,
                upstream_body,
                reservation,
                headers,
                body.output_budget,
                envelopes.allowed_tools(),
                record,
            )
        trace = span.start_upstream(plan.route.model, plan.route.upstream.base_url)
        try:
            answer = await ctx.client.complete(plan.route.upstream, upstream_body, trace)
            span.set(response_attributes(answer))
        except ZtaiError as exc:
            await ctx.limiter.settle(reservation, 0)
            return await self._refuse(request, principal, exc, started, recorded=decision)
        allowed = envelopes.allowed_tools()
        if allowed is not None and calls_outside(answer, allowed):
            await ctx.limiter.settle(reservation, 0)
            outside = EnvelopeScope(
                "the model called a tool outside the verified instruction's "
                "scope; the answer was withheld"
            )
            return await self._refuse(request, principal, outside, started, recorded=decision)
        try:
            secrets = self._restore(answer, plan)
        except Exception as exc:  # noqa: BLE001 — output unscanned must not be released
            log.error("output scan failed: %s", type(exc).__name__)
            await ctx.limiter.settle(reservation, 0)
            refused = DetectorUnavailable("the answer could not be scanned; it was withheld")
            return await self._refuse(request, principal, refused, started, recorded=decision)
        usage = answer.get("usage") if isinstance(answer.get("usage"), dict) else {}
        used = int(usage.get("total_tokens", reservation.tokens)) if usage else reservation.tokens
        ctx.metrics.inc("ztai_requests_total", "Chat requests by outcome", outcome="ok")
        return JSONResponse(
            answer,
            headers=headers,
            background=BackgroundTask(
                self._finish, principal, decision, reservation, used, secrets, None, record
            ),
        )

    async def _inspect(self, body: ChatRequest) -> Inspection:
        size = sum(len(t) for m in body.messages for t in message_texts(m))
        try:
            if size > _INLINE_LIMIT:
                # Below the limit the detectors' linear bounds keep the loop's stall to a
                # few milliseconds; above it a thread keeps the loop free, and a deadline
                # turns a detector that never returns into a refusal (it runs on, unheard).
                return await asyncio.wait_for(
                    asyncio.to_thread(self._ctx.inspector.inspect, body),
                    self._ctx.settings.detector_timeout_seconds,
                )
            return self._ctx.inspector.inspect(body)
        except TimeoutError as exc:
            log.error("detectors timed out on a %d-character request", size)
            raise DetectorTimeout("the detectors did not finish in time; refused") from exc
        except Exception as exc:
            log.error("detector failed: %s", type(exc).__name__)
            raise DetectorUnavailable("a detector could not run; the request was refused") from exc

    def _limits(self, principal: AgentPrincipal) -> LimitSettings:
        settings = self._ctx.settings
        return settings.agent_limits.get(principal.name, settings.limits)

    def _restore(self, answer: dict[str, Any], plan: Plan) -> list[str]:
        """Redact secrets in the answer, then put the agent's own values back."""
        found: list[str] = []
        sealed = plan.pseudonymizer.sealed_mapping() if plan.pseudonymizer else None

        def restore(text: str, json_string: bool = False) -> str:
            if sealed is None:
                return text
            return rehydrate(
                text, sealed, plan.key, context=PSEUDONYM_CONTEXT, json_string=json_string
            )

        for choice in answer.get("choices") or []:
            message = choice.get("message") if isinstance(choice, dict) else None
            if not isinstance(message, dict):
                continue
            if isinstance(message.get("content"), str):
                text, kinds = redact_secrets(self._ctx.dlp, message["content"])
                found += kinds
                message["content"] = restore(text)
            for call in message.get("tool_calls") or []:
                function = call.get("function") if isinstance(call, dict) else None
                if isinstance(function, dict) and isinstance(function.get("arguments"), str):
                    function["arguments"] = restore(function["arguments"], json_string=True)
        return found

    def _stream(
        self,
        principal: AgentPrincipal,
        decision: Decision,
        plan: Plan,
        upstream_body: dict[str, Any],
        reservation: Reservation,
        headers: dict[str, str],
        output_budget: int,
        allowed_tools: set[str] | None,
        record: RequestRecord,
    ) -> Response:
        ctx = self._ctx
        stats = StreamStats()
        prompt_estimate = max(0, reservation.tokens - output_budget)
        sealed = plan.pseudonymizer.sealed_mapping() if plan.pseudonymizer else None

        def new_guard() -> OutputGuard:
            rehydrator = (
                StreamRehydrator(sealed, plan.key, context=PSEUDONYM_CONTEXT)
                if sealed is not None
                else None
            )
            return OutputGuard(
                ctx.dlp, ctx.settings.stream_holdback_chars, rehydrator, stats.secrets.extend
            )

        def new_restorer() -> StreamRehydrator:
            assert sealed is not None
            return StreamRehydrator(sealed, plan.key, context=PSEUDONYM_CONTEXT, json_string=True)

        span = record.span

        async def events() -> AsyncIterator[bytes]:
            trace = span.start_upstream(plan.route.model, plan.route.upstream.base_url)
            try:
                async for event in relay(
                    ctx.client.stream(plan.route.upstream, upstream_body, trace),
                    new_guard,
                    stats,
                    allowed_tools,
                    new_restorer if sealed is not None else None,
                ):
                    yield event
            except Exception as exc:  # noqa: BLE001 — stop releasing text; say why
                if isinstance(exc, ZtaiError):
                    failure: ZtaiError = exc
                else:
                    log.error("stream relay failed: %s", type(exc).__name__)
                    failure = DetectorUnavailable("the answer could not be scanned; it was cut")
                stats.error = failure.code
                yield f"data: {json.dumps(openai_error_body(failure))}\n\n".encode()
            finally:
                used = int((stats.usage or {}).get("total_tokens", 0)) or (
                    prompt_estimate + stats.chars // 4
                )
                span.set(response_attributes({"usage": stats.usage}))
                await self._finish(
                    principal, decision, reservation, used, stats.secrets, stats.error, record
                )

        ctx.metrics.inc("ztai_requests_total", "Chat requests by outcome", outcome="stream")
        return StreamingResponse(events(), media_type="text/event-stream", headers=headers)

    async def _record(
        self,
        principal: AgentPrincipal,
        decision: Decision,
        plan: Plan,
        inspection: Inspection,
        stream: bool,
    ) -> None:
        """The decision record, durably written before anything leaves (G3)."""
        counts: dict[str, int] = {}
        for findings in inspection.findings.values():
            for f in findings:
                counts[f.kind] = counts.get(f.kind, 0) + 1
        await self._ctx.audit.append(
            AuditEvent(
                actor=f"agent:{principal.agent_id}",
                action="authz.llm.chat",  # an authorization decision: access reviews read it
                target=f"Model::{plan.route.model}",
                decision="allow",
                reasons=decision.reasons,
                agent_id=principal.agent_id,
                data={
                    "decision_id": decision.decision_id,
                    "policy_version": decision.policy_version,
                    "roles": list(decision.roles),
                    "upstream": plan.route.upstream.name,
                    "label": inspection.label,
                    "findings": counts,
                    "actions": plan.actions,
                    "stream": stream,
                },
            )
        )
        for kind in counts:
            self._ctx.metrics.inc("ztai_detections_total", "Findings in prompts", kind=kind)

    async def _finish(
        self,
        principal: AgentPrincipal,
        decision: Decision,
        reservation: Reservation,
        used: int,
        secrets: list[str],
        error: str | None,
        record: RequestRecord,
    ) -> None:
        record.span.set({"ztai.output.secrets_redacted": sorted(set(secrets))})
        record.close(error, tokens=used, output_secrets_redacted=len(secrets) or None)
        await self._ctx.limiter.settle(reservation, max(0, used))
        try:
            await self._ctx.audit.append(
                AuditEvent(
                    actor=f"agent:{principal.agent_id}",
                    action="llm.response",
                    target=f"Decision::{decision.decision_id}",
                    decision="info",
                    reasons=(error,) if error else (),
                    agent_id=principal.agent_id,
                    data={"tokens": used, "output_secrets_redacted": sorted(set(secrets))},
                )
            )
        except ZtaiError:
            return  # the request already ran under its decision record

    async def _refuse(
        self,
        request: Request,
        principal: AgentPrincipal | None,
        error: ZtaiError,
        started: float,
        recorded: Decision | None = None,
    ) -> Response:
        """The one deny path: audit (unless authentication already did), count, answer."""
        ctx = self._ctx
        record: RequestRecord | None = getattr(request.state, "record", None)
        if record is not None:
            record.close(error.code, status=error.status)
        ctx.metrics.inc("ztai_requests_total", "Chat requests by outcome", outcome=error.code)
        if principal is not None:
            with contextlib.suppress(ZtaiError):  # refusing anyway
                await ctx.audit.append(
                    AuditEvent(
                        actor=f"agent:{principal.agent_id}",
                        action="llm.chat" if recorded is None else "llm.response",
                        target=f"Route::{request.url.path}",
                        decision="deny",
                        reasons=(error.code,),
                        agent_id=principal.agent_id,
                        data={
                            "status": error.status,
                            "decision_id": error.extra.get("decision_id"),
                        },
                    )
                )
        ctx.metrics.observe(
            "ztai_stage_seconds",
            "Time per pipeline stage",
            time.perf_counter() - started,
            stage="refused",
        )
        return openai_error(error)
