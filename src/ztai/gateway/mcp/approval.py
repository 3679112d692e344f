"""ApprovalGate: a call that needs a human goes on only with an approval for exactly it (G9).

Two modes, per tool (or its tier's default): answer `approval.pending` at once with the id to
retry with, or hold the request open up to N seconds. A held call proceeds when approved, and
fails with `approval.denied`, `approval.expired`, or — when the wait ends first —
`approval.pending` with the id (an approver may still decide; the agent retries with it).
A client that goes away releases its hold; one agent holds at most a few calls at once
(beyond that its calls are answered `approval.pending` at once).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, Protocol

from ztai.approvals.service import ApprovalService
from ztai.domain.decision import AuthzRequest, Decision, EntityRef
from ztai.gateway.mcp.errors import refuse
from ztai.identity.verifier import AgentPrincipal
from ztai.policy.decider import DecisionService
from ztai.storage.approvals import Approval


class Deny(Protocol):
    def __call__(
        self, actor: str, principal: AgentPrincipal, tool: str, code: str, **data: Any
    ) -> Awaitable[None]: ...


class ApprovalGate:
    def __init__(self, approvals: ApprovalService, decisions: DecisionService, deny: Deny) -> None:
        self._approvals = approvals
        self._decisions = decisions
        self._deny = deny

    async def clear(
        self,
        principal: AgentPrincipal,
        name: str,
        arguments: dict[str, Any],
        digest: str,
        decision: Decision,
        approval_id: str | None,
        *,
        context: dict[str, Any],
        label: str | None,
        preview: str | None,
        wait_seconds: int,
        released: asyncio.Event | None,
    ) -> Decision:
        """The decision to proceed on, or raises the JSON-RPC refusal."""
        actor = f"agent:{principal.agent_id}"
        if approval_id is None:
            approval = await self._approvals.request(
                agent_id=principal.agent_id,
                tool=name,
                arguments=arguments,
                digest=digest,
                policy_version=decision.policy_version,
                decision_id=decision.decision_id,
                label=label,
                preview=preview,
            )
            state = await self._hold(principal, approval, wait_seconds, released)
            if state != "approved":
                code = {"denied": "approval.denied", "expired": "approval.expired"}
                await self._refuse(
                    actor, principal, name, code.get(state, "approval.pending"), approval, decision
                )
            approval_id = approval.id
        if not await self._approvals.consume(
            approval_id,
            agent_id=principal.agent_id,
            tool=name,
            digest=digest,
            policy_version=decision.policy_version,
        ):
            raise refuse(
                "approval.invalid",
                "the approval is not approved, expired, used, or for another call",
            )
        approved = await self._decisions.decide(
            actor,
            AuthzRequest(
                EntityRef("Agent", principal.agent_id),
                "mcp.tools.call",
                EntityRef("Tool", name),
                context,
            ),
            approved=True,
            record=False,
        )
        if not approved.allowed:
            raise refuse(
                "policy.denied",
                f"{name} is not allowed even with the approval",
                decision_id=approved.decision_id,
            )
        return approved

    async def _hold(
        self,
        principal: AgentPrincipal,
        approval: Approval,
        wait_seconds: int,
        released: asyncio.Event | None,
    ) -> str:
        """The approval's state after holding the call; "pending" when it was not held, the
        client went away, or the wait ended undecided."""
        if wait_seconds <= 0:
            return "pending"
        with self._approvals.hold_slot(principal.agent_id) as held:
            if not held:
                return "pending"
            outcome = await self._approvals.wait(approval.id, wait_seconds, released)
        return "pending" if outcome is None else self._approvals.state_now(outcome)

    async def _refuse(
        self,
        actor: str,
        principal: AgentPrincipal,
        name: str,
        code: str,
        approval: Approval,
        decision: Decision,
    ) -> None:
        await self._deny(
            actor,
            principal,
            name,
            code,
            approval_id=approval.id,
            decision_id=decision.decision_id,
        )
        message = {
            "approval.pending": f"{name} is held for a human approval; retry with the "
            "approval id once it is approved",
            "approval.denied": f"an approver denied this call of {name}",
            "approval.expired": f"the approval for this call of {name} expired undecided",
        }[code]
        extra = {"expires_at": approval.expires_at} if code == "approval.pending" else {}
        raise refuse(code, message, approval_id=approval.id, **extra)
