"""EnvelopeVerifier: deterministic checks before any model sees the text.

A block is an instruction only if: a live registered key of its issuer signed it (EdDSA or
ES256, never `none`/HMAC); the issuer is an active agent; it is addressed to exactly this
receiver; it is inside its time window (≤ 5 minutes); it was never seen before (replay
cache shared by replicas); its scope only narrows the parent's along a bounded chain; and
policy permits `agent.instruct` from issuer to receiver. Anything else is dropped and the
text around it is data.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ztai.crypto import jws
from ztai.domain.agent import AgentState
from ztai.domain.clock import Clock, system_clock
from ztai.envelopes.blocks import OPEN, find_blocks
from ztai.envelopes.signing import ENVELOPE_TYPE, MAX_TTL_SECONDS, envelope_hash
from ztai.identity.view import IdentityView
from ztai.storage.replay_cache import ReplayCache

MAX_DEPTH = 4
MAX_INSTRUCTION_CHARS = 8192
REMOVED = "[ztai: an unverified instruction block was removed: {reason}]"
DEFUSED = "<ztai-unverified:instruction"

Authorize = Callable[[str, str], Awaitable[bool]]  # (issuer, receiver) → agent.instruct allowed


class EnvelopeRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Instruction:
    id: str
    iss: str
    instruction: str
    scope: dict[str, list[str]]
    txn: str | None = None
    sub: str | None = None

    def to_public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "iss": self.iss,
            "instruction": self.instruction,
            "scope": self.scope,
            "txn": self.txn,
            "sub": self.sub,
        }


@dataclass(frozen=True, slots=True)
class Rejection:
    id: str | None
    reason: str

    def to_public(self) -> dict[str, Any]:
        return {"id": self.id, "reason": self.reason}


@dataclass
class Verification:
    instructions: list[Instruction] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    data: str = ""

    def allowed_tools(self) -> set[str] | None:
        """The tools the verified instructions allow, or None when there is none."""
        if not self.instructions:
            return None
        return {t for i in self.instructions for t in i.scope.get("tools", [])}


def _scope(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict) or set(value) - {"tools", "actions"}:
        raise EnvelopeRejected("bad_scope")
    out: dict[str, list[str]] = {}
    for name in ("tools", "actions"):
        items = value.get(name, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise EnvelopeRejected("bad_scope")
        out[name] = sorted(set(items))
    return out


def _int(claims: dict[str, Any], name: str) -> int:
    value = claims.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**40:
        raise EnvelopeRejected(f"bad_{name}")
    return value


class EnvelopeVerifier:
    def __init__(
        self,
        view: IdentityView,
        replay: ReplayCache,
        authorize: Authorize,
        *,
        clock: Clock = system_clock,
        skew_seconds: int = 30,
    ) -> None:
        self._view = view
        self._replay = replay
        self._authorize = authorize
        self._clock = clock
        self._skew = skew_seconds

    async def verify(self, text: str, receiver: str, *, accept: bool = True) -> Verification:
        """Split `text` into verified instructions and data. With `accept=False` (text from
        tool outputs) every block is dropped as data, verified or not."""
        result = Verification()
        pieces: list[str] = []
        pos = 0
        for block in find_blocks(text):
            pieces.append(text[pos : block.start])
            pos = block.end
            try:
                if block.problem is not None or block.jws is None:
                    raise EnvelopeRejected(block.problem or "malformed")
                if not accept:
                    raise EnvelopeRejected("not_accepted_here")
                instruction = await self._check(block.jws, receiver, block.id, block.src)
            except EnvelopeRejected as exc:
                result.rejected.append(Rejection(block.id, exc.reason))
                pieces.append(REMOVED.format(reason=exc.reason))
                continue
            result.instructions.append(instruction)
        pieces.append(text[pos:])
        # Whatever looks like a block but was not parsed (past the limits) must not reach a
        # downstream verifier as if it were one.
        result.data = "".join(pieces).replace(OPEN, DEFUSED)
        return result

    async def _check(
        self, token: str, receiver: str, block_id: str | None, src: str | None
    ) -> Instruction:
        claims = self._verified_claims(token, receiver)
        if block_id != claims["jti"]:
            raise EnvelopeRejected("id_mismatch")
        if src != claims["iss"]:
            raise EnvelopeRejected("source_mismatch")
        scope = _scope(claims.get("scope", {}))
        depth = _int(claims, "depth")
        if depth > MAX_DEPTH:
            raise EnvelopeRejected("chain_too_deep")
        if depth > 0 or "parent" in claims:
            self._check_parent(claims, scope, depth)
        instruction = claims.get("instruction")
        if not isinstance(instruction, str) or len(instruction) > MAX_INSTRUCTION_CHARS:
            raise EnvelopeRejected("bad_instruction")
        if not await self._authorize(claims["iss"], receiver):
            raise EnvelopeRejected("policy_denied")
        # Claimed last, so a rejected envelope does not burn its id.
        if not await self._replay.claim(f"envelope:{claims['jti']}", claims["exp"] + self._skew):
            raise EnvelopeRejected("replayed")
        txn, sub = claims.get("txn"), claims.get("sub")
        return Instruction(
            id=claims["jti"],
            iss=claims["iss"],
            instruction=instruction,
            scope=scope,
            txn=txn if isinstance(txn, str) else None,
            sub=sub if isinstance(sub, str) else None,
        )

    def _verified_claims(self, token: str, receiver: str) -> dict[str, Any]:
        """Signature, key ownership, issuer state, audience and time window."""
        try:
            parts = jws.split(token)
        except jws.JwsError as exc:
            raise EnvelopeRejected("malformed") from exc
        header = parts[0]
        if header.get("typ") != ENVELOPE_TYPE:
            raise EnvelopeRejected("wrong_type")
        key = self._view.signing_key(str(header.get("kid")))
        if key is None:
            raise EnvelopeRejected("unknown_key")
        try:
            claims = jws.verify_split(
                parts, lambda _h: key.key, algorithms=(key.alg,), typ=ENVELOPE_TYPE
            ).claims
        except jws.JwsError as exc:
            raise EnvelopeRejected("bad_signature") from exc
        if claims.get("iss") != key.agent_id:
            raise EnvelopeRejected("issuer_key_mismatch")
        issuer = self._view.agent(key.agent_id)
        if issuer is None or issuer.state is not AgentState.ACTIVE:
            raise EnvelopeRejected("issuer_not_active")
        if claims.get("aud") != receiver:
            raise EnvelopeRejected("wrong_audience")
        if not isinstance(claims.get("jti"), str) or not 8 <= len(claims["jti"]) <= 128:
            raise EnvelopeRejected("bad_jti")
        now = self._clock()
        iat, nbf, exp = _int(claims, "iat"), _int(claims, "nbf"), _int(claims, "exp")
        if exp - iat > MAX_TTL_SECONDS or exp <= iat:
            raise EnvelopeRejected("lifetime_too_long")
        if nbf > now + self._skew or iat > now + self._skew:
            raise EnvelopeRejected("not_yet_valid")
        if exp <= now - self._skew:
            raise EnvelopeRejected("expired")
        return claims

    def _check_parent(
        self, claims: dict[str, Any], scope: dict[str, list[str]], depth: int
    ) -> None:
        """The parent was addressed to this issuer, is intact, and allowed at least as much."""
        parent = claims.get("parent")
        if not isinstance(parent, dict) or not isinstance(parent.get("jws"), str):
            raise EnvelopeRejected("bad_parent")
        token = parent["jws"]
        try:
            if envelope_hash(token) != parent.get("hash"):
                raise EnvelopeRejected("parent_hash_mismatch")
        except UnicodeEncodeError as exc:
            raise EnvelopeRejected("bad_parent") from exc
        try:
            upper = self._verified_claims(token, claims["iss"])
        except EnvelopeRejected as exc:
            raise EnvelopeRejected(f"parent_{exc.reason}") from exc
        if upper.get("jti") != parent.get("id") or _int(upper, "depth") != depth - 1:
            raise EnvelopeRejected("bad_parent")
        if upper.get("txn", upper.get("jti")) != claims.get("txn"):
            raise EnvelopeRejected("txn_mismatch")
        upper_scope = _scope(upper.get("scope", {}))
        for name in ("tools", "actions"):
            if not set(scope[name]) <= set(upper_scope[name]):
                raise EnvelopeRejected("scope_widened")
        if claims["exp"] > upper["exp"]:
            raise EnvelopeRejected("outlives_parent")
        if depth - 1 > 0:
            self._check_parent(upper, upper_scope, depth - 1)
