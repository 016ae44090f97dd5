"""Meaning from embeddings (pure: vectors in, scores and reasons out).

A passage's vector is compared with the example sentences of each goal and of an
intended effect (``coding.examples``). The score of a class is how much closer the
passage is to its closest examples than to the closest counter-examples ("none"):
a margin, so a passage that only shares a topic word with a goal but reads like
municipal business elsewhere scores low. The closest example is the explanation.
"""

from dataclasses import dataclass

import numpy as np

TOP = 2  # the mean of the closest TOP examples counts, so one odd example does not decide


@dataclass(frozen=True)
class Closeness:
    margin: float  # closeness to the class minus closeness to its counter-examples
    example: str  # the closest example of the class


def _closest(similarities: np.ndarray) -> tuple[float, int]:
    top = min(TOP, len(similarities))
    order = np.argsort(-similarities)[:top]
    return float(similarities[order].mean()), int(order[0])


def closeness(vector: np.ndarray, examples: dict, vectors: dict) -> dict[str, Closeness]:
    """Per class of ``examples`` (text lists, with "none" for the counter-examples), the
    margin of ``vector`` against "none" and the closest example. ``vectors`` holds the
    examples' unit vectors per class, in the same order."""
    against, _ = _closest(vectors["none"] @ vector)
    result = {}
    for key, texts in examples.items():
        if key == "none":
            continue
        score, best = _closest(vectors[key] @ vector)
        result[key] = Closeness(round(score - against, 4), texts[best])
    return result
