import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from thermometer.audit.models import AuditEvent
from thermometer.participants.models import Participant

CSV = (
    "naam;e-mail;laag;actor;organisatie\n"
    "Fatima El Amrani;fatima@example.org;Uitvoering;;Wijkteam Noord\n"
    ";;inwoner;;Inwonerspanel\n"
    ";;inwoner;;Inwonerspanel\n"
    "Onbekend;;Kelder;;Nergens\n"
    "Piet Bakker;piet@;Beleid;gemeente;Gemeente\n"
)


def _import(client, scan, content: bytes, name="deelnemers.csv"):
    with translation.override("nl"):
        return client.post(
            reverse("participants:import", kwargs={"slug": scan.slug}),
            {"file": SimpleUploadedFile(name, content)},
        )


def test_import_keeps_good_rows_and_names_each_bad_row(lead_client, scan):
    page = _import(lead_client, scan, CSV.encode()).content.decode()
    assert Participant.objects.filter(scan=scan).count() == 3
    assert "Rij 5: laag" in page
    assert "Rij 6: e-mailadres" in page
    assert AuditEvent.objects.filter(event="participants_imported").count() == 1


def test_importing_the_same_file_twice_adds_nobody(lead_client, scan):
    _import(lead_client, scan, CSV.encode())
    numbers = list(Participant.objects.values_list("number", flat=True))
    page = _import(lead_client, scan, CSV.encode()).content.decode()
    assert list(Participant.objects.values_list("number", flat=True)) == numbers
    assert "0 deelnemers geïmporteerd" in page


def test_a_longer_list_later_adds_only_the_new_people(lead_client, scan):
    _import(lead_client, scan, CSV.encode())
    longer = CSV + ";;inwoner;;Inwonerspanel\nJan Smit;jan@example.org;bestuur;;Raad\n"
    _import(lead_client, scan, longer.encode())
    assert Participant.objects.filter(scan=scan).count() == 5


def test_xlsx_import(lead_client, scan):
    book = Workbook()
    sheet = book.active
    sheet.append(["Naam", "Laag", "Organisatie"])
    sheet.append(["Ans", "opdrachtgeving", "Inkoop"])
    sheet.append([None, "uitvoering", 12345])
    data = io.BytesIO()
    book.save(data)
    _import(lead_client, scan, data.getvalue(), "lijst.xlsx")
    assert sorted(Participant.objects.values_list("layer", flat=True)) == [
        "opdrachtgeving",
        "uitvoering",
    ]
    assert Participant.objects.get(layer="uitvoering").actor == "professional"


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"\x00\x01\x02garbage", "lijst.xlsx"), (b"%PDF-1.4", "lijst.pdf"), (b"", "leeg.csv")],
)
def test_broken_files_get_a_dutch_message_and_import_nothing(lead_client, scan, content, name):
    response = _import(lead_client, scan, content, name)
    assert response.status_code == 200
    assert not Participant.objects.exists()
    html = response.content.decode()
    assert 'role="alert"' in html


def test_file_over_the_size_limit_is_refused(lead_client, scan, settings):
    settings.PARTICIPANT_IMPORT_MAX_BYTES = 100
    page = _import(lead_client, scan, CSV.encode() * 5).content.decode()
    assert "de grens is 100" in page
    assert not Participant.objects.exists()


def test_participant_added_by_hand_is_pseudonymous_by_default(lead_client, scan):
    lead_client.post(
        reverse("participants:add", kwargs={"slug": scan.slug}),
        {"layer": "uitvoering", "organisation": "Wijkteam"},
    )
    participant = Participant.objects.get()
    assert participant.pseudonym == "D001"
    assert participant.actor == "professional"
    assert participant.name == "" and participant.email == ""


def test_same_email_cannot_be_added_twice(lead_client, scan):
    url = reverse("participants:add", kwargs={"slug": scan.slug})
    data = {"email": "a@example.org", "layer": "beleid"}
    lead_client.post(url, data)
    with translation.override("nl"):
        page = lead_client.post(url, {**data, "email": "A@example.org"}).content.decode()
    assert Participant.objects.count() == 1
    assert "Deze deelnemer staat al in het onderzoek." in page


def test_participant_edit_and_remove(lead_client, scan):
    lead_client.post(reverse("participants:add", kwargs={"slug": scan.slug}), {"layer": "beleid"})
    participant = Participant.objects.get()
    kwargs = {"slug": scan.slug, "participant_uuid": participant.uuid}
    lead_client.post(
        reverse("participants:edit", kwargs=kwargs),
        {"layer": "uitvoering", "actor": "professional", "organisation": "Wijkteam Zuid"},
    )
    participant.refresh_from_db()
    assert (participant.layer, participant.organisation) == ("uitvoering", "Wijkteam Zuid")
    lead_client.post(reverse("participants:remove", kwargs=kwargs))
    assert not Participant.objects.exists()
    assert AuditEvent.objects.filter(event="participant_removed").count() == 1


def test_participant_of_another_scan_is_404(lead_client, scan, lead):
    from thermometer.testing import factories

    other = factories.make_scan(lead=lead, title="Andere")
    foreign = factories.ParticipantFactory(scan=other)
    url = reverse("participants:edit", kwargs={"slug": scan.slug, "participant_uuid": foreign.uuid})
    assert lead_client.get(url).status_code == 404
