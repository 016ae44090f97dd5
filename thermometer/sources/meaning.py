"""The meaning of passages: their vectors in the embedding model, worked out once.

Run by the reading task after the passages are stored: in batches, with progress, and
never for text whose vector is already known in the scan (by hash and model). Where the
model is not installed nothing is computed and the product works by words alone."""

from dataclasses import dataclass

from django.db.models import Count, F, Max, Q

from thermometer.core import embeddings

from .intents import INTENTS_VERSION, intent_spans
from .models import Passage, Source

BATCH = 64


def passages_state(passages, model: str) -> tuple:
    """What work built from ``passages`` (a queryset) depends on, in one grouped query:
    per source (by its random uuid, so ids reused after a rollback do not mislead) its
    place and title, its passages (count and highest id: passages are replaced, never
    edited) and how many have a vector of ``model``. Equal states, equal passages."""
    rows = (
        passages.values("source_id", "source__uuid", "source__place", "source__title")
        .annotate(
            count=Count("id"), last=Max("id"), meant=Count("id", filter=Q(embedding_model=model))
        )
        .order_by("source_id")
    )
    return (model, *(tuple(r.values()) for r in rows))


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


def embed_passages(source_id: int, passages: list, start_percent: int = 0, heartbeat=None) -> int:
    """Store the vectors of ``passages`` (of one source, without a vector of the current
    model); returns how many were computed. Progress runs from ``start_percent`` to 100,
    each batch also a heartbeat of the reading task (core.leases)."""
    computed = 0
    if embeddings.available():
        for start in range(0, len(passages), BATCH):
            batch = passages[start : start + BATCH]
            _store_vectors(batch)
            computed += len(batch)
            percent = start_percent + (100 - start_percent) * computed // len(passages)
            if heartbeat is not None:
                heartbeat.beat(progress=percent)
            else:
                Source.objects.filter(pk=source_id).update(progress=percent)
    Source.objects.filter(pk=source_id).update(progress=100)
    return computed


def _store_vectors(batch: list) -> None:
    model = embeddings.model_version()
    vectors = embeddings.embed_passages([p.text for p in batch])
    for passage, vector in zip(batch, vectors, strict=True):
        passage.embedding, passage.embedding_model = embeddings.to_bytes(vector), model
    Passage.objects.bulk_update(batch, ["embedding", "embedding_model"])


@dataclass
class Refreshed:
    intents: int = 0  # passages whose intent sentences were worked out again
    reused: int = 0  # passages given a vector already known for the same text in the scan
    embedded: int = 0  # passages embedded by the model
    waiting: int = 0  # passages still without a vector (the model is not installed)


def refresh(passages, dry_run: bool = False) -> Refreshed:
    """Bring stored passages (a queryset) up to date with this version of the product:
    their intent sentences worked out with the current patterns, and a vector of the
    current model, reused by text hash within the scan where one is known. Passages read
    by an earlier version so get what the reading task stores now. ``dry_run`` counts
    what would be done and changes nothing."""
    done = Refreshed()
    stale = passages.filter(~Q(intents_version=INTENTS_VERSION) | Q(intents__isnull=True))
    for batch in by_id_batches(stale.only("id", "text")):
        for passage in batch:
            passage.intents = intent_spans(passage.text)
            passage.intents_version = INTENTS_VERSION
        if not dry_run:
            Passage.objects.bulk_update(batch, ["intents", "intents_version"])
        done.intents += len(batch)
    model = embeddings.model_version() if embeddings.available() else ""
    lacking = passages.filter(~Q(embedding_model=model) | Q(embedding=None) | Q(digest=""))
    rows = lacking.only("id", "text", "digest").annotate(in_scan=F("source__scan_id"))
    for batch in by_id_batches(rows):
        if not model:
            done.waiting += len(batch)
            continue
        for passage in batch:
            passage.digest = passage.digest or Passage.digest_of(passage.text)
        known = _known_in_scans(batch)
        reuse = [p for p in batch if p.digest in known]
        fresh = [p for p in batch if p.digest not in known]
        done.reused += len(reuse)
        done.embedded += len(fresh)
        if dry_run:
            continue
        for passage in reuse:
            passage.embedding, passage.embedding_model = known[passage.digest], model
        Passage.objects.bulk_update(batch, ["digest", "embedding", "embedding_model"])
        for start in range(0, len(fresh), BATCH):
            _store_vectors(fresh[start : start + BATCH])
    return done


def _known_in_scans(batch: list) -> dict[str, bytes]:
    known: dict[str, bytes] = {}
    for scan_id in {p.in_scan for p in batch}:
        digests = [p.digest for p in batch if p.in_scan == scan_id]
        known.update(known_vectors(scan_id, digests))
    return known


def by_id_batches(rows, size: int = 500):
    """``rows`` in batches by ascending id; safe while the rows are being updated out of
    the filter (no offsets)."""
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk
