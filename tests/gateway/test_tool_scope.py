"""ToolScope: the streamed counterpart of the verified-scope check on tool calls."""

from __future__ import annotations

from typing import Any

import pytest

from ztai.gateway.llm.errors import EnvelopeScope, UpstreamFailed
from ztai.gateway.llm.relay import ToolScope


def call(name: str | None = None, arguments: str | None = None, index: int = 0) -> dict[str, Any]:
    function: dict[str, Any] = {}
    if name is not None:
        function["name"] = name
    if arguments is not None:
        function["arguments"] = arguments
    return {"tool_calls": [{"index": index, "function": function}]}


def test_a_split_allowed_name_passes() -> None:
    scope = ToolScope({"erp_lookup"})
    for delta in (call("erp_"), call("lookup"), call(arguments='{"a":'), call(arguments="1}")):
        scope.check(0, delta)
    scope.finish(0)
    scope.finish(None)


@pytest.mark.parametrize(
    "deltas",
    [
        [call("erp_pay")],  # not a prefix of anything allowed
        [call("erp_"), call(arguments="{}")],  # arguments before the name is complete
        [call("erp_lookup_all")],  # longer than the allowed name
        [call("erp_lookup"), call("x", index=1)],  # a second call in the same delta stream
        [{"function_call": {"name": "erp_pay"}}],  # the legacy single-call form
    ],
)
def test_leaving_the_scope_is_refused(deltas: list[dict[str, Any]]) -> None:
    scope = ToolScope({"erp_lookup"})
    with pytest.raises(EnvelopeScope):
        for delta in deltas:
            scope.check(0, delta)


def test_an_unfinished_name_is_refused_at_the_end() -> None:
    scope = ToolScope({"erp_lookup"})
    scope.check(0, call("erp_"))
    with pytest.raises(EnvelopeScope):
        scope.finish(0)
    with pytest.raises(EnvelopeScope):
        scope.finish(None)
    scope.finish(1)  # another choice has no calls


@pytest.mark.parametrize(
    "delta",
    [{"tool_calls": "x"}, {"tool_calls": [{"index": "0", "function": {}}]}, {"tool_calls": [7]}],
)
def test_malformed_tool_calls_are_an_upstream_failure(delta: dict[str, Any]) -> None:
    with pytest.raises(UpstreamFailed):
        ToolScope({"erp_lookup"}).check(0, delta)
