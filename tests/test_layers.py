"""The apps' layers stay one-way: the contracts in .importlinter, run by import-linter."""

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
    # The same contracts without one allowed exception: scan_view loading the scan. The
    # import is still there, so the contract must break and name it.
    allowed = "    thermometer.access.views -> thermometer.scans.models\n"
    text = CONTRACTS.read_text(encoding="utf-8")
    assert allowed in text
    stricter = tmp_path / "contracts.ini"
    stricter.write_text(text.replace(allowed, ""), encoding="utf-8")
    result = _lint(stricter)
    assert result.returncode == 1
    assert "BROKEN" in result.stdout
    assert "thermometer.access.views -> thermometer.scans.models" in result.stdout


def test_the_core_imports_no_app_when_it_is_loaded():
    # The core is the bottom layer: what it still needs of an app it imports on use (each
    # such import is among the contract's exceptions, with its reason).
    module_level = []
    for path in sorted((ROOT / "thermometer" / "core").rglob("*.py")):
        if "tests" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith(("from thermometer.", "import thermometer.")) and not (
                line.startswith(("from thermometer.core", "import thermometer.core"))
            ):
                module_level.append(f"{path.relative_to(ROOT)}:{number}: {line}")
    assert module_level == []
