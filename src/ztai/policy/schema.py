"""The Cedar schema: ztai's base vocabulary plus the tool-argument attributes users declare."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ztai.policy.cedar_text import cedar_string

ACTIONS = ("llm.chat", "mcp.tools.call", "data.read", "agent.instruct")
ENTITY_TYPES = ("Agent", "Role", "Model", "McpServer", "Tool", "DataSource")
ARGUMENT_TYPES = frozenset({"Long", "String", "Bool", "Set<String>", "Set<Long>"})

_BASE = """
entity Role;
entity Agent in [Role] = {
  name: String, owner: String, sponsor: String, environment: String,
  risk: Long, clearance: Long, tags: Set<String>,
};
entity Model = { trust: String, trust_rank: Long };
entity McpServer = { tier: String };
entity Tool in [McpServer] = { risk: String, requires_approval: Bool };
entity DataSource = { label: Long, owner: String };
type Arguments = { %(arguments)s };
type Context = {
  risk?: Long, clearance?: Long, environment?: String,
  hour?: Long, weekday?: Long, source_ip?: ipaddr,
  label?: Long, approval?: String, findings?: Set<String>, unscanned_parts?: Long,
  arguments?: Arguments,
};
action "llm.chat" appliesTo { principal: Agent, resource: Model, context: Context };
action "mcp.tools.call" appliesTo { principal: Agent, resource: Tool, context: Context };
action "data.read" appliesTo { principal: Agent, resource: DataSource, context: Context };
action "agent.instruct" appliesTo { principal: Agent, resource: Agent, context: Context };
"""

_ATTRIBUTE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")

# Tool arguments every deployment gets; users add their own in settings (policy.arguments).
DEFAULT_ARGUMENTS: dict[str, str] = {
    "amount": "Long",
    "currency": "String",
    "reason_code": "String",
    "recipient": "String",
    "path": "String",
    "url": "String",
    "query": "String",
}


def build_schema(arguments: Mapping[str, str] | None = None) -> str:
    """Cedar schema text. Raises ValueError for a bad argument name or type."""
    merged = {**DEFAULT_ARGUMENTS, **(arguments or {})}
    parts = []
    for name, kind in sorted(merged.items()):
        if not _ATTRIBUTE.match(name):
            raise ValueError(f"argument name {name!r} is not an identifier")
        if kind not in ARGUMENT_TYPES:
            raise ValueError(f"argument {name!r}: type must be one of {sorted(ARGUMENT_TYPES)}")
        parts.append(f"{cedar_string(name)}?: {kind}")
    return _BASE % {"arguments": ", ".join(parts)}
