"""`allocation app`: a missing scenario is a clear input error, not a server start."""

from __future__ import annotations

from allocation.cli import main


def test_missing_scenario_exits_2_with_a_located_message(tmp_path, capsys):
    missing = tmp_path / "nergens"
    assert main(["app", str(missing)]) == 2
    assert capsys.readouterr().err.strip() == f"{missing}:0: -: no such scenario folder or workbook"
