"""`ztai dlp scan|redact` through the real entry point, with fake stdin/stdout."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ztai.cli.main import main


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_scan_stdin_as_one_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"mail bob@acme.com\nssn 123-45-6788\n")
    assert main(["dlp", "scan"]) == 0
    (result,) = _lines(capsys.readouterr().out)
    assert result == {
        "findings": [
            {"type": "EMAIL_ADDRESS", "start": 5, "end": 17, "score": 0.85},
            {"type": "US_SSN", "start": 22, "end": 33, "score": 1.0},
        ]
    }


def test_scan_jsonl_keeps_order_and_reports_bad_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (
        b'{"text": "mail bob@acme.com"}\n'
        b"not json\n"
        b'{"text": 42}\n'
        b"[1, 2]\n"
        b'{"text": "\\ud800 nothing here"}\n'
        b'{"text": "caf\xc3\xa9 8.8.8.8"}\n'
        b"\xff\xfe\n"
    )
    _stdin(monkeypatch, data)
    assert main(["dlp", "scan", "--jsonl", "-"]) == 1
    out = _lines(capsys.readouterr().out)
    assert len(out) == 7
    assert out[0]["findings"][0]["type"] == "EMAIL_ADDRESS"  # type: ignore[index]
    assert "error" in out[1] and "error" in out[2] and "error" in out[3]
    assert out[4] == {"findings": []}
    assert out[5] == {"findings": [{"type": "IP_ADDRESS", "start": 5, "end": 12, "score": 0.7}]}
    assert "error" in out[6]


def test_scan_jsonl_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "a@acme.com"}\n\n{"text": ""}\n', encoding="utf-8")
    assert main(["dlp", "scan", "--jsonl", str(path)]) == 0
    out = _lines(capsys.readouterr().out)
    assert [len(r["findings"]) for r in out] == [1, 0]  # type: ignore[arg-type]


def test_scan_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["dlp", "scan", "--jsonl", str(tmp_path / "nope.jsonl")]) == 1
    assert "error" in _lines(capsys.readouterr().out)[0]


def test_redact(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(
        monkeypatch,
        b"SSN 123-45-6788, mail bob@acme.com, token ghp_q7Wm2ZrX9kLp4TvB8nYc3HsJ6dFg1RxA5eUo\n",
    )
    assert main(["dlp", "redact"]) == 0
    assert (
        capsys.readouterr().out
        == "SSN <US_SSN>, mail <EMAIL_ADDRESS>, token <SECRET_GITHUB_TOKEN>\n"
    )


def test_redact_keeps_undecodable_bytes(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _stdin(monkeypatch, b"\xff ssn 123-45-6788 \xfe")
    assert main(["dlp", "redact"]) == 0
    assert capsysbinary.readouterr().out == b"\xff ssn <US_SSN> \xfe"


def test_entities_filter(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"mail bob@acme.com ssn 123-45-6788")
    assert main(["dlp", "scan", "--entities", "US_SSN"]) == 0
    (result,) = _lines(capsys.readouterr().out)
    assert [f["type"] for f in result["findings"]] == ["US_SSN"]  # type: ignore[union-attr]


def test_no_subcommand_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dlp"]) == 2
