"""`ztai audit verify|export` as a user runs them."""

from __future__ import annotations

import json

import pytest

from tests.conftest import MASTER_KEY
from ztai.bootstrap import Services
from ztai.cli.main import main
from ztai.domain.audit_event import AuditEvent


@pytest.fixture
def cli_env(services: Services, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("ZTAI_DATABASE_URL", services.settings.effective_database_url)
    monkeypatch.setenv("ZTAI_MASTER_KEY", MASTER_KEY)
    return ["--data-dir", str(services.settings.data_dir)]


async def _records(services: Services, n: int) -> None:
    for i in range(n):
        await services.audit.append(AuditEvent("admin:t", "test", f"T::{i}", "allow"))
    await services.audit.close()


async def test_verify_ok_then_tampered(
    services: Services, cli_env: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    await _records(services, 12)
    count = await services.audit.repository.count()
    assert await_main(["audit", "verify", *cli_env]) == 0
    assert capsys.readouterr().out.strip() == f"ok {count} records"
    await services.db.execute("UPDATE audit_records SET actor = 'someone-else' WHERE seq = 5")
    assert await_main(["audit", "verify", *cli_env]) == 1
    assert capsys.readouterr().out.strip().startswith("bad record 5:")


async def test_verify_with_the_wrong_master_key_fails(
    services: Services,
    cli_env: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await _records(services, 3)
    monkeypatch.setenv("ZTAI_MASTER_KEY", "A" * 43)
    assert await_main(["audit", "verify", *cli_env]) == 1
    assert "audit verify failed" in capsys.readouterr().err


async def test_export_writes_json_lines(
    services: Services, cli_env: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    await _records(services, 4)
    assert await_main(["audit", "export", *cli_env]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["seq"] for r in lines] == list(range(1, len(lines) + 1))
    assert {"hash", "prev_hash", "actor", "decision"} <= set(lines[0])


def await_main(argv: list[str]) -> int:
    """The CLI runs its own event loop, so call it from a worker thread."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(main, argv).result()
