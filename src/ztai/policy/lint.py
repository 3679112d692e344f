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


def grant_warnings(
    engine_policies: dict[str, dict[str, Any]],
    role_of: dict[str, str | None],
    role: str,
    source_labels: dict[str, int],
    threshold: int,
) -> list[dict[str, object]]:
    """An open-ended grant of a role that can read data above `threshold` (label rank)."""
    reaches: list[str] = []
    for policy_id, est in engine_policies.items():
        if est.get("effect") != "permit" or role_of.get(policy_id) != role:
            continue
        action = est.get("action", {})
        actions = {action.get("entity", {}).get("id")} | {
            e.get("id") for e in action.get("entities", [])
        }
        if action.get("op") != "All" and "data.read" not in actions:
            continue
        resource = est.get("resource", {})
        if resource.get("op") == "==":
            source = str(resource.get("entity", {}).get("id"))
            if source_labels.get(source, threshold + 1) > threshold:
                reaches.append(source)
        else:
            reaches.append("*")
    if not reaches:
        return []
    return [
        {
            "code": "lint.open_ended_sensitive_grant",
            "message": f"role {role!r} reads data above the open-grant label "
            f"({', '.join(sorted(set(reaches)))}); give the grant an expiry",
        }
    ]
