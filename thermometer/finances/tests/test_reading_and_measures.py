"""The Iv3 reader and the measures, with values worked out by hand on a real series:
Wassenaar's lasten per taakveld 2020-2025 (shared/data/open_data, from its own budgets and
accounts) and small files made for the budget-against-accounts cases."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from thermometer.core.tabular import TabularError
from thermometer.finances import measures, taakvelden
from thermometer.finances.reading import Defaults, read_figures

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "open_data"
WASSENAAR = SHARED / "wassenaar_taakveld_lasten_2020_2025.csv"
METHOD = (
    Path(__file__).resolve().parents[2] / "methods" / "definitions" / "thermometer" / "1.3.yaml"
)
pytestmark = pytest.mark.skipif(not WASSENAAR.exists(), reason="shared data not present")


@pytest.fixture(scope="module")
def definition():
    return yaml.safe_load(METHOD.read_text(encoding="utf-8"))["finances"]


@pytest.fixture(scope="module")
def wassenaar():
    return read_figures(WASSENAAR.read_bytes(), WASSENAAR.name, Defaults(document="rekening"))


def test_the_real_series_is_read_whole_with_its_negative_lasten_turned(wassenaar):
    assert wassenaar.errors == []
    assert len(wassenaar.figures) == 146  # the filled cells of the file
    assert wassenaar.years == [2020, 2022, 2023, 2024, 2025]  # 2021 is empty throughout
    assert "6.711" in wassenaar.taakvelden and "0.1" in wassenaar.taakvelden
    six_one = {f.year: f.amount for f in wassenaar.figures if f.taakveld == "6.1"}
    assert six_one == {2020: Decimal(1639235), 2024: Decimal(1122735), 2025: Decimal(3739)}
    assert any("negatieve bedragen" in note for note in wassenaar.notes)


def test_a_year_in_thousands_is_named(wassenaar):
    # 2025's social-domain lasten add up to 77,825 against 14.6 and 17.6 million before.
    assert any("2025" in note and "duizenden euro" in note for note in wassenaar.notes)


def test_lasten_per_inhabitant_on_the_real_series(wassenaar, definition):
    inhabitants = {("all", 2022): 27115}  # Wassenaar on 1-1-2022 (CBS 85067NED)
    rows = measures.per_inhabitant(
        measures.expenditure(wassenaar.figures), inhabitants, [], definition
    )
    totals = {r["year"]: r for r in rows if r["taakveld"] is None}
    # 2020: 6.1 1,639,235 + 6.3 641,366 + 6.4 11,309,336 + 6.5 1,044,664 = 14,634,601;
    # / 27,115 = 539.72 -> 540, counted with the nearest year that has a count (2022).
    assert totals[2020]["amount"] == 14634601
    assert totals[2020]["value"] == 540
    assert totals[2020]["inhabitants_year"] == 2022
    # 2024: 1,122,735 + 4,702,602 + 2,266,041 + 9,538,023 (+ three zeros) = 17,629,401 -> 650.17
    assert totals[2024]["amount"] == 17629401
    assert totals[2024]["value"] == 650
    six_one = next(r for r in rows if r["taakveld"] == "6.1" and r["year"] == 2020)
    assert six_one["value"] == 60  # 1,639,235 / 27,115 = 60.46
    assert six_one["label"] == "6.1 Samenkracht en burgerparticipatie"


def test_the_shift_on_the_real_series(wassenaar, definition):
    shift = measures.shift(measures.expenditure(wassenaar.figures), definition)["rekening"]
    # 2020 has no individual-care taakveld in the file, so no share; 2024: 1,122,735
    # general against 0 individual (6.60, 6.711, 6.712 are 0) = 100 %; 2025: general
    # 3,739 + 3,435 + 2,108 + 46,780 = 56,062, individual 27 + 2,689 + 1,111 + 9 = 3,836
    # (6.60, 6.714, 6.753, 6.761 are 0): 56,062 / 59,898 = 93.596 % -> 93.6.
    assert [(p["year"], p["general"], p["individual"], p["share"]) for p in shift["points"]] == [
        (2024, 1122735, 0, 100.0),
        (2025, 56062, 3836, 93.6),
    ]
    assert shift["slope"] == -6.4 and shift["change"] == -6.4
    assert "daalde met 6,4 procentpunt" in shift["sentence"]


BUDGET_AND_ACCOUNTS = (
    "taakveld;Begroting 2023 lasten;Rekening 2023 lasten;"
    "Begroting 2024 lasten;Rekening 2024 lasten\n"
    "6.1;1.000.000;980.000;1.100.000;1.090.000\n"
    "6.3;2.000.000;2.300.000;2.000.000;2.050.000\n"
    "6.72;4.000.000;4.100.000;4.200.000;4.900.000\n"
    "inwoners;;25.000;;25.500\n"
)


def test_budget_against_accounts_names_the_overruns(definition):
    result = read_figures(BUDGET_AND_ACCOUNTS.encode(), "b.csv")
    assert result.errors == []
    assert {(i.year, i.count) for i in result.inhabitants} == {(2023, 25000), (2024, 25500)}
    budget = measures.budget_against_accounts(measures.expenditure(result.figures), definition)
    shares = {(r["taakveld"], r["year"]): (r["share"], r["overrun"]) for r in budget["rows"]}
    # 6.3 2023: +300,000 on 2,000,000 = +15.0 % (overrun, above 5 %); 6.72 2024:
    # +700,000 on 4,200,000 = +16.7 %; 6.72 2023: +100,000 / 4,000,000 = +2.5 % (not).
    assert shares[("6.3", 2023)] == (15.0, True)
    assert shares[("6.72", 2024)] == (16.7, True)
    assert shares[("6.72", 2023)] == (2.5, False)
    assert shares[("6.1", 2023)] == (-2.0, False)
    totals = {r["year"]: r["share"] for r in budget["totals"]}
    # 2023: 7,380,000 against 7,000,000 = +5.4 %; 2024: 8,040,000 against 7,300,000 = +10.1 %.
    assert totals == {2023: 5.4, 2024: 10.1}


def test_the_light_follows_the_latest_deviation(definition):
    result = read_figures(BUDGET_AND_ACCOUNTS.encode(), "b.csv")
    lasten = measures.expenditure(result.figures)
    light = measures.light(
        measures.budget_against_accounts(lasten, definition)["totals"], definition
    )
    assert light["colour"] == "red" and light["year"] == 2024  # 10.1 % >= 10 %
    assert "10,1% hoger dan de begroting" in light["reason"]


def test_growth_beside_the_population_served(definition):
    result = read_figures(BUDGET_AND_ACCOUNTS.encode(), "b.csv")
    inhabitants = {("all", 2023): 25000, ("all", 2024): 25500}
    rows = measures.growth(measures.expenditure(result.figures), inhabitants, definition)
    youth = next(r for r in rows if r["key"] == "serves:youth")
    # 6.72 in the accounts: 4,100,000 -> 4,900,000 = +19.5 %; no youth count, so all
    # inhabitants: 25,000 -> 25,500 = +2.0 %.
    assert (youth["growth"], youth["population_group"], youth["population_growth"]) == (
        19.5,
        "all",
        2.0,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("taakveld,jaar,soort,lasten,baten\n6.1,2024,begroting,100,5\n", 2),
        ("Taakveld;Jaar;Bedrag (x € 1.000)\n6.1;2024;12\n", 1),
    ],
)
def test_long_layouts(text, expected):
    result = read_figures(text.encode(), "f.csv", Defaults(document="rekening"))
    assert len(result.figures) == expected
    if "1.000" in text:
        assert result.figures[0].amount == Decimal(12000)


def test_bad_rows_get_a_reason_and_the_good_ones_stay():
    text = "taakveld;2023;2024\n6.1;100;200\nwelzijn;1;2\n6.3;abc;5\n6.1;7;8\n"
    result = read_figures(text.encode(), "f.csv", Defaults(document="rekening"))
    assert [f.amount for f in result.figures] == [Decimal(100), Decimal(200)]
    rows = {row for row, _message in result.errors}
    assert rows == {3, 4, 5}
    assert any("geen taakveldcode" in m for _r, m in result.errors)
    assert any("Dubbel met rij 2" in m for _r, m in result.errors)


def test_a_file_that_does_not_say_budget_or_accounts_is_refused_with_a_reason():
    with pytest.raises(TabularError, match="begroting of de jaarrekening"):
        read_figures(b"taakveld;2023\n6.1;100\n", "f.csv")


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"", "f.csv"), (b"taakveld\x00;2023\n", "f.csv"), (b"PK\x03\x04broken", "f.xlsx")],
)
def test_broken_files_are_refused(data, name):
    with pytest.raises(TabularError):
        read_figures(data, name, Defaults(document="rekening"))


def test_taakveld_codes_nest():
    assert taakvelden.within("6.711", "6.7") and taakvelden.within("6.60", "6.6")
    assert not taakvelden.within("16.1", "6") and taakvelden.within("6.1", "6")
    assert taakvelden.normalise("Taakveld 6,71 Maatwerk") == "6.71"
    assert taakvelden.normalise("welzijn") is None


def test_growth_per_taakveld_beside_the_inhabitants_it_serves(definition):
    result = read_figures(BUDGET_AND_ACCOUNTS.encode(), "b.csv")
    inhabitants = {
        ("all", 2023): 25000,
        ("all", 2024): 25500,
        ("youth", 2023): 5000,
        ("youth", 2024): 4900,
    }
    rows = {
        r["key"]: r
        for r in measures.growth(measures.expenditure(result.figures), inhabitants, definition)
    }
    # 6.3 in the accounts: 2,300,000 -> 2,050,000 = -10.9 %, beside all inhabitants +2.0 %.
    assert (rows["taakveld:6.3"]["growth"], rows["taakveld:6.3"]["population_group"]) == (
        -10.9,
        "all",
    )
    assert rows["taakveld:6.3"]["population_growth"] == 2.0
    # 6.72 (youth care) +19.5 % beside the young people it serves: 5,000 -> 4,900 = -2.0 %.
    youth = rows["taakveld:6.72"]
    assert (youth["growth"], youth["population_group"], youth["population_growth"]) == (
        19.5,
        "youth",
        -2.0,
    )
    assert youth["label"] == "6.72 Maatwerkdienstverlening 18-"
