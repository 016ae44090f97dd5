"""Starting Django (every web process, worker and command) loads no heavy library: those
are imported by the code that uses them (the worker warms them up before its first task)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("numpy", "scipy", "simplemma", "weasyprint", "vl_convert", "pandas", "pyreadstat")


def test_starting_django_loads_no_heavy_library():
    code = (
        "import os, sys; os.environ['DJANGO_SETTINGS_MODULE'] = 'thermometer.conf.test'\n"
        "import django; django.setup()\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
