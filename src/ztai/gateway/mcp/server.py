"""McpGateway: `/mcp`, built on the official SDK's low-level server.

tools/list shows an agent only the approved, still-pinned tools some policy could let it
call. tools/call runs: pinned? → label of the arguments (DLP) → policy on `mcp.tools.call`
with the arguments and label → label within the tool's max (or a policy naming the label) →
approval if required (answered at once or held) → usage limits → audit → upstream call with
the gateway's own client → shield and DLP on the result (spotlighted for external servers) →
audit. Refusals are JSON-RPC errors whose `data.code` is the stable ztai code.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.shared.exceptions import MCPError
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ztai.approvals.service import ApprovalService
from ztai.audit.log import AuditLog
from ztai.catalog.service import CatalogService
from ztai.dlp import DlpEngine
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, iso, system_clock
from ztai.domain.decision import AuthzRequest, Decision, EntityRef
from ztai.errors import AuthError, ZtaiError
from ztai.gateway.llm.errors import RateLimited
from ztai.gateway.llm.output import redact_secrets
from ztai.gateway.mcp.approval import ApprovalGate
from ztai.gateway.mcp.disconnect import DisconnectWatch
from ztai.gateway.mcp.errors import SERVER_ERROR, refusal_code, refuse, unauthorized
from ztai.gateway.mcp.fastpath import FastPath
from ztai.gateway.mcp.guards import ToolGuards
from ztai.gateway.mcp.tools import ToolCaller
from ztai.gateway.requestlog import RequestRecord
from ztai.gateway.tracing import Tracing
from ztai.http.endpoint import Endpoint
from ztai.identity.verifier import AgentPrincipal
from ztai.policy.decider import DecisionService
from ztai.policy.entities import tool_server
from ztai.policy.service import PolicyService
from ztai.policy.view import AuthzView
from ztai.shield import PromptShield, spotlight
from ztai.storage.catalog import ToolRecord

log = logging.getLogger(__name__)

Authenticate = Callable[[Request], Awaitable[AgentPrincipal]]
# Stateless with JSON answers, the gateway never pushes messages: no GET event stream (a
# stream nobody ends would pin a connection and its memory; Streamable HTTP lets a server
# answer 405) and no session to DELETE.
METHOD_NOT_ALLOWED = JSONResponse(
    {
        "jsonrpc": "2.0",
        "id": None,
        "error": {
            "code": SERVER_ERROR,
            "message": "only POST is served at /mcp",
            "data": {"code": "request.method_not_allowed"},
        },
    },
    status_code=405,
    headers={"Allow": "POST"},
)

APPROVAL_META_KEY = "ztai/approval"


def _approval_id(params: types.CallToolRequestParams) -> str | None:
    """The approval the agent retries with, in the request's `_meta`."""
    meta = params.model_dump(by_alias=True).get("_meta") or {}
    value = meta.get(APPROVAL_META_KEY) if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def arguments_hash(arguments: dict[str, Any]) -> str:
    canonical = json.dumps(arguments, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


class McpGateway:
    def __init__(
        self,
        *,
        catalog: CatalogService,
        policies: PolicyService,
        view: AuthzView,
        decisions: DecisionService,
        caller: ToolCaller,
        shield: PromptShield,
        dlp: DlpEngine,
        audit: AuditLog,
        approvals: ApprovalService,
        guards: ToolGuards,
        resource_metadata_url: str,
        drift_interval_seconds: float = 30.0,
        tracing: Tracing,
        clock: Clock = system_clock,
    ) -> None:
        self._clock = clock
        self._tracing = tracing
        self._catalog = catalog
        self._policies = policies
        self._view = view
        self._decisions = decisions
        self._caller = caller
        self._shield = shield
        self._dlp = dlp
        self._audit = audit
        self._approvals = approvals
        self._guards = guards
        self._gate = ApprovalGate(approvals, decisions, self._deny)
        self._metadata_url = resource_metadata_url
        self._drift_interval = drift_interval_seconds
        self._checked: dict[str, float] = {}
        self._server = Server("ztai-gateway", on_list_tools=self._list, on_call_tool=self._call)
        self._manager: StreamableHTTPSessionManager | None = None
        self._runner: asyncio.Task[None] | None = None
        self._started = asyncio.Event()
        self._start_lock = asyncio.Lock()
        self.fast_path = True  # False: every request through the SDK (tests compare the two)
        self._fast = FastPath(self._server, self.list_tools, self.call_tool)

    # -- transport --------------------------------------------------------------------------

    def asgi_app(self, authenticate: Authenticate) -> ASGIApp:
        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                return
            if scope["method"] != "POST":
                await METHOD_NOT_ALLOWED(scope, receive, send)
                return
            request = Request(scope, receive)
            try:
                principal = await authenticate(request)
            except AuthError as exc:
                await unauthorized(exc, self._metadata_url)(scope, receive, send)
                return
            scope.setdefault("state", {})["ztai_principal"] = principal
            released = asyncio.Event()
            scope["state"]["ztai_released"] = released
            watching = DisconnectWatch(receive, released)
            try:
                rest: Receive | None = watching.receive
                if self.fast_path:
                    rest = await self._fast.serve(
                        scope, watching.receive, send, principal, released
                    )
                if rest is not None:
                    manager = await self._running_manager()
                    await manager.handle_request(scope, rest, send)
            finally:
                watching.stop()

        return Endpoint(app)

    async def _running_manager(self) -> StreamableHTTPSessionManager:
        async with self._start_lock:
            if self._manager is None:
                self._manager = StreamableHTTPSessionManager(
                    self._server, json_response=True, stateless=True
                )
                self._runner = asyncio.create_task(
                    self._run(self._manager), name="ztai-mcp-sessions"
                )
                await self._started.wait()
        return self._manager

    async def _run(self, manager: StreamableHTTPSessionManager) -> None:
        async with manager.run():
            self._started.set()
            await asyncio.Event().wait()  # until the task is cancelled at shutdown

    async def close(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner

    # -- handlers ---------------------------------------------------------------------------

    @staticmethod
    def _principal(ctx: Any) -> AgentPrincipal:
        request = getattr(ctx, "request", None)
        principal = getattr(getattr(request, "state", None), "ztai_principal", None)
        if not isinstance(principal, AgentPrincipal):
            raise refuse("auth.missing_token", "no agent identity on this request")
        return principal

    @staticmethod
    def _released(ctx: Any) -> asyncio.Event | None:
        """Set when the client went away (a held call then stops waiting)."""
        request = getattr(ctx, "request", None)
        event = getattr(getattr(request, "state", None), "ztai_released", None)
        return event if isinstance(event, asyncio.Event) else None

    def _roles(self, agent_id: str) -> tuple[str, ...]:
        now = iso(self._clock())
        return tuple(g.role for g in self._view.grants.get(agent_id, ()) if g.live_at(now))

    async def _usable_tools(self) -> list[ToolRecord]:
        servers = {
            s.name: s
            for s in await self._catalog.repository.servers()
            if s.review_state == "approved"
        }
        for name in servers:
            await self._maybe_check_drift(name)
        return [
            t
            for t in await self._catalog.repository.tools()
            if t.server in servers and t.state == "pinned"
        ]

    async def _maybe_check_drift(self, server: str) -> None:
        now = time.monotonic()
        if now - self._checked.get(server, -1e9) < self._drift_interval:
            return
        self._checked[server] = now
        try:
            await self._catalog.check_drift("system:drift", server)
        except ZtaiError as exc:
            log.warning("drift check of %s failed: %s", server, exc.code)

    # The SDK's handlers; the fast path (fastpath.py) calls list_tools / call_tool directly.
    async def _list(self, ctx: Any, params: Any) -> types.ListToolsResult:
        return await self.list_tools(self._principal(ctx))

    async def list_tools(self, principal: AgentPrincipal) -> types.ListToolsResult:
        """tools/list for this agent: the SDK handler and the fast path both land here."""
        roles = self._roles(principal.agent_id)
        engine = self._policies.engine
        visible = []
        for tool in await self._usable_tools():
            ref = EntityRef("Tool", tool.qualified)
            ancestors = (EntityRef("McpServer", tool.server),)
            if engine.may_permit("mcp.tools.call", ref, ancestors, principal.agent_id, roles):
                definition = dict(tool.definition)
                definition["name"] = tool.qualified
                visible.append(types.Tool.model_validate(definition))
        return types.ListToolsResult(tools=visible)

    async def _call(self, ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        return await self.call_tool(self._principal(ctx), params, self._released(ctx))

    async def call_tool(
        self,
        principal: AgentPrincipal,
        params: types.CallToolRequestParams,
        released: asyncio.Event | None = None,
    ) -> types.CallToolResult:
        """tools/call for this agent: the SDK handler and the fast path both land here."""
        span = self._tracing.tool(params.name, principal.agent_id)
        record = RequestRecord(span, "mcp.tools.call")
        record.note(agent_id=principal.agent_id, agent=principal.name, tool=params.name)
        try:
            result = await self._call_tool(principal, params, released)
        except MCPError as exc:
            record.close(refusal_code(exc))
            raise
        except ZtaiError as exc:
            record.close(exc.code)
            # A control could not run (storage, policy view, audit, approval store): refuse
            # with its stable code rather than a generic internal error (G2).
            raise refuse(exc.code, exc.detail) from exc
        record.close("tool.error" if result.is_error else None)
        return result

    async def _call_tool(
        self,
        principal: AgentPrincipal,
        params: types.CallToolRequestParams,
        released: asyncio.Event | None,
    ) -> types.CallToolResult:
        name = params.name
        arguments = dict(params.arguments or {})
        server_name = tool_server(name)
        tool_name = name[len(server_name) + 1 :]
        await self._maybe_check_drift(server_name)
        server, tool = await self._catalog.repository.server_and_tool(server_name, tool_name)
        actor = f"agent:{principal.agent_id}"
        if server is None or server.review_state != "approved" or tool is None:
            await self._deny(actor, principal, name, "catalog.unknown_tool")
            raise refuse("catalog.unknown_tool", f"no approved tool {name!r}")
        if tool.state != "pinned":
            await self._deny(actor, principal, name, "catalog.tool_changed")
            raise refuse(
                "catalog.tool_changed",
                f"{name} changed since it was reviewed; it is disabled until re-review",
            )
        try:
            label = self._guards.classify(arguments)
        except Exception as exc:
            log.warning("argument classification of %s failed: %s", name, type(exc).__name__)
            await self._deny(actor, principal, name, "detector.unavailable")
            raise refuse("detector.unavailable", "the arguments could not be classified") from exc
        # The label rides in the Cedar context, so a policy can name it (see _label_allowed).
        context = {"arguments": arguments, "label": label.rank}
        decision = await self._decisions.decide(
            actor,
            AuthzRequest(
                EntityRef("Agent", principal.agent_id),
                "mcp.tools.call",
                EntityRef("Tool", name),
                context,
            ),
            record=False,
        )
        args_digest = arguments_hash(arguments)
        needs_approval = decision.outcome == "needs_approval" or (
            decision.allowed and tool.requires_approval
        )
        if not decision.allowed and not needs_approval:
            await self._deny(
                actor, principal, name, "policy.denied", decision_id=decision.decision_id
            )
            raise refuse(
                "policy.denied",
                f"{name} is not allowed with these arguments",
                decision_id=decision.decision_id,
            )
        if self._guards.exceeds(label, tool, server.tier) and not self._label_allowed(decision):
            ceiling = self._guards.max_label(tool, server.tier)
            await self._deny(
                actor,
                principal,
                name,
                "dlp.label_exceeded",
                label=label.label,
                max_label=ceiling,
                types=list(label.types),
                decision_id=decision.decision_id,
            )
            raise refuse(
                "dlp.label_exceeded",
                f"the arguments are {label.label}; {name} may receive at most {ceiling}",
                label=label.label,
                max_label=ceiling,
            )
        if needs_approval:
            decision = await self._gate.clear(
                principal,
                name,
                arguments,
                args_digest,
                decision,
                _approval_id(params),
                context=context,
                label=label.label,
                preview=label.preview,
                wait_seconds=self._guards.wait_seconds(tool, server.tier),
                released=released,
            )
        try:
            await self._guards.reserve(principal.agent_id, tool, server.tier)
        except RateLimited as exc:
            await self._deny(actor, principal, name, exc.code, retry_after=exc.retry_after)
            raise refuse(exc.code, exc.detail, retry_after=exc.retry_after) from exc
        except ZtaiError as exc:  # the limits store is down: refuse (G2)
            await self._deny(actor, principal, name, exc.code)
            raise refuse(exc.code, "usage limits cannot be checked") from exc
        await self._audit.append(
            AuditEvent(
                actor=actor,
                action="authz.mcp.tools.call",
                target=f"Tool::{name}",
                decision="allow",
                reasons=decision.reasons,
                agent_id=principal.agent_id,
                data={
                    "decision_id": decision.decision_id,
                    "policy_version": decision.policy_version,
                    "roles": list(decision.roles),
                    "arguments_sha256": args_digest,
                    "label": label.label,
                    "pin": tool.pin,
                    "tier": server.tier,
                },
            )
        )
        try:
            result = await self._caller.call(server.target, tool_name, arguments)
        except Exception as exc:
            log.warning("tool call %s failed: %s", name, type(exc).__name__)
            raise refuse("upstream.failed", f"{name} failed upstream") from exc
        return await self._inspect_result(principal, name, server.tier, result)

    async def _inspect_result(
        self, principal: AgentPrincipal, name: str, tier: str, result: dict[str, Any]
    ) -> types.CallToolResult:
        """Shield and DLP on what the tool returned, before the agent's model reads it."""
        content = []
        notes: list[str] = []
        flagged: dict[str, bool] = {}  # each text scanned: did it carry an attack or a secret
        for item in result.get("content") or []:
            if not isinstance(item, dict) or item.get("type") != "text":
                content.append(item)
                continue
            text = original = str(item.get("text", ""))
            verdict = self._shield.scan(text, "document")
            if verdict.attack:
                notes.append(f"shield:{','.join(verdict.categories)}")
                flagged[original] = True
                text = (
                    f"[ztai: the result of {name} was withheld: it carries instructions "
                    f"aimed at the AI ({', '.join(verdict.categories)})]"
                )
            else:
                text, secrets = redact_secrets(self._dlp, text)
                notes += [f"dlp:{s}" for s in secrets]
                flagged[original] = bool(secrets)
                if tier == "external":
                    text = spotlight(text, "datamark").text
            content.append({**item, "text": text})
        structured = result.get("structuredContent")
        wrapped = _wrapped_text(structured)
        if wrapped is not None and wrapped in flagged:
            # The SDK's {"result": <the text above>} for a tool returning a string: the
            # text's verdict stands for it (it carries the unredacted text, so a flagged
            # text withholds it too); scanning it again would double the cost of a call.
            if flagged[wrapped]:
                notes.append("structured_content_withheld")
        elif structured is not None:
            # Structured results reach the model too: the same checks, on their JSON text.
            as_text = json.dumps(structured, ensure_ascii=False)
            verdict = self._shield.scan(as_text, "document")
            _, secrets = redact_secrets(self._dlp, as_text)
            if verdict.attack or secrets:
                notes.append("structured_content_withheld")
        blocked = any(n.startswith("shield:") or n == "structured_content_withheld" for n in notes)
        if notes:
            with contextlib.suppress(ZtaiError):
                await self._audit.append(
                    AuditEvent(
                        actor=f"agent:{principal.agent_id}",
                        action="mcp.result",
                        target=f"Tool::{name}",
                        decision="info",
                        agent_id=principal.agent_id,
                        data={"findings": notes},
                    )
                )
        payload: dict[str, Any] = {
            "content": content,
            "isError": bool(result.get("isError")) or blocked,
        }
        if structured is not None and not blocked:
            payload["structuredContent"] = structured
        return types.CallToolResult.model_validate(payload)

    def _label_allowed(self, decision: Decision) -> bool:
        """Arguments above the tool's max label pass only when a permit that decided the
        call tests `context.label`: an explicit policy decision, not a blanket allow."""
        engine = self._policies.engine
        if engine.version != decision.policy_version:
            return False  # the policy changed under the call: no explicit permit to rely on
        return any(engine.bounds_context(reason, "label") for reason in decision.reasons)

    async def _deny(
        self, actor: str, principal: AgentPrincipal, tool: str, code: str, **data: Any
    ) -> None:
        with contextlib.suppress(ZtaiError):
            await self._audit.append(
                AuditEvent(
                    actor=actor,
                    action="authz.mcp.tools.call",
                    target=f"Tool::{tool}",
                    decision="deny",
                    reasons=(code,),
                    agent_id=principal.agent_id,
                    data=data,
                )
            )


def _wrapped_text(structured: Any) -> str | None:
    """The text of the SDK's wrapping of a plain return value, `{"result": "..."}`."""
    if isinstance(structured, dict) and len(structured) == 1:
        value = structured.get("result")
        return value if isinstance(value, str) else None
    return None
