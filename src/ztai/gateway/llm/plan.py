"""Obligations: from detections and settings to what is done to the prompt before it leaves.

Refusals (prompt attack, credentials, a label the upstream may not see) are raised here;
everything else becomes one rewrite of the messages: secrets redacted, personal data
pseudonymized, untrusted content spotlighted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ztai.config.settings import GatewaySettings
from ztai.dlp.pseudonym import Pseudonymizer
from ztai.dlp.redaction import replace_spans
from ztai.domain.finding import Finding
from ztai.gateway.llm.errors import Blocked
from ztai.gateway.llm.inspect import SECRET_PREFIX, Inspection, rewrite_messages
from ztai.gateway.llm.upstream import Route, UpstreamRegistry
from ztai.shield import spotlight

UNTRUSTED_ROLES = frozenset({"tool", "function"})
PSEUDONYM_CONTEXT = "ztai.gateway.request"


@dataclass
class Plan:
    route: Route
    messages: list[dict[str, Any]]
    pseudonymizer: Pseudonymizer | None
    key: bytes  # seals this request's pseudonym mapping; never leaves the process
    actions: dict[str, str]  # what was done, for the audit record and response headers


def _blocked(code: str, detail: str, status: int = 400) -> Blocked:
    error = Blocked(detail, code=code)
    error.status = status
    return error


def make_plan(
    settings: GatewaySettings,
    upstreams: UpstreamRegistry,
    route: Route,
    messages: list[dict[str, Any]],
    inspection: Inspection,
) -> Plan:
    actions: dict[str, str] = {}
    if inspection.attack:
        categories = sorted({c for h in inspection.shield_hits for c in h.categories})
        actions["shield"] = f"{settings.shield}:{','.join(categories)}"
        if settings.shield == "block":
            indirect = any(h.surface == "document" for h in inspection.shield_hits)
            where = "tool or document content" if indirect else "the prompt"
            raise _blocked(
                "shield.prompt_injection",
                f"prompt attack detected in {where} ({', '.join(categories)})",
            )
    if inspection.unscanned_parts:
        if settings.media == "block":
            raise _blocked(
                "llm.unscanned_content",
                f"{inspection.unscanned_parts} image, audio or file part(s) cannot be inspected",
            )
        actions["unscanned_parts"] = str(inspection.unscanned_parts)
    redact_secrets = False
    if inspection.secrets:
        if settings.secrets == "block":
            raise _blocked(
                "dlp.blocked", f"credentials in the prompt: {', '.join(sorted(inspection.secrets))}"
            )
        redact_secrets = True
        actions["secrets"] = "redacted"
    pseudonymize = False
    if inspection.label_rank > route.upstream.max_label_rank:
        if settings.privacy == "block":
            raise _blocked(
                "dlp.blocked",
                f"a {inspection.label} prompt may not go to upstream {route.upstream.name}",
                403,
            )
        if settings.privacy == "route_local":
            local = upstreams.local_for(route.model)
            if local is None:
                raise _blocked(
                    "dlp.blocked",
                    f"no local upstream serves {route.model} for a {inspection.label} prompt",
                    403,
                )
            route = Route(route.model, local)
            actions["privacy"] = f"routed:{local.name}"
        else:
            pseudonymize = True
            actions["privacy"] = "pseudonymized"
    key = os.urandom(32)
    pseudonymizer = Pseudonymizer(key, context=PSEUDONYM_CONTEXT) if pseudonymize else None
    spotlight_mode = settings.spotlight
    instructions: dict[str, None] = {}  # ordered set: one per distinct marker

    def rewrite(text: str, role: str) -> str:
        findings = inspection.findings.get(text, ())
        chosen = [f for f in findings if _rewritten(f, redact_secrets, pseudonymize)]
        if chosen:
            text = replace_spans(text, chosen, lambda f: _render(f, text, pseudonymizer))
        if role in UNTRUSTED_ROLES and spotlight_mode != "off" and text:
            marked = spotlight(text, spotlight_mode)
            instructions[marked.system_instruction] = None
            return marked.text
        return text

    rewritten = rewrite_messages(messages, rewrite)
    if instructions:
        rewritten.insert(0, {"role": "system", "content": "\n".join(instructions)})
        actions["spotlight"] = spotlight_mode
    return Plan(route, rewritten, pseudonymizer, key, actions)


def _rewritten(finding: Finding, redact_secrets: bool, pseudonymize: bool) -> bool:
    if finding.kind.startswith(SECRET_PREFIX):
        return redact_secrets
    return pseudonymize


def _render(finding: Finding, text: str, pseudonymizer: Pseudonymizer | None) -> str:
    if finding.kind.startswith(SECRET_PREFIX) or pseudonymizer is None:
        return f"<{finding.kind}>"
    return pseudonymizer.placeholder(finding.kind, text[finding.start : finding.end])
