"""CBS per-inhabitant reference figures: structure found from metadata, figures read, failures.

No network: answers come from the hand-written bodies in ``data/`` (see data/README.md),
served by a fake opener that records every URL asked. Messages are checked in English
(the msgids), with one check that the Dutch catalogue has them.
"""

import csv
import email.message
import io
import json
import urllib.error
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.utils import translation

from thermometer.core.statline import CbsError
from thermometer.finances import cbs_reference
from thermometer.finances.cbs_reference import (
    ACCOUNTS_TABLE,
    BUDGET_TABLE,
    Category,
    Reference,
    SizeClass,
    fetch_references,
    find_province,
    normalise_taakveld,
    parse_size_class,
    read_layout,
    size_class,
    taakveld_of,
)

DATA = Path(__file__).resolve().parent / "data"
BASE = "https://opendata.cbs.nl/ODataApi/odata"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


class FakeResponse:
    def __init__(self, body: bytes, status: int = 200):
        self.body, self.status = body, status

    def read(self, size: int = -1) -> bytes:
        return self.body if size < 0 else self.body[:size]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class RecordedCbs:
    """Serves ``cbs_{table}_{endpoint}.json``; ``answers`` overrides an endpoint."""

    def __init__(self, *, by_taakveld=False, **answers):
        self.answers, self.by_taakveld = answers, by_taakveld
        self.urls: list[str] = []
        self.filters: list[str] = []

    def __call__(self, request, timeout):
        assert request.get_header("Accept") == "application/json"
        self.urls.append(unquote(request.full_url))
        parts = urlsplit(request.full_url)
        table, endpoint = parts.path.split("/")[-2:]
        if "$filter" in parts.query:
            self.filters.append(unquote(parts.query))
        if "$skip=8" in parts.query:
            endpoint += "_skip8"
        answer = self.answers.get(endpoint)
        if isinstance(answer, BaseException):
            raise answer
        if answer is None:
            answer = (DATA / f"cbs_{table}_{endpoint}.json").read_bytes()
        if self.by_taakveld and endpoint.startswith("TypedDataSet"):
            answer = self.only_asked_taakvelden(answer)
        return FakeResponse(answer)

    def only_asked_taakvelden(self, answer: bytes) -> bytes:
        """As CBS does: the rows of the taakvelden the (last) filter asks for."""
        body = json.loads(answer)
        body["value"] = [
            row
            for row in body["value"]
            if f"(Taakvelden,'{row['Taakvelden']}')" in self.filters[-1]
        ]
        return json.dumps(body).encode()


def http_error(status: int, body: bytes = b"") -> urllib.error.HTTPError:
    return urllib.error.HTTPError(
        f"{BASE}/x", status, "error", email.message.Message(), io.BytesIO(body)
    )


def accounts(opener, **kwargs):
    arguments = {
        "document": "rekening",
        "taakvelden": ["6.1", "6.6", "6.82", "9.9"],
        "years": [2022, 2021, 2024],
        "province": "Zuid-Holland",
        "population": 26_500,
        "opener": opener,
    }
    return fetch_references(**{**arguments, **kwargs})


def table(figures):
    return {(f.region, f.taakveld, f.year, f.side): f.per_inhabitant for f in figures}


# --- size classes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "lower", "upper"),
    [
        (1, 0, 10_000),
        (9_999, 0, 10_000),
        (10_000, 10_000, 20_000),
        (26_500, 20_000, 50_000),
        (49_999, 20_000, 50_000),
        (50_000, 50_000, 100_000),
        (149_999, 100_000, 150_000),
        (299_999, 150_000, 300_000),
        (300_000, 300_000, None),
        (935_000, 300_000, None),
    ],
)
def test_size_class_of_a_population(population, lower, upper):
    assert size_class(population) == SizeClass(lower, upper)


def test_size_class_labels_in_dutch():
    with translation.override("nl"):
        assert size_class(26_500).label == "20.000 tot 50.000 inwoners"
        assert size_class(4_000).label == "minder dan 10.000 inwoners"
        assert size_class(400_000).label == "300.000 inwoners of meer"


@pytest.mark.parametrize("population", [0, -5, 2.5, "26500", True, None])
def test_size_class_refuses_what_is_no_population(population):
    with pytest.raises(CbsError, match="is not a number of inhabitants"):
        size_class(population)


@pytest.mark.parametrize(
    ("title", "bounds"),
    [
        ("20 000 tot 50 000 inwoners", (20_000, 50_000)),
        ("20\u2009000 tot 50\u2009000 inwoners", (20_000, 50_000)),
        ("20\u202f000 – 50\u202f000 inwoners", (20_000, 50_000)),
        ("Gemeenten met 20.000-50.000 inwoners", (20_000, 50_000)),
        ("100 000 tot 150 000", (100_000, 150_000)),
        ("10 000 tot en met 19 999 inwoners", (10_000, 20_000)),
        ("Minder dan 10 000 inwoners", (0, 10_000)),
        ("Gemeenten < 5\u202f000 inwoners", (0, 5_000)),
        ("tot 10 000 inwoners", (0, 10_000)),
        ("300 000 inwoners of meer", (300_000, None)),
        ("≥ 300 000 inwoners", (300_000, None)),
        ("300 000 en meer", (300_000, None)),
    ],
)
def test_size_class_titles_are_read(title, bounds):
    assert parse_size_class(title) == SizeClass(*bounds)


@pytest.mark.parametrize(
    "title", ["Totaal alle gemeenten", "Nederland", "Stedelijkheid 1", "Zuid-Holland (PV)", ""]
)
def test_other_titles_are_no_size_class(title):
    assert parse_size_class(title) is None


# --- taakvelden and provinces ---------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("6.1 Samenkracht en burgerparticipatie", "6.1"),
        ("Taakveld 6.1 Samenkracht en burgerparticipatie", "6.1"),
        ("taakveld 6.71: Maatwerkdienstverlening 18+", "6.71"),
        ("6.82 Geëscaleerde zorg 18-", "6.82"),
        ("0.10 Mutaties reserves", "0.10"),
        ("0.1 Bestuur", "0.1"),
        ("6 Sociaal domein", "6"),
        ("Totaal taakvelden", None),
        ("20 000 tot 50 000 inwoners", None),
        ("2022", None),
    ],
)
def test_taakveld_codes_are_read_from_titles(title, code):
    assert taakveld_of(title) == code


@pytest.mark.parametrize(
    ("code", "normal"), [("6.1", "6.1"), (" Taakveld 6.71 ", "6.71"), ("6,82", "6.82")]
)
def test_taakveld_codes_asked_are_normalised(code, normal):
    assert normalise_taakveld(code) == normal


@pytest.mark.parametrize("code", ["", "Wmo", "6.1.2", "123"])
def test_taakveld_codes_that_are_none_are_refused(code):
    with pytest.raises(CbsError, match="is not a taakveld code such as 6.1"):
        normalise_taakveld(code)


REGIONS = [
    Category("NL01", "Nederland"),
    Category("PV21", "Fryslân (PV)"),
    Category("PV26", "Utrecht (PV)"),
    Category("GM0344", "Utrecht"),
    Category("PV30", "Noord-Brabant (PV)"),
]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Fryslân", "PV21"),
        ("Friesland", "PV21"),
        ("fryslan", "PV21"),
        ("Provincie Friesland", "PV21"),
        ("Utrecht", "PV26"),
        ("Noord Brabant", "PV30"),
        ("pv30", "PV30"),
        ("Limburg", None),
        ("Wassenaar", None),
    ],
)
def test_provinces_are_found_by_name_or_code(name, key):
    found = find_province(REGIONS, name)
    assert (found.key if found else None) == key


def test_a_province_named_only_in_the_municipality_list_is_not_taken():
    assert find_province([Category("GM0344", "Utrecht")], "Utrecht") is None


# --- the recorded accounts table (size classes in a dimension of their own) -----------


def test_accounts_figures_from_the_recorded_answers():
    opener = RecordedCbs()
    result = accounts(opener)
    assert table(result.figures) == {
        ("size_class", "6.1", 2021, "lasten"): 78.12,
        ("size_class", "6.1", 2022, "lasten"): 81.55,
        ("size_class", "6.1", 2021, "baten"): 9.40,
        ("size_class", "6.1", 2022, "baten"): 10.02,
        ("size_class", "6.6", 2021, "lasten"): 120.30,
        ("size_class", "6.6", 2022, "lasten"): 131.08,
        ("size_class", "6.6", 2021, "baten"): 11.75,
        ("size_class", "6.6", 2022, "baten"): 12.90,
        ("size_class", "6.82", 2021, "lasten"): 35.64,
        ("size_class", "6.82", 2022, "lasten"): 38.21,
        ("size_class", "6.82", 2021, "baten"): 0.0,
        ("province", "6.1", 2021, "lasten"): 92.47,
        ("province", "6.1", 2022, "lasten"): 95.80,
        ("province", "6.1", 2021, "baten"): 14.33,
        ("province", "6.1", 2022, "baten"): 15.12,
        ("province", "6.6", 2021, "lasten"): 115.02,
        ("province", "6.6", 2022, "lasten"): 124.66,
        ("province", "6.6", 2021, "baten"): 10.48,
        ("province", "6.6", 2022, "baten"): 11.20,
        ("province", "6.82", 2022, "lasten"): 41.93,
        ("province", "6.82", 2022, "baten"): 1.07,
    }
    assert result.figures[0] == Reference(
        "size_class",
        "20.000 to 50.000 inhabitants",
        "6.1",
        2021,
        "rekening",
        "lasten",
        78.12,
        ACCOUNTS_TABLE,
    )
    assert {f.region_label for f in result.figures if f.region == "province"} == {"Zuid-Holland"}
    assert result.notes == [
        "CBS table 84413NED has no figures for taakveld 9.9.",
        "CBS table 84413NED has no figures for 2024 (yet).",
        "CBS gives no income per inhabitant for taakveld 6.82 in 2022 "
        "(20.000 to 50.000 inhabitants).",
        "CBS gives no expenditure per inhabitant for taakveld 6.82 in 2021 (Zuid-Holland).",
        "CBS gives no income per inhabitant for taakveld 6.82 in 2021 (Zuid-Holland).",
    ]


def test_accounts_asks_the_metadata_then_only_the_wanted_keys_and_follows_the_next_link():
    opener = RecordedCbs()
    accounts(opener)
    assert opener.urls == [
        f"{BASE}/84413NED/DataProperties",
        f"{BASE}/84413NED/Taakvelden",
        f"{BASE}/84413NED/Gemeentegrootteklasse",
        f"{BASE}/84413NED/RegioS",
        f"{BASE}/84413NED/Perioden",
        f"{BASE}/84413NED/TypedDataSet?$filter="
        "(startswith(Taakvelden,'A047019') or startswith(Taakvelden,'A047022') "
        "or startswith(Taakvelden,'A047026')) "
        "and (startswith(Perioden,'2021JJ00') or startswith(Perioden,'2022JJ00')) "
        "and (startswith(RegioS,'NL01') or startswith(RegioS,'PV28')) "
        "and (startswith(Gemeentegrootteklasse,'A041603') "
        "or startswith(Gemeentegrootteklasse,'T001019'))"
        "&$select=Taakvelden,Perioden,RegioS,Gemeentegrootteklasse,"
        "LastenPerInwoner_4,BatenPerInwoner_3",
        f"{BASE}/84413NED/TypedDataSet?$skip=8",
    ]


def test_notes_are_in_dutch():
    with translation.override("nl"):
        result = accounts(RecordedCbs())
    assert result.notes == [
        "CBS-tabel 84413NED heeft geen cijfers voor taakveld 9.9.",
        "CBS-tabel 84413NED heeft (nog) geen cijfers voor 2024.",
        "Het CBS geeft geen baten per inwoner voor taakveld 6.82 in 2022 "
        "(20.000 tot 50.000 inwoners).",
        "Het CBS geeft geen lasten per inwoner voor taakveld 6.82 in 2021 (Zuid-Holland).",
        "Het CBS geeft geen baten per inwoner voor taakveld 6.82 in 2021 (Zuid-Holland).",
    ]
    assert result.figures[0].region_label == "20.000 tot 50.000 inwoners"


def test_long_lists_of_taakvelden_are_spread_over_several_requests(monkeypatch):
    in_one_request = table(accounts(RecordedCbs(), taakvelden=["6.1", "6.6", "6.82"]).figures)
    monkeypatch.setattr(cbs_reference, "MAX_URL_LENGTH", 520)
    opener = RecordedCbs(by_taakveld=True)
    result = accounts(opener, taakvelden=["6.1", "6.6", "6.82"])
    data_urls = [url for url in opener.urls if "$filter" in url]
    assert len(data_urls) == 2
    assert all(len(url) <= 520 for url in data_urls)
    assert "'A047019') or startswith(Taakvelden,'A047022')" in data_urls[0]
    assert "(startswith(Taakvelden,'A047026')) and" not in data_urls[1]
    assert "$filter=startswith(Taakvelden,'A047026') and" in data_urls[1]
    assert table(result.figures) == in_one_request


def test_a_province_or_size_class_cbs_lacks_is_a_note():
    opener = RecordedCbs()
    result = accounts(opener, province="Vlaams-Brabant")
    assert {f.region for f in result.figures} == {"size_class"}
    assert "CBS table 84413NED has no province “Vlaams-Brabant”." in result.notes
    assert (
        " and startswith(RegioS,'NL01') and startswith(Gemeentegrootteklasse,'A041603')&"
        in opener.urls[-2]
    )


def test_nothing_cbs_has_asks_no_data():
    opener = RecordedCbs()
    result = accounts(opener, taakvelden=["9.9"], years=[2030])
    assert result.figures == []
    assert result.notes == [
        "CBS table 84413NED has no figures for taakveld 9.9.",
        "CBS table 84413NED has no figures for 2030 (yet).",
    ]
    assert not any("TypedDataSet" in url for url in opener.urls)


def test_nothing_asked_asks_nothing():
    opener = RecordedCbs()
    assert accounts(opener, taakvelden=[]).figures == []
    assert opener.urls == []


# --- the recorded budget table (size classes within the region dimension) -------------


def test_budget_figures_from_the_recorded_answers():
    opener = RecordedCbs()
    result = fetch_references(
        document="begroting",
        taakvelden=["6.1", "Taakveld 6.71"],
        years=[2023, 2024],
        province="Fryslân",
        population=4_200,
        opener=opener,
    )
    assert table(result.figures) == {
        ("size_class", "6.1", 2023, "lasten"): 104.0,
        ("size_class", "6.1", 2024, "lasten"): 110.0,
        ("size_class", "6.1", 2023, "baten"): 21.0,
        ("size_class", "6.1", 2024, "baten"): 23.0,
        ("size_class", "6.71", 2023, "lasten"): 187.0,
        ("size_class", "6.71", 2024, "lasten"): 196.0,
        ("size_class", "6.71", 2023, "baten"): 2.0,
        ("province", "6.1", 2023, "lasten"): 96.0,
        ("province", "6.1", 2024, "lasten"): 99.0,
        ("province", "6.1", 2023, "baten"): 17.0,
        ("province", "6.1", 2024, "baten"): 18.0,
        ("province", "6.71", 2023, "lasten"): 201.0,
        ("province", "6.71", 2024, "lasten"): 214.0,
        ("province", "6.71", 2023, "baten"): 4.0,
        ("province", "6.71", 2024, "baten"): 5.0,
    }
    # The table has "< 5 000" beside "5 000 – 10 000": the narrowest class is taken.
    assert {f.region_label for f in result.figures} == {"fewer than 5.000 inhabitants", "Friesland"}
    assert {f.table for f in result.figures} == {BUDGET_TABLE}
    assert result.notes == [
        "CBS gives no income per inhabitant for taakveld 6.71 in 2024 "
        "(fewer than 5.000 inhabitants)."
    ]
    assert opener.urls[-1] == (
        f"{BASE}/83641NED/TypedDataSet?$filter="
        "(startswith(Taakvelden,'T001202') or startswith(Taakvelden,'T001206')) "
        "and (startswith(Perioden,'2023JJ00') or startswith(Perioden,'2024JJ00')) "
        "and (startswith(RegioS,'GK0001') or startswith(RegioS,'PV21'))"
        "&$select=Taakvelden,Perioden,RegioS,LastenPerInwoner_4,BatenPerInwoner_2"
    )


# --- other layouts, read from metadata alone -------------------------------------------


def metadata(properties, dimensions):
    return {
        "table": "99999NED",
        "properties": properties,
        "dimensions": {
            key: cbs_reference.Dimension(key, kind, [Category(k, t) for k, t in categories])
            for key, (kind, categories) in dimensions.items()
        },
    }


BASIC_DIMENSIONS = {
    "Taakvelden": ("Dimension", [("T1", "6.1 Samenkracht en burgerparticipatie")]),
    "RegioS": ("GeoDimension", [("NL01", "Nederland"), ("PV28", "Zuid-Holland")]),
    "Perioden": ("TimeDimension", [("2022JJ00", "2022")]),
}


def topic(key, title, unit="euro", parent=None):
    return {
        "ID": key,
        "Type": "Topic",
        "Key": key,
        "Title": title,
        "Unit": unit,
        "ParentID": parent,
    }


def test_a_side_dimension_with_one_per_inhabitant_topic():
    layout = read_layout(
        metadata(
            [topic("Bedrag_1", "Bedrag", "mln euro"), topic("PerInwoner_2", "Per inwoner")],
            {
                **BASIC_DIMENSIONS,
                "BatenEnLasten": (
                    "Dimension",
                    [("A1", "Baten"), ("A2", "Lasten"), ("A3", "Saldo")],
                ),
                "Bron": ("Dimension", [("B0", "Totaal bronnen"), ("B1", "Begroting")]),
            },
        )
    )
    assert layout.topics == {
        "lasten": ("PerInwoner_2", ("BatenEnLasten", "A2")),
        "baten": ("PerInwoner_2", ("BatenEnLasten", "A1")),
    }
    assert layout.fixed == {"Bron": "B0"}


def test_a_topic_with_euro_per_inhabitant_as_its_unit():
    layout = read_layout(
        metadata(
            [
                topic("Lasten_1", "Lasten", "euro per inwoner"),
                topic("Baten_2", "Baten", "mln euro"),
            ],
            BASIC_DIMENSIONS,
        )
    )
    assert layout.topics == {"lasten": ("Lasten_1", None)}


def test_a_table_without_a_total_in_another_dimension_is_refused():
    with pytest.raises(CbsError, match="has a dimension “Bron” without a total"):
        read_layout(
            metadata(
                [topic("L", "Lasten per inwoner")],
                {**BASIC_DIMENSIONS, "Bron": ("Dimension", [("B1", "Begroting"), ("B2", "Rek")])},
            )
        )


def test_a_table_without_per_inhabitant_topics_is_refused():
    with pytest.raises(CbsError, match="has no baten or lasten per inhabitant"):
        read_layout(metadata([topic("L", "Lasten", "mln euro")], BASIC_DIMENSIONS))


def test_a_table_without_taakvelden_is_refused():
    dimensions = {**BASIC_DIMENSIONS, "Taakvelden": ("Dimension", [("T0", "Totaal")])}
    with pytest.raises(CbsError, match="does not have the expected structure"):
        read_layout(metadata([topic("L", "Lasten per inwoner")], dimensions))


def test_a_missing_side_is_a_note():
    answer = json.loads((DATA / "cbs_84413NED_DataProperties.json").read_bytes())
    answer["value"] = [e for e in answer["value"] if e["Key"] != "BatenPerInwoner_3"]
    result = accounts(RecordedCbs(DataProperties=json.dumps(answer).encode()))
    assert {f.side for f in result.figures} == {"lasten"}
    assert "CBS table 84413NED has no income per inhabitant." in result.notes


# --- failures ---------------------------------------------------------------------------


def test_an_unknown_table():
    with pytest.raises(CbsError) as error:
        accounts(RecordedCbs(DataProperties=http_error(404, b"<html>Not Found</html>")))
    assert str(error.value) == "CBS does not know table “84413NED” (HTTP 404)."
    assert error.value.status == 404


def test_a_refused_filter():
    body = (DATA / "cbs_error_400_filter.json").read_bytes()
    with pytest.raises(CbsError) as error:
        accounts(RecordedCbs(TypedDataSet=http_error(400, body)))
    assert error.value.status == 400
    assert "Could not find a property named 'Taakvelden'" in str(error.value)


ROW_WITHOUT_BATEN = json.dumps(
    {
        "value": [
            {
                "Taakvelden": "A047019",
                "Perioden": "2022JJ00",
                "RegioS": "NL01",
                "Gemeentegrootteklasse": "A041603",
                "LastenPerInwoner_4": 81.55,
            }
        ]
    }
).encode()


@pytest.mark.parametrize(
    ("endpoint", "answer", "message"),
    [
        ("DataProperties", b"<html>onderhoud</html>", "CBS sent something other than valid JSON."),
        ("RegioS", b'{"value": [{"Key": 1}]}', "unreadable list of categories for “RegioS”"),
        ("Perioden", b'{"odata.metadata": "x"}', "does not contain a table"),
        ("TypedDataSet", b'{"value": [{"Taakvelden": "A047019"}]}', "has no column “Perioden”"),
        ("TypedDataSet", ROW_WITHOUT_BATEN, "has no measure “BatenPerInwoner_3”"),
    ],
)
def test_garbage_answers(endpoint, answer, message):
    with pytest.raises(CbsError, match=message):
        accounts(RecordedCbs(**{endpoint: answer}))


def test_a_text_where_a_number_belongs():
    answer = json.loads((DATA / "cbs_84413NED_TypedDataSet.json").read_bytes())
    answer["value"][0]["LastenPerInwoner_4"] = "78,12"
    with pytest.raises(CbsError, match="“LastenPerInwoner_4” is not a number"):
        accounts(RecordedCbs(TypedDataSet=json.dumps(answer).encode()))


def test_a_next_link_elsewhere_is_not_followed():
    answer = json.loads((DATA / "cbs_84413NED_TypedDataSet.json").read_bytes())
    answer["odata.nextLink"] = "https://example.org/steal"
    with pytest.raises(CbsError, match="unexpected follow-up address"):
        accounts(RecordedCbs(TypedDataSet=json.dumps(answer).encode()))


def test_a_network_failure():
    with pytest.raises(CbsError, match="CBS open data cannot be reached"):
        accounts(RecordedCbs(DataProperties=urllib.error.URLError("Name or service not known")))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"document": "jaarverslag"}, "is not begroting or rekening"),
        ({"years": ["2022"]}, "is not a year"),
        ({"province": " "}, "Give the province"),
        ({"population": 0}, "is not a number of inhabitants"),
        ({"taakvelden": ["Wmo"]}, "is not a taakveld code"),
    ],
)
def test_what_cannot_be_asked_is_refused_before_any_request(kwargs, message):
    opener = RecordedCbs()
    with pytest.raises(CbsError, match=message):
        accounts(opener, **kwargs)
    assert opener.urls == []


@pytest.mark.parametrize("table_number", [ACCOUNTS_TABLE, BUDGET_TABLE])
def test_every_province_of_the_municipality_list_is_found(table_number):
    """The province names the product keeps (municipalities_2026.csv) against CBS titles."""
    listed = Path(__file__).resolve().parents[2] / "municipalities/data/municipalities_2026.csv"
    with listed.open(encoding="utf-8") as handle:
        provinces = {row["province"] for row in csv.DictReader(handle)}
    regions = json.loads((DATA / f"cbs_{table_number}_RegioS.json").read_bytes())["value"]
    categories = [Category(row["Key"].strip(), row["Title"]) for row in regions]
    found = {name: find_province(categories, name) for name in provinces}
    assert len(provinces) == 12
    assert all(category and category.key.startswith("PV") for category in found.values())
    assert len({category.key for category in found.values()}) == 12
