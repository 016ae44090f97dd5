"""Run the benchmarks: `python bench/run.py [NAME]`; results as JSON in bench/results/.

Each `bench/bench_<name>.py` has `run() -> dict` of measured figures. They run
against a fresh test database (SQLite unless DATABASE_URL says otherwise).
"""

import datetime
import importlib
import json
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thermometer.conf.test")


def main(argv):
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    names = argv or sorted(
        p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py")
    )
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    try:
        for name in names:
            module = importlib.import_module(f"bench.bench_{name}")
            figures = module.run()
            result = {
                "benchmark": name,
                "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "database": connection.vendor,
                "figures": figures,
            }
            (results_dir / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
            print(json.dumps(result, indent=2))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1:])
