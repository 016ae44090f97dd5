"""Quality and speed of the document-trail matcher (``thermometer.goals.trail``).

Labels: bench/data/trail_pairs.json, 63 (intended effect, passage) pairs built by hand
from the real documents in ../shared/data/policy_documents along one chain: the
Jeugdwet and Wmo 2015 (and their regulations) -> the Wassenaar Begroting 2025/2026 and
beleidsbibliotheek -> the VNG contractstandaard Wmo. Effects are short statements of
intent from the law or the Begroting; each passage is a verbatim paragraph (or list
line) from a lower document, labelled found (carries the intent with its purpose),
weakened (the topic or service, or part of the effect, without the purpose) or lost;
25 are "tricky" negatives that share words with the effect but not its intent. The
pairs were labelled before the matcher was measured; many "found" passages say the same
thing in other words ("zo lang mogelijk in zijn eigen leefomgeving" for "langer
zelfstandig thuis"), which no lexical method can find.

Quality: every labelled passage is scored against its effect (``trail.best_match``) in
an index over all passages of the real documents plus the labelled ones, so the word
weights (idf) are those of a realistic document set. For the "found" label: precision,
recall and F1; over found/weakened/lost: accuracy and the confusion counts. Methods:
``porter`` (the default: Dutch Porter stems, stop words skipped), ``lemma`` (simplemma
lemmas, separable verbs joined) and ``no_stemming`` (plain lower-case words, the same
stop words) as a baseline; ``porter_purpose_required`` shows the rule that content
without a purpose sentence is at most "weakened". The thresholds (DEFAULT_THRESHOLDS)
were tuned on these same pairs, so the figures are optimistic for new text.

No semantic or embedding model is available offline, so none is measured
(``semantic`` is null).

Speed: the real documents' passages repeated until they make 500 pages of 3,000
characters; the time to build the index and trace 20 effects through four layers
(``trace_s``, default analyser; per analyser in ``trace_s_by_analyser``), word caches
cleared first, and the peak memory of that run (tracemalloc, a run of its own).
"""

import json
import re
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from thermometer.coding import suggestions
from thermometer.goals import trail
from thermometer.sources.extraction import extract
from thermometer.sources.inspection import inspect_upload

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DOCUMENTS = SHARED / "policy_documents"
PAIRS = ROOT / "bench" / "data" / "trail_pairs.json"
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
    "porter": ("porter", {}),
    "lemma": ("lemma", {}),
    "no_stemming": ("plain", {}),
    "porter_purpose_required": ("porter", {"purpose_required": True}),
}
SPACES = re.compile(r"\s+")


def _extract(path: Path):
    data = path.read_bytes()
    kind = inspect_upload(data, path.name, max_bytes=10**9, max_uncompressed=10**10)
    return extract(data, kind, markdown=path.suffix == ".md")


def _layer(path: Path) -> str:
    return FOLDER_LAYERS.get(path.parent.name, DEFAULT_LAYER)


def _found_scores(predicted: list[str], truth: list[str]) -> dict:
    tp = sum(p == "found" and t == "found" for p, t in zip(predicted, truth, strict=True))
    fp = sum(p == "found" and t != "found" for p, t in zip(predicted, truth, strict=True))
    fn = sum(p != "found" and t == "found" for p, t in zip(predicted, truth, strict=True))
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {
        "precision": round(precision, 3) if precision is not None else None,
        "recall": round(recall, 3) if recall is not None else None,
        "f1": round(f1, 3),
        "support": tp + fn,
    }


def _quality(pairs, background, analyser, thresholds) -> dict:
    candidates = [
        trail.Candidate(("doc", i), layer, text) for i, (layer, text) in enumerate(background)
    ]
    candidates += [trail.Candidate(p["id"], p["layer"], p["passage"]) for p in pairs]
    index = trail.build_index(candidates, analyser)
    limits = {**trail.DEFAULT_THRESHOLDS, **thresholds}
    predicted = [
        trail.verdict(trail.best_match(p["effect"], index, p["id"]), limits) for p in pairs
    ]
    truth = [p["label"] for p in pairs]
    scores = _found_scores(predicted, truth)
    scores["accuracy"] = round(
        sum(p == t for p, t in zip(predicted, truth, strict=True)) / len(pairs), 3
    )
    confusion = Counter(f"{t}->{p}" for p, t in zip(predicted, truth, strict=True))
    scores["confusion"] = dict(sorted(confusion.items()))
    tricky = [p for p, pair in zip(predicted, pairs, strict=True) if pair["tricky"]]
    scores["tricky_negatives"] = {
        "pairs": len(tricky),
        "predicted_found": tricky.count("found"),
        "predicted_weakened": tricky.count("weakened"),
    }
    return scores


def _speed_run(candidates, effects, analyser) -> tuple[float, float]:
    suggestions.stem_word.cache_clear()
    suggestions._lemma.cache_clear()
    suggestions._separable.cache_clear()
    started = time.perf_counter()
    index = trail.build_index(candidates, analyser)
    built = time.perf_counter()
    for effect in effects:
        trail.trace(effect, index, TRACE_LAYERS)
    return time.perf_counter() - started, built - started


def run() -> dict:
    if not DOCUMENTS.exists():
        return {"skipped": "../shared/data/policy_documents is not present"}
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]
    paths = sorted(p for p in DOCUMENTS.glob("[0-9]_*/*") if p.is_file())
    extracted = {path: _extract(path) for path in paths}

    # Every labelled passage must still be verbatim in its document.
    texts = {
        str(path.relative_to(SHARED)): SPACES.sub(" ", e.text) for path, e in extracted.items()
    }
    for pair in pairs:
        if SPACES.sub(" ", pair["passage"]) not in texts[pair["source"]]:
            raise RuntimeError(f"pair {pair['id']} is no longer verbatim in {pair['source']}")

    background = [(_layer(path), p.text) for path, e in extracted.items() for p in e.passages]
    methods = {
        name: _quality(pairs, background, analyser, thresholds)
        for name, (analyser, thresholds) in METHODS.items()
    }

    # Speed: the documents' passages over and over until they make 500 pages.
    candidates, characters = [], 0
    while characters < PAGES * CHARS_PER_PAGE:
        layer, text = background[len(candidates) % len(background)]
        candidates.append(trail.Candidate(len(candidates), layer, text))
        characters += len(text)
    effects = list(dict.fromkeys(p["effect"] for p in pairs)) + EXTRA_EFFECTS
    timings = {name: _speed_run(candidates, effects, name) for name in trail.ANALYSERS}
    tracemalloc.start()
    _speed_run(candidates, effects, "porter")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    return {
        "pairs": len(pairs),
        "labels": dict(Counter(p["label"] for p in pairs)),
        "tricky_negatives": sum(p["tricky"] for p in pairs),
        "effects": len({p["effect"] for p in pairs}),
        "thresholds": trail.DEFAULT_THRESHOLDS,
        "thresholds_tuned_on": "these pairs (bench/data/trail_pairs.json)",
        "methods": methods,
        "semantic": None,
        "semantic_reason": "no semantic or embedding model is available offline",
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
