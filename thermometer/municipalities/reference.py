"""Load the shipped municipality list into the database (idempotent)."""

import csv
import datetime
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "municipalities_2026.csv"


def read_reference(path: Path = DATA_FILE) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {
            "code": row["code"],
            "name": row["name"],
            "province": row["province"],
            "youth_care_region": row["youth_care_region"],
            "population": int(row["population"]) if row["population"] else None,
            "population_date": datetime.date.fromisoformat(row["population_date"])
            if row["population_date"]
            else None,
            "population_note": row["population_note"],
        }
        for row in rows
    ]


def sync_municipalities(model, rows: list[dict]) -> tuple[int, int, int]:
    """Upsert ``rows``; municipalities missing from the list stay but are no longer current.

    Returns (created, updated, retired). Scans keep pointing at a retired municipality.
    """
    existing = {m.code: m for m in model.objects.all()}
    updated = 0
    new = []
    for row in rows:
        obj = existing.pop(row["code"], None)
        if obj is None:
            new.append(model(is_current=True, **row))
            continue
        changed = [k for k, v in row.items() if getattr(obj, k) != v] + (
            [] if obj.is_current else ["is_current"]
        )
        if changed:
            for key, value in row.items():
                setattr(obj, key, value)
            obj.is_current = True
            obj.save(update_fields=changed)
            updated += 1
    model.objects.bulk_create(new)
    created = len(new)
    retired = model.objects.filter(code__in=list(existing), is_current=True).update(
        is_current=False
    )
    return created, updated, retired
