"""The meaning of passages: their vectors in the embedding model, worked out once.

Run by the reading task after the passages are stored: in batches, with progress, and
never for text whose vector is already known in the scan (by hash and model). Where the
model is not installed nothing is computed and the product works by words alone."""

from thermometer.core import embeddings

from .models import Passage, Source

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


def embed_passages(source_id: int, passages: list, start_percent: int = 0) -> int:
    """Store the vectors of ``passages`` (of one source, without a vector of the current
    model); returns how many were computed. Progress runs from ``start_percent`` to 100."""
    computed = 0
    if embeddings.available():
        model = embeddings.model_version()
        for start in range(0, len(passages), BATCH):
            batch = passages[start : start + BATCH]
            vectors = embeddings.embed_passages([p.text for p in batch])
            for passage, vector in zip(batch, vectors, strict=True):
                passage.embedding, passage.embedding_model = embeddings.to_bytes(vector), model
            Passage.objects.bulk_update(batch, ["embedding", "embedding_model"])
            computed += len(batch)
            percent = start_percent + (100 - start_percent) * computed // len(passages)
            Source.objects.filter(pk=source_id).update(progress=percent)
    Source.objects.filter(pk=source_id).update(progress=100)
    return computed
