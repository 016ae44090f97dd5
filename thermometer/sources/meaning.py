"""The meaning of passages: their vectors in the embedding model, worked out once.

Run by the reading task after the passages are stored: in batches, with progress, and
never for text whose vector is already known in the scan (by hash and model). Where the
model is not installed nothing is computed and the product works by words alone."""

import logging

from thermometer.core import embeddings

from .models import Passage, Source

logger = logging.getLogger(__name__)
BATCH = 64


def known_vectors(scan_id: int, digests: list[str]) -> dict[str, bytes]:
    """Vectors of the current model already stored in the scan for these text hashes."""
    if not embeddings.available() or not digests:
        return {}
    rows = (
        Passage.objects.filter(
            source__scan_id=scan_id,
            digest__in=set(digests),
            embedding_model=embeddings.model_version(),
        )
        .exclude(embedding=None)
        .values_list("digest", "embedding")
    )
    return {digest: bytes(vector) for digest, vector in rows}


def embed_passages(source_id: int, kept: dict | None = None, start_percent: int = 0) -> int:
    """Store the vectors of the source's passages that lack one; returns how many were
    computed (not reused). Progress runs from ``start_percent`` to 100."""
    if not embeddings.available():
        Source.objects.filter(pk=source_id).update(progress=100)
        return 0
    model = embeddings.model_version()
    missing = list(
        Passage.objects.filter(source_id=source_id)
        .exclude(embedding_model=model)
        .only("id", "text", "digest")
        .order_by("index")
    )
    kept = dict(kept or {})
    reuse = [p for p in missing if p.digest in kept]
    for passage in reuse:
        passage.embedding, passage.embedding_model = kept[passage.digest], model
    Passage.objects.bulk_update(reuse, ["embedding", "embedding_model"], batch_size=500)
    todo = [p for p in missing if p.digest not in kept]
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        vectors = embeddings.embed_passages([p.text for p in batch])
        for passage, vector in zip(batch, vectors, strict=True):
            passage.embedding, passage.embedding_model = embeddings.to_bytes(vector), model
        Passage.objects.bulk_update(batch, ["embedding", "embedding_model"], batch_size=500)
        done = start + len(batch)
        percent = start_percent + (100 - start_percent) * done // max(1, len(todo))
        Source.objects.filter(pk=source_id).update(progress=percent)
    Source.objects.filter(pk=source_id).update(progress=100)
    return len(todo)
