"""Tamper-evident audit log: hash chain, signed checkpoints, verification, export."""

from ztai.audit.log import AuditLog
from ztai.audit.verify import VerifyResult, verify_log

__all__ = ["AuditLog", "VerifyResult", "verify_log"]
