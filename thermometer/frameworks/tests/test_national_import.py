"""National indicator files: one row per municipality, own values and peers, and the
codes of merged municipalities mapped to their successor (or refused when several rows
end at one municipality). Messages are checked in English (the msgids)."""

import codecs
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from thermometer.audit.models import AuditEvent
from thermometer.frameworks import services
from thermometer.frameworks.models import FrameworkItem, Measurement, PeerValue
from thermometer.frameworks.national_import import OWN, PEER, SKIPPED, read_national
from thermometer.testing import factories

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "open_data"
WMO_2020 = SHARED / "cbs_wmo_clienten_gebruik_wlz_gemeente_2020.csv"
needs_shared = pytest.mark.skipif(not WMO_2020.exists(), reason="shared data not present")


@dataclass(frozen=True)
class Ind:
    name: str
    frequency: str = "yearly"

    def __str__(self):
        return self.name


WLZ = Ind("Wmo-cliënten met Wlz, 85+")
CLIENTS = Ind("Wmo-cliënten")
RATE = Ind("Wmo-cliënten per 1.000 inwoners")
LOOKUP = {CLIENTS.name.lower(): CLIENTS, RATE.name.lower(): RATE, "wmoclienten_89": CLIENTS}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def national(data, filename="landelijk.csv", own="GM0363", **kwargs):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return read_national(data, filename, LOOKUP, own, **kwargs)


def by_row(report):
    return {(o.row, str(o.indicator)): o for o in report.outcomes}


# The real CBS file -------------------------------------------------------------------


@needs_shared
def test_the_real_cbs_file_by_name_with_age_groups():
    data = WMO_2020.read_bytes()
    with pytest.raises(ValueError, match="The file holds 4 series"):
        national(data, indicator=WLZ, period="2020")
    with pytest.raises(ValueError, match="no period column"):
        national(data, indicator=WLZ, series="Leeftijd: 85 jaar of ouder")
    report = national(data, indicator=WLZ, series="Leeftijd: 85 jaar of ouder", period="2020")
    assert len(report.outcomes) == 355 and report.other_series == 3 * 355
    (own,) = report.own
    assert (own.name, own.code, own.value, own.period.code) == ("Amsterdam", "GM0363", 3000, "2020")
    assert "Weesp joined on 24 March 2022" in own.warning  # Amsterdam grew after 2020
    assert len(report.peers) == 314 and len(report.skipped) == 40
    rows = {o.municipality: o for o in report.outcomes}
    # Three of the five that became Land van Cuijk have a value: none is kept.
    for name in ("Cuijk", "Grave", "Mill en Sint Hubert"):
        assert rows[name].status == SKIPPED and "all stand for Land van Cuijk" in rows[name].reason
    assert rows["Beemster"].status == rows["Purmerend"].status == SKIPPED  # Beemster joined
    assert "split over Boxtel, Oisterwijk, Tilburg, Vught" in rows["Haaren"].reason
    assert rows["Weesp"].reason == "No value (empty cell)."
    # Loppersum alone of the three Eemsdelta municipalities has a value: mapped, warned.
    loppersum = rows["Loppersum"]
    assert (loppersum.status, loppersum.code, loppersum.mapped_from) == (
        PEER,
        "GM1979",
        "GM0024 Loppersum",
    )
    assert "merged into Eemsdelta on 1 January 2021" in loppersum.warning
    assert rows["'s-Gravenhage (gemeente)"].code == "GM0518"
    assert (rows["Groningen (gemeente)"].code, rows["Groningen (gemeente)"].status) == (
        "GM0014",
        PEER,
    )


# Files built to the formats ----------------------------------------------------------


def test_cbs_style_csv_with_bom_padding_dots_and_merged_codes():
    text = (
        '"Gemeentecode";"Perioden";"Wmo-cliënten";"Wmo-cliënten per 1.000 inwoners"\r\n'
        '"GM0363  ";"2021JJ00";"  61250";" 70,1"\r\n'
        '"GM0457  ";"2021JJ00";"1320";"."\r\n'
        '"GM0003  ";"2020JJ00";"1200";"98,0"\r\n'
        '"GM0010  ";"2020JJ00";"2100";"101,5"\r\n'
        '"NL01    ";"2021JJ00";"1450000";"81,2"\r\n'
        '"PV27    ";"2021JJ00";"400000";"80,0"\r\n'
        '"GM9999  ";"2021JJ00";"5";"5"\r\n'
        '"GM0788  ";"2020JJ00";"300";"20,0"\r\n'
        '"GM0014  ";"2021JJ00";"";"x"\r\n'
    )
    report = national(codecs.BOM_UTF8 + text.encode("utf-8"))
    rows = by_row(report)
    assert rows[(2, CLIENTS.name)].status == SKIPPED  # Amsterdam and Weesp in one year
    assert (
        "Rows 2, 3 (GM0363, GM0457) all stand for Amsterdam in 2021"
        in rows[(2, CLIENTS.name)].reason
    )
    assert rows[(2, RATE.name)].status == OWN and rows[(2, RATE.name)].value == 70.1
    assert rows[(3, RATE.name)].reason == "No value (“.”)."
    assert rows[(4, CLIENTS.name)].status == rows[(5, CLIENTS.name)].status == SKIPPED
    assert rows[(6, CLIENTS.name)].reason == "“NL01” is not a municipality."
    assert rows[(7, CLIENTS.name)].reason == "“PV27” is not a municipality."
    assert "successor is unknown" in rows[(8, CLIENTS.name)].reason
    assert "Haaren was split" in rows[(9, CLIENTS.name)].reason
    assert rows[(10, CLIENTS.name)].reason == "No value (empty cell)."
    assert rows[(10, RATE.name)].reason == "No value (“x”)."
    assert report.own == [rows[(2, RATE.name)]]
    assert report.peers == [] and report.mapped == []


def test_a_lone_predecessor_is_mapped_with_a_warning():
    report = national("gemeente;jaar;Wmo-cliënten\nWeesp;2021;1320\nAlkmaar;2021;4100\n")
    weesp, alkmaar = report.outcomes
    assert (weesp.status, weesp.code, weesp.mapped_from) == (OWN, "GM0363", "GM0457 Weesp")
    assert "Weesp merged into Amsterdam on 24 March 2022" in weesp.warning
    assert (alkmaar.status, alkmaar.code, alkmaar.warning) == (PEER, "GM0361", "")
    assert report.mapped == [weesp]


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_one_column_per_period():
    data = xlsx(
        [
            ["Bron: CBS", None, None, None],
            [],
            ["gemeentecode", "gemeentenaam", 2022, "2023"],
            ["GM0363", "Amsterdam", 61000, 62500.5],
            ["GM1992", "Voorne aan Zee", ".", 1800],
            ["GM0501", "Brielle", 500, None],
        ]
    )
    with pytest.raises(ValueError, match="No column of the file has the name of an indicator"):
        national(data, "per_jaar.xlsx")
    report = national(data, "per_jaar.xlsx", indicator=CLIENTS)
    assert [(o.code, o.period.code, o.value) for o in report.own] == [
        ("GM0363", "2022", 61000),
        ("GM0363", "2023", 62500.5),
    ]
    assert [(o.code, o.period.code) for o in report.peers] == [
        ("GM1992", "2023"),
        ("GM1992", "2022"),  # Brielle in 2022, before Voorne aan Zee existed: mapped
    ]
    assert report.mapped[0].mapped_from == "GM0501 Brielle"
    assert report.skipped[0].reason == "No value (“.”)."


def test_cbs_measure_key_and_a_period_of_the_wrong_kind():
    text = "ID;RegioS;Perioden;WmoClienten_89\n0;GM0363;2022JJ00;6135\n1;GM0361;2022KW01;10\n"
    report = national(text, expected_kind=lambda indicator: "year")
    assert report.chosen == {"WmoClienten_89": CLIENTS}
    own, peer = report.outcomes
    assert own.status == OWN and own.value == 6135
    assert peer.status == SKIPPED and "is measured per year" in peer.reason


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\x00\x01\x02", "is not a CSV or XLSX file"),
        ("jaar;waarde\n2020;3\n", "No column with the municipality"),
        ("gemeente;toelichting\nAmsterdam;hoog\n", "No column with numbers"),
        ("gemeente;2020\n", "only the header row"),
        (b"PK\x03\x04broken", "cannot be read"),
    ],
)
def test_broken_files_are_refused_with_a_reason(data, message):
    if isinstance(data, str):
        data = data.encode()
    with pytest.raises(ValueError, match=message):
        national(data, "x.xlsx" if data.startswith(b"PK") else "x.csv", indicator=CLIENTS)


# Stored through the service, the command and the web page -----------------------------

INDICATOR = {
    "name": "Wmo-cliënten",
    "definition": "Aantal Wmo-cliënten",
    "unit": "",
    "source": "own_registration",
    "norm": None,
    "direction": "at_most",
    "frequency": "yearly",
}
CSV = (
    b"gemeente;jaar;aantal\n"
    b"Amsterdam;2021;61250\n"
    b"Alkmaar;2021;4100\n"
    b"Appingedam;2020;1200\n"
    b"Delfzijl;2020;2100\n"
    b"Utrecht;2021;.\n"
)


@pytest.fixture
def amsterdam(lead, organisation):
    scan = factories.make_scan(
        lead=lead,
        organisation=organisation,
        method="raad_in_positie",
        title="Raad Amsterdam",
        municipality_code="GM0363",
    )
    value = FrameworkItem.objects.create(scan=scan, level="value", text="V")
    result = FrameworkItem.objects.create(scan=scan, level="result", text="R", parent=value)
    criterion = FrameworkItem.objects.create(scan=scan, level="criterion", text="C", parent=result)
    return services.add_indicator(criterion, INDICATOR, user=lead)


def test_service_stores_own_and_peers_and_the_monitoring_shows_them(amsterdam, lead):
    scan = amsterdam.criterion.scan
    preview = services.import_national(
        scan, CSV, "landelijk.csv", user=lead, indicator=amsterdam, store=False
    )
    assert (len(preview.own), len(preview.peers), len(preview.skipped)) == (1, 1, 3)
    assert not Measurement.objects.exists() and not PeerValue.objects.exists()
    services.import_national(scan, CSV, "landelijk.csv", user=lead, indicator=amsterdam)
    (own,) = Measurement.objects.all()
    assert (own.period, float(own.value), own.origin) == ("2021", 61250.0, "import")
    (peer,) = PeerValue.objects.all()
    assert (peer.municipality_code, peer.municipality_name, float(peer.value)) == (
        "GM0361",
        "Alkmaar",
        4100.0,
    )
    assert AuditEvent.objects.filter(event="national_indicators_imported").count() == 1
    (row,) = services.monitoring(scan)
    assert row["peers"]["count"] == 1 and row["peers"]["rank"] == 1 and row["peers"]["of"] == 2


def test_nothing_is_stored_when_nothing_can_be(amsterdam, lead):
    scan = amsterdam.criterion.scan
    only_conflicts = b"gemeente;jaar;aantal\nAppingedam;2020;1\nDelfzijl;2020;2\n"
    with pytest.raises(services.FrameworkError, match="Nothing was imported"):
        services.import_national(scan, only_conflicts, "x.csv", user=lead, indicator=amsterdam)
    assert not PeerValue.objects.exists()
    assert not AuditEvent.objects.filter(event="national_indicators_imported").exists()


def test_the_command_prints_the_report_and_fails_when_nothing_is_imported(
    amsterdam, lead, tmp_path
):
    scan = amsterdam.criterion.scan
    path = tmp_path / "landelijk.csv"
    path.write_bytes(CSV)
    out = io.StringIO()
    call_command("import_indicators", scan.slug, str(path), indicator="Wmo-cliënten", stdout=out)
    text = out.getvalue()
    assert "Kept: 1; peers: 1; mapped to a successor: 0; skipped: 3" in text
    assert "Skipped, row 4 (Appingedam): Rows 4, 5 (Appingedam, Delfzijl)" in text
    assert "Skipped, row 6 (Utrecht): No value (“.”)." in text
    assert PeerValue.objects.count() == 1
    path.write_bytes(b"gemeente;jaar;aantal\nAppingedam;2020;1\nDelfzijl;2020;2\n")
    with pytest.raises(CommandError, match="Nothing in this file can be imported"):
        call_command("import_indicators", scan.slug, str(path), indicator="Wmo-cliënten")
    with pytest.raises(CommandError, match="no indicator “onbekend”"):
        call_command("import_indicators", scan.slug, str(path), indicator="onbekend")


def test_the_web_page_previews_then_imports(amsterdam, lead_client):
    scan = amsterdam.criterion.scan
    url = reverse("frameworks:national_import", kwargs={"slug": scan.slug})
    upload = io.BytesIO(CSV)
    upload.name = "landelijk.csv"
    response = lead_client.post(url, {"file": upload, "indicator": str(amsterdam.uuid)})
    assert response.status_code == 200
    page = response.content.decode()
    report = response.context["report"]
    assert "Alkmaar" in page and "Appingedam" in page and len(report.skipped) == 3
    assert not Measurement.objects.exists()
    pending = response.context["pending"]
    response = lead_client.post(url, {"pending": pending})
    assert response.status_code == 302
    assert Measurement.objects.count() == 1 and PeerValue.objects.count() == 1
    again = lead_client.post(url, {"pending": pending})  # a preview is used once
    assert again.status_code == 302 and Measurement.objects.count() == 1
    broken = io.BytesIO(b"\x00\x01")
    broken.name = "kapot.csv"
    response = lead_client.post(url, {"file": broken})
    (error,) = response.context["form"].non_field_errors()
    assert (
        response.status_code == 200 and "kapot.csv" in error and "pending" not in response.context
    )
    monitoring = lead_client.get(reverse("frameworks:monitoring", kwargs={"slug": scan.slug}))
    (row,) = monitoring.context["rows"]
    assert row["peers"]["median"] in monitoring.content.decode()  # Alkmaar's 4100 beside it


@needs_shared
def test_the_real_cbs_file_is_stored_in_a_few_statements_and_again_replaces_it(
    amsterdam, lead, django_assert_max_num_queries
):
    scan = amsterdam.criterion.scan
    data = WMO_2020.read_bytes()
    options = {"indicator": amsterdam, "series": "Leeftijd: 85 jaar of ouder", "period": "2020"}
    # 314 peers and the own value: a statement per 500 rows, not a read and write per row.
    with django_assert_max_num_queries(40):
        services.import_national(scan, data, "wmo.csv", user=lead, **options)
    assert PeerValue.objects.count() == 314 and Measurement.objects.count() == 1
    alkmaar = PeerValue.objects.get(municipality_code="GM0361")
    PeerValue.objects.filter(pk=alkmaar.pk).update(value=0, note="oud")
    services.import_national(scan, data, "wmo-opnieuw.csv", user=lead, **options)
    assert PeerValue.objects.count() == 314 and Measurement.objects.count() == 1
    again = PeerValue.objects.get(pk=alkmaar.pk)  # the same row, its value back from the file
    assert again.value == alkmaar.value and again.source == "wmo-opnieuw.csv"
