"""10,000 random requests: the Cedar engine and an independent Python model of the demo
rules must agree on every one; and slicing must never change a decision."""

from __future__ import annotations

import json
import random
from importlib import resources
from typing import Any

import cedarpy

from ztai.domain.decision import AuthzRequest, EntityRef
from ztai.policy.bundle import parse_cedar, validate_against
from ztai.policy.engine import PolicyEngine
from ztai.policy.entities import AgentFacts, ResourceFacts, agent_entities, merge, resource_entities
from ztai.policy.schema import build_schema
from ztai.policy.testing import run_cases
from ztai.policy.yaml_bundle import compile_yaml

LABELS = ("Public", "General", "Confidential", "Highly Confidential")
SOURCES = {"invoices": 2, "hr-records": 3, "hr-handbook": 1, "unregistered": 4}
REASONS = ["damaged", "late_delivery", "duplicate_charge", "because", "", "DAMAGED"]
ROLES = ["invoice-processing", "hr-support", "unknown-role"]
RISKS = ["low", "medium", "high", "critical"]


def reference(case: dict[str, Any]) -> str:
    """The demo policy, written independently in plain Python."""
    roles = set(case["principal"]["roles"])
    risk = RISKS.index(case["principal"]["risk"])
    clearance = LABELS.index(case["principal"]["clearance"])
    action, rid = case["action"], case["resource"]["id"]
    if action == "data.read" and SOURCES[rid] > clearance:
        return "deny"
    if action == "mcp.tools.call" and risk >= 2:
        return "deny"
    if action == "llm.chat":
        chatty = roles & {"invoice-processing", "hr-support"}
        return "allow" if rid == "gpt-test" and chatty else "deny"
    if action == "data.read":
        if rid == "invoices" and "invoice-processing" in roles:
            return "allow"
        if rid in {"hr-records", "hr-handbook"} and "hr-support" in roles:
            return "allow"
        return "deny"
    # mcp.tools.call
    if rid != "finance.issue_refund" or "invoice-processing" not in roles:
        return "deny"
    args = case["context"].get("arguments", {})
    amount, reason = args.get("amount"), args.get("reason_code")
    if reason not in {"damaged", "late_delivery", "duplicate_charge"}:
        return "deny"
    if not isinstance(amount, int) or isinstance(amount, bool):
        return "deny"
    if amount <= 500 or case["approved"]:
        return "allow"
    return "needs_approval"


def random_case(rng: random.Random) -> dict[str, Any]:
    action = rng.choice(["llm.chat", "data.read", "mcp.tools.call"])
    if action == "llm.chat":
        resource = {"type": "Model", "id": rng.choice(["gpt-test", "gpt-other"])}
    elif action == "data.read":
        rid = rng.choice(list(SOURCES))
        resource = {
            "type": "DataSource",
            "id": rid,
            "label": LABELS[SOURCES[rid]] if SOURCES[rid] < 4 else None,
        }
    else:
        resource = {
            "type": "Tool",
            "id": rng.choice(["finance.issue_refund", "payments.pay", "hr.lookup"]),
        }
    args: dict[str, Any] = {}
    if rng.random() < 0.9:
        args["amount"] = rng.choice([rng.randint(-10, 1200), 500, 501, "50", 10.5, True])
    if rng.random() < 0.9:
        args["reason_code"] = rng.choice(REASONS)
    return {
        "principal": {
            "roles": rng.sample(ROLES, rng.randint(0, 2)),
            "risk": rng.choice(RISKS),
            "clearance": rng.choice(LABELS),
        },
        "action": action,
        "resource": resource,
        "context": {"arguments": args} if rng.random() < 0.95 else {},
        "approved": rng.random() < 0.2,
        "expect": "deny",
    }


def test_engine_agrees_with_the_reference_model() -> None:
    text = resources.files("ztai.cli").joinpath("demo_policy.yaml").read_text()
    bundle = compile_yaml("demo", text, LABELS)
    validate_against(bundle, build_schema())
    engine = PolicyEngine([bundle], version=1)
    rng = random.Random(20261126)
    cases = [random_case(rng) for _ in range(10_000)]
    results = run_cases(engine, cases, LABELS)
    disagreements = [
        (case, result.actual, reference(case))
        for case, result in zip(cases, results, strict=True)
        if result.actual != reference(case)
    ]
    assert not disagreements, disagreements[:3]
    outcomes = {reference(c) for c in cases}
    assert outcomes == {"allow", "deny", "needs_approval"}  # every branch was exercised


def _random_policies(rng: random.Random, n: int) -> str:
    out = []
    for i in range(n):
        effect = "forbid" if rng.random() < 0.15 else "permit"
        principal = rng.choice(["principal", f'principal in Role::"r{rng.randint(0, 4)}"'])
        action = rng.choice(
            [
                "action",
                'action == Action::"mcp.tools.call"',
                'action in [Action::"mcp.tools.call", Action::"llm.chat"]',
                'action == Action::"llm.chat"',
            ]
        )
        server, tool, model = rng.randint(0, 3), rng.randint(0, 3), rng.randint(0, 2)
        resource = rng.choice(
            [
                "resource",
                f'resource == Tool::"s{server}.t{tool}"',
                f'resource in McpServer::"s{server}"',
                "resource is Tool",
                f'resource == Model::"m{model}"',
            ]
        )
        cond = rng.choice(["", " when { context has risk && context.risk < 2 }"])
        out.append(f'@id("p{i}") {effect}({principal}, {action}, {resource}){cond};')
    return "\n".join(out)


def test_slicing_never_changes_a_decision() -> None:
    rng = random.Random(7)
    text = _random_policies(rng, 300)
    bundle = parse_cedar("rand", text)
    engine = PolicyEngine([bundle], version=1)
    full = cedarpy.PolicySet.from_json_str(
        json.dumps({"staticPolicies": bundle.policies, "templates": {}, "templateLinks": []})
    )
    for _ in range(2000):
        agent = AgentFacts(id="a", roles=tuple(f"r{i}" for i in range(5) if rng.random() < 0.3))
        if rng.random() < 0.5:
            ref = EntityRef("Tool", f"s{rng.randint(0, 3)}.t{rng.randint(0, 3)}")
            action = "mcp.tools.call"
        else:
            ref = EntityRef("Model", f"m{rng.randint(0, 2)}")
            action = "llm.chat"
        resource_list, ancestors = resource_entities(ResourceFacts(ref))
        entities = merge(agent_entities(agent), resource_list)
        context = {"risk": rng.randint(0, 3)}
        sliced = engine.decide(
            AuthzRequest(EntityRef("Agent", "a"), action, ref, context), entities, ancestors
        )
        whole = cedarpy.is_authorized(
            {
                "principal": {"type": "Agent", "id": "a"},
                "action": {"type": "Action", "id": action},
                "resource": {"type": ref.type, "id": ref.id},
                "context": context,
            },
            full,
            entities,
        )
        assert sliced.allowed == (whole.decision == cedarpy.Decision.Allow)
        assert set(sliced.reasons) == set(whole.diagnostics.reasons)


def test_the_verdict_memo_never_changes_a_decision() -> None:
    """Requests drawn from a small space, so most are answered from the memo; each must
    match the same engine evaluating without it. New decision ids every time."""
    rng = random.Random(11)
    bundle = parse_cedar("rand", _random_policies(rng, 120))
    engine = PolicyEngine([bundle], version=1, verdict_cache=64)  # small: clearing happens
    ids = set()
    for _ in range(1500):
        agent = AgentFacts(id="a", roles=tuple(f"r{i}" for i in range(5) if rng.random() < 0.3))
        ref = EntityRef("Tool", f"s{rng.randint(0, 3)}.t{rng.randint(0, 3)}")
        resource = ResourceFacts(ref)
        resource_list, ancestors = resource_entities(resource)
        entities = merge(agent_entities(agent), resource_list)
        context = {"risk": rng.randint(0, 3)}
        request = AuthzRequest(EntityRef("Agent", "a"), "mcp.tools.call", ref, context)
        key = (agent, resource, request.action, json.dumps(context, sort_keys=True))
        memoised = engine.decide(request, entities, ancestors, memo_key=key)
        fresh = engine.decide(request, entities, ancestors)
        assert memoised.allowed == fresh.allowed
        assert set(memoised.reasons) == set(fresh.reasons)  # Cedar does not order them
        ids.add(memoised.decision_id)
    assert len(ids) == 1500
