"""The layer check of `make lint` (import-linter contracts in pyproject.toml) holds, and can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(source: Path) -> subprocess.CompletedProcess[str]:
    """Run the project's contracts against the package found under `source`."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def copy_with_import(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the package in which `module` (a path under allocation/) gains one import line."""
    source = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "allocation", source / "allocation")
    target = source / "allocation" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return source


def test_the_package_keeps_its_layers() -> None:
    done = lint_imports(ROOT / "src")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" not in done.stdout.lower().replace("0 broken", "")


def test_a_rule_importing_the_optimizer_breaks_the_layers(tmp_path: Path) -> None:
    source = copy_with_import(tmp_path, "rules/bedrooms.py", "import allocation.optimize  # noqa")
    done = lint_imports(source)
    assert done.returncode != 0
    assert "allocation.rules is not allowed to import allocation.optimize" in done.stdout
    assert "allocation.rules.bedrooms -> allocation.optimize" in done.stdout


def test_the_verifier_importing_a_rule_breaks_its_independence(tmp_path: Path) -> None:
    source = copy_with_import(tmp_path, "verify/norms.py", "import allocation.rules.fit  # noqa")
    done = lint_imports(source)
    assert done.returncode != 0
    assert "allocation.verify is not allowed to import allocation.rules" in done.stdout


def test_every_module_of_the_package_has_a_layer() -> None:
    """A new top-level module must be placed in the layers, or it would escape the check."""
    import re
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}
    package = ROOT / "src" / "allocation"
    modules = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    modules |= {p.parent.name for p in package.glob("*/__init__.py")}
    assert sorted(m for m in modules if f"allocation.{m}" not in placed) == []
