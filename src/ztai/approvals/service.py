"""ApprovalService: hold a call for a human, record the decision, let it be used once.

An approval binds the agent, the tool, the SHA-256 of the canonical arguments and the policy
version (G9): changed arguments or a new policy need a new approval. It is single use and
expires; the agent's own owner cannot approve its calls.
"""

from __future__ import annotations

import uuid
from typing import Any

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
        clock: Clock = system_clock,
    ) -> None:
        self._db = db
        self._repo = ApprovalRepository(db)
        self._audit = audit
        self._registry = registry
        self._ttl = ttl_seconds
        self._clock = clock

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
    ) -> Approval:
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
                    },
                ),
            )
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
        updated = await self._repo.get(approval_id)
        assert updated is not None
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
