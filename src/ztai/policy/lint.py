"""Policy lint: warnings for permits broader than least privilege allows."""

from __future__ import annotations

from typing import Any

from ztai.policy.bundle import Bundle


def _findings(est: dict[str, Any]) -> list[tuple[str, str]]:
    principal = est.get("principal", {}).get("op")
    action = est.get("action", {})
    resource_op = est.get("resource", {}).get("op")
    tool_actions = {e.get("id") for e in action.get("entities", [])} | {
        action.get("entity", {}).get("id")
    }
    found = []
    if principal == "All":
        found.append(("lint.any_principal", "permit applies to every agent; name a role or agent"))
    if action.get("op") == "All":
        found.append(("lint.any_action", "permit applies to every action"))
    if (action.get("op") == "All" or "mcp.tools.call" in tool_actions) and resource_op in (
        "All",
        "is",
    ):
        found.append(("lint.any_tool", "permit reaches every tool, including external servers"))
    if not est.get("conditions") and principal == "All" and resource_op == "All":
        found.append(("lint.unconditional", "unconditional permit for everyone on everything"))
    return found


def lint(bundle: Bundle) -> list[dict[str, object]]:
    return [
        {"policy": policy_id, "line": bundle.meta[policy_id].line, "code": code, "message": text}
        for policy_id, est in bundle.policies.items()
        if est.get("effect") == "permit"
        for code, text in _findings(est)
    ]
