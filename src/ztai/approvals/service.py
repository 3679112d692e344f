"""ApprovalService: hold a call for a human, record the decision, let it be used once.

An approval binds the agent, the tool, the SHA-256 of the canonical arguments and the policy
version (G9): changed arguments or a new policy need a new approval. It is single use and
expires; the agent's own owner cannot approve its calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from dataclasses import replace
from typing import Any

from ztai.approvals.waiting import ApprovalWaiter
from ztai.approvals.webhooks import WebhookNotifier
from ztai.audit.log import AUDIT_LOCK, AuditLog
from ztai.domain.audit_event import AuditEvent
from ztai.domain.clock import Clock, iso, system_clock
from ztai.errors import Conflict, Forbidden, NotFound
from ztai.registry.service import RegistryService
from ztai.storage.approvals import Approval, ApprovalRepository
from ztai.storage.database import Database


class ApprovalNotFound(NotFound):
    code = "approval.not_found"
    title = "Approval not found"


class ApprovalClosed(Conflict):
    code = "approval.closed"
    title = "Approval already decided or expired"


class SelfApproval(Forbidden):
    code = "approval.self_approval"
    title = "The agent's owner cannot approve its calls"


class ApprovalService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        registry: RegistryService,
        *,
        ttl_seconds: int = 900,
        max_held_per_agent: int = 4,
        recheck_seconds: float = 1.0,
        notifier: WebhookNotifier | None = None,
        clock: Clock = system_clock,
    ) -> None:
        self._db = db
        self._repo = ApprovalRepository(db)
        self._audit = audit
        self._registry = registry
        self._ttl = ttl_seconds
        self._clock = clock
        self._notifier = notifier
        self.waiter = ApprovalWaiter(
            self._repo,
            max_held_per_agent=max_held_per_agent,
            recheck_seconds=recheck_seconds,
            clock=clock,
        )

    @property
    def ttl_seconds(self) -> int:
        return self._ttl

    def _notify(self, event: str, approval: Approval, preview: str | None = None) -> None:
        if self._notifier is not None:
            self._notifier.notify(event, approval, preview)

    def state_now(self, approval: Approval) -> str:
        """pending | approved | denied | used | expired, as of now."""
        return "expired" if approval.expired(iso(self._clock())) else approval.state

    def hold_slot(self, agent_id: str) -> contextlib.AbstractContextManager[bool]:
        return self.waiter.slot(agent_id)

    async def wait(
        self, approval_id: str, timeout: float, released: asyncio.Event | None = None
    ) -> Approval | None:
        """Hold until decided, expired or `timeout`; None when `released` first. An approval
        that expired while held is announced (webhook) as `approval.expired`."""
        approval = await self.waiter.wait(approval_id, timeout, released)
        if approval is not None and approval.state == "pending":
            await self.expire(approval)
        return approval

    async def expire(self, approval: Approval) -> bool:
        """Record that an undecided approval ran out of time (audited, announced once)."""
        now = iso(self._clock())
        if not approval.expired(now):
            return False
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            if not await self._repo.expire(tx, approval.id, now):
                return False
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor="system:approvals",
                    action="approval.expire",
                    target=f"Approval::{approval.id}",
                    decision="deny",
                    reasons=("approval.expired",),
                    agent_id=approval.agent_id,
                    data={"tool": approval.tool},
                ),
            )
        self._notify("approval.expired", replace(approval, state="expired"))
        return True

    async def sweep(self) -> int:
        """Expire every pending approval past its time; run now and then by a poller."""
        expired = 0
        for approval in await self._repo.due(iso(self._clock())):
            expired += await self.expire(approval)
        return expired

    @property
    def repository(self) -> ApprovalRepository:
        return self._repo

    async def request(
        self,
        *,
        agent_id: str,
        tool: str,
        arguments: dict[str, Any],
        digest: str,
        policy_version: int,
        decision_id: str,
        label: str | None = None,
        preview: str | None = None,
    ) -> Approval:
        """`preview` (arguments with sensitive values redacted) goes to the webhooks only."""
        now = self._clock()
        approval = Approval(
            id=f"apr_{uuid.uuid4().hex}",
            agent_id=agent_id,
            tool=tool,
            arguments_sha256=digest,
            arguments=arguments,
            policy_version=policy_version,
            decision_id=decision_id,
            state="pending",
            requested_at=iso(now),
            expires_at=iso(now + self._ttl),
            label=label,
        )
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            await self._repo.insert(tx, approval)
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=f"agent:{agent_id}",
                    action="approval.request",
                    target=f"Tool::{tool}",
                    decision="info",
                    agent_id=agent_id,
                    data={
                        "approval_id": approval.id,
                        "arguments_sha256": digest,
                        "policy_version": policy_version,
                        "decision_id": decision_id,
                        "label": label,
                    },
                ),
            )
        self._notify("approval.requested", approval, preview)
        return approval

    async def decide(
        self, actor: str, approval_id: str, approve: bool, approver: str, note: str | None
    ) -> Approval:
        approval = await self._repo.get(approval_id)
        if approval is None:
            raise ApprovalNotFound(f"no approval {approval_id!r}")
        agent = await self._registry.get(approval.agent_id)
        if approve and approver.strip().lower() == agent.owner.strip().lower():
            await self._audit.append(
                AuditEvent(
                    actor=actor,
                    action="approval.approve",
                    target=f"Approval::{approval_id}",
                    decision="deny",
                    reasons=(SelfApproval.code,),
                    agent_id=approval.agent_id,
                    data={"approver": approver},
                )
            )
            raise SelfApproval("the requesting agent's owner cannot approve this call")
        state = "approved" if approve else "denied"
        now = iso(self._clock())
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            if not await self._repo.decide(tx, approval_id, state, approver, now, note):
                raise ApprovalClosed("this approval is no longer pending")
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=actor,
                    action=f"approval.{'approve' if approve else 'deny'}",
                    target=f"Approval::{approval_id}",
                    decision="allow" if approve else "deny",
                    agent_id=approval.agent_id,
                    data={"approver": approver, "tool": approval.tool},
                ),
            )
        await self.waiter.decided(approval_id)
        updated = await self._repo.get(approval_id)
        assert updated is not None
        self._notify(f"approval.{state}", updated)
        return updated

    async def consume(
        self, approval_id: str, *, agent_id: str, tool: str, digest: str, policy_version: int
    ) -> bool:
        now = iso(self._clock())
        async with self._db.transaction(lock=AUDIT_LOCK) as tx:
            used = await self._repo.consume(
                tx,
                approval_id,
                agent_id=agent_id,
                tool=tool,
                digest=digest,
                policy_version=policy_version,
                now=now,
            )
            await self._audit.append_in(
                tx,
                AuditEvent(
                    actor=f"agent:{agent_id}",
                    action="approval.use",
                    target=f"Approval::{approval_id}",
                    decision="allow" if used else "deny",
                    reasons=() if used else ("approval.invalid",),
                    agent_id=agent_id,
                    data={"tool": tool, "arguments_sha256": digest},
                ),
            )
        return used
