"""The apps' layers stay one-way: the contracts in .importlinter, run by import-linter."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / ".importlinter"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_app_imports_only_the_layers_below_it():
    result = _lint(CONTRACTS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_upwards_breaks_the_contract(tmp_path):
    # The same contracts with two layers swapped: scans below access. Every scan view
    # guard imports the access policy, so the contract must break and name such an import.
    text = CONTRACTS.read_text(encoding="utf-8")
    order = "    scans\n    access\n"
    assert order in text
    stricter = tmp_path / "contracts.ini"
    stricter.write_text(text.replace(order, "    access\n    scans\n"), encoding="utf-8")
    result = _lint(stricter)
    assert result.returncode == 1
    assert "BROKEN" in result.stdout
    assert "thermometer.scans.guard -> thermometer.access.policy" in result.stdout


def test_the_core_imports_no_app():
    # The core is the bottom layer: it imports no app, also not inside a function (what
    # it must do for the apps above, they register with it: core.worker, core.restoring,
    # core.leases).
    module_level = []
    for path in sorted((ROOT / "thermometer" / "core").rglob("*.py")):
        if "tests" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.strip()
            if code.startswith(("from thermometer.", "import thermometer.")) and not (
                code.startswith(("from thermometer.core", "import thermometer.core"))
            ):
                module_level.append(f"{path.relative_to(ROOT)}:{number}: {line}")
    assert module_level == []


def test_no_app_imports_another_inside_a_function():
    # With the layers one-way, an import of another app goes at the top of the module,
    # where the contract sees it; an import hidden in a function is how cycles crept in.
    # Counted as the architecture notes count it (scripts/code_metrics.py).
    spec = importlib.util.spec_from_file_location("code_metrics", ROOT / "scripts/code_metrics.py")
    metrics = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(metrics)
    assert metrics.measure()["project_imports_inside_functions_at"] == []
