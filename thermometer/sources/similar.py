"""Passages close in meaning: the scan's stored vectors as one matrix, and the fusion of
a ranking by words with a ranking by meaning (hybrid search).

The matrix is built once per process while the scan's passages are unchanged (one
grouped query says so), so a search over 40,000 passages is a matrix product, not a
read of 60 MB of vectors."""

from dataclasses import dataclass

import numpy as np

from thermometer.core import embeddings
from thermometer.core.kept import KeptPerProcess

from .meaning import passages_state
from .models import Passage

FUSION_K = 60  # reciprocal rank fusion's constant (Cormack et al. 2009): ranks far down count less
KEPT = 4  # scans whose matrix a process keeps


@dataclass(frozen=True)
class Vectors:
    ids: np.ndarray  # passage ids, in the order of the rows
    matrix: np.ndarray  # unit vectors, float32


_KEPT = KeptPerProcess(KEPT)


def scan_vectors(scan) -> Vectors | None:
    """The stored vectors of the current model of the scan's passages, or None where the
    model is absent or no passage has one yet."""
    if not embeddings.available():
        return None
    model = embeddings.model_version()
    passages = Passage.objects.filter(source__scan=scan)
    return _KEPT.get((scan.pk, passages_state(passages, model)), lambda: _load(passages, model))


def _load(passages, model: str) -> Vectors | None:
    rows = passages.filter(embedding_model=model).exclude(embedding=None)
    ids, vectors = [], []
    for pid, vector in rows.values_list("id", "embedding").order_by("id"):
        ids.append(pid)
        vectors.append(embeddings.from_bytes(vector))
    return Vectors(np.asarray(ids), np.stack(vectors).astype("float32")) if ids else None


def closest(vectors: Vectors, vector: np.ndarray, limit: int, floor: float, leave_out=()) -> list:
    """(passage id, cosine) of the ``limit`` passages closest to ``vector``, at least
    ``floor`` close, best first; ids in ``leave_out`` are skipped."""
    cosines = vectors.matrix @ vector
    found = []
    for row in embeddings.best_first(cosines, limit + len(leave_out)):
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
