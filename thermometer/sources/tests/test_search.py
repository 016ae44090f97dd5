from django.urls import reverse

from thermometer.sources.search import search
from thermometer.testing import factories

TEXT = (
    "Beleidsplan (fictief)\n\n"
    "De samenwerking tussen wijkteams en huisartsen wordt versterkt.\n\n"
    "Het budget voor jeugdhulp blijft gelijk."
)


def test_search_finds_words_in_every_form(scan):
    factories.document(scan, TEXT, "beleid.txt")
    found = search(scan, "samenwerken wijkteam")
    assert [p.text for p in found] == [
        "De samenwerking tussen wijkteams en huisartsen wordt versterkt."
    ]
    assert search(scan, "budgetten") and not search(scan, "parkeren")


def test_search_stays_within_the_scan(scan, outsider):
    other = factories.make_scan(lead=outsider, title="Ander")
    factories.document(other, TEXT, "beleid.txt")
    assert search(scan, "samenwerking") == []


def test_reading_a_document_again_does_not_double_results(scan):
    from thermometer.sources.constants import SourceStatus
    from thermometer.sources.tasks import extract_source

    source = factories.document(scan, TEXT, "beleid.txt")
    source.status = SourceStatus.FAILED
    source.save()
    extract_source.call(source.pk)
    assert len(search(scan, "budget")) == 1


def test_search_page_marks_the_matched_words(lead_client, scan):
    factories.document(scan, TEXT, "beleid.txt")
    page = lead_client.get(
        reverse("sources:search", kwargs={"slug": scan.slug}) + "?q=samenwerken"
    ).content.decode()
    assert "<mark>samenwerking</mark>" in page
