"""The lifecycle table, checked over every (state, action) pair."""

from __future__ import annotations

import itertools

from ztai.domain.agent import AgentState, LifecycleAction, next_state

S, A = AgentState, LifecycleAction
EXPECTED = {
    (S.PROVISIONED, A.ACTIVATE): S.ACTIVE,
    (S.ACTIVE, A.SUSPEND): S.SUSPENDED,
    (S.SUSPENDED, A.ACTIVATE): S.ACTIVE,
    (S.PROVISIONED, A.RETIRE): S.RETIRED,
    (S.ACTIVE, A.RETIRE): S.RETIRED,
    (S.SUSPENDED, A.RETIRE): S.RETIRED,
}


def test_every_pair() -> None:
    for state, action in itertools.product(S, A):
        assert next_state(state, action) == EXPECTED.get((state, action)), (state, action)


def test_retired_is_terminal() -> None:
    assert all(next_state(S.RETIRED, a) is None for a in A)
