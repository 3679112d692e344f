"""The per-request entity slice: the principal with its live roles, and the resource."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import cedarpy

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
        attrs = {}
    return [{"uid": _uid(ref.type, ref.id), "attrs": attrs, "parents": []}], ()


def merge(principal: list[dict[str, Any]], resource: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One list with each entity once (an agent instructing itself appears once)."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for entity in (*principal, *resource):
        seen.setdefault((entity["uid"]["type"], entity["uid"]["id"]), entity)
    return list(seen.values())


class EntityCache:
    """Parsed Cedar entity slices, keyed by the exact facts they were built from.

    Parsing the slice costs Cedar more than deciding; agents call the same resources again
    and again, so the parsed handle is reused. The key holds every fact (including the live
    roles), so a grant that expires or any attribute change simply misses the cache.
    """

    def __init__(self, size: int = 8192) -> None:
        self._size = size
        self._handles: OrderedDict[
            tuple[AgentFacts, ResourceFacts], tuple[Any, tuple[EntityRef, ...]]
        ] = OrderedDict()

    def get(self, agent: AgentFacts, resource: ResourceFacts) -> tuple[Any, tuple[EntityRef, ...]]:
        key = (agent, resource)
        hit = self._handles.get(key)
        if hit is not None:
            self._handles.move_to_end(key)
            return hit
        resource_list, ancestors = resource_entities(resource)
        handle = cedarpy.Entities.from_json_str(
            json.dumps(merge(agent_entities(agent), resource_list))
        )
        if len(self._handles) >= self._size:
            self._handles.popitem(last=False)
        self._handles[key] = (handle, ancestors)
        return handle, ancestors
