"""Server time of the goal tree and the proposals page with many real passages.

The scan holds the passages of real public documents (two Wassenaar budgets, the
Jeugd reform agenda, the Iv3 information requirements, the Jeugdwet and its regulation,
three VNG contract texts, the VNG process agreements for Jeugdhulp), repeated under new
source rows until the scan has 10,000 and then 40,000 passages, spread over the layers
of the chain. Twelve intended effects are in the tree, as after step 2.

Each passage carries its intent sentences and a vector, as the reading task stores
them. The figures are about speed, not about which passages match, so the vectors are
pseudo-random unit vectors (embedding 40,000 passages would take the model about forty
minutes); the work per request is the same as with the model's vectors.

Measured with Django's test client (the whole request: permission check, queries,
tracing, template; templates rendered without the test environment's instrumentation):
the first request after the passages changed (``cold``: the process builds its trail
index) and the median of the five after it (``warm``). The issue's reference: 635 ms
(tree) and 754 ms (proposals) at 10,000 passages before this work.
"""

import statistics
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from django.template import Template
from django.test import Client, override_settings
from django.test.utils import _TestState

from thermometer.core import embeddings
from thermometer.goals import services as goals
from thermometer.sources.constants import PassageKind, SourceKind, SourceStatus
from thermometer.sources.extraction import extract
from thermometer.sources.inspection import inspect_upload
from thermometer.sources.intents import INTENTS_VERSION, intent_spans
from thermometer.sources.models import Passage, Source
from thermometer.testing import factories

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "policy_documents"
CORPUS = ROOT / "bench" / "data" / "corpus"
DOCUMENTS = [
    (SHARED / "2_gemeente_wassenaar/Begroting_2025_Wassenaar.pdf", "beleid"),
    (SHARED / "2_gemeente_wassenaar/Begroting_2026_Wassenaar.pdf", "beleid"),
    (CORPUS / "1_raad_beleid/Hervormingsagenda_Jeugd_2023-2028.pdf", "visie"),
    (CORPUS / "2_regelgeving/Iv3_Informatievoorschrift_gemeenten_2026_v1.0.pdf", "regelgeving"),
    (SHARED / "1_wet/Jeugdwet_2026-01-01.md", "regelgeving"),
    (SHARED / "1_wet/Regeling_Jeugdwet.md", "regelgeving"),
    (SHARED / "3_opdracht_contract/VNG_CS_Wmo_Overeenkomst_v1.2.md", "opdracht"),
    (SHARED / "3_opdracht_contract/VNG_CS_Wmo_Toelichting_overeenkomst.md", "opdracht"),
    (SHARED / "3_opdracht_contract/VNG_CS_Wmo_Inkoopdocument_met_EMVI.md", "opdracht"),
    (CORPUS / "3_opdracht/VNG_Procesafspraken_LTA_Jeugdhulp_2025.pdf", "werkinstructie"),
]
EFFECTS = [
    ("self_reliance", "Inwoners kunnen langer zelfstandig thuis wonen", "beleid"),
    ("self_reliance", "Mantelzorgers worden ondersteund zodat zij de zorg volhouden", "beleid"),
    ("self_reliance", "Minder jeugdigen zijn aangewezen op specialistische jeugdhulp", "visie"),
    ("self_reliance", "Inwoners met een uitkering doen mee naar vermogen", "beleid"),
    ("integrality", "Eén gezin, één plan, één regisseur", "visie"),
    ("integrality", "Het sociaal team is de toegang voor alle vragen", "beleid"),
    ("integrality", "Jeugdhulp en onderwijs werken samen rond het kind", "visie"),
    ("integrality", "Schuldhulp wordt verbonden met de ondersteuning thuis", "beleid"),
    ("finances", "De kosten van de jeugdhulp blijven binnen het budget", "beleid"),
    ("finances", "Aanbieders worden bekostigd op resultaat in plaats van productie", "beleid"),
    ("finances", "De uitgaven aan maatwerkvoorzieningen dalen", "visie"),
    ("finances", "Het tekort in het sociaal domein wordt teruggedrongen", "bestuur"),
]
SIZES = [10_000, 40_000]
WARM_RUNS = 5


def _read_all() -> list[tuple[str, str, list]]:
    read = []
    for path, place in DOCUMENTS:
        if not path.exists():
            continue
        data = path.read_bytes()
        kind = inspect_upload(data, path.name, max_bytes=10**9, max_uncompressed=10**10)
        extracted = extract(data, kind, markdown=path.suffix == ".md")
        # What the reading task stores with each passage besides its vector.
        passages = [(p, intent_spans(p.text)) for p in extracted.passages]
        read.append((path.name, place, passages))
    return read


def _fill(scan, read, wanted: int, rng) -> int:
    """Copies of the read documents as read sources of ``scan`` until it holds ``wanted``
    passages; returns the number it holds."""
    have = Passage.objects.filter(source__scan=scan).count()
    copy = Source.objects.filter(scan=scan).count()
    while have < wanted:
        for name, place, passages in read:
            if have >= wanted:
                break
            copy += 1
            source = Source.objects.create(
                scan=scan,
                kind=SourceKind.DOCUMENT,
                title=f"{name} ({copy})",
                place=place,
                original_name=name,
                sha256=f"{copy:064d}",
                status=SourceStatus.DONE,
                progress=100,
            )
            take = passages[: wanted - have]
            vectors = rng.standard_normal((len(take), 384)).astype("float32")
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            Passage.objects.bulk_create(
                [
                    Passage(
                        source=source,
                        index=i,
                        intents=intents,
                        intents_version=INTENTS_VERSION,
                        page=p.page,
                        page_end=p.page_end,
                        kind=p.kind or PassageKind.TEXT,
                        paragraph=p.paragraph,
                        start=p.start,
                        end=p.end,
                        text=p.text,
                        digest=Passage.digest_of(p.text),
                        embedding=embeddings.to_bytes(vectors[i]),
                        embedding_model=embeddings.model_version(),
                    )
                    for i, (p, intents) in enumerate(take)
                ],
                batch_size=2000,
            )
            have += len(take)
    return have


@contextmanager
def _plain_rendering():
    """Templates rendered as in production: the test environment's instrumented render
    (it records every template and context for assertions) is set aside meanwhile."""
    instrumented = Template._render
    Template._render = _TestState.saved_data.template_render
    try:
        yield
    finally:
        Template._render = instrumented


def _time(client, url: str) -> dict:
    started = time.perf_counter()
    response = client.get(url)
    cold = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    warm = []
    for _ in range(WARM_RUNS):
        started = time.perf_counter()
        client.get(url)
        warm.append(time.perf_counter() - started)
    return {"cold_ms": round(cold * 1000), "warm_ms": round(statistics.median(warm) * 1000)}


@override_settings(EMBEDDINGS=True)
def run() -> dict:
    if not SHARED.exists():
        return {"skipped": "../shared/data is not present"}
    if not embeddings.available():
        return {"skipped": "the embedding model is not installed"}
    read = _read_all()
    scan = factories.make_scan(title="Thermometer prestaties")
    for goal, statement, layer in EFFECTS:
        goals.add_effect(scan, goal=goal, statement=statement, layer=layer, user=scan.created_by)
    client = Client()
    client.force_login(scan.created_by)
    rng = np.random.default_rng(16)
    figures = {"documents": [name for name, _, _ in read], "effects": len(EFFECTS)}
    for size in SIZES:
        held = _fill(scan, read, size, rng)
        with _plain_rendering():
            figures[f"{size}_passages"] = {
                "passages": held,
                "goal_tree": _time(client, f"/scans/{scan.slug}/goals/"),
                "proposals": _time(client, f"/scans/{scan.slug}/goals/proposals/"),
            }
    return figures
