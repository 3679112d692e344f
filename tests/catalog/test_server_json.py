"""MCP Registry server.json import: the subset that maps onto the catalog, refusals for the
rest, and the imported entry still waiting for review."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN_TOKEN
from tests.support.mcp_servers import finance_server, serve, serve_asgi
from ztai.bootstrap import Services
from ztai.cli.main import main

IMPORT = "/api/v1/mcp-servers/import"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ztai.db'}"


@pytest.fixture
async def finance_url() -> AsyncIterator[str]:
    async with serve(finance_server()) as url:
        yield url


def remote_doc(url: str) -> dict[str, Any]:
    return {
        "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
        "name": "io.github.acme/Finance.Tools",
        "title": "Finance tools",
        "description": "Invoices and refunds.",
        "version": "2.1.0",
        "repository": {"url": "https://github.com/acme/finance", "source": "github"},
        "remotes": [
            {"type": "sse", "url": "https://finance.example/sse"},
            {
                "type": "streamable-http",
                "url": url,
                "headers": [{"name": "X-Trace", "isRequired": False}],
            },
        ],
        "_meta": {"io.modelcontextprotocol.registry/publisher-provided": {"build": "17"}},
    }


def package_doc(**package: Any) -> dict[str, Any]:
    base = {
        "registryType": "pypi",
        "identifier": "weather-mcp-server",
        "version": "0.5.0",
        "transport": {"type": "stdio"},
        "packageArguments": [
            {"type": "positional", "value": "serve"},
            {"type": "named", "name": "--units", "default": "celsius"},
            {"type": "named", "name": "--verbose", "isRequired": False},
        ],
        "environmentVariables": [
            {"name": "WEATHER_API_KEY", "isRequired": True, "isSecret": True},
            {"name": "WEATHER_UNITS", "default": "celsius"},
        ],
    }
    return {
        "name": "io.github.example/weather-mcp",
        "description": "Weather data.",
        "version": "0.5.0",
        "packages": [{**base, **package}],
    }


async def test_remote_import_is_submitted_then_reviewed(
    control: httpx.AsyncClient, finance_url: str
) -> None:
    created = await control.post(
        f"{IMPORT}?tier=internal&owner=fin@example.com", json=remote_doc(finance_url)
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["name"] == "finance-tools" and body["source"] == "io.github.acme/Finance.Tools"
    assert body["transport"] == "streamable-http" and body["url"] == finance_url
    assert body["review_state"] == "submitted" and body["version"] == "2.1.0"
    assert body["tier"] == "internal" and body["owner"] == "fin@example.com"
    # Imported is not approved: no tool is pinned until a reviewer approves.
    assert (await control.get("/api/v1/mcp-servers/finance-tools")).json()["tools"] == []
    reviewed = await control.post(
        "/api/v1/mcp-servers/finance-tools/review", json={"decision": "approved"}
    )
    assert {t["name"] for t in reviewed.json()["tools"]} == {"lookup_invoice", "issue_refund"}
    again = await control.post(f"{IMPORT}?owner=fin@example.com", json=remote_doc(finance_url))
    assert again.status_code == 409
    audit = (await control.get("/api/v1/audit?action=catalog.submit")).json()["items"]
    assert audit[0]["data"]["source"] == "io.github.acme/Finance.Tools"


async def test_stdio_package_import(control: httpx.AsyncClient) -> None:
    created = await control.post(f"{IMPORT}?owner=ops@example.com", json=package_doc())
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["name"] == "weather-mcp" and body["tier"] == "external"  # strictest default
    assert body["transport"] == "stdio" and body["url"] is None
    assert body["stdio"] == {
        "command": ["uvx", "weather-mcp-server==0.5.0", "serve", "--units", "celsius"],
        "cwd": None,
        "env": ["WEATHER_API_KEY", "WEATHER_UNITS"],
    }
    npm = package_doc(registryType="npm", identifier="@acme/weather", packageArguments=[])
    npm_body = (await control.post(f"{IMPORT}?owner=o&name=npm-weather", json=npm)).json()
    assert npm_body["stdio"]["command"] == ["npx", "-y", "@acme/weather@0.5.0"]
    oci = package_doc(registryType="oci", identifier="acme/weather", packageArguments=[])
    oci_body = (await control.post(f"{IMPORT}?owner=o&name=oci-weather", json=oci)).json()
    assert oci_body["stdio"]["command"] == ["docker", "run", "-i", "--rm", "acme/weather:0.5.0"]
    both = {
        **package_doc(),
        "remotes": [{"type": "streamable-http", "url": "http://127.0.0.1:9/mcp"}],
    }
    chosen = await control.post(f"{IMPORT}?owner=o&name=both&transport=stdio", json=both)
    assert chosen.json()["transport"] == "stdio"


@pytest.mark.parametrize(
    ("doc", "why"),
    [
        ({**remote_doc("x"), "remotes": [{"type": "sse", "url": "https://x.example/sse"}]}, "no "),
        (
            {
                **remote_doc("x"),
                "remotes": [{"type": "streamable-http", "url": "https://{host}/mcp"}],
            },
            "template",
        ),
        (
            {
                **remote_doc("x"),
                "remotes": [
                    {
                        "type": "streamable-http",
                        "url": "https://x.example/mcp",
                        "headers": [{"name": "Authorization", "isRequired": True}],
                    }
                ],
            },
            "headers",
        ),
        (
            {
                **remote_doc("x"),
                "remotes": [{"type": "streamable-http", "url": "file:///etc/passwd"}],
            },
            "http",
        ),
        (package_doc(registryType="mcpb"), "not supported"),
        (package_doc(version="latest"), "pinned"),
        (
            package_doc(
                packageArguments=[{"type": "positional", "valueHint": "dir", "isRequired": True}]
            ),
            "needs a value",
        ),
        (
            package_doc(packageArguments=[{"type": "named", "name": "--x", "value": "{v}"}]),
            "template",
        ),
        (package_doc(transport={"type": "streamable-http", "url": "http://x/mcp"}), "no "),
        (package_doc(environmentVariables=[{"name": "BAD-NAME"}]), "not a name"),
        ({**package_doc(), "name": "io.example/..."}, "?name="),
    ],
)
async def test_refusals_name_the_reason(
    control: httpx.AsyncClient, doc: dict[str, Any], why: str
) -> None:
    response = await control.post(f"{IMPORT}?owner=o@example.com", json=doc)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "catalog.import_unsupported"
    assert why in response.json()["detail"]
    assert (await control.get("/api/v1/mcp-servers")).json()["items"] == []


async def test_malformed_documents_and_queries(control: httpx.AsyncClient) -> None:
    doc = package_doc()
    for bad in (
        {k: v for k, v in doc.items() if k != "description"},
        {**doc, "version": 5},
        {**doc, "packages": "uvx weather"},
        {**doc, "packages": [{**doc["packages"][0], "packageArguments": [{"type": "flag"}]}]},
    ):
        response = await control.post(f"{IMPORT}?owner=o", json=bad)
        assert response.status_code == 422, bad
    assert (await control.post(IMPORT, json=doc)).status_code == 422  # owner missing
    assert (await control.post(f"{IMPORT}?owner=o&tier=friendly", json=doc)).status_code == 422
    assert (await control.post(f"{IMPORT}?owner=o&name=Bad.Name", json=doc)).status_code == 422
    assert (await control.post(f"{IMPORT}?owner=o&shell=1", json=doc)).status_code == 422
    raw = await control.post(
        f"{IMPORT}?owner=o", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert raw.status_code == 400
    anonymous = await control.post(
        f"{IMPORT}?owner=o", json=doc, headers={"Authorization": "Bearer nope"}
    )
    assert anonymous.status_code == 401


async def test_cli_import(
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ZTAI_ADMIN_TOKEN", ADMIN_TOKEN)
    document = tmp_path / "server.json"
    document.write_text(json.dumps(package_doc()))
    async with serve_asgi(services.control_app()) as base:
        argv = ["catalog", "--url", base, "import", str(document), "--owner", "ops@example.com"]
        assert await asyncio.to_thread(main, argv) == 0
        shown = json.loads(capsys.readouterr().out)
        assert shown["review_state"] == "submitted" and shown["name"] == "weather-mcp"
        refused = tmp_path / "latest.json"
        refused.write_text(json.dumps(package_doc(version="latest")))
        argv = ["catalog", "--url", base, "import", str(refused), "--owner", "o"]
        assert await asyncio.to_thread(main, argv) == 1
        assert json.loads(capsys.readouterr().out)["code"] == "catalog.import_unsupported"
