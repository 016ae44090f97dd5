"""The finances page: preview before anything is kept, confirm once, who may see it, and the
command on the same code path."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from thermometer.audit.models import AuditEvent
from thermometer.finances import services
from thermometer.finances.models import FinancialFigure, Inhabitants, ReferenceFigure
from thermometer.finances.reading import read_figures
from thermometer.finances.tests.test_cbs_reference import RecordedCbs
from thermometer.findings import services as findings
from thermometer.findings.models import Evidence
from thermometer.reports.narrative import finding_prose
from thermometer.testing import factories

WASSENAAR = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "data"
    / "open_data"
    / "wassenaar_taakveld_lasten_2020_2025.csv"
)
FILE = (
    b"taakveld;Begroting 2024 lasten;Rekening 2024 lasten\n"
    b"6.1;1.000.000;1.080.000\n6.72;4.000.000;4.100.000\nwelzijn;1;2\ninwoners;;25.000\n"
)


def _upload(client, scan, data=FILE, name="iv3.csv", **fields):
    return client.post(
        reverse("finances:import", kwargs={"slug": scan.slug}),
        {"file": SimpleUploadedFile(name, data), "side": "lasten", **fields},
    )


@pytest.mark.django_db
def test_a_file_is_previewed_and_kept_only_on_confirmation(lead_client, scan):
    response = _upload(lead_client, scan)
    assert response.status_code == 200
    page = response.content.decode()
    assert "6.72 Maatwerkdienstverlening 18-" in page
    assert "welzijn" in page  # the refused row, with its reason
    assert FinancialFigure.objects.count() == 0  # nothing kept yet
    key = response.context["key"]
    confirm = reverse("finances:import_confirm", kwargs={"slug": scan.slug})
    lead_client.post(confirm, {"key": key})
    assert FinancialFigure.objects.filter(scan=scan).count() == 4
    assert Inhabitants.objects.get(scan=scan, year=2024).count == 25000
    assert AuditEvent.objects.filter(scan=scan, event="finances_imported").count() == 1
    # A second click keeps nothing twice.
    lead_client.post(confirm, {"key": key})
    assert AuditEvent.objects.filter(scan=scan, event="finances_imported").count() == 1
    overview = lead_client.get(reverse("finances:overview", kwargs={"slug": scan.slug}))
    text = overview.content.decode()
    assert overview.status_code == 200
    # 6.1 + 6.72: 5,180,000 against 5,000,000 = +3.6 %: amber between 3 % and 10 %.
    assert "3,6" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name"),
    [(b"", "leeg.csv"), (b"taakveld;2024\x00\n", "nul.csv"), (b"PK\x03\x04kapot", "kapot.xlsx")],
)
def test_a_broken_file_gets_a_message_and_keeps_nothing(lead_client, scan, data, name):
    response = _upload(lead_client, scan, data, name, document="rekening")
    assert response.status_code == 302
    assert FinancialFigure.objects.count() == 0


@pytest.mark.django_db
def test_another_organisation_sees_nothing(client, scan, outsider):
    client.force_login(outsider)
    response = client.get(reverse("finances:overview", kwargs={"slug": scan.slug}))
    assert response.status_code == 404
    assert _upload(client, scan).status_code == 404


@pytest.mark.django_db
def test_a_client_may_read_but_not_import(client, scan, client_user):
    client.force_login(client_user)
    assert client.get(reverse("finances:overview", kwargs={"slug": scan.slug})).status_code == 200
    assert _upload(client, scan).status_code == 403


@pytest.mark.django_db
@pytest.mark.skipif(not WASSENAAR.exists(), reason="shared data not present")
def test_the_command_imports_the_real_series(scan):
    out, err = StringIO(), StringIO()
    call_command(
        "import_finances",
        scan.slug,
        str(WASSENAAR),
        "--document",
        "rekening",
        stdout=out,
        stderr=err,
    )
    assert FinancialFigure.objects.filter(scan=scan).count() == 146
    assert "146" in out.getvalue()


@pytest.mark.django_db
def test_the_command_exits_non_zero_when_nothing_is_read(scan, tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_text("taakveld;2024\n")
    with pytest.raises(CommandError):
        call_command("import_finances", scan.slug, str(path), "--document", "rekening")
    assert FinancialFigure.objects.count() == 0


@pytest.mark.django_db
def test_cbs_comparison_figures_are_kept_and_shown(lead_client, lead, organisation):

    # Wassenaar (Zuid-Holland, 27,115 inhabitants: 20,000 to 50,000) with its 6.1 accounts.
    scan = factories.make_scan(lead=lead, organisation=organisation, municipality_code="GM0629")
    text = b"taakveld;Rekening 2021 lasten;Rekening 2022 lasten\n6.1;2.000.000;2.100.000\n"
    services.store(scan, read_figures(text, "r.csv"), source="r.csv", user=lead)
    kept = services.fetch_references(scan, user=lead, opener=RecordedCbs())
    assert kept == ReferenceFigure.objects.filter(scan=scan).count() > 0
    province = ReferenceFigure.objects.get(
        scan=scan, region="province", taakveld="6.1", year=2022, side="lasten"
    )
    assert str(province.per_inhabitant) == "95.80"  # the recorded answer, kept as fetched
    page = lead_client.get(reverse("finances:overview", kwargs={"slug": scan.slug}))
    row = next(r for r in page.context["per_taakveld"] if r["taakveld"] == "6.1")
    assert row["references"]["province"]["value"] == 96  # 95.80 rounded once, as shown
    assert row["value"] == 77  # 2,100,000 / 27,115 inhabitants = 77.45
    assert "84413NED" in page.content.decode()
    chart = page.context["chart"]  # one spec for the page and the report, with its words
    assert chart.description.startswith(
        "Wassenaar gaf in 2021 € 74 per inwoner uit aan het sociaal domein en in 2022 € 77"
    )
    assert chart.table.header[:2] == ["Jaar", "Wassenaar"]
    assert 'id="chart-finances-per-inhabitant"' in page.content.decode()
    shift = page.context["shift_chart"]
    assert shift is None  # 6.1 alone: no individual care to weigh it against


@pytest.mark.django_db
def test_a_finding_cites_a_figure_kept_as_it_was(lead_client, scan, lead):

    services.store(scan, read_figures(FILE, "iv3.csv"), source="iv3.csv", user=lead)
    finding = findings.add_finding(
        scan, subject="cell", goal="finances", actor="gemeente", text="Te weinig grip.", user=lead
    )
    url = reverse("findings:evidence_add", kwargs={"slug": scan.slug, "finding_uuid": finding.uuid})
    # 6.1 + 6.72 in the accounts: 5,180,000 against the budget's 5,000,000 = +3.6 %.
    lead_client.post(url, {"kind": "figure", "figure": "budget_deviation:2024", "note": ""})
    evidence = Evidence.objects.get(finding=finding)
    assert (evidence.measure["value"], evidence.measure["shown"]) == (3.6, "3,6%")
    assert evidence.source_title == "iv3.csv"
    # Later figures do not change what the finding cited.
    FinancialFigure.objects.filter(scan=scan, document="rekening", taakveld="6.1").update(
        amount=2_000_000
    )
    evidence.refresh_from_db()
    assert evidence.measure["shown"] == "3,6%"
    page = lead_client.get(
        reverse("findings:finding", kwargs={"slug": scan.slug, "finding_uuid": finding.uuid})
    )
    assert "3,6%" in page.content.decode()
    prose = finding_prose(
        {
            "text": finding.text,
            "evidence": [
                {
                    "kind_key": "figure",
                    "quote": evidence.quote,
                    "source": evidence.source_title,
                    "value": None,
                    "n": None,
                    "shown": "3,6%",
                }
            ],
        },
        1,
        set(),
    )
    assert "3,6% (bron: iv3.csv)" in str(prose)


@pytest.mark.django_db
def test_the_matrix_shows_the_figures_in_the_finances_row(lead_client, scan, lead):
    services.store(scan, read_figures(FILE, "iv3.csv"), source="iv3.csv", user=lead)
    page = lead_client.get(reverse("findings:overview", kwargs={"slug": scan.slug}))
    rows = {row["cells"][0]["goal"]: row["figures"] for row in page.context["analysis"]["matrix"]}
    # Only the row of the method's finances goal. Accounts 2024: 5,180,000 / 25,000
    # inhabitants = € 207; general 1,080,000 of 5,180,000 = 20.8 %; +3.6 % on the budget.
    assert [f["shown"] for f in rows["finances"]] == ["€ 207", "20,8%", "3,6%"]
    assert all(figures == [] for goal, figures in rows.items() if goal != "finances")
    assert "Lasten sociaal domein per inwoner 2024 (jaarrekening)" in page.content.decode()
    finances = lead_client.get(reverse("finances:overview", kwargs={"slug": scan.slug}))
    chart = finances.context["shift_chart"]
    assert chart.description.endswith("Aandeel algemene voorzieningen per jaar: 2024: 20,8%.")
    assert chart.table.rows == [["2024", "€ 1.080.000", "€ 4.100.000", "20,8%"]]


@pytest.mark.django_db
def test_the_tweedaagse_light_of_stuurinformatie_weighs_the_budget(lead, organisation):
    from thermometer.journeys import services as journeys

    scan = factories.make_scan(
        lead=lead, organisation=organisation, method="tweedaagse_scan", title="Tweedaagse"
    )
    for item in ("budget_exhaustion", "outcome_indicators", "council_reporting"):
        journeys.answer_item(scan, "stuurinformatie", item, answer="yes", user=lead)
    lights = {e["theme"]: e for e in journeys.theme_lights(scan)}
    assert lights["stuurinformatie"]["light"].colour == "green"  # no figures: two grounds
    # 6.1 + 6.72: accounts 5,180,000 against a budget of 5,000,000: 3.6 % over, above 3 %.
    services.store(scan, read_figures(FILE, "iv3.csv"), source="iv3.csv", user=lead)
    lights = {e["theme"]: e for e in journeys.theme_lights(scan)}
    assert lights["stuurinformatie"]["light"].colour == "amber"
    assert lights["stuurinformatie"]["explanation"] == (
        "De lasten van het sociaal domein in de jaarrekening wijken 3,6% af van de begroting, "
        "en dat is hoger dan de grens van 3,0%."
    )
    assert lights["privacy"]["light"].reasons == ()  # other themes keep their two grounds


@pytest.mark.django_db
def test_de_raad_takes_a_financial_indicator_into_its_monitoring(lead_client, lead, organisation):
    from thermometer.frameworks import services as frameworks
    from thermometer.frameworks.models import FrameworkItem, Measurement

    raad = factories.make_scan(
        lead=lead, organisation=organisation, method="raad_in_positie", title="Raad"
    )
    value = FrameworkItem.objects.create(scan=raad, level="value", text="Zorg dichtbij")
    result = FrameworkItem.objects.create(scan=raad, level="result", text="R", parent=value)
    criterion = FrameworkItem.objects.create(scan=raad, level="criterion", text="C", parent=result)
    wanted = {
        "name": "Afwijking van de begroting",
        "definition": "Jaarrekening min begroting, sociaal domein",
        "unit": "%",
        "source": "finances",
        "norm": 3,
        "direction": "at_most",
        "frequency": "yearly",
    }
    with pytest.raises(frameworks.FrameworkError):  # which figure, then?
        frameworks.add_indicator(criterion, wanted, user=lead)
    indicator = frameworks.add_indicator(
        criterion, {**wanted, "finance_series": "budget_deviation"}, user=lead
    )
    with pytest.raises(frameworks.FrameworkError):  # no figures yet
        frameworks.take_finances(indicator, user=lead)
    services.store(raad, read_figures(FILE, "iv3.csv"), source="iv3.csv", user=lead)
    url = reverse(
        "frameworks:finance_take", kwargs={"slug": raad.slug, "indicator_uuid": indicator.uuid}
    )
    lead_client.post(url)
    (measurement,) = Measurement.objects.filter(indicator=indicator)
    # The same number as the finances page: +3.6 % in 2024.
    assert (measurement.period, float(measurement.value)) == ("2024", 3.6)
    assert measurement.origin == "finances" and "iv3.csv" in measurement.note


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["thermometer", "tweedaagse_scan", "raad_in_positie"])
def test_the_report_carries_the_figures_and_their_sources(lead, organisation, tmp_path, method):
    import io

    from docx import Document

    scan = factories.make_scan(lead=lead, organisation=organisation, method=method, title="R")
    services.store(scan, read_figures(FILE, "iv3.csv"), source="iv3.csv", user=lead)
    html, docx = tmp_path / "r.html", tmp_path / "r.docx"
    call_command("report", scan.slug, "--format", "html", "-o", str(html))
    call_command("report", scan.slug, "--format", "docx", "-o", str(docx))
    text = html.read_text(encoding="utf-8")
    assert 'id="h-finances"' in text and "<svg" in text[text.index('id="h-finances"') :]
    # 5,180,000 / 25,000 = € 207 per inhabitant in 2024; the file named as the source.
    assert "Lasten sociaal domein per inwoner 2024 (jaarrekening): <strong>€ 207</strong>" in text
    assert "Bronnen: iv3.csv" in text
    words = " ".join(p.text for p in Document(io.BytesIO(docx.read_bytes())).paragraphs)
    assert "Lasten sociaal domein per inwoner 2024 (jaarrekening): € 207" in words
    assert "Bronnen: iv3.csv." in words


@pytest.mark.django_db
@pytest.mark.skipif(not WASSENAAR.exists(), reason="shared data not present")
def test_the_command_says_which_option_the_file_needs(scan):
    with pytest.raises(CommandError, match="--document begroting of --document rekening"):
        call_command("import_finances", scan.slug, str(WASSENAAR))
    assert FinancialFigure.objects.count() == 0
