"""Access review: which granted permissions were used, and what to do about the rest."""

from __future__ import annotations

from dataclasses import dataclass

from ztai.domain.clock import Clock, iso, parse_iso, system_clock
from ztai.policy.service import PolicyService
from ztai.storage.audit import AuditRepository
from ztai.storage.grants import Grant, GrantRepository

LONG_LIVED_DAYS = 90


@dataclass(frozen=True, slots=True)
class ReviewItem:
    agent_id: str
    grant_id: str | None
    permission: str | None
    role: str | None
    last_used_at: str | None
    recommendation: str
    detail: str

    def to_public(self) -> dict[str, object]:
        out: dict[str, object] = {
            "agent_id": self.agent_id,
            "last_used_at": self.last_used_at,
            "recommendation": self.recommendation,
            "detail": self.detail,
        }
        if self.grant_id is not None:
            out["grant_id"] = self.grant_id
            out["role"] = self.role
        else:
            out["permission"] = self.permission
        return out


class AccessReview:
    def __init__(
        self,
        grants: GrantRepository,
        audit: AuditRepository,
        policies: PolicyService,
        clock: Clock = system_clock,
    ) -> None:
        self._grants = grants
        self._audit = audit
        self._policies = policies
        self._clock = clock

    async def run(self, unused_days: int = 30) -> list[ReviewItem]:
        now = self._clock()
        now_iso = iso(now)
        window_start = iso(now - unused_days * 86400)
        grants = await self._grants.unrevoked()
        oldest = min((g.created_at for g in grants), default=window_start)
        role_use: dict[tuple[str, str], str] = {}
        policy_use: dict[tuple[str, str], str] = {}
        async for record in self._audit.allowed_decisions_since(min(oldest, window_start)):
            agent = record.event.agent_id or ""
            for role in record.event.data.get("roles", []):
                role_use[(agent, role)] = record.ts
            for policy_id in record.event.reasons:
                policy_use[(agent, policy_id)] = record.ts
        items = [
            self._grant_item(
                g, role_use.get((g.agent_id, g.role)), now, now_iso, window_start, unused_days
            )
            for g in grants
        ]
        items.extend(self._direct_items(policy_use, window_start, unused_days))
        return sorted(items, key=lambda i: (i.agent_id, i.grant_id or i.permission or ""))

    def _grant_item(
        self,
        grant: Grant,
        last_used: str | None,
        now: float,
        now_iso: str,
        window_start: str,
        unused_days: int,
    ) -> ReviewItem:
        def item(recommendation: str, detail: str) -> ReviewItem:
            return ReviewItem(
                grant.agent_id, grant.id, None, grant.role, last_used, recommendation, detail
            )

        if not grant.live_at(now_iso):
            return item("remove", "expired grant; it grants nothing, remove it from the record")
        if grant.role not in self._policies.engine.roles:
            return item("revoke", "the role no longer grants anything")
        if last_used is None:
            if grant.created_at < window_start:
                return item("revoke", f"never used since it was granted ({grant.created_at})")
            return item("keep", "new grant, not used yet")
        if last_used < window_start:
            return item("revoke", f"unused for more than {unused_days} days")
        age_days = (now - parse_iso(grant.created_at)) / 86400
        if grant.expires_at is None and age_days > LONG_LIVED_DAYS:
            return item("add_expiry", f"used, but open-ended for {int(age_days)} days")
        return item("keep", "used within the review window")

    def _direct_items(
        self, policy_use: dict[tuple[str, str], str], window_start: str, unused_days: int
    ) -> list[ReviewItem]:
        """Permits naming one agent directly (`principal == Agent::"…"`)."""
        items = []
        for policy_id, est in self._policies.engine.policies.items():
            scope = est.get("principal", {})
            entity = scope.get("entity", {})
            if (
                est.get("effect") != "permit"
                or scope.get("op") != "=="
                or entity.get("type") != "Agent"
            ):
                continue
            agent_id = str(entity.get("id"))
            last = policy_use.get((agent_id, policy_id))
            if last is None or last < window_start:
                rec, detail = "revoke", f"direct permission unused for {unused_days} days"
            else:
                rec, detail = "keep", "used within the review window"
            items.append(ReviewItem(agent_id, None, policy_id, None, last, rec, detail))
        return items
