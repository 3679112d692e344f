"""Upstreams: which model lives where, and the one HTTP client that calls them.

The gateway calls upstreams with its own credentials; an agent's token never leaves (G7).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp

from ztai.config.settings import UpstreamSettings
from ztai.gateway.llm.errors import ModelNotFound, UpstreamFailed, UpstreamTimeout

# The most sensitive label each trust level may see unless the upstream says otherwise.
DEFAULT_MAX_LABEL = {"local": -1, "approved": 2, "external": 1}  # -1: the highest label
MAX_RESPONSE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Upstream:
    name: str
    base_url: str
    trust: str
    models: tuple[str, ...]
    max_label_rank: int
    api_key: str | None

    def headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers


@dataclass(frozen=True, slots=True)
class Route:
    model: str  # the name the agent asked for (after aliases): Model::"<model>" in policy
    upstream: Upstream


class UpstreamRegistry:
    def __init__(
        self,
        upstreams: tuple[UpstreamSettings, ...],
        keys: Mapping[str, str],
        labels: tuple[str, ...],
        aliases: Mapping[str, str],
    ) -> None:
        self._aliases = dict(aliases)
        self._by_model: dict[str, Upstream] = {}
        self.all: list[Upstream] = []
        for u in upstreams:
            if u.max_label is not None:
                if u.max_label not in labels:
                    raise ValueError(f"upstream {u.name}: unknown max_label {u.max_label!r}")
                rank = labels.index(u.max_label)
            else:
                default = DEFAULT_MAX_LABEL[u.trust]
                rank = len(labels) - 1 if default < 0 else min(default, len(labels) - 1)
            upstream = Upstream(
                u.name, u.base_url.rstrip("/"), u.trust, u.models, rank, keys.get(u.name)
            )
            self.all.append(upstream)
            for model in u.models:
                self._by_model.setdefault(model, upstream)

    def models(self) -> list[str]:
        return sorted({*self._by_model, *self._aliases})

    def resolve(self, requested: str) -> Route:
        model = self._aliases.get(requested, requested)
        upstream = self._by_model.get(model)
        if upstream is None:
            raise ModelNotFound(f"model {requested!r} is not served by this gateway")
        return Route(model, upstream)

    def local_for(self, model: str) -> Upstream | None:
        """A `local` upstream that serves `model`, for routing sensitive prompts."""
        return next((u for u in self.all if u.trust == "local" and model in u.models), None)


class UpstreamClient:
    """One aiohttp session per process: connection reuse is most of a proxy's speed."""

    def __init__(self, timeout_seconds: float) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds, sock_connect=10)
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self._timeout,
                connector=aiohttp.TCPConnector(limit=256, ttl_dns_cache=300),
                auto_decompress=True,
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def complete(
        self, upstream: Upstream, body: dict[str, Any], trace: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        """`trace`: trace-context headers (`traceparent`) to send along, when tracing."""
        headers = {**upstream.headers(), **trace} if trace else upstream.headers()
        try:
            async with self._client().post(
                f"{upstream.base_url}/chat/completions", json=body, headers=headers
            ) as response:
                chunks, size = [], 0
                async for chunk in response.content.iter_chunked(65_536):
                    size += len(chunk)
                    if size > MAX_RESPONSE_BYTES:
                        raise UpstreamFailed("upstream response too large")
                    chunks.append(chunk)
                raw = b"".join(chunks)
                if response.status >= 400:
                    raise UpstreamFailed(f"upstream answered {response.status}")
                data = json.loads(raw)
        except TimeoutError as exc:
            raise UpstreamTimeout("upstream did not answer in time") from exc
        except (aiohttp.ClientError, ValueError) as exc:
            raise UpstreamFailed(f"upstream unreachable or invalid: {type(exc).__name__}") from exc
        if not isinstance(data, dict):
            raise UpstreamFailed("upstream answered something other than a JSON object")
        return data

    async def stream(
        self, upstream: Upstream, body: dict[str, Any], trace: Mapping[str, str] | None = None
    ) -> AsyncIterator[bytes]:
        """Server-sent event lines (without the line break) as they arrive."""
        headers = {**upstream.headers(), **trace} if trace else upstream.headers()
        try:
            async with self._client().post(
                f"{upstream.base_url}/chat/completions", json=body, headers=headers
            ) as response:
                if response.status >= 400:
                    raise UpstreamFailed(f"upstream answered {response.status}")
                async for line in response.content:
                    yield line.rstrip(b"\r\n")
        except TimeoutError as exc:
            raise UpstreamTimeout("upstream did not answer in time") from exc
        except (aiohttp.ClientError, ValueError) as exc:  # ValueError: an over-long SSE line
            raise UpstreamFailed(f"upstream unreachable: {type(exc).__name__}") from exc
