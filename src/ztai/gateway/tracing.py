"""Optional OpenTelemetry traces for chat requests and MCP tool calls, with the GenAI
semantic conventions.

Off unless `gateway.tracing.otlp_endpoint` is set, and then only with the `otel` extra
installed (the server refuses to start otherwise, rather than run untraced by surprise).
One SERVER span per chat request (`chat {model}`) carries who asked, what policy decided
and what the detectors found; a CLIENT child span covers the upstream call and carries the
trace context to the upstream in `traceparent`; each MCP tools/call is an `execute_tool
{tool}` span. Spans never hold prompt or answer text, nor matched values: only names,
counts, codes and ids.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from ztai.config.settings import ConfigError, TracingSettings
from ztai.domain.decision import Decision
from ztai.gateway.llm.schema import ChatRequest

AttributeValue = str | bool | int | float | list[str]

CHAT_SPAN: Mapping[str, AttributeValue] = {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": "openai",  # the wire protocol every upstream speaks here
    "http.route": "/v1/chat/completions",
}


def request_attributes(
    body: ChatRequest, model: str, upstream: str
) -> dict[str, AttributeValue | None]:
    return {
        "gen_ai.request.model": model,
        "ztai.request.model_alias": body.model if body.model != model else None,
        "ztai.upstream": upstream,
        "gen_ai.request.max_tokens": body.max_completion_tokens or body.max_tokens,
        "gen_ai.request.temperature": body.temperature,
        "gen_ai.request.top_p": body.top_p,
        "gen_ai.request.seed": body.seed,
        "gen_ai.request.choice.count": body.n,
        "ztai.request.stream": body.stream,
        "ztai.request.messages": len(body.messages),
        "ztai.request.tools": len(body.tools or ()),
    }


def decision_attributes(
    decision: Decision, label: str, actions: Mapping[str, str]
) -> dict[str, AttributeValue | None]:
    return {
        "ztai.decision.id": decision.decision_id,
        "ztai.decision": decision.decision,
        "ztai.policy.version": decision.policy_version,
        "ztai.prompt.label": label,
        "ztai.actions": [f"{k}={v}" for k, v in sorted(actions.items())],
    }


def response_attributes(answer: Mapping[str, Any]) -> dict[str, AttributeValue | None]:
    """From an answer (or a stream's last usage): ids, model, finish reasons, token usage."""
    raw_usage, raw_choices = answer.get("usage"), answer.get("choices")
    usage: dict[str, Any] = raw_usage if isinstance(raw_usage, dict) else {}
    choices: list[Any] = raw_choices if isinstance(raw_choices, list) else []
    reasons = [
        str(c["finish_reason"]) for c in choices if isinstance(c, dict) and c.get("finish_reason")
    ]

    def number(key: str) -> int | None:
        value = usage.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return {
        "gen_ai.response.id": answer.get("id") if isinstance(answer.get("id"), str) else None,
        "gen_ai.response.model": (
            answer.get("model") if isinstance(answer.get("model"), str) else None
        ),
        "gen_ai.response.finish_reasons": reasons or None,
        "gen_ai.usage.input_tokens": number("prompt_tokens"),
        "gen_ai.usage.output_tokens": number("completion_tokens"),
    }


class TraceSpan:
    """A request's span, or nothing at all when tracing is off (every call is a no-op)."""

    def __init__(self, span: Any = None, tracer: Any = None) -> None:
        self._span = span
        self._tracer = tracer
        self._upstream: Any = None

    def name(self, model: str) -> None:
        """GenAI span names are `{operation} {model}`; the model is known after parsing."""
        if self._span is not None:
            self._span.update_name(f"chat {model}")

    def set(self, attributes: Mapping[str, AttributeValue | None]) -> None:
        if self._span is not None:
            self._span.set_attributes({k: v for k, v in attributes.items() if v is not None})

    def event(self, name: str, attributes: Mapping[str, AttributeValue] | None = None) -> None:
        if self._span is not None:
            self._span.add_event(name, dict(attributes or {}))

    def start_upstream(self, model: str, base_url: str) -> dict[str, str]:
        """Open the CLIENT span of the upstream call; the headers that propagate it."""
        if self._span is None:
            return {}
        from opentelemetry import propagate, trace

        url = urlsplit(base_url)
        self._upstream = self._tracer.start_span(
            f"chat {model}",
            context=trace.set_span_in_context(self._span),
            kind=trace.SpanKind.CLIENT,
            attributes={
                "gen_ai.operation.name": "chat",
                "gen_ai.provider.name": "openai",
                "gen_ai.request.model": model,
                "server.address": url.hostname or "",
                "server.port": url.port or (443 if url.scheme == "https" else 80),
            },
        )
        carrier: dict[str, str] = {}
        propagate.inject(carrier, context=trace.set_span_in_context(self._upstream))
        return carrier

    def end_upstream(self, error: str | None = None) -> None:
        if self._upstream is not None:
            _end(self._upstream, error)
            self._upstream = None

    def end(self, error: str | None = None) -> None:
        """Close the span (idempotent): `error` is the ztai code a refusal carried."""
        self.end_upstream(error)
        if self._span is not None:
            _end(self._span, error)
            self._span = None


def _end(span: Any, error: str | None) -> None:
    if error is not None:
        from opentelemetry.trace import Status, StatusCode

        span.set_attribute("error.type", error)
        span.set_status(Status(StatusCode.ERROR, error))
    span.end()


class Tracing:
    """The tracer provider of one gateway process (or none)."""

    def __init__(self, settings: TracingSettings) -> None:
        self._provider: Any = None
        self._tracer: Any = None
        if not settings.otlp_endpoint:
            return
        if importlib.util.find_spec("opentelemetry.sdk") is None:
            raise ConfigError(
                "gateway.tracing.otlp_endpoint is set but OpenTelemetry is not installed; "
                "install the `otel` extra (pip install 'ztai[otel]')"
            )
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
        from opentelemetry.sdk.trace.sampling import ParentBasedTraceIdRatio

        # A provider of our own, not the global one: an embedding application keeps its own.
        self._provider = TracerProvider(
            resource=Resource.create({"service.name": settings.service_name}),
            sampler=ParentBasedTraceIdRatio(settings.sample_ratio),
        )
        endpoint = settings.otlp_endpoint.rstrip("/") + "/v1/traces"
        # Export happens on the processor's own thread; a slow collector drops spans
        # (bounded queue) instead of slowing requests.
        self._provider.add_span_processor(
            BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint, timeout=5))
        )
        self._tracer = self._provider.get_tracer("ztai.gateway")

    @property
    def enabled(self) -> bool:
        return self._tracer is not None

    def chat(
        self, headers: Mapping[str, str], attributes: Mapping[str, AttributeValue]
    ) -> TraceSpan:
        """A SERVER span for one chat request, continuing the caller's trace if it sent one."""
        if self._tracer is None:
            return TraceSpan()
        from opentelemetry import propagate, trace

        parent = propagate.extract(dict(headers))
        span = self._tracer.start_span(
            "chat", context=parent, kind=trace.SpanKind.SERVER, attributes=dict(attributes)
        )
        return TraceSpan(span, self._tracer)

    def tool(self, name: str, agent_id: str) -> TraceSpan:
        """An `execute_tool {name}` span for one MCP tools/call through the gateway."""
        if self._tracer is None:
            return TraceSpan()
        from opentelemetry import trace

        span = self._tracer.start_span(
            f"execute_tool {name}",
            kind=trace.SpanKind.INTERNAL,
            attributes={
                "gen_ai.operation.name": "execute_tool",
                "gen_ai.tool.name": name,
                "ztai.agent.id": agent_id,
            },
        )
        return TraceSpan(span, self._tracer)

    def flush(self, timeout_ms: int = 5000) -> bool:
        return bool(self._provider.force_flush(timeout_ms)) if self._provider else True

    def shutdown(self) -> None:
        if self._provider is not None:
            self._provider.shutdown()
            self._provider = None
            self._tracer = None
