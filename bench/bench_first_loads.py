"""The first report and the first page with grades in a fresh process, with and without
the warm-up that the worker and the web processes now do at start (#19, part 8).

A preparing process migrates a database file and loads the demo. Then, for each of
"cold" and "warm", a new process opens that database and times: the demo scan's
analysis computed from scratch (the triangle step's work: scipy's t-distribution is
imported by the first grade), then the demo's PDF report (WeasyPrint, its fonts, and
vl-convert's engine for the charts), each twice. "warm" first runs the warm-ups
(``analysis.measures.warm_up``, ``reports.rendering.warm_up``), as ``manage.py worker``
and ``wsgi.py`` do, and reports their own time apart.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(database: Path) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "thermometer.conf.base",
        "DEBUG": "1",
        "SECRET_KEY": "bench",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(database.parent / "media"),
    }


def _child(mode: str) -> dict:
    import django

    django.setup()
    if mode == "prepare":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
        return {}
    from thermometer.analysis.models import AnalysisResult
    from thermometer.analysis.services import analysis_for
    from thermometer.reports.content import report_content
    from thermometer.reports.rendering import render_pdf
    from thermometer.scans.models import Scan

    figures = {}
    if mode == "warm":
        from thermometer.analysis.measures import warm_up as warm_analysis
        from thermometer.reports.rendering import warm_up as warm_reports

        started = time.perf_counter()
        warm_analysis()
        warm_reports()
        figures["warm_up_s"] = round(time.perf_counter() - started, 2)
    scan = Scan.objects.get(slug="demo-thermometer")
    for attempt in ("first", "second"):
        AnalysisResult.objects.all().delete()
        started = time.perf_counter()
        analysis_for(scan)
        figures[f"analysis_{attempt}_s"] = round(time.perf_counter() - started, 2)
    for attempt in ("first", "second"):
        started = time.perf_counter()
        render_pdf(report_content(scan))
        figures[f"pdf_{attempt}_s"] = round(time.perf_counter() - started, 2)
    return figures


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "first_loads.sqlite3"
        env = _env(database)
        subprocess.run([sys.executable, __file__, "prepare"], env=env, check=True)
        figures = {}
        for mode in ("cold", "warm"):
            out = subprocess.run(
                [sys.executable, __file__, mode],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            figures[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


if __name__ == "__main__":
    print(json.dumps(_child(sys.argv[1])))
