"""`allocation app`: a missing scenario is a clear input error, not a server start."""

from __future__ import annotations

import os

import pytest

from allocation.cli import main


def test_missing_scenario_exits_2_with_a_located_message(tmp_path, capsys):
    missing = tmp_path / "nergens"
    assert main(["app", str(missing)]) == 2
    assert capsys.readouterr().err.strip() == f"{missing}:0: -: no such scenario folder or workbook"


def _started_command(monkeypatch, argv: list[str]) -> list[str]:
    """The server command `allocation app` would become (exec replaced by a recorder)."""
    seen: list[list[str]] = []

    def record(_path, command, _env):
        seen.append(command)
        raise SystemExit(0)

    monkeypatch.setattr(os, "execve", record)
    with pytest.raises(SystemExit):
        main(["app", *argv])
    return seen[0]


def test_the_app_listens_on_loopback_without_usage_statistics_or_deploy(monkeypatch, capsys):
    command = _started_command(monkeypatch, ["--headless"])
    options = dict(zip(command[5::2], command[6::2], strict=False))
    assert options["--server.address"] == "127.0.0.1"
    assert options["--browser.gatherUsageStats"] == "false"
    assert options["--client.toolbarMode"] == "viewer"
    assert options["--runner.magicEnabled"] == "false"
    out = capsys.readouterr()
    assert out.out.strip() == "Planner app: http://127.0.0.1:8501"
    assert out.err == ""


def test_host_opens_it_up_and_says_so(monkeypatch, capsys):
    command = _started_command(monkeypatch, ["--host", "0.0.0.0", "--port", "9000"])
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    out = capsys.readouterr()
    assert "http://0.0.0.0:9000" in out.out
    assert "reachable from other computers" in out.err and "sign-in" in out.err
