"""CBS StatLine (OData v3): the URL asked, the answer read, and every way it can fail.

No network: answers come from hand-recorded bodies in ``data/`` (see data/README.md) and
a fake opener. Messages are checked in English (the msgids).
"""

import email.message
import io
import json
import urllib.error
from pathlib import Path

import pytest
from django.utils import translation

from thermometer.core import statline as cbs
from thermometer.core.periods import parse_period
from thermometer.core.statline import CbsError, build_url, fetch, normalise_region, parse

DATA = Path(__file__).resolve().parent / "data"
BASE = "https://opendata.cbs.nl/ODataApi/odata"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def recorded(name: str) -> bytes:
    return (DATA / name).read_bytes()


def payload(name: str) -> dict:
    return json.loads(recorded(name))


def values(points):
    return [(period.code, value) for period, value in points]


class FakeResponse:
    def __init__(self, body: bytes, status: int = 200):
        self.body, self.status = body, status

    def read(self, size: int = -1) -> bytes:
        return self.body if size < 0 else self.body[:size]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeOpener:
    """Answers in turn; an exception in the list is raised instead."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests = []

    def __call__(self, request, timeout):
        self.requests.append((request, timeout))
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, bytes):
            return FakeResponse(answer)
        return answer


def http_error(status: int, body: bytes = b"") -> urllib.error.HTTPError:
    return urllib.error.HTTPError(
        "https://opendata.cbs.nl/x", status, "error", email.message.Message(), io.BytesIO(body)
    )


# A table with a Perioden dimension, in the same OData shape. SYNTHETIC: the table id,
# measure key and values are made up (85318NED, the recorded table, has no periods).
SERIES = {
    "odata.metadata": f"{BASE}/00000NED/$metadata#Cbs.OData.WebAPI.TypedDataSet",
    "value": [
        {"RegioS": "GM0405  ", "Perioden": "2023JJ00", "Bijstandsuitkeringen_1": 2080},
        {"RegioS": "GM0405  ", "Perioden": "2021JJ00", "Bijstandsuitkeringen_1": 2250},
        {"RegioS": "GM0405  ", "Perioden": "2022JJ00", "Bijstandsuitkeringen_1": None},
        {"RegioS": "GM0406  ", "Perioden": "2023JJ00", "Bijstandsuitkeringen_1": 990},
        {"RegioS": "GM0405  ", "Perioden": "2024JJ00", "Bijstandsuitkeringen_1": 2010.0},
    ],
}


# URL -------------------------------------------------------------------------------------


def test_url_for_a_table_with_regions_and_periods():
    assert build_url("83765NED", "Bijstandsuitkeringen_1", "GM0405") == (
        f"{BASE}/83765NED/TypedDataSet?$filter=startswith(RegioS,'GM0405')"
        "&$select=RegioS,Perioden,Bijstandsuitkeringen_1"
    )


def test_url_for_kerncijfers_wijken_en_buurten():
    url = build_url(
        "85318NED", "WmoClienten_89", "GM0405", "WijkenEnBuurten", period_dimension=None
    )
    assert url == (
        f"{BASE}/85318NED/TypedDataSet?$filter=startswith(WijkenEnBuurten,'GM0405')"
        "&$select=WijkenEnBuurten,WmoClienten_89"
    )


def test_url_with_another_base_and_another_dimension():
    url = build_url(
        "83765NED",
        "Bijstandsuitkeringen_1",
        "0405",
        base="https://example.org/odata/",
        dimensions={"Geslacht": "T001038 "},
    )
    assert url == (
        "https://example.org/odata/83765NED/TypedDataSet?$filter=startswith(RegioS,'GM0405')"
        "%20and%20startswith(Geslacht,'T001038')"
        "&$select=RegioS,Perioden,Bijstandsuitkeringen_1,Geslacht"
    )


@pytest.mark.parametrize(
    ("code", "normal"),
    [
        ("GM0405", "GM0405"),
        (" gm0405 ", "GM0405"),
        ("405", "GM0405"),
        ("0405", "GM0405"),
        ("WK040500", "WK040500"),
        ("BU04050000", "BU04050000"),
        ("NL00", "NL00"),
    ],
)
def test_region_codes_are_normalised(code, normal):
    assert normalise_region(code) == normal


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("85318NED", "WmoClienten_89", "GM0405') or (1 eq 1"),
            "“GM0405') or (1 eq 1” is not a CBS region code such as GM0405.",
        ),
        (
            ("85318NED", "WmoClienten_89", "Hoorn"),
            "“Hoorn” is not a CBS region code such as GM0405.",
        ),
        (("85318NED", "WmoClienten_89", ""), "“” is not a CBS region code such as GM0405."),
        (("../etc", "WmoClienten_89", "GM0405"), "“../etc” is not a CBS table number."),
        (("85318NED", "Wmo Clienten", "GM0405"), "“Wmo Clienten” is not a CBS field key."),
        (("85318NED", "WmoClienten_89", "GM0405", "Regio's"), "“Regio's” is not a CBS field key."),
    ],
)
def test_what_cannot_be_asked_is_refused(args, message):
    with pytest.raises(CbsError) as error:
        build_url(*args)
    assert str(error.value) == message


def test_a_category_key_is_checked_too():
    with pytest.raises(CbsError) as error:
        build_url("83765NED", "X_1", "GM0405", dimensions={"Geslacht": "T0' or '1"})
    assert str(error.value) == "“T0' or '1” is not a CBS category key."


# Parsing ---------------------------------------------------------------------------------


def test_parse_the_recorded_kerncijfers_answer():
    answer = payload("cbs_85318NED_GM0405_WmoClienten_89.json")
    points = parse(answer, "WmoClienten_89", "GM0405", period_dimension=None, period="2022")
    assert values(points) == [("2022", 6135.0)]
    assert points[0][0] == parse_period("2022JJ00")


def test_parse_picks_the_padded_region_and_skips_the_others():
    answer = payload("cbs_85318NED_0405_zorg.json")

    def one(measure, region):
        return values(parse(answer, measure, region, period_dimension=None, period="2022"))

    assert one("PersonenPerSoortUitkeringBijstand_83", "GM0405") == [("2022", 2140.0)]
    assert one("PercentageJongerenMetJeugdzorg_88", "GM0405") == [("2022", 11.2)]
    assert one("WmoClientenRelatief_90", "WK040500") == [("2022", 97.0)]
    # BU05990405 contains "0405" but is a neighbourhood of another municipality.
    assert one("WmoClienten_89", "BU04050000") == [("2022", 240.0)]
    assert one("WmoClienten_89", "BU05990405") == [("2022", 415.0)]
    # Suppressed (null) values are left out.
    assert one("PercentageJongerenMetJeugdzorg_88", "BU04050000") == []
    assert one("WmoClienten_89", "WK040501") == []
    assert one("WmoClienten_89", "BU04050001") == []
    # A region not in the answer.
    assert one("WmoClienten_89", "GM0599") == []


def test_parse_finds_the_region_dimension_itself_or_is_told():
    answer = payload("cbs_85318NED_0405_zorg.json")
    told = parse(
        answer,
        "WmoClienten_89",
        "GM0405",
        region_dimension="WijkenEnBuurten",
        period_dimension=None,
        period="2022",
    )
    assert values(told) == [("2022", 6135.0)]
    with pytest.raises(CbsError) as error:
        parse(answer, "WmoClienten_89", "GM0405", region_dimension="RegioS", period="2022")
    assert str(error.value) == "The CBS response has no region column “RegioS”."


def test_parse_a_series_with_periods_sorted_without_nulls_and_other_regions():
    points = parse(SERIES, "Bijstandsuitkeringen_1", "GM0405")
    assert values(points) == [("2021", 2250.0), ("2023", 2080.0), ("2024", 2010.0)]
    assert all(isinstance(value, float) for _period, value in points)
    assert values(parse(SERIES, "Bijstandsuitkeringen_1", "GM0406")) == [("2023", 990.0)]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("2023KW03", "2023-Q3"), ("2023MM11", "2023-11"), ("2023HJ02", "2023-H2")],
)
def test_parse_quarters_months_and_half_years(code, expected):
    answer = {"value": [{"RegioS": "GM0405", "Perioden": code, "M_1": 1}]}
    assert values(parse(answer, "M_1", "GM0405")) == [(expected, 1.0)]


def test_parse_filters_another_dimension():
    answer = {
        "value": [
            {"RegioS": "GM0405", "Geslacht": "T001038", "Perioden": "2023JJ00", "M_1": 10},
            {"RegioS": "GM0405", "Geslacht": "3000   ", "Perioden": "2023JJ00", "M_1": 4},
            {"RegioS": "GM0405", "Geslacht": "4000   ", "Perioden": "2023JJ00", "M_1": 6},
        ]
    }
    assert values(parse(answer, "M_1", "GM0405", dimensions={"Geslacht": "3000"})) == [
        ("2023", 4.0)
    ]
    with pytest.raises(CbsError) as error:
        parse(answer, "M_1", "GM0405")
    assert str(error.value) == (
        "CBS gives more than one value for 2023. The table has another dimension; "
        "choose one of its categories."
    )


def test_parse_an_unknown_measure():
    answer = payload("cbs_85318NED_GM0405_WmoClienten_89.json")
    with pytest.raises(CbsError) as error:
        parse(answer, "WmoClientenRelatief_90", "GM0405", period="2022")
    assert str(error.value) == "The CBS table has no measure “WmoClientenRelatief_90”."


def test_parse_a_text_measure():
    answer = payload("cbs_85318NED_0405_zorg.json")
    with pytest.raises(CbsError) as error:
        parse(answer, "SoortRegio_2", "GM0405", period="2022")
    assert str(error.value) == "The CBS measure “SoortRegio_2” is not a number."


def test_parse_needs_a_period_for_a_table_without_periods():
    answer = payload("cbs_85318NED_GM0405_WmoClienten_89.json")
    with pytest.raises(CbsError) as error:
        parse(answer, "WmoClienten_89", "GM0405")
    assert str(error.value) == (
        "The CBS table has no period column “Perioden”; give the period the table "
        "covers (for example 2022)."
    )
    with pytest.raises(CbsError) as error:
        parse(answer, "WmoClienten_89", "GM0405", period="volgend jaar")
    assert "is not a period" in str(error.value)


@pytest.mark.parametrize("code", ["2020G200", "2019X000", "2022SJ00"])
def test_parse_refuses_other_cbs_period_kinds(code):
    answer = {"value": [{"RegioS": "GM0405", "Perioden": code, "M_1": 1}]}
    with pytest.raises(CbsError) as error:
        parse(answer, "M_1", "GM0405")
    assert str(error.value) == (
        f"The CBS period “{code}” is not a year, half year, quarter or month."
    )


@pytest.mark.parametrize("answer", [{}, {"value": None}, {"value": [1, 2]}, [], "value"])
def test_parse_refuses_what_is_no_table(answer):
    with pytest.raises(CbsError) as error:
        parse(answer, "M_1", "GM0405")
    assert str(error.value) == "The CBS response does not contain a table (“value” is missing)."


# Fetching --------------------------------------------------------------------------------


def test_fetch_asks_the_url_and_reads_the_answer():
    opener = FakeOpener(recorded("cbs_85318NED_GM0405_WmoClienten_89.json"))
    points = fetch(
        "85318NED",
        "WmoClienten_89",
        "GM0405",
        region_dimension="WijkenEnBuurten",
        period_dimension=None,
        period="2022",
        opener=opener,
        timeout=3,
    )
    assert values(points) == [("2022", 6135.0)]
    ((request, timeout),) = opener.requests
    assert request.full_url == build_url(
        "85318NED", "WmoClienten_89", "GM0405", "WijkenEnBuurten", period_dimension=None
    )
    assert request.get_header("Accept") == "application/json"
    assert timeout == 3


def test_fetch_with_the_defaults_of_the_services():
    opener = FakeOpener(json.dumps(SERIES).encode())
    points = fetch("00000NED", "Bijstandsuitkeringen_1", "GM0405", opener=opener)
    assert values(points) == [("2021", 2250.0), ("2023", 2080.0), ("2024", 2010.0)]
    assert opener.requests[0][1] == 10


def test_fetch_follows_cbs_next_links():
    first = {
        "value": SERIES["value"][:2],
        "odata.nextLink": f"{BASE}/00000NED/TypedDataSet?$skip=2",
    }
    second = {"value": SERIES["value"][2:]}
    opener = FakeOpener(json.dumps(first).encode(), json.dumps(second).encode())
    points = fetch("00000NED", "Bijstandsuitkeringen_1", "GM0405", opener=opener)
    assert values(points) == [("2021", 2250.0), ("2023", 2080.0), ("2024", 2010.0)]
    assert opener.requests[1][0].full_url == f"{BASE}/00000NED/TypedDataSet?$skip=2"


def test_fetch_does_not_follow_a_link_elsewhere():
    first = {"value": [], "odata.nextLink": "https://elsewhere.example/steal"}
    opener = FakeOpener(json.dumps(first).encode())
    with pytest.raises(CbsError) as error:
        fetch("00000NED", "M_1", "GM0405", opener=opener)
    assert str(error.value) == "CBS sent an unexpected follow-up address."
    assert len(opener.requests) == 1


def test_fetch_stops_after_too_many_pages(monkeypatch):
    monkeypatch.setattr(cbs, "MAX_PAGES", 2)
    page = json.dumps({"value": [], "odata.nextLink": f"{BASE}/00000NED/TypedDataSet?p"})
    opener = FakeOpener(page.encode(), page.encode(), page.encode())
    with pytest.raises(CbsError) as error:
        fetch("00000NED", "M_1", "GM0405", opener=opener)
    assert str(error.value) == "CBS sends more data than expected for one region."
    assert len(opener.requests) == 2


def test_fetch_an_unknown_measure_refused_by_cbs():
    opener = FakeOpener(http_error(400, recorded("cbs_error_400_unknown_property.json")))
    with pytest.raises(CbsError) as error:
        fetch("85318NED", "WmoKlanten_89", "GM0405", opener=opener)
    assert str(error.value) == (
        "CBS refused the request (HTTP 400). Check the table number, the measure "
        "“WmoKlanten_89” and the region dimension. (Could not find a property named "
        "'WmoKlanten_89' on type 'Cbs.OData.WebAPI.TypedDataSet'.)"
    )
    assert error.value.status == 400


def test_fetch_an_unknown_measure_missing_from_the_answer():
    opener = FakeOpener(recorded("cbs_85318NED_GM0405_WmoClienten_89.json"))
    with pytest.raises(CbsError) as error:
        fetch(
            "85318NED",
            "WmoClientenRelatief_90",
            "GM0405",
            opener=opener,
            region_dimension="WijkenEnBuurten",
            period_dimension=None,
            period="2022",
        )
    assert str(error.value) == "The CBS table has no measure “WmoClientenRelatief_90”."


def test_fetch_an_unknown_table():
    opener = FakeOpener(http_error(404, b"<html>Not Found</html>"))
    with pytest.raises(CbsError) as error:
        fetch("99999NED", "M_1", "GM0405", opener=opener)
    assert str(error.value) == "CBS does not know table “99999NED” (HTTP 404)."
    assert error.value.status == 404


def test_fetch_a_server_error():
    opener = FakeOpener(http_error(503))
    with pytest.raises(CbsError) as error:
        fetch("85318NED", "M_1", "GM0405", opener=opener)
    assert str(error.value) == "CBS answered with HTTP status 503 instead of data."


def test_fetch_another_status_than_200():
    opener = FakeOpener(FakeResponse(b"", status=204))
    with pytest.raises(CbsError) as error:
        fetch("85318NED", "M_1", "GM0405", opener=opener)
    assert str(error.value) == "CBS answered with HTTP status 204 instead of data."
    assert error.value.status == 204


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (
            urllib.error.URLError("[Errno -2] Name or service not known"),
            "[Errno -2] Name or service not known",
        ),
        (urllib.error.URLError(TimeoutError("timed out")), "no answer in time"),
        (TimeoutError("timed out"), "no answer in time"),
        (ConnectionResetError("Connection reset by peer"), "Connection reset by peer"),
    ],
)
def test_fetch_without_network(failure, reason):
    with pytest.raises(CbsError) as error:
        fetch("85318NED", "M_1", "GM0405", opener=FakeOpener(failure))
    assert str(error.value) == f"CBS open data cannot be reached ({reason}). Try again later."


@pytest.mark.parametrize("body", [b"<html>Onderhoud</html>", b"", b"\xff\xfe{", b'{"value": ['])
def test_fetch_invalid_json(body):
    with pytest.raises(CbsError) as error:
        fetch("85318NED", "M_1", "GM0405", opener=FakeOpener(body))
    assert str(error.value) == "CBS sent something other than valid JSON."


@pytest.mark.parametrize("body", [b"[]", b'{"odata.metadata": "x"}', b'{"value": {}}'])
def test_fetch_json_that_is_no_table(body):
    with pytest.raises(CbsError) as error:
        fetch("85318NED", "M_1", "GM0405", opener=FakeOpener(body))
    assert str(error.value) == "The CBS response does not contain a table (“value” is missing)."


def test_fetch_a_too_large_answer(monkeypatch):
    monkeypatch.setattr(cbs, "MAX_BYTES", 100)
    body = json.dumps({"value": [{"RegioS": "GM0405"}] * 20}).encode()
    with pytest.raises(CbsError) as error:
        fetch("85318NED", "M_1", "GM0405", opener=FakeOpener(body))
    assert str(error.value) == "CBS sends more data than expected for one region."


def test_fetch_a_bad_region_without_asking():
    opener = FakeOpener()
    with pytest.raises(CbsError):
        fetch("85318NED", "M_1", "Hoorn", opener=opener)
    assert opener.requests == []


def test_a_json_body_with_a_byte_order_mark_is_read():
    body = b"\xef\xbb\xbf" + json.dumps(SERIES).encode()
    points = fetch("00000NED", "Bijstandsuitkeringen_1", "GM0405", opener=FakeOpener(body))
    assert len(points) == 3
