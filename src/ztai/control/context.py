"""ControlContext: what control-plane routes need, wired by bootstrap."""

from __future__ import annotations

from dataclasses import dataclass

from ztai.approvals.service import ApprovalService
from ztai.audit.log import AuditLog
from ztai.catalog.service import CatalogService
from ztai.crypto.keyring import KeyRing
from ztai.dlp.classification import Classifier
from ztai.domain.clock import Clock
from ztai.identity.agent_keys import AgentKeyService
from ztai.identity.credentials import CredentialService
from ztai.identity.view import IdentityView
from ztai.policy.data_sources import DataSourceService
from ztai.policy.decider import DecisionService
from ztai.policy.grants import GrantService
from ztai.policy.review import AccessReview
from ztai.policy.service import PolicyService
from ztai.registry.service import RegistryService


@dataclass(frozen=True, slots=True)
class ControlContext:
    admin_token: str
    registry: RegistryService
    credentials: CredentialService
    audit: AuditLog
    token_keys: KeyRing
    view: IdentityView
    token_overlap_seconds: int
    max_body_bytes: int
    policies: PolicyService
    grants: GrantService
    decisions: DecisionService
    review: AccessReview
    data_sources: DataSourceService
    clock: Clock
    classifier: Classifier
    agent_keys: AgentKeyService
    catalog: CatalogService
    approvals: ApprovalService
