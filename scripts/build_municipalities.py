"""Build the shipped municipality list from the public CBS sources.

Usage: python scripts/build_municipalities.py [SHARED_DATA_DIR] > out.csv

Reads, from ../shared/data/municipalities (see SOURCES.md there and
thermometer/municipalities/data/SOURCES.md here):
- gemeenten_2026.csv: the 342 municipalities of 1-1-2026 (CBS indeling via the
  iJw code list) with province and youth-care region;
- gemeenten_2022_met_inwonertal.csv: CBS 85067NED, population on 1-1-2022, the
  latest figure per municipality in those sources.

Population is reported on the territory of 2026: a municipality formed or
enlarged by a merger after 1-1-2022 gets the sum of its predecessors' figures,
with a note saying so. No figure is typed in by hand.
"""

import csv
import sys
from pathlib import Path

# Mergers after the 2022 reference date: 2026 code -> codes whose 2022 population it now covers.
MERGERS = {
    "GM0363": ("GM0363", "GM0457"),  # Amsterdam absorbed Weesp on 24-03-2022
    "GM1992": ("GM0501", "GM0530", "GM0614"),  # Voorne aan Zee, formed 1-1-2023
}
FIELDS = [
    "code",
    "name",
    "province",
    "youth_care_region",
    "population",
    "population_date",
    "population_note",
]


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def build(shared: Path) -> list[dict]:
    current = read_csv(shared / "gemeenten_2026.csv")
    population = {
        row["gemeentecode_gm"]: (int(row["inwoners_2022_01_01"]), row["gemeentenaam"])
        for row in read_csv(shared / "gemeenten_2022_met_inwonertal.csv")
    }
    rows = []
    for row in current:
        code = row["gemeentecode_gm"]
        parts = MERGERS.get(code, (code,))
        note = ""
        if len(parts) > 1 or parts[0] != code:
            names = ", ".join(population[p][1] for p in parts)
            note = f"som van {names} (grondgebied 2026)"
        rows.append(
            {
                "code": code,
                "name": row["gemeentenaam"],
                "province": row["provincienaam"],
                "youth_care_region": row["jeugdzorgregio"],
                "population": sum(population[p][0] for p in parts),
                "population_date": "2022-01-01",
                "population_note": note,
            }
        )
    return sorted(rows, key=lambda r: r["code"])


def write(rows: list[dict], handle) -> None:
    writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent.parent / "shared/data/municipalities"
    write(build(Path(sys.argv[1]) if len(sys.argv) > 1 else default), sys.stdout)
