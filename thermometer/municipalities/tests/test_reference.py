import io
from pathlib import Path

import pytest

from thermometer.municipalities.models import Municipality
from thermometer.municipalities.reference import DATA_FILE, read_reference, sync_municipalities

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "municipalities"


def test_all_342_municipalities_of_2026_are_loaded(db):
    assert Municipality.objects.current().count() == 342
    noordoostpolder = Municipality.objects.get(code="GM0171")
    assert (noordoostpolder.name, noordoostpolder.province) == ("Noordoostpolder", "Flevoland")
    assert noordoostpolder.population == 48048
    assert str(noordoostpolder.population_date) == "2022-01-01"


def test_merged_municipality_reports_its_predecessors_population(db):
    voorne = Municipality.objects.get(code="GM1992")
    assert voorne.population == 73238  # Brielle + Hellevoetsluis + Westvoorne, 1-1-2022
    assert "Brielle" in voorne.population_note
    assert not Municipality.objects.filter(code="GM0457").exists()  # Weesp, merged in 2022


@pytest.mark.parametrize(
    ("term", "codes"),
    [("GM0171", ["GM0171"]), ("171", ["GM0171"]), ("0171", ["GM0171"]), ("polder", ["GM0171"])],
)
def test_search_by_code_or_name(db, term, codes):
    found = Municipality.objects.search(term).values_list("code", flat=True)
    assert set(codes) <= set(found)


def test_sync_is_idempotent_and_retires_what_left_the_list(db):
    rows = read_reference()
    assert sync_municipalities(Municipality, rows) == (0, 0, 0)
    assert sync_municipalities(Municipality, rows[1:]) == (0, 0, 1)
    assert not Municipality.objects.get(code=rows[0]["code"]).is_current
    assert sync_municipalities(Municipality, rows) == (0, 1, 0)


@pytest.mark.skipif(not SHARED.exists(), reason="shared/data/municipalities is not present")
def test_shipped_list_matches_the_public_sources():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_municipalities",
        Path(__file__).resolve().parents[3] / "scripts/build_municipalities.py",
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    module.write(module.build(SHARED), out)
    assert out.getvalue() == DATA_FILE.read_text(encoding="utf-8")
