"""Evidence for the reviewer: tool descriptions and schemas read like instructions to the
model (tool poisoning), or a tool shadows another server's tool name."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ztai.shield import PromptShield


def _texts(definition: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(where, text) for every human-language string a model will read."""
    yield "description", str(definition.get("description") or "")
    yield "title", str(definition.get("title") or "")
    for schema_name in ("inputSchema", "outputSchema"):
        schema = definition.get(schema_name)
        if isinstance(schema, dict):
            for prop, spec in (schema.get("properties") or {}).items():
                if isinstance(spec, dict):
                    yield f"{schema_name}.{prop}", str(spec.get("description") or "")
                    yield f"{schema_name}.{prop}.title", str(spec.get("title") or "")
            yield f"{schema_name}.description", str(schema.get("description") or "")


def scan(
    shield: PromptShield, definition: dict[str, Any], other_tools: set[str]
) -> list[dict[str, Any]]:
    findings: list[dict[str, Any]] = []
    for where, text in _texts(definition):
        if not text:
            continue
        verdict = shield.scan(text, "document")
        if verdict.attack:
            findings.append(
                {
                    "where": where,
                    "kind": "poisoning",
                    "categories": list(verdict.categories),
                    "score": round(verdict.score, 3),
                }
            )
    name = str(definition.get("name", ""))
    if name in other_tools:
        findings.append(
            {
                "where": "name",
                "kind": "shadowing",
                "detail": f"another approved server already offers a tool {name!r}",
            }
        )
    blob = json.dumps(definition).lower()
    for marker in ("~/.ssh", "id_rsa", ".env", "/etc/passwd", "<important>", "do not tell"):
        if marker in blob:
            findings.append(
                {"where": "definition", "kind": "suspicious_reference", "detail": marker}
            )
    return findings
