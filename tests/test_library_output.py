"""A C library's prints on file descriptor 1 stay off the command's own standard output."""

from __future__ import annotations

import json
import os
from pathlib import Path

from allocation.cli import main
from allocation.library_output import stdout_to


def test_what_a_library_writes_to_fd_1_goes_to_stderr_or_nowhere_and_stdout_comes_back(capfd):
    os.write(1, b"before\n")
    with stdout_to("stderr"):
        os.write(1, b"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();\n")
    with stdout_to("devnull"):
        os.write(1, b"dropped\n")
    os.write(1, b"after\n")
    out, err = capfd.readouterr()
    assert out == "before\nafter\n"
    assert "transformNewIntegerFeasibleSolution" in err and "dropped" not in err + out


def test_solve_json_prints_only_the_summary_on_stdout(capfd, tmp_path: Path):
    example = Path(__file__).parents[1] / "data" / "example"
    assert main(["solve", str(example), "--out", str(tmp_path / "plan"), "--json", "--quiet"]) == 0
    out, _ = capfd.readouterr()
    assert json.loads(out)["status"] == "optimal"
