from django.urls import reverse
from django.utils import translation

from thermometer.coding.services import code_passage, retrieve, seed_codebook
from thermometer.sources.constants import SourceStatus
from thermometer.sources.models import Source
from thermometer.testing import factories


def _post(client, scan, **data):
    with translation.override("nl"):
        return client.post(reverse("sources:conversation_add", kwargs={"slug": scan.slug}), data)


def test_interview_with_typed_notes_participants_and_consent(
    lead_client, scan, django_capture_on_commit_callbacks
):
    pro = factories.ParticipantFactory(scan=scan, layer="uitvoering")
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            lead_client,
            scan,
            kind="interview",
            title="Gesprek wijkteam (fictief)",
            date="2026-11-10",
            participants=[str(pro.uuid)],
            notes="Wij merken dat gezinnen vaak twee plannen hebben.\n\nDe regie ligt bij niemand.",
            consent="on",
        )
    source = Source.objects.get()
    assert response.status_code == 302
    assert source.kind == "interview" and source.consent_recorded
    assert source.status == SourceStatus.DONE and source.passages.count() == 2
    assert source.layer == "uitvoering"
    seed_codebook(scan)
    code_passage(source.passages.first(), scan.codes.get(key="integrality"), user=scan.created_by)
    assert retrieve(scan, participant=pro).count() == 1


def test_conversation_needs_consent_participants_and_notes(lead_client, scan):
    pro = factories.ParticipantFactory(scan=scan, layer="uitvoering")
    page = _post(
        lead_client,
        scan,
        kind="session",
        title="Sessie",
        date="2026-11-10",
        participants=[str(pro.uuid)],
        notes="",
    ).content.decode()
    assert "Leg eerst de toestemming van de deelnemers vast." in page
    assert "Typ de notities of upload ze als bestand." in page
    page = _post(
        lead_client,
        scan,
        kind="session",
        title="Sessie",
        date="2026-11-10",
        notes="Iets",
        consent="on",
    ).content.decode()
    assert "Kies wie er meededen." in page
    assert not Source.objects.exists()


def test_the_client_reads_no_transcript_unless_the_scan_allows_it(
    client, lead_client, scan, client_user, django_capture_on_commit_callbacks
):
    pro = factories.ParticipantFactory(scan=scan, layer="uitvoering")
    with django_capture_on_commit_callbacks(execute=True):
        _post(
            lead_client,
            scan,
            kind="interview",
            title="Gesprek met Jan de Vries (fictief)",
            date="2026-11-10",
            participants=[str(pro.uuid)],
            notes="Wij merken dat gezinnen vaak twee plannen hebben.",
            consent="on",
        )
    interview = Source.objects.get()
    passage = interview.passages.first()
    seed_codebook(scan)
    code_passage(passage, scan.codes.get(key="integrality"), user=scan.created_by)
    document = factories.document(scan, text="Visie (fictief)\n\nGezinnen krijgen één plan.")
    client.force_login(client_user)
    slug = scan.slug
    pages = {
        "list": reverse("sources:list", kwargs={"slug": slug}),
        "search": reverse("sources:search", kwargs={"slug": slug}) + "?q=gezinnen",
        "retrieve": reverse("coding:retrieve", kwargs={"slug": slug}),
    }
    for page in pages.values():
        text = client.get(page).text
        assert "Jan de Vries" not in text and "twee plannen" not in text
    assert "één plan" in client.get(pages["search"]).text  # documents stay readable
    detail = reverse("sources:detail", kwargs={"slug": slug, "source_uuid": interview.uuid})
    opened = reverse("coding:passage", kwargs={"slug": slug, "passage_id": passage.pk})
    like = reverse("sources:search", kwargs={"slug": slug}) + f"?like={passage.pk}"
    assert [client.get(u).status_code for u in (detail, opened, like)] == [404, 404, 404]
    document_page = reverse("sources:detail", kwargs={"slug": slug, "source_uuid": document.uuid})
    assert client.get(document_page).status_code == 200

    scan.client_sees_personal_data = True
    scan.save(update_fields=["client_sees_personal_data"])
    assert client.get(detail).status_code == 200
    assert "twee plannen" in client.get(pages["retrieve"]).text
