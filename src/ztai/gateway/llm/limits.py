"""Usage limits per agent: requests and tokens per minute, tokens per day; and per agent
and MCP tool: calls per minute and per day (the same counters, one token per call).

Tokens are reserved before dispatch (prompt estimate + the request's output budget) and
settled with the real usage afterwards, so parallel or streaming requests cannot overspend.
Fixed one-minute and one-day windows; in-process by default, Redis when configured so that
every replica enforces the same limit. If Redis is down, requests are refused (G2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from ztai.config.settings import LimitSettings
from ztai.domain.clock import Clock, system_clock
from ztai.errors import Unavailable
from ztai.gateway.llm.errors import RateLimited

MINUTE, DAY = 60, 86_400


class LimitsUnavailable(Unavailable):
    code = "limits.unavailable"
    title = "Usage limits cannot be checked"


@dataclass(frozen=True, slots=True)
class Reservation:
    agent: str
    tokens: int
    minute: int
    day: int


class RateLimiter(Protocol):
    async def reserve(self, agent: str, tokens: int, limits: LimitSettings) -> Reservation: ...

    async def settle(self, reservation: Reservation, actual_tokens: int) -> None: ...

    async def reserve_calls(self, subject: str, per_minute: int, per_day: int) -> None:
        """Count one call of `subject` (e.g. agent and tool) or raise RateLimited."""
        ...


# What each over-limit verdict (1, 2, 3) refuses, for model requests and for tool calls.
_LLM_LIMITS = ("requests-per-minute", "tokens-per-minute", "tokens-per-day")
_CALL_LIMITS = ("calls-per-minute", "calls-per-minute", "calls-per-day")


def _windows(now: float) -> tuple[int, int]:
    return int(now // MINUTE), int(now // DAY)


def _refuse(now: float, what: str, window: int) -> RateLimited:
    retry = int(window - now % window) + 1
    return RateLimited(f"{what} limit reached; retry after {retry} s", retry)


def _check(verdict: int, now: float, names: tuple[str, str, str]) -> None:
    if verdict:
        raise _refuse(now, names[verdict - 1], DAY if verdict == 3 else MINUTE)


class MemoryRateLimiter:
    def __init__(self, clock: Clock = system_clock) -> None:
        self._clock = clock
        self._minute: dict[tuple[str, int], list[int]] = {}  # (agent, minute) → [requests, tokens]
        self._day: dict[tuple[str, int], int] = {}

    def _take(self, subject: str, tokens: int, caps: tuple[int, int, int], now: float) -> int:
        """The same checks as the Redis script: 0 reserved, else which cap was hit."""
        minute, day = _windows(now)
        self._expire(minute, day)
        counts = self._minute.setdefault((subject, minute), [0, 0])
        used_today = self._day.get((subject, day), 0)
        if counts[0] + 1 > caps[0]:
            return 1
        if counts[1] + tokens > caps[1]:
            return 2
        if used_today + tokens > caps[2]:
            return 3
        counts[0] += 1
        counts[1] += tokens
        self._day[(subject, day)] = used_today + tokens
        return 0

    async def reserve(self, agent: str, tokens: int, limits: LimitSettings) -> Reservation:
        now = self._clock()
        caps = (limits.requests_per_minute, limits.tokens_per_minute, limits.tokens_per_day)
        _check(self._take(agent, tokens, caps, now), now, _LLM_LIMITS)
        minute, day = _windows(now)
        return Reservation(agent, tokens, minute, day)

    async def reserve_calls(self, subject: str, per_minute: int, per_day: int) -> None:
        now = self._clock()
        _check(self._take(subject, 1, (per_minute, per_minute, per_day), now), now, _CALL_LIMITS)

    async def settle(self, reservation: Reservation, actual_tokens: int) -> None:
        delta = actual_tokens - reservation.tokens
        counts = self._minute.get((reservation.agent, reservation.minute))
        if counts is not None:
            counts[1] = max(0, counts[1] + delta)
        key = (reservation.agent, reservation.day)
        if key in self._day:
            self._day[key] = max(0, self._day[key] + delta)

    def _expire(self, minute: int, day: int) -> None:
        if len(self._minute) > 10_000:
            self._minute = {k: v for k, v in self._minute.items() if k[1] >= minute}
        if len(self._day) > 10_000:
            self._day = {k: v for k, v in self._day.items() if k[1] >= day}


# Check all three limits and reserve atomically: one script, one round trip.
_RESERVE = """
local req = tonumber(redis.call('HGET', KEYS[1], 'req') or '0')
local tok = tonumber(redis.call('HGET', KEYS[1], 'tok') or '0')
local day = tonumber(redis.call('GET', KEYS[2]) or '0')
local want = tonumber(ARGV[1])
if req + 1 > tonumber(ARGV[2]) then return 1 end
if tok + want > tonumber(ARGV[3]) then return 2 end
if day + want > tonumber(ARGV[4]) then return 3 end
redis.call('HINCRBY', KEYS[1], 'req', 1)
redis.call('HINCRBY', KEYS[1], 'tok', want)
redis.call('EXPIRE', KEYS[1], 120)
redis.call('INCRBY', KEYS[2], want)
redis.call('EXPIRE', KEYS[2], 172800)
return 0
"""


class RedisRateLimiter:
    def __init__(self, redis: Redis, clock: Clock = system_clock) -> None:
        self._redis = redis
        self._clock = clock
        self._script = redis.register_script(_RESERVE)

    @staticmethod
    def _keys(subject: str, minute: int, day: int) -> list[str]:
        return [f"ztai:rl:{subject}:m:{minute}", f"ztai:rl:{subject}:d:{day}"]

    async def _take(self, subject: str, tokens: int, caps: tuple[int, int, int], now: float) -> int:
        minute, day = _windows(now)
        try:
            verdict = await self._script(
                keys=self._keys(subject, minute, day), args=[tokens, *caps]
            )
        except RedisError as exc:
            raise LimitsUnavailable("usage limits store unreachable") from exc
        return int(verdict)

    async def reserve(self, agent: str, tokens: int, limits: LimitSettings) -> Reservation:
        now = self._clock()
        caps = (limits.requests_per_minute, limits.tokens_per_minute, limits.tokens_per_day)
        _check(await self._take(agent, tokens, caps, now), now, _LLM_LIMITS)
        minute, day = _windows(now)
        return Reservation(agent, tokens, minute, day)

    async def reserve_calls(self, subject: str, per_minute: int, per_day: int) -> None:
        now = self._clock()
        verdict = await self._take(subject, 1, (per_minute, per_minute, per_day), now)
        _check(verdict, now, _CALL_LIMITS)

    async def settle(self, reservation: Reservation, actual_tokens: int) -> None:
        delta = actual_tokens - reservation.tokens
        if delta == 0:
            return
        minute_key, day_key = self._keys(reservation.agent, reservation.minute, reservation.day)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.hincrby(minute_key, "tok", delta)
                pipe.incrby(day_key, delta)
                await pipe.execute()
        except RedisError:
            return  # the reservation already counted the estimate; settling is best effort
