"""Passages close in meaning: the scan's stored vectors as one matrix, and the fusion of
a ranking by words with a ranking by meaning (hybrid search).

The matrix is built once per process while the scan's passages are unchanged (one
grouped query says so), so a search over 40,000 passages is a matrix product, not a
read of 60 MB of vectors."""

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max, Q

from thermometer.core import embeddings

from .models import Passage

FUSION_K = 60  # reciprocal rank fusion's constant (Cormack et al. 2009): ranks far down count less
KEPT = 4  # scans whose matrix a process keeps


@dataclass(frozen=True)
class Vectors:
    ids: np.ndarray  # passage ids, in the order of the rows
    matrix: np.ndarray  # unit vectors, float32


_CACHE: OrderedDict = OrderedDict()


def _fingerprint(passages, model: str) -> tuple:
    rows = (
        passages.values("source_id", "source__uuid")
        .annotate(
            count=Count("id"), last=Max("id"), meant=Count("id", filter=Q(embedding_model=model))
        )
        .order_by("source_id")
    )
    return (model, *(tuple(r.values()) for r in rows))


def scan_vectors(scan) -> Vectors | None:
    """The stored vectors of the current model of the scan's passages, or None where the
    model is absent or no passage has one yet."""
    if not embeddings.available():
        return None
    model = embeddings.model_version()
    passages = Passage.objects.filter(source__scan=scan)
    key = (scan.pk, *_fingerprint(passages, model))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    rows = passages.filter(embedding_model=model).exclude(embedding=None)
    ids, vectors = [], []
    for pid, vector in rows.values_list("id", "embedding").order_by("id"):
        ids.append(pid)
        vectors.append(embeddings.from_bytes(vector))
    found = Vectors(np.asarray(ids), np.stack(vectors).astype("float32")) if ids else None
    _CACHE[key] = found
    while len(_CACHE) > KEPT:
        _CACHE.popitem(last=False)
    return found


def closest(vectors: Vectors, vector: np.ndarray, limit: int, floor: float, leave_out=()) -> list:
    """(passage id, cosine) of the ``limit`` passages closest to ``vector``, at least
    ``floor`` close, best first; ids in ``leave_out`` are skipped."""
    cosines = vectors.matrix @ vector
    wanted = min(len(cosines), limit + len(leave_out))
    best = np.argpartition(-cosines, wanted - 1)[:wanted] if wanted < len(cosines) else None
    order = np.arange(len(cosines)) if best is None else best
    order = order[np.argsort(-cosines[order], kind="stable")]
    found = []
    for row in order:
        pid, cosine = int(vectors.ids[row]), float(cosines[row])
        if cosine < floor or len(found) >= limit:
            break
        if pid not in leave_out:
            found.append((pid, round(cosine, 3)))
    return found


def fuse(*rankings: list, limit: int) -> list:
    """Reciprocal rank fusion (pure): the ids of several best-first rankings in one order,
    an id high in any ranking high in the result; ties keep the first ranking's order."""
    scores: dict = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking):
            scores[key] = scores.get(key, 0.0) + 1.0 / (FUSION_K + rank + 1)
    first = {key: i for i, key in enumerate(k for r in rankings for k in r)}
    return sorted(scores, key=lambda k: (-scores[k], first[k]))[:limit]
