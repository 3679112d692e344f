"""The per-request entity slice: the principal with its live roles, and the resource."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ztai.domain.decision import EntityRef

TRUST_RANK = {"local": 0, "approved": 1, "external": 2}
UNKNOWN_TRUST_RANK = 9  # an unconfigured model is treated as less trusted than any external one


@dataclass(frozen=True, slots=True)
class AgentFacts:
    id: str
    name: str = ""
    owner: str = ""
    sponsor: str = ""
    environment: str = "production"
    risk: int = 0
    clearance: int = 1
    tags: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ResourceFacts:
    """Attributes of the resource; defaults are the most restrictive plausible values."""

    ref: EntityRef
    label: int = 99
    owner: str = ""
    trust: str = "unknown"
    tier: str = "external"
    risk: str = "unknown"
    requires_approval: bool = False
    agent: AgentFacts | None = None  # when the resource is an agent (agent.instruct)
    extra: dict[str, Any] = field(default_factory=dict)


def _uid(type_name: str, entity_id: str) -> dict[str, str]:
    return {"type": type_name, "id": entity_id}


def agent_entities(agent: AgentFacts) -> list[dict[str, Any]]:
    return [
        {
            "uid": _uid("Agent", agent.id),
            "attrs": {
                "name": agent.name,
                "owner": agent.owner,
                "sponsor": agent.sponsor,
                "environment": agent.environment,
                "risk": agent.risk,
                "clearance": agent.clearance,
                "tags": list(agent.tags),
            },
            "parents": [_uid("Role", r) for r in agent.roles],
        },
        *({"uid": _uid("Role", r), "attrs": {}, "parents": []} for r in agent.roles),
    ]


def tool_server(tool_id: str) -> str:
    """`<server>.<tool>`: the server is everything before the first dot."""
    return tool_id.split(".", 1)[0]


def resource_entities(res: ResourceFacts) -> tuple[list[dict[str, Any]], tuple[EntityRef, ...]]:
    """(entities, ancestors of the resource)."""
    ref = res.ref
    if ref.type == "Agent":
        facts = res.agent or AgentFacts(id=ref.id)
        return agent_entities(facts), tuple(EntityRef("Role", r) for r in facts.roles)
    if ref.type == "Tool":
        server = tool_server(ref.id)
        return [
            {
                "uid": _uid("Tool", ref.id),
                "attrs": {"risk": res.risk, "requires_approval": res.requires_approval},
                "parents": [_uid("McpServer", server)],
            },
            {"uid": _uid("McpServer", server), "attrs": {"tier": res.tier}, "parents": []},
        ], (EntityRef("McpServer", server),)
    if ref.type == "Model":
        attrs: dict[str, Any] = {
            "trust": res.trust,
            "trust_rank": TRUST_RANK.get(res.trust, UNKNOWN_TRUST_RANK),
        }
    elif ref.type == "DataSource":
        attrs = {"label": res.label, "owner": res.owner}
    elif ref.type == "McpServer":
        attrs = {"tier": res.tier}
    else:
        attrs = dict(res.extra)
    return [{"uid": _uid(ref.type, ref.id), "attrs": attrs, "parents": []}], ()


def merge(principal: list[dict[str, Any]], resource: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One list with each entity once (an agent instructing itself appears once)."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for entity in (*principal, *resource):
        seen.setdefault((entity["uid"]["type"], entity["uid"]["id"]), entity)
    return list(seen.values())
