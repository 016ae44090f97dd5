import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from thermometer.coding import services
from thermometer.coding.agreement import agreement_per_code, cohens_kappa
from thermometer.coding.models import Code, Coding
from thermometer.testing import factories

TEXT = (
    "Visie op het sociaal domein (fictief)\n\n"
    "Wij willen dat inwoners zo lang mogelijk zelfstandig thuis wonen.\n\n"
    "Eén gezin, één plan, één regisseur."
)


@pytest.fixture
def source(scan):
    services.seed_codebook(scan)
    return factories.document(scan, TEXT)


def test_codebook_is_seeded_from_the_method_once(scan):
    scan.codes.all().delete()  # a scan from before codebooks were made with the scan
    first = services.seed_codebook(scan)
    assert services.seed_codebook(scan) == 0
    method = scan.method
    # Four group headings, their codes, and the code for intended effects.
    assert first == 4 + len(method.goals) + len(method.layers) + len(method.themes) + 4 + 1
    goals = Code.objects.get(scan=scan, parent=None, kind="goal")
    assert [c.name for c in goals.children.all()] == ["Eigen kracht", "Integraliteit", "Financiën"]
    assert not goals.selectable


def test_coding_a_selection_keeps_the_quote_and_its_place(scan, source):
    passage = source.passages.get(index=1)
    code = scan.codes.get(key="self_reliance")
    start = passage.text.index("zo lang")
    coding = services.code_passage(
        passage,
        code,
        user=scan.created_by,
        start=start,
        end=start + 30,
        assessment="+",
        memo="Kern",
    )
    assert coding.quote == passage.text[start : start + 30]
    assert source.text[passage.start + coding.start : passage.start + coding.end] == coding.quote
    # The same coding again (double submit) adds nothing.
    services.code_passage(passage, code, user=scan.created_by, start=start, end=start + 30)
    assert Coding.objects.count() == 1


def test_spans_outside_the_passage_and_group_headings_are_refused(scan, source):
    passage = source.passages.first()
    code = scan.codes.get(key="integrality")
    with pytest.raises(services.CodingError):
        services.code_passage(passage, code, user=scan.created_by, start=5, end=999)
    heading = Code.objects.get(scan=scan, parent=None, kind="goal")
    with pytest.raises(services.CodingError):
        services.code_passage(passage, heading, user=scan.created_by)


def test_retrieve_by_combination_of_goal_and_layer(scan, source):
    contract = factories.document(
        scan, "Opdracht (fictief)\n\nDe aanbieder werkt met één plan.", "contract.txt"
    )
    contract.place = "opdracht"
    contract.save()
    integrality = scan.codes.get(key="integrality")
    services.code_passage(source.passages.get(index=2), integrality, user=scan.created_by)
    services.code_passage(contract.passages.get(index=1), integrality, user=scan.created_by)
    assignment_layer = scan.codes.get(kind="layer", key="opdrachtgeving")
    found = services.retrieve(scan, code=integrality, also=assignment_layer)
    assert [c.passage.source.title for c in found] == ["Opdracht (fictief)"]
    assert services.retrieve(scan, code=integrality).count() == 2


def test_coding_through_the_pages(lead_client, scan, source):
    passage = source.passages.get(index=2)
    page = lead_client.get(
        reverse("coding:passage", kwargs={"slug": scan.slug, "passage_id": passage.pk})
        + "?start=0&end=8"
    ).content.decode()
    assert "Eén gezin" in page
    code = scan.codes.get(key="integrality")
    lead_client.post(
        reverse("coding:code_passage", kwargs={"slug": scan.slug, "passage_id": passage.pk}),
        {"code": code.uuid.hex, "assessment": "+", "memo": "", "start": "0", "end": "8"},
    )
    coding = Coding.objects.get()
    assert coding.quote == "Eén gezi"
    detail = lead_client.get(
        reverse("sources:detail", kwargs={"slug": scan.slug, "source_uuid": source.uuid})
    ).content.decode()
    assert "Integraliteit" in detail
    found = lead_client.get(
        reverse("coding:retrieve", kwargs={"slug": scan.slug}) + f"?code={code.uuid.hex}"
    ).content.decode()
    assert "Eén gezi" in found


def test_passage_of_another_scan_is_404(lead_client, scan, outsider):
    other = factories.make_scan(lead=outsider, title="Ander")
    foreign = factories.document(other, "Andere gemeente (fictief)")
    url = reverse(
        "coding:passage", kwargs={"slug": scan.slug, "passage_id": foreign.passages.first().pk}
    )
    assert lead_client.get(url).status_code == 404


def test_own_codes_with_hierarchy(lead_client, scan, source):
    parent = scan.codes.get(key="integrality")
    lead_client.post(
        reverse("coding:code_add", kwargs={"slug": scan.slug}),
        {"name": "Regie bij het gezin", "parent": parent.uuid.hex, "colour": "#aa3300"},
    )
    own = Code.objects.get(name="Regie bij het gezin")
    assert own.parent == parent and own.kind == "custom" and own.selectable


def test_kappa_known_values():
    assert cohens_kappa([True, True, False, False], [True, True, False, False]) == 1.0
    assert cohens_kappa([True, False, True, False], [False, True, False, True]) == -1.0
    assert cohens_kappa([], []) is None
    # Landis & Koch example: 20 units, agreement 0.7, kappa 0.4.
    a = [True] * 10 + [False] * 10
    b = [True] * 7 + [False] * 3 + [True] * 3 + [False] * 7
    assert round(cohens_kappa(a, b), 2) == 0.4


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=40))
def test_kappa_is_at_most_one_and_symmetric(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    k = cohens_kappa(a, b)
    assert k is None or -1.0 <= k <= 1.0
    assert k == cohens_kappa(b, a)


def test_agreement_counts_only_passages_both_coded():
    table = agreement_per_code({1: {"g"}, 2: {"g"}, 3: {"g"}}, {1: {"g"}, 2: set()}, ["g"])
    assert table["g"]["units"] == 2 and table["g"]["a"] == 2 and table["g"]["b"] == 1


def test_keyboard_users_code_a_span_by_choosing_first_and_last_word(lead_client, scan, source):
    passage = source.passages.get(index=1)  # "Wij willen dat inwoners zo lang mogelijk ..."
    code = scan.codes.get(key="self_reliance")
    lead_client.post(
        reverse("coding:code_passage", kwargs={"slug": scan.slug, "passage_id": passage.pk}),
        {"code": code.uuid.hex, "assessment": "0", "from_word": "3", "to_word": "7"},
    )
    assert Coding.objects.get().quote == "inwoners zo lang mogelijk zelfstandig"
