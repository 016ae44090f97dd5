"""The merger table against CBS's own year lists in the shared data."""

import csv
from pathlib import Path

import pytest

from thermometer.municipalities import successors

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
LIST_2022 = SHARED / "municipalities" / "gemeenten_2022_met_inwonertal.csv"
FILE_2020 = SHARED / "open_data" / "cbs_wmo_clienten_gebruik_wlz_gemeente_2020.csv"
needs_shared = pytest.mark.skipif(not LIST_2022.exists(), reason="shared data not present")


def today(code: str) -> str | None:
    if code in successors.current():
        return code
    moved = successors.successor(code)
    return moved.code if moved else None


@needs_shared
def test_every_2022_code_maps_to_a_2026_code():
    with LIST_2022.open(encoding="utf-8") as handle:
        codes = [row["gemeentecode_gm"].strip() for row in csv.DictReader(handle)]
    assert len(codes) == 345
    mapped = {code: today(code) for code in codes}
    assert all(mapped[code] in successors.current() for code in codes)
    assert mapped["GM0457"] == "GM0363"  # Weesp -> Amsterdam
    assert {mapped[c] for c in ("GM0501", "GM0530", "GM0614")} == {"GM1992"}
    assert len(set(mapped.values())) == 342


@needs_shared
def test_every_2020_name_maps_to_a_2026_code_except_the_split_haaren():
    with FILE_2020.open(encoding="utf-8-sig") as handle:
        names = {row[2] for row in list(csv.reader(handle, delimiter=";"))[1:]}
    assert len(names) == 355
    codes = {name: successors.code_for_name(name) for name in names}
    assert None not in codes.values()
    gone = {name: code for name, code in codes.items() if code not in successors.current()}
    assert len(gone) == 18
    assert {gone["Appingedam"], gone["Delfzijl"], gone["Loppersum"]} == {
        "GM0003",
        "GM0010",
        "GM0024",
    }
    reached = {name: today(code) for name, code in gone.items()}
    assert reached.pop("Haaren") is None
    assert set(reached.values()) <= set(successors.current())
    assert {reached["Appingedam"], reached["Delfzijl"], reached["Loppersum"]} == {"GM1979"}


def test_a_split_has_no_single_successor():
    haaren = successors.successor("GM0788")
    assert haaren.code is None
    assert {c.new_name for c in haaren.split_over} == {"Boxtel", "Oisterwijk", "Tilburg", "Vught"}


def test_the_table_is_consistent():
    for change in successors.changes():
        assert change.new_code in successors.current(), change
        assert change.old_code not in successors.current(), change
    assert successors.successor("GM0363") is None  # Amsterdam was not dissolved
    assert [c.old_name for c in successors.predecessors("GM0363")] == ["Weesp"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("GM0363", "GM0363"),
        (" gm363 ", "GM0363"),
        ("0363", "GM0363"),
        ("PV27", None),
        ("Amsterdam", None),
    ],
)
def test_normal_code(text, code):
    assert successors.normal_code(text) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("'s-Gravenhage (gemeente)", "GM0518"),
        ("Den Haag", "GM0518"),
        ("Hengelo", "GM0164"),
        ("Súdwest-Fryslân", "GM1900"),
        ("sudwest-fryslan", "GM1900"),
        ("Bergen", None),  # two municipalities called Bergen
        ("Weesp", "GM0457"),
    ],
)
def test_names(name, code):
    assert successors.code_for_name(name) == code
