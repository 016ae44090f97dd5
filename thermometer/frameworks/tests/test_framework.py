"""The council's framework: what the documents decided, the two work sessions with
their dots, the facilitator's merge and park, indicators, the decision, measurements,
and the council proposal with every level in it."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse

from thermometer.frameworks import services
from thermometer.frameworks.constants import SESSION_RESULTS, SESSION_VALUES
from thermometer.frameworks.models import FrameworkItem, ItemVote, Measurement
from thermometer.live import services as live
from thermometer.live.models import LiveParticipant
from thermometer.testing import factories

INDICATOR = {
    "name": "Huishoudens met een regisseur",
    "definition": "Aandeel huishoudens met meervoudige vragen met een regisseur",
    "unit": "%",
    "source": "own_registration",
    "norm": 90,
    "direction": "at_least",
    "frequency": "yearly",
}


@pytest.fixture
def raad(lead, organisation):
    return factories.make_scan(
        lead=lead, organisation=organisation, method="raad_in_positie", title="Raad Alkmaar"
    )


def _session(scan, lead, kind=SESSION_VALUES, dots=2):
    return live.open_session(scan, kind=kind, title="Werksessie", votes_per_person=dots, user=lead)


def test_phase_one_lists_what_the_documents_already_decided(raad, lead):
    factories.document(
        raad,
        text="Kadernota (fictief)\n\nWij willen dat een gezin één plan krijgt. Het college "
        "vergadert op dinsdag.",
        name="kadernota.txt",
        place="beleid",
    )
    (group,) = services.decided_intents(raad)
    (entry,) = group["intents"]
    assert (
        entry["proposal"].text == "Wij willen dat een gezin één plan krijgt." and not entry["taken"]
    )
    services.take_as_value(
        raad,
        text="Eén gezin, één plan",
        quote=entry["proposal"].text,
        source_title=group["source"],
        user=lead,
    )
    assert services.decided_intents(raad)[0]["intents"][0]["taken"]


def test_members_propose_in_the_right_session_and_place(raad, lead):
    first = _session(raad, lead)
    device = LiveParticipant.objects.create(session=first)
    value = services.propose(first, device, level="value", text="Eén gezin, één plan")
    services.propose(first, device, level="transformation", text="Eén toegang", parent_id=value.pk)
    with pytest.raises(services.FrameworkError):
        services.propose(first, device, level="result", text="Resultaat", parent_id=value.pk)
    with pytest.raises(services.FrameworkError):
        services.propose(first, device, level="transformation", text="Zwevend")
    with pytest.raises(services.FrameworkError):
        services.propose(first, device, level="value", text="   ")
    second = _session(raad, lead, kind=SESSION_RESULTS)
    result = services.propose(second, device, level="result", text="Eén plan", parent_id=value.pk)
    services.propose(second, device, level="criterion", text="Regisseur", parent_id=result.pk)
    live.close_session(second, user=lead)
    with pytest.raises(services.FrameworkError):
        services.propose(second, device, level="result", text="Te laat", parent_id=value.pk)


def test_dots_are_limited_and_follow_a_merge(raad, lead):
    session = _session(raad, lead, dots=2)
    devices = [LiveParticipant.objects.create(session=session) for _ in range(2)]
    a, b, c = (
        services.propose(session, devices[0], level="value", text=t) for t in ("A", "B", "Ook A")
    )
    assert services.toggle_dot(session, devices[0], a) is True
    assert services.toggle_dot(session, devices[0], b) is True
    with pytest.raises(services.FrameworkError, match="2"):
        services.toggle_dot(session, devices[0], c)
    services.toggle_dot(session, devices[1], c)
    services.toggle_dot(session, devices[1], a)
    services.merge(c, a, user=lead)
    c.refresh_from_db()
    assert c.status == "merged" and c.merged_into == a
    assert ItemVote.objects.filter(item=a).count() == 2  # one per device, never double
    tree = services.tree(raad)
    assert [v["item"].text for v in tree] == ["A", "B"]
    assert tree[0]["item"].dots == 2
    services.set_status(b, "parked", user=lead)
    assert [v["item"].text for v in services.tree(raad)] == ["A"]


def test_indicators_need_a_source_a_frequency_and_for_cbs_a_table(raad, lead):
    framework = factories.FrameworkFactory(scan=raad, bare=True)
    result, criterion = framework.result, framework.criterion
    indicator = services.add_indicator(criterion, INDICATOR, user=lead)
    assert indicator.criterion == criterion
    for bad in ({"source": "bingo"}, {"frequency": "hourly"}, {"source": "cbs"}, {"name": ""}):
        with pytest.raises(services.FrameworkError):
            services.add_indicator(criterion, {**INDICATOR, **bad}, user=lead)
    with pytest.raises(services.FrameworkError):
        services.add_indicator(result, INDICATOR, user=lead)


def test_measurements_typed_and_imported_give_a_light(raad, lead):
    indicator = factories.FrameworkFactory(scan=raad, indicator=INDICATOR).indicator
    services.save_measurement(indicator, "2024", 70, user=lead)
    services.save_measurement(indicator, "2024", 72, user=lead)  # replaces, never doubles
    assert Measurement.objects.get().value == 72
    with pytest.raises(services.FrameworkError):
        services.save_measurement(indicator, "vorig jaar", 1, user=lead)
    csv = b"indicator;periode;waarde\nHuishoudens met een regisseur;2025;91,5\nOnbekend;2025;3\n"
    saved, errors = services.import_measurements(raad, csv, "metingen.csv", user=lead)
    assert saved == 1 and len(errors) == 1
    (row,) = services.monitoring(raad)
    assert row["status"].colour == "green" and row["status"].trend == "up"
    with pytest.raises(services.FrameworkError):
        services.import_measurements(raad, b"\x00\x01", "kapot.xlsx", user=lead)


def test_an_import_keeps_one_value_per_period_and_replaces_a_typed_one(
    raad, lead, django_assert_max_num_queries
):
    indicator = factories.FrameworkFactory(scan=raad, indicator=INDICATOR).indicator
    services.save_measurement(indicator, "2023", 50, note="getypt", user=lead)
    rows = "".join(
        f"Huishoudens met een regisseur;{year};{year - 1900}\n" for year in range(1950, 2025)
    )
    csv = ("indicator;periode;waarde\n" + rows + "Huishoudens met een regisseur;2024;99\n").encode()
    with django_assert_max_num_queries(20):  # not a read and a write per row
        saved, errors = services.import_measurements(raad, csv, "metingen.csv", user=lead)
    assert saved == 75 and [e.row for e in errors] == [77]  # a second row for 2024: refused
    assert Measurement.objects.filter(indicator=indicator).count() == 75
    assert Measurement.objects.get(period="2024").value == 124  # the first row for 2024
    replaced = Measurement.objects.get(period="2023")
    assert (replaced.value, replaced.origin, replaced.note) == (123, "import", "")


def test_many_values_at_once_keep_one_per_period_the_last_winning(raad, lead):
    indicator = factories.FrameworkFactory(scan=raad, indicator=INDICATOR).indicator
    rows = [
        (indicator, "2024", 1, "eerst"),
        (indicator, 2024, 2, "later"),
        (indicator, "2025", 3, ""),
    ]
    assert services.save_measurements(rows, origin="cbs", user=lead) == 3
    assert dict(Measurement.objects.values_list("period", "value")) == {"2024": 2, "2025": 3}
    assert Measurement.objects.get(period="2024").note == "later"
    with pytest.raises(services.FrameworkError):
        services.save_measurements([(indicator, "vorig jaar", 1, "")], origin="cbs", user=lead)
    assert Measurement.objects.count() == 2


def test_a_device_joins_and_adds(raad, lead):
    session = _session(raad, lead)
    client = Client()
    assert client.post(reverse("live:join_code", kwargs={"code": session.code})).status_code == 302
    device = reverse("framework_device:device", kwargs={"session_uuid": session.uuid})
    assert client.get(device).status_code == 200
    add = reverse("framework_device:device_add", kwargs={"session_uuid": session.uuid})
    assert client.post(add, {"level": "value", "text": "Eén gezin, één plan"}).status_code == 302
    assert client.post(add, {"level": "value", "text": ""}).status_code == 400
    value = FrameworkItem.objects.get()
    dot = reverse(
        "framework_device:device_dot",
        kwargs={"session_uuid": session.uuid, "item_uuid": value.uuid},
    )
    client.post(dot)
    assert value.votes.count() == 1
    assert Client().get(device).status_code == 302  # a browser that did not join


@pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="pdftotext missing")
def test_the_council_proposal_holds_every_level(raad, lead, tmp_path):
    import subprocess

    from docx import Document

    from thermometer.reports.content import report_content
    from thermometer.reports.rendering import render_docx, render_pdf

    value = FrameworkItem.objects.create(scan=raad, level="value", text="Eén gezin één plan")
    transformation = FrameworkItem.objects.create(
        scan=raad, level="transformation", text="Eén toegang per huishouden", parent=value
    )
    result = FrameworkItem.objects.create(
        scan=raad, level="result", text="Eén plan per gezin", parent=value
    )
    criterion = FrameworkItem.objects.create(
        scan=raad, level="criterion", text="Bij elk gezin een regisseur", parent=result
    )
    services.add_indicator(criterion, INDICATOR, user=lead)
    services.decide(raad, decided_on=datetime.date(2026, 10, 1), user=lead)
    content = report_content(raad)
    path = tmp_path / "voorstel.pdf"
    path.write_bytes(render_pdf(content))
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True
        ).stdout.split()
    )
    document = Document(io.BytesIO(render_docx(content)))
    docx_text = " ".join(p.text for p in document.paragraphs) + " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for words in (value.text, transformation.text, result.text, criterion.text, INDICATOR["name"]):
        assert words in text, words
        assert words in docx_text, words


def test_an_indicator_is_fetched_from_cbs_for_the_municipality(lead, organisation):
    from .test_cbs import FakeOpener, http_error, recorded

    hoorn = factories.make_scan(
        lead=lead,
        organisation=organisation,
        method="raad_in_positie",
        title="Raad Hoorn",
        municipality_code="GM0405",
    )
    criterion = factories.FrameworkFactory(scan=hoorn, bare=True).criterion
    indicator = services.add_indicator(
        criterion,
        {
            **INDICATOR,
            "name": "Wmo-cliënten",
            "source": "cbs",
            "direction": "at_most",
            "norm": 7000,
            "cbs_table": "85318NED",
            "cbs_measure": "WmoClienten_89",
            "cbs_region_dimension": "WijkenEnBuurten",
            "cbs_period": "2022",
        },
        user=lead,
    )
    opener = FakeOpener(recorded("cbs_85318NED_GM0405_WmoClienten_89.json"))
    assert services.fetch_cbs(indicator, user=lead, opener=opener) == 1
    (measurement,) = indicator.measurements.all()
    assert (measurement.period, float(measurement.value), measurement.origin) == (
        "2022",
        6135.0,
        "cbs",
    )
    assert "GM0405" in opener.requests[0][0].full_url
    (row,) = services.monitoring(hoorn)
    assert row["status"].colour == "green"
    failing = FakeOpener(http_error(400, recorded("cbs_error_400_unknown_property.json")))
    with pytest.raises(services.FrameworkError):
        services.fetch_cbs(indicator, user=lead, opener=failing)


def test_thirty_members_at_once(raad, lead):
    """A council of thirty on their phones: everyone joins, adds and places a dot, and the
    room screen shows all of it."""
    session = _session(raad, lead, dots=3)
    add = reverse("framework_device:device_add", kwargs={"session_uuid": session.uuid})
    phones = []
    for number in range(30):
        phone = Client()
        phone.post(
            reverse("live:join_code", kwargs={"code": session.code}), {"name": f"Lid {number}"}
        )
        assert phone.post(add, {"level": "value", "text": f"Waarde {number}"}).status_code == 302
        phones.append(phone)
    first = FrameworkItem.objects.get(text="Waarde 0")
    dot = reverse(
        "framework_device:device_dot",
        kwargs={"session_uuid": session.uuid, "item_uuid": first.uuid},
    )
    for phone in phones:
        phone.post(dot)
    assert first.votes.count() == 30 and session.devices.count() == 30
    room = Client()
    room.force_login(lead)
    board = room.get(
        reverse("frameworks:room", kwargs={"slug": raad.slug, "session_uuid": session.uuid}),
        HTTP_HX_REQUEST="true",
    )
    assert board.status_code == 200
    assert all(f"Waarde {n}<" in board.text for n in range(30))
    assert "30 stippen" in board.text or "30 dots" in board.text


def test_the_facilitator_edits_an_item(raad, lead, lead_client):
    value = FrameworkItem.objects.create(scan=raad, level="value", text="Eén gezin")
    url = reverse("frameworks:item_action", kwargs={"slug": raad.slug, "item_uuid": value.uuid})
    lead_client.post(url, {"action": "edit", "text": "Eén gezin, één plan", "description": "Vb."})
    value.refresh_from_db()
    assert (value.text, value.description) == ("Eén gezin, één plan", "Vb.")
    lead_client.post(url, {"action": "edit", "text": "  "})
    value.refresh_from_db()
    assert value.text == "Eén gezin, één plan"  # an empty text is refused, nothing lost


def _read(queries) -> str:
    return " ".join(q["sql"] for q in queries)


def test_the_device_poll_reads_the_tree_only(raad, lead, django_assert_num_queries):
    session = _session(raad, lead, dots=2)
    client = Client()
    client.post(reverse("live:join_code", kwargs={"code": session.code}))
    device = LiveParticipant.objects.get(session=session)
    value = services.propose(session, device, level="value", text="Eén gezin")
    services.propose(session, device, level="transformation", text="Regie", parent_id=value.pk)
    services.toggle_dot(session, device, value)
    kwargs = {"session_uuid": session.uuid}
    # The session, the browser session, the device; its dots, the items.
    with django_assert_num_queries(5) as captured:
        tree = client.get(reverse("framework_device:device_tree", kwargs=kwargs))
    assert tree.status_code == 200 and 'aria-pressed="true"' in tree.text
    read = _read(captured.captured_queries)
    assert "SELECT COUNT(*)" not in read and "frameworks_indicator" not in read
    # The whole page counts the dots left from the items dotted: no query more.
    with django_assert_num_queries(5):
        page = client.get(reverse("framework_device:device", kwargs=kwargs))
    assert (
        page.context["dots_left"]
        == 1
        == live.votes_left(session, services.used_dots(session, device))
    )


def test_the_room_refresh_is_the_board_alone(raad, lead, django_assert_num_queries):
    session = _session(raad, lead)
    room = Client()
    room.force_login(lead)
    url = reverse("frameworks:room", kwargs={"slug": raad.slug, "session_uuid": session.uuid})
    with django_assert_num_queries(10) as captured:
        board = room.get(url, HTTP_HX_REQUEST="true")
    assert board.status_code == 200 and board.text.startswith('<div id="room-board"')
    assert "scans_stepstate" not in _read(captured.captured_queries)  # no step navigation
    assert "<svg" not in board.text
    page = room.get(url)
    assert "<svg" in page.text and session.code_shown in page.text
    assert 'id="room-board"' in page.text


def test_a_merge_moves_the_dots_in_a_fixed_number_of_queries(raad, lead):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session = _session(raad, lead, dots=3)
    devices = [LiveParticipant.objects.create(session=session) for _ in range(5)]
    a, b = (services.propose(session, devices[0], level="value", text=t) for t in ("A", "Ook A"))
    for device in devices:
        services.toggle_dot(session, device, b)
    for device in devices[:2]:
        services.toggle_dot(session, device, a)
    with CaptureQueriesContext(connection) as captured:
        services.merge(b, a, user=lead)
    votes = [q["sql"] for q in captured.captured_queries if "frameworks_itemvote" in q["sql"]]
    assert len(votes) == 3  # which devices, one insert, one delete
    assert sorted(ItemVote.objects.filter(item=a).values_list("device_id", flat=True)) == sorted(
        d.pk for d in devices
    )
    assert not ItemVote.objects.filter(item=b).exists()


def test_a_decided_framework_changes_only_after_a_reopen_with_a_reason(raad, lead, lead_client):
    from thermometer.audit.models import AuditEvent

    first = _session(raad, lead)
    device = LiveParticipant.objects.create(session=first)
    value = services.propose(
        first, device, level="value", text="Eén gezin, één plan, één regisseur"
    )
    live.close_session(first, user=lead)
    services.decide(raad, decided_on=datetime.date(2026, 10, 1), user=lead)

    # A work session opened afterwards would write into the decided framework: refused.
    opened = lead_client.post(
        reverse("frameworks:session_open", args=[raad.slug]),
        {"kind": SESSION_VALUES, "title": "Nog een sessie", "votes_per_person": 3},
        follow=True,
    )
    assert "Heropen het eerst" in opened.content.decode()
    assert not raad.live_sessions.filter(title="Nog een sessie").exists()
    late = _session(raad, lead)  # even when one is opened around the page
    with pytest.raises(services.FrameworkError):
        services.propose(late, device, level="value", text="Waarde 4")
    for change in (
        lambda: services.edit_item(value, text="Anders", description="", user=lead),
        lambda: services.set_status(value, "parked", user=lead),
        lambda: services.take_as_value(raad, text="Nieuw", quote="", source_title="", user=lead),
    ):
        with pytest.raises(services.FrameworkError):
            change()
    assert FrameworkItem.objects.filter(scan=raad).count() == 1

    # Reopening needs a reason, and the history keeps it.
    lead_client.post(reverse("frameworks:reopen", args=[raad.slug]), {"reason": "  "})
    assert services.is_decided(raad)
    lead_client.post(
        reverse("frameworks:reopen", args=[raad.slug]), {"reason": "Nieuwe raad, nieuwe waarde"}
    )
    assert not services.is_decided(raad)
    event = AuditEvent.objects.get(scan=raad, event="framework_reopened")
    assert "Nieuwe raad, nieuwe waarde" in str(event)
    services.propose(late, device, level="value", text="Waarde 4")


def test_the_same_item_twice_is_refused(raad, lead):
    session = _session(raad, lead)
    device = LiveParticipant.objects.create(session=session)
    services.propose(session, device, level="value", text="Eén gezin, één plan, één regisseur")
    with pytest.raises(services.FrameworkError, match="al in het sturingskader"):
        services.propose(session, device, level="value", text="één gezin één plan één regisseur!")
    with pytest.raises(services.FrameworkError):
        services.take_as_value(
            raad, text="Eén gezin, één plan, één regisseur", quote="", source_title="", user=lead
        )
    assert FrameworkItem.objects.filter(scan=raad).count() == 1
