"""Quality and speed of the document-trail matcher (``thermometer.goals.trail``).

Labels: bench/data/trail_pairs.jsonl, (intended effect, passage) pairs from real public
documents along the chain (law, budgets, contract standards, regulations and execution
texts of other bodies; see LABELLING.md): found, weakened or lost, with look-alike
negatives marked ``tricky``. Split by the passage's document family into tune and test
(splits.json); the thresholds were chosen on tune, the figures that count are test's.

Quality: every labelled passage is judged against its effect (``trail.best_match`` and
``trail.verdict``, as ``manage.py trace_pairs`` and the trail view do) in an index over
all passages of the real documents plus the labelled ones, so the word weights (idf) are
those of a realistic document set. Methods: ``words`` (the default analyser without the
model), ``words_and_meaning`` (with the embedding model, as the product runs where it is
installed), ``lemma`` and ``no_stemming`` as baselines. For "found": precision, recall,
F1; "weakened" recall; accuracy over the three; look-alikes called found.

Speed: the real documents' passages repeated until they make 500 pages of 3,000
characters; the time to build the index and trace 20 effects through four layers
(``trace_s``, default analyser; per analyser in ``trace_s_by_analyser``), word caches
cleared first, and the peak memory of that run (tracemalloc, a run of its own).
"""

import re
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from django.test import override_settings

from bench import labels
from thermometer.core import dutch, embeddings
from thermometer.goals import trail
from thermometer.sources.extraction import extract
from thermometer.sources.inspection import inspect_upload

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DOCUMENTS = SHARED / "policy_documents"
CHARS_PER_PAGE = 3000
PAGES = 500
# The folder of a document gives its layer in the chain.
FOLDER_LAYERS = {"1_wet": "regelgeving", "2_gemeente_wassenaar": "beleid"}
DEFAULT_LAYER = "opdrachtgeving"
TRACE_LAYERS = ["beleid", "regelgeving", "opdrachtgeving", "uitvoering"]
# Effects for the speed run besides those of the pairs (20 in all).
EXTRA_EFFECTS = [
    "jeugdigen worden betrokken bij lokale besluitvorming",
    "eenzaamheid onder inwoners tegengaan",
    "minder beroep op duurdere zorg",
    "mantelzorgers ondersteunen zodat zij de zorg langer volhouden",
]
METHODS = {
    "words": ("porter", {}, False),
    "words_and_meaning": ("porter", {}, True),
    "lemma": ("lemma", {}, False),
    "no_stemming": ("plain", {}, False),
}
SPACES = re.compile(r"\s+")


def _extract(path: Path):
    data = path.read_bytes()
    kind = inspect_upload(data, path.name, max_bytes=10**9, max_uncompressed=10**10)
    return extract(data, kind, markdown=path.suffix == ".md")


def _layer(path: Path) -> str:
    return FOLDER_LAYERS.get(path.parent.name, DEFAULT_LAYER)


def _scores(predicted: list[str], pairs: list[dict]) -> dict:
    truth = [p["label"] for p in pairs]
    both = list(zip(predicted, truth, strict=True))
    tp = sum(p == "found" and t == "found" for p, t in both)
    fp = sum(p == "found" and t != "found" for p, t in both)
    fn = sum(p != "found" and t == "found" for p, t in both)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    weakened = [p for p, t in both if t == "weakened"]
    tricky = [p for p, pair in zip(predicted, pairs, strict=True) if pair["tricky"]]
    return {
        "found": {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "support": tp + fn,
        },
        "weakened_recall": round(weakened.count("weakened") / len(weakened), 3)
        if weakened
        else None,
        "accuracy": round(sum(p == t for p, t in both) / len(both), 3),
        "confusion": dict(sorted(Counter(f"{t}->{p}" for p, t in both).items())),
        "tricky_negatives": {
            "pairs": len(tricky),
            "predicted_found": tricky.count("found"),
            "predicted_weakened": tricky.count("weakened"),
        },
    }


def _verdicts(pairs, background, analyser, thresholds, meaning) -> list[str]:
    candidates = [
        trail.Candidate(("doc", i), layer, text) for i, (layer, text) in enumerate(background)
    ]
    candidates += [trail.Candidate(p["id"], p["layer"], p["passage"]) for p in pairs]
    vectors, effects = {}, {}
    if meaning:
        passages = embeddings.embed_passages([p["passage"] for p in pairs])
        vectors = {p["id"]: v for p, v in zip(pairs, passages, strict=True)}
        effects = dict(
            zip(
                [p["id"] for p in pairs],
                embeddings.embed_queries([p["effect"] for p in pairs]),
                strict=True,
            )
        )
    index = trail.build_index(candidates, analyser, vectors)
    limits = {**trail.DEFAULT_THRESHOLDS, **thresholds}
    return [
        trail.verdict(trail.best_match(p["effect"], index, p["id"], effects.get(p["id"])), limits)
        for p in pairs
    ]


def _speed_run(candidates, effects, analyser) -> tuple[float, float]:
    dutch.stem_word.cache_clear()
    dutch._lemma.cache_clear()
    dutch._separable.cache_clear()
    started = time.perf_counter()
    index = trail.build_index(candidates, analyser)
    built = time.perf_counter()
    for effect in effects:
        trail.trace(effect, index, TRACE_LAYERS)
    return time.perf_counter() - started, built - started


@override_settings(EMBEDDINGS=True)
def run() -> dict:
    if not DOCUMENTS.exists():
        return {"skipped": "../shared/data/policy_documents is not present"}
    pairs = labels.trail_pairs()
    paths = sorted(p for p in DOCUMENTS.glob("[0-9]_*/*") if p.is_file())
    extracted = {path: _extract(path) for path in paths}
    background = [(_layer(path), p.text) for path, e in extracted.items() for p in e.passages]
    have_model = embeddings.available()
    figures = {
        "pairs": len(pairs),
        "labels": dict(Counter(p["label"] for p in pairs)),
        "tricky_negatives": sum(p["tricky"] for p in pairs),
        "effects": len({p["effect"] for p in pairs}),
        "thresholds": trail.DEFAULT_THRESHOLDS,
        "thresholds_tuned_on": "the tune part of bench/data/trail_pairs.jsonl",
        "model": embeddings.model_version() if have_model else None,
    }
    for part in ("tune", "test"):
        part_pairs = [p for p in pairs if p["part"] == part]
        methods = {}
        for name, (analyser, thresholds, meaning) in METHODS.items():
            if meaning and not have_model:
                continue
            predicted = _verdicts(part_pairs, background, analyser, thresholds, meaning)
            methods[name] = _scores(predicted, part_pairs)
        figures[part] = {
            "pairs": len(part_pairs),
            "labels": dict(Counter(p["label"] for p in part_pairs)),
            "methods": methods,
        }

    # Speed: the documents' passages over and over until they make 500 pages.
    candidates, characters = [], 0
    while characters < PAGES * CHARS_PER_PAGE:
        layer, text = background[len(candidates) % len(background)]
        candidates.append(trail.Candidate(len(candidates), layer, text))
        characters += len(text)
    effects = list(dict.fromkeys(p["effect"] for p in pairs))[:16] + EXTRA_EFFECTS
    timings = {name: _speed_run(candidates, effects, name) for name in trail.ANALYSERS}
    tracemalloc.start()
    _speed_run(candidates, effects, "porter")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    figures.update(
        {
            "pages": round(characters / CHARS_PER_PAGE, 1),
            "characters": characters,
            "candidates": len(candidates),
            "traced_effects": len(effects),
            "trace_s": round(timings["porter"][0], 2),
            "build_index_s": round(timings["porter"][1], 2),
            "trace_s_by_analyser": {
                ("no_stemming" if name == "plain" else name): round(seconds, 2)
                for name, (seconds, _) in timings.items()
            },
            "peak_mb": round(peak / 2**20, 1),
        }
    )
    return figures
