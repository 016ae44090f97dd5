"""Quality and speed of the coding suggestions, on hand-labelled real passages.

Labels: bench/data/coding_labels.json (158 passages from four public documents in
../shared/data/policy_documents). Methods: the default lexical method (Dutch Porter
stems), the same without stemming (to show what stemming adds), the lexical method on
Dutch lemmas with stop words skipped (simplemma), and Porter and lemmas together (a
code is suggested when either finds it). Intent is found by the same phrase patterns in
every method. Speed: pages per second for reading plus suggesting with the default
method, for reading alone (a PDF page is a page; for text documents 3,000 characters
count as a page), and suggesting alone per method.
"""

import hashlib
import json
import time
import tracemalloc
from pathlib import Path

from thermometer.coding.suggestions import ANALYSERS, find_intents, suggest_codes
from thermometer.methods.loader import load_method_file
from thermometer.sources.extraction import extract
from thermometer.sources.inspection import inspect_upload

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "policy_documents"
LABELS = ROOT / "bench" / "data" / "coding_labels.json"
GOALS = ["self_reliance", "integrality", "finances"]
CHARS_PER_PAGE = 3000


def _extract(path: Path):
    data = path.read_bytes()
    kind = inspect_upload(data, path.name, max_bytes=10**9, max_uncompressed=10**10)
    return extract(data, kind, markdown=path.suffix == ".md")


def _pages(extracted) -> float:
    return extracted.page_count or max(1.0, len(extracted.text) / CHARS_PER_PAGE)


def _unstemmed(text, lexicon):
    lowered = text.lower()
    found = []
    for key, terms in lexicon.items():
        if any(term.lower() in lowered for term in terms):
            found.append(key)
    return found


def _score(predicted: list[set], truth: list[set], label) -> dict:
    tp = sum(1 for p, t in zip(predicted, truth, strict=True) if label in p and label in t)
    fp = sum(1 for p, t in zip(predicted, truth, strict=True) if label in p and label not in t)
    fn = sum(1 for p, t in zip(predicted, truth, strict=True) if label not in p and label in t)
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        "support": tp + fn,
    }


def run() -> dict:
    if not SHARED.exists():
        return {"skipped": "../shared/data/policy_documents is not present"}
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["passages"]
    lexicon = load_method_file(ROOT / "thermometer/methods/definitions/thermometer/1.1.yaml")[
        "suggestion_lexicon"
    ]
    lexicon = {k: v for k, v in lexicon.items() if k in GOALS}
    documents = sorted({label["document"] for label in labels})

    started = time.perf_counter()
    extracted = {name: _extract(SHARED / name) for name in documents}
    extract_seconds = time.perf_counter() - started
    pages = sum(_pages(e) for e in extracted.values())

    def read_and_suggest():
        for name in documents:
            for passage in _extract(SHARED / name).passages:
                suggest_codes(passage.text, lexicon)
                find_intents(passage.text)

    started = time.perf_counter()
    read_and_suggest()
    full_seconds = time.perf_counter() - started
    # Memory in a run of its own: tracing allocations slows Python down several times.
    tracemalloc.start()
    read_and_suggest()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    texts, truth_goals, truth_intent = [], [], []
    for label in labels:
        passages = {p.start: p for p in extracted[label["document"]].passages}
        passage = passages.get(label["start"])
        if passage is None or hashlib.sha1(passage.text.encode()).hexdigest() != label["sha1"]:
            raise RuntimeError(f"label no longer matches its passage: {label}")
        texts.append(passage.text)
        truth_goals.append(set(label["goals"]))
        truth_intent.append({"intent"} if label["intent"] else set())

    intents = [{"intent"} if find_intents(t) else set() for t in texts]
    methods = {
        "lexical_dutch_porter": [{s.key for s in suggest_codes(t, lexicon)} for t in texts],
        "lexical_unstemmed": [set(_unstemmed(t, lexicon)) for t in texts],
        "lexical_lemma": [{s.key for s in suggest_codes(t, lexicon, "lemma")} for t in texts],
        "lexical_porter+lemma": [
            {s.key for s in suggest_codes(t, lexicon, "porter+lemma")} for t in texts
        ],
    }
    all_passages = [p.text for e in extracted.values() for p in e.passages]
    suggest_pages_per_s = {}
    for analyser in ANALYSERS:
        suggest_codes("", lexicon, analyser)  # compile the lexicon outside the timing
        started = time.perf_counter()
        for text in all_passages:
            suggest_codes(text, lexicon, analyser)
        suggest_pages_per_s[analyser] = round(pages / (time.perf_counter() - started), 1)
    return {
        "labelled": len(labels),
        "documents": documents,
        "methods": {
            name: {
                "per_goal": {goal: _score(goals, truth_goals, goal) for goal in GOALS},
                "intent": _score(intents, truth_intent, "intent"),
            }
            for name, goals in methods.items()
        },
        "pages": round(pages, 1),
        "pages_per_s": round(pages / full_seconds, 1),
        "extract_only_pages_per_s": round(pages / extract_seconds, 1),
        "suggest_only_pages_per_s": suggest_pages_per_s,
        "peak_mb": round(peak / 2**20, 1),
    }
