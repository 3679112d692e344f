"""Shared fixtures: a database per test on each backend, wired services, in-process clients."""

from __future__ import annotations

import asyncio
import base64
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.support.clock import FakeClock
from tests.support.env import PG_URL, REQUIRE_SERVICES, postgres_available
from ztai.bootstrap import Services, build_services
from ztai.config import Settings

ADMIN_TOKEN = "test-admin-token-0123456789abcdef"
MASTER_KEY = base64.urlsafe_b64encode(bytes(range(32))).decode()


def _require_postgres() -> None:
    if not postgres_available():
        if REQUIRE_SERVICES:
            pytest.fail(f"PostgreSQL required but unreachable at {PG_URL}")
        pytest.skip("PostgreSQL not reachable")


async def _pg(sql: str) -> None:
    conn = await asyncpg.connect(PG_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema in the test database, dropped afterwards."""
    _require_postgres()
    schema = f"zt_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}search_path={schema}"
    asyncio.run(_pg(f"DROP SCHEMA {schema} CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ztai.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_settings(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    base: dict[str, object] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "admin_token": ADMIN_TOKEN,
        "master_key": MASTER_KEY,
    }
    base.update(overrides)
    return Settings.model_validate(base)


@pytest.fixture
async def services(database_url: str, tmp_path: Path, clock: FakeClock) -> AsyncIterator[Services]:
    built = await build_services(make_settings(database_url, tmp_path / "data"), clock=clock)
    try:
        yield built
    finally:
        await built.close()


def _client(app: object, host: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url=f"http://{host}")


@pytest.fixture
async def control(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(services.control_app(), "control") as client:
        client.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield client


@pytest.fixture
async def gateway(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(services.gateway_app(), "gateway") as client:
        yield client


@pytest.fixture(autouse=True)
def _no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ZTAI_DATABASE_URL", "ZTAI_REDIS_URL", "ZTAI_ADMIN_TOKEN", "ZTAI_MASTER_KEY"):
        monkeypatch.delenv(name, raising=False)
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
