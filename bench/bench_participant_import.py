"""Import of a large participant list (CSV and XLSX) into one scan: time and peak memory."""

import io
import time
import tracemalloc

from openpyxl import Workbook

from thermometer.participants.models import Participant
from thermometer.participants.services import import_participants
from thermometer.testing import factories

ROWS = 5000
LAYERS = ["bestuur", "beleid", "opdrachtgeving", "uitvoering", "inwoner"]


def _rows():
    yield ["naam", "e-mail", "laag", "organisatie"]
    for i in range(ROWS):
        yield [
            f"Persoon {i}",
            f"p{i}@example.org",
            LAYERS[i % len(LAYERS)],
            f"Organisatie {i % 40}",
        ]


def _csv() -> bytes:
    return "\n".join(";".join(row) for row in _rows()).encode()


def _xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    for row in _rows():
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _measure(data: bytes, filename: str) -> dict:
    scan = factories.make_scan(title=f"Bench {filename}")
    tracemalloc.start()
    started = time.perf_counter()
    plan, created = import_participants(scan, data, filename, user=scan.created_by, max_rows=ROWS)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    again = time.perf_counter()
    _, created_again = import_participants(
        scan, data, filename, user=scan.created_by, max_rows=ROWS
    )
    return {
        "rows": ROWS,
        "created": created,
        "seconds": round(seconds, 3),
        "rows_per_second": round(ROWS / seconds),
        "peak_memory_mib": round(peak / 2**20, 1),
        "reimport_seconds": round(time.perf_counter() - again, 3),
        "reimport_created": created_again,
        "in_database": Participant.objects.filter(scan=scan).count(),
    }


def run() -> dict:
    return {"csv": _measure(_csv(), "deelnemers.csv"), "xlsx": _measure(_xlsx(), "deelnemers.xlsx")}
